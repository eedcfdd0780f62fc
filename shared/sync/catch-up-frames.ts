import { SyncProtocolError } from './sync-error';
import { ByteReader, ByteWriter } from './wire-bytes';

/** Bumped when a frame or a message changes meaning; a peer with another version is refused in one line. */
export const CATCH_UP_VERSION = 1;
/** The largest frame a side sends or accepts by default. */
export const DEFAULT_MAX_FRAME_BYTES = (1 << 20) + 64;
export const MAX_ABORT_REASON_BYTES = 512;

/**
 * What travels on a catch-up's transport, one frame per transport message:
 * `version:u8 type:u8 payload`.
 *   reconcile — a reconcile message (shared/sync/reconcile-message.ts)
 *   objects   — the next piece of this side's object record stream (shared/sync/object-records.ts)
 *   sent      — this side's objects are all sent: how many, and their content bytes
 *   received  — this side imported the peer's objects: how many its store added, already held, refused
 *   abort     — this side stops, and why (one line)
 */
export type CatchUpFrame =
  | { readonly type: 'reconcile'; readonly message: Uint8Array }
  | { readonly type: 'objects'; readonly piece: Uint8Array }
  | { readonly type: 'sent'; readonly objects: number; readonly bytes: number }
  | { readonly type: 'received'; readonly added: number; readonly present: number; readonly rejected: number }
  | { readonly type: 'abort'; readonly reason: string };

const CODES = { reconcile: 1, objects: 2, sent: 3, received: 4, abort: 5 } as const;

export function encodeFrame(frame: CatchUpFrame): Uint8Array {
  const writer = new ByteWriter().byte(CATCH_UP_VERSION).byte(CODES[frame.type]);
  switch (frame.type) {
    case 'reconcile':
      return writer.bytes(frame.message).finish();
    case 'objects':
      return writer.bytes(frame.piece).finish();
    case 'sent':
      return writer.varint(frame.objects).varint(frame.bytes).finish();
    case 'received':
      return writer.varint(frame.added).varint(frame.present).varint(frame.rejected).finish();
    case 'abort':
      return writer.bytes(oneLine(frame.reason)).finish();
    default: {
      const unreachable: never = frame;
      throw new Error(`unexpected frame ${String(unreachable)}`);
    }
  }
}

export function decodeFrame(bytes: Uint8Array, maxFrameBytes = DEFAULT_MAX_FRAME_BYTES): CatchUpFrame {
  const reader = new ByteReader(bytes, 'catch-up frame');
  if (bytes.length > maxFrameBytes) throw new SyncProtocolError('limit', `catch-up frame: ${bytes.length} bytes, over the limit of ${maxFrameBytes}`);
  const version = reader.byte('the version');
  if (version !== CATCH_UP_VERSION) throw new SyncProtocolError('version', `the peer speaks catch-up version ${version}; this workstation speaks version ${CATCH_UP_VERSION}`);
  const code = reader.byte('the type');
  switch (code) {
    case CODES.reconcile:
      return { type: 'reconcile', message: reader.rest() };
    case CODES.objects: {
      const piece = reader.rest();
      if (piece.length === 0) reader.fail('an empty objects frame');
      return { type: 'objects', piece };
    }
    case CODES.sent: {
      const frame = { type: 'sent', objects: reader.varint('objects'), bytes: reader.varint('bytes') } as const;
      reader.end();
      return frame;
    }
    case CODES.received: {
      const frame = { type: 'received', added: reader.varint('added'), present: reader.varint('present'), rejected: reader.varint('rejected') } as const;
      reader.end();
      return frame;
    }
    case CODES.abort: {
      const text = reader.rest();
      if (text.length > MAX_ABORT_REASON_BYTES) reader.fail(`an abort reason of ${text.length} bytes`);
      return { type: 'abort', reason: printable(new TextDecoder('utf-8', { fatal: false }).decode(text)) };
    }
    default:
      return reader.fail(`unknown type ${code}`);
  }
}

function oneLine(reason: string): Uint8Array {
  const bytes = new TextEncoder().encode(printable(reason));
  return bytes.length <= MAX_ABORT_REASON_BYTES ? bytes : bytes.subarray(0, MAX_ABORT_REASON_BYTES);
}

/** What a peer says is shown to a person: one line, no control characters. */
function printable(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
