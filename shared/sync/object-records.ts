import { PACK_OBJECT_KINDS, type PackObjectKind } from '../pack/pack-index';
import { SyncProtocolError } from './sync-error';
import { ByteReader, ByteWriter } from './wire-bytes';

/**
 * The objects a catch-up sends, as one byte stream of records: `kind:u8 size:varint content`, the
 * kind an index into PACK_OBJECT_KINDS. No name: the receiver hashes each content to learn its id
 * (it must anyway), and its import takes the kind from the signed bytes, never from this byte. A
 * pack's tar headers (512 bytes and padding per object) would cost more than the objects' own
 * bytes for ~1 KB statements; a record costs 3 or 4.
 */
export function encodeObjectRecordHeader(kind: PackObjectKind, size: number): Uint8Array {
  return new ByteWriter().byte(PACK_OBJECT_KINDS.indexOf(kind)).varint(size).finish();
}

export interface ObjectStreamLimits {
  readonly maxObjects: number;
  readonly maxObjectBytes: number;
  readonly maxTotalBytes: number;
}

export type ObjectStreamEvent =
  /** `offset`: where the object's content starts in the stream. */
  | { readonly type: 'begin'; readonly kind: PackObjectKind; readonly size: number; readonly offset: number }
  | { readonly type: 'content'; readonly bytes: Uint8Array }
  /** The current object's content is complete. */
  | { readonly type: 'end' };

const MAX_HEADER_BYTES = 9;

/** Parses the record stream as it arrives in pieces of any size, refusing what breaks a bound in one line. */
export class ObjectRecordParser {
  private header: Uint8Array = new Uint8Array(0);
  private remaining = 0;
  private inObject = false;
  private objects = 0;
  private bytes = 0;
  /** Stream bytes before the piece being parsed. */
  private position = 0;

  constructor(private readonly limits: ObjectStreamLimits) {}

  get objectCount(): number {
    return this.objects;
  }

  /** The content bytes of every object so far. */
  get contentBytes(): number {
    return this.bytes;
  }

  *push(piece: Uint8Array): Generator<ObjectStreamEvent> {
    yield* this.parse(piece);
    this.position += piece.length;
  }

  private *parse(piece: Uint8Array): Generator<ObjectStreamEvent> {
    let offset = 0;
    while (offset < piece.length) {
      if (this.inObject) {
        const take = Math.min(this.remaining, piece.length - offset);
        yield { type: 'content', bytes: piece.subarray(offset, offset + take) };
        offset += take;
        this.remaining -= take;
        if (this.remaining === 0) yield* this.endObject();
        continue;
      }
      const headerEnd = this.headerEnd(piece, offset);
      if (headerEnd === undefined) {
        this.header = concat(this.header, piece.subarray(offset));
        if (this.header.length >= MAX_HEADER_BYTES) throw new SyncProtocolError('malformed', 'object stream: a record header longer than 9 bytes');
        return;
      }
      const header = concat(this.header, piece.subarray(offset, headerEnd));
      this.header = new Uint8Array(0);
      offset = headerEnd;
      yield* this.beginObject(header, this.position + offset);
    }
  }

  /** The stream ended: refused if it ended inside a record. */
  finish(): void {
    if (this.inObject || this.header.length > 0) throw new SyncProtocolError('malformed', 'object stream: ends inside an object');
  }

  /** Where the header that starts with the held bytes and continues at `offset` ends: after the first varint byte without its high bit. */
  private headerEnd(piece: Uint8Array, offset: number): number | undefined {
    let at = offset;
    if (this.header.length === 0) at += 1;
    for (; at < piece.length; at++) if ((piece[at]! & 0x80) === 0) return at + 1;
    return undefined;
  }

  private *beginObject(header: Uint8Array, offset: number): Generator<ObjectStreamEvent> {
    const reader = new ByteReader(header, `object stream: object ${this.objects + 1}`);
    const code = reader.byte('kind');
    const kind = PACK_OBJECT_KINDS[code];
    if (kind === undefined) throw new SyncProtocolError('malformed', `object stream: object ${this.objects + 1}: kind ${code} is not one of 0 to ${PACK_OBJECT_KINDS.length - 1}`);
    const size = reader.varint('size');
    reader.end();
    this.objects += 1;
    if (this.objects > this.limits.maxObjects) throw new SyncProtocolError('limit', `object stream: more than the ${this.limits.maxObjects} objects expected`);
    if (size > this.limits.maxObjectBytes) throw new SyncProtocolError('limit', `object stream: object ${this.objects} has ${size} bytes, over the limit of ${this.limits.maxObjectBytes}`);
    this.bytes += size;
    if (this.bytes > this.limits.maxTotalBytes) throw new SyncProtocolError('limit', `object stream: more than ${this.limits.maxTotalBytes} bytes of objects`);
    yield { type: 'begin', kind, size, offset };
    this.inObject = true;
    this.remaining = size;
    if (size === 0) yield* this.endObject();
  }

  private *endObject(): Generator<ObjectStreamEvent> {
    this.inObject = false;
    yield { type: 'end' };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b.slice();
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
