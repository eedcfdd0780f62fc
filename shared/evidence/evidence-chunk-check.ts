import type { Schema } from 'apache-arrow';
// The footer decoder is not re-exported from the package root; it reads the schema of a file whose body is not held.
import { Footer } from 'apache-arrow/ipc/metadata/file';
import { checkEvidenceSchema } from './arrow-file';
import { decodeDetections } from './detections-codec';
import { EvidenceError, type EvidenceErrorCode } from './evidence-error';
import { DETECTIONS_FORMAT, detectionsSchema, TRACKS_FORMAT, tracksSchema } from './evidence-schema';
import { decodeTracks } from './tracks-codec';

/** The evidence roles whose chunks have a schema (docs/EVIDENCE.md). */
export const SCHEMA_ROLES = ['detections', 'tracks'] as const;
export type SchemaRole = (typeof SCHEMA_ROLES)[number];

/** Chunks up to this size are decoded and checked whole; of larger ones only the schema is checked. */
export const MAX_FULLY_CHECKED_CHUNK_BYTES = 64 * 1024 ** 2;
/** The bytes kept from the end of a larger chunk: its footer, which holds the schema, must fit. */
export const CHUNK_TAIL_BYTES = 1024 ** 2;

export type EvidenceCheck =
  /** `file`: decoded and every value checked; `schema`: only the schema of a chunk too large to decode here. */
  { readonly ok: true; readonly extent: 'file' | 'schema' } | { readonly ok: false; readonly code: EvidenceErrorCode; readonly message: string };

/** What a chunk is worth as evidence of each role: checked once, when its bytes pass by. */
export type EvidenceChecks = Readonly<Record<SchemaRole, EvidenceCheck>>;

const FORMATS: Readonly<Record<SchemaRole, { readonly format: string; readonly schema: () => Schema; readonly decode: (bytes: Uint8Array) => unknown }>> = {
  detections: { format: DETECTIONS_FORMAT, schema: detectionsSchema, decode: decodeDetections },
  tracks: { format: TRACKS_FORMAT, schema: tracksSchema, decode: decodeTracks },
};

const ARROW_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"
/** The footer's length (int32, little-endian) and the closing magic. */
const TRAILER_BYTES = 4 + ARROW_MAGIC.length;

/** Decodes a whole chunk as evidence of `role` (decodeDetections / decodeTracks). */
export function checkEvidenceFile(role: SchemaRole, bytes: Uint8Array): EvidenceCheck {
  return attempt(role, () => FORMATS[role].decode(bytes), 'file');
}

/**
 * Checks only the schema of a chunk of `size` bytes from its first bytes (`head`, for the magic) and
 * its last (`tail`): an Arrow IPC file keeps its schema in the footer at its end.
 */
export function checkEvidenceFooter(role: SchemaRole, head: Uint8Array, tail: Uint8Array, size: number): EvidenceCheck {
  return attempt(
    role,
    () => {
      const label = `${role} chunk`;
      const magicAt = (bytes: Uint8Array, offset: number) => ARROW_MAGIC.every((byte, i) => bytes[offset + i] === byte);
      if (size < 2 * ARROW_MAGIC.length + TRAILER_BYTES || !magicAt(head, 0) || !magicAt(tail, tail.length - ARROW_MAGIC.length)) {
        throw new EvidenceError('not-arrow-file', `${label}: not an Arrow IPC file (no ARROW1 magic at both ends)`);
      }
      const footerLength = new DataView(tail.buffer, tail.byteOffset + tail.length - TRAILER_BYTES, 4).getInt32(0, true);
      if (footerLength <= 0 || footerLength > tail.length - TRAILER_BYTES || footerLength > size - TRAILER_BYTES - 2 * ARROW_MAGIC.length) {
        throw new EvidenceError('malformed-ipc', `${label}: a footer of ${footerLength} bytes cannot be read (at most ${tail.length - TRAILER_BYTES} are kept)`);
      }
      let schema: Schema;
      try {
        schema = Footer.decode(tail.subarray(tail.length - TRAILER_BYTES - footerLength, tail.length - TRAILER_BYTES)).schema;
      } catch (error) {
        throw new EvidenceError('malformed-ipc', `${label}: the Arrow IPC footer cannot be decoded: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
      checkEvidenceSchema(schema, FORMATS[role].schema(), FORMATS[role].format, label);
    },
    'schema',
  );
}

/** Both roles' checks of a chunk held whole. */
export function checkChunkAsEvidence(bytes: Uint8Array): EvidenceChecks {
  return { detections: checkEvidenceFile('detections', bytes), tracks: checkEvidenceFile('tracks', bytes) };
}

/** Both roles' checks of a chunk of which only the first and last bytes were kept. */
export function checkChunkFooterAsEvidence(head: Uint8Array, tail: Uint8Array, size: number): EvidenceChecks {
  return { detections: checkEvidenceFooter('detections', head, tail, size), tracks: checkEvidenceFooter('tracks', head, tail, size) };
}

function attempt(role: SchemaRole, check: () => unknown, extent: 'file' | 'schema'): EvidenceCheck {
  try {
    check();
    return { ok: true, extent };
  } catch (error) {
    if (error instanceof EvidenceError) return { ok: false, code: error.code, message: error.message };
    // Hostile bytes can make the Arrow library fail in ways of its own: still one line, never a crash.
    return { ok: false, code: 'malformed-ipc', message: `${role} chunk: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}
