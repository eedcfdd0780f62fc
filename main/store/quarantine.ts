import type { IssueCode } from '../../shared/objects/issues';
import type { PackObjectKind } from '../../shared/pack/pack-index';
import type { EntryKindProblemCode } from '../../shared/pack/entry-kind';
import type { PackObjectProblemCode } from '../../shared/pack/pack-reader';
import type { ReadableDb } from './database';

/**
 * Why an object of a pack was not stored (docs/STORE.md). Pack-level problems come from the pack
 * reader, verification problems from shared/ (decoding, the roster chain, statement checks); the
 * store adds the evidence rules.
 */
export type QuarantineCode =
  | PackObjectProblemCode
  /** The index lists another kind than the entry's bytes are (docs/PACK.md). */
  | EntryKindProblemCode
  | IssueCode
  /** A chunk no verified incident (in the store or the same pack) lists as evidence. */
  | 'unreferenced-chunk'
  /** A chunk listed as evidence, but with another size than the evidence entry gives. */
  | 'evidence-size-mismatch';

/** Signed objects up to this size keep their bytes in the quarantine, for a person to inspect. */
export const QUARANTINE_MAX_BYTES = 64 * 1024;
/**
 * Rows one import writes per code; objects refused beyond them are counted in one more row. An
 * unsigned index can list any number of absent objects, and a pack must not grow the database by more than it brings.
 */
export const QUARANTINE_ROWS_PER_CODE = 100;

export interface QuarantineEntry {
  /** Absent only when the object's name is not known, and in the row that counts objects refused beyond QUARANTINE_ROWS_PER_CODE. */
  readonly objectId?: string;
  readonly kind?: PackObjectKind;
  readonly code: QuarantineCode;
  /** One line naming the object and, where it applies, the field. */
  readonly reason: string;
  readonly bytes?: Uint8Array;
}

export interface QuarantineRow {
  readonly id: number;
  readonly objectId: string | null;
  readonly importId: number | null;
  readonly receivedAt: number;
  readonly code: QuarantineCode;
  readonly reason: string;
  readonly bytes: Buffer | null;
}

export function quarantineRows(db: ReadableDb, importId?: number): QuarantineRow[] {
  const columns = 'id, object_id AS objectId, import_id AS importId, received_at AS receivedAt, code, reason, bytes';
  return (
    importId === undefined ? db.prepare(`SELECT ${columns} FROM quarantine ORDER BY id`).all() : db.prepare(`SELECT ${columns} FROM quarantine WHERE import_id = ? ORDER BY id`).all(importId)
  ) as QuarantineRow[];
}
