import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, CATCH_UP_VERSION, MAX_ABORT_REASON_BYTES, type CatchUpFrame } from '../../../shared/sync/catch-up-frames';
import { encodeObjectRecordHeader, ObjectRecordParser, type ObjectStreamEvent, type ObjectStreamLimits } from '../../../shared/sync/object-records';
import { SyncProtocolError } from '../../../shared/sync/sync-error';
import { seededRandom } from './sync-fixtures';

const LIMITS: ObjectStreamLimits = { maxObjects: 10, maxObjectBytes: 1 << 20, maxTotalBytes: 1 << 22 };

function bytesOf(length: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

const OBJECTS = [
  { kind: 'assessment' as const, bytes: bytesOf(900, 1) },
  { kind: 'chunk' as const, bytes: bytesOf(0, 2) },
  { kind: 'chunk' as const, bytes: bytesOf(20_000, 3) },
  { kind: 'roster' as const, bytes: bytesOf(127, 4) },
  { kind: 'phase' as const, bytes: bytesOf(128, 5) },
];

function stream(): Uint8Array {
  return Uint8Array.from(OBJECTS.flatMap((o) => [...encodeObjectRecordHeader(o.kind, o.bytes.length), ...o.bytes]));
}

/** Parses the stream cut into pieces of the given sizes (cycled), reassembling each object. */
function parse(bytes: Uint8Array, pieceSizes: readonly number[], limits = LIMITS): { kind: string; offset: number; bytes: Uint8Array }[] {
  const parser = new ObjectRecordParser(limits);
  const objects: { kind: string; offset: number; parts: Uint8Array[] }[] = [];
  const take = (event: ObjectStreamEvent) => {
    if (event.type === 'begin') objects.push({ kind: event.kind, offset: event.offset, parts: [] });
    else if (event.type === 'content') objects.at(-1)!.parts.push(event.bytes.slice());
  };
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = pieceSizes[i % pieceSizes.length]!;
    for (const event of parser.push(bytes.subarray(at, at + size))) take(event);
    at += size;
  }
  parser.finish();
  return objects.map((o) => ({ kind: o.kind, offset: o.offset, bytes: Uint8Array.from(o.parts.flatMap((p) => [...p])) }));
}

function refusal(run: () => unknown): SyncProtocolError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SyncProtocolError);
    expect((error as Error).message).not.toContain('\n');
    return error as SyncProtocolError;
  }
  throw new Error('accepted');
}

describe('object records', () => {
  it('parse the same objects however the stream is cut, with the offset of each content', () => {
    const bytes = stream();
    for (const cuts of [[bytes.length], [1], [2, 3], [511, 1], [4096, 7, 1]]) {
      const parsed = parse(bytes, cuts);
      expect(parsed.map((o) => [o.kind, o.bytes])).toEqual(OBJECTS.map((o) => [o.kind, o.bytes]));
      for (const object of parsed) expect(bytes.subarray(object.offset, object.offset + object.bytes.length)).toEqual(object.bytes);
    }
  });

  it('refuses a stream that ends inside a record, an unknown kind, a header too long, and what breaks a bound', () => {
    const bytes = stream();
    expect(refusal(() => parse(bytes.subarray(0, bytes.length - 1), [1000])).message).toMatch(/ends inside an object/);
    expect(refusal(() => parse(bytes.subarray(0, 1), [1])).message).toMatch(/ends inside an object/);
    expect(refusal(() => parse(Uint8Array.from([7, 0]), [1])).message).toMatch(/kind 7/);
    expect(refusal(() => parse(Uint8Array.from([0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), [3])).message).toMatch(/longer than/);
    expect(refusal(() => parse(bytes, [4096], { ...LIMITS, maxObjects: 4 })).code).toBe('limit');
    expect(refusal(() => parse(bytes, [4096], { ...LIMITS, maxObjectBytes: 19_999 })).message).toMatch(/20000 bytes, over the limit/);
    expect(refusal(() => parse(bytes, [4096], { ...LIMITS, maxTotalBytes: 20_000 })).code).toBe('limit');
  });

  it('a huge declared size is refused from its header, before any content arrives', () => {
    const parser = new ObjectRecordParser(LIMITS);
    const header = encodeObjectRecordHeader('chunk', 2 ** 40);
    expect(refusal(() => [...parser.push(header)]).code).toBe('limit');
  });
});

describe('catch-up frames', () => {
  const FRAMES: CatchUpFrame[] = [
    { type: 'reconcile', message: Uint8Array.from([0]) },
    { type: 'objects', piece: bytesOf(300, 6) },
    { type: 'sent', objects: 8_200, bytes: 7_500_000 },
    { type: 'received', added: 8_100, present: 90, rejected: 10 },
    { type: 'abort', reason: 'the import failed: busy' },
  ];

  it('round-trip', () => {
    for (const frame of FRAMES) expect(decodeFrame(encodeFrame(frame))).toEqual(frame);
  });

  it('refuse another version, an unknown type, an empty objects frame, trailing bytes and frames over the limit, in one line', () => {
    const sent = encodeFrame(FRAMES[2]!);
    expect(refusal(() => decodeFrame(Uint8Array.from([CATCH_UP_VERSION + 1, ...sent.subarray(1)]))).code).toBe('version');
    expect(refusal(() => decodeFrame(Uint8Array.from([CATCH_UP_VERSION, 42]))).message).toMatch(/unknown type 42/);
    expect(refusal(() => decodeFrame(Uint8Array.from([CATCH_UP_VERSION, 2]))).message).toMatch(/empty objects frame/);
    expect(refusal(() => decodeFrame(Uint8Array.from([...sent, 0]))).message).toMatch(/after the end/);
    expect(refusal(() => decodeFrame(Uint8Array.from([]))).code).toBe('malformed');
    expect(refusal(() => decodeFrame(encodeFrame(FRAMES[1]!), 100)).code).toBe('limit');
  });

  it('an abort reason is one printable line, cut to its bound', () => {
    const frame = decodeFrame(encodeFrame({ type: 'abort', reason: `first\nsecond\u0007 ${'x'.repeat(2 * MAX_ABORT_REASON_BYTES)}` }));
    expect(frame.type).toBe('abort');
    const reason = (frame as { reason: string }).reason;
    expect(reason).toMatch(/^first second x+$/);
    expect(reason.length).toBeLessThanOrEqual(MAX_ABORT_REASON_BYTES);
  });
});
