export type EvidenceErrorCode =
  /** The bytes are not an Arrow IPC file (no "ARROW1" magic at both ends). */
  | 'not-arrow-file'
  /** The Arrow IPC file cannot be decoded. */
  | 'malformed-ipc'
  /** The schema metadata names another format or version. */
  | 'wrong-format'
  /** A field's name, type or nullability differs from the documented schema. */
  | 'schema-mismatch'
  /** More than one record batch: chunks hold exactly one, so columns are contiguous. */
  | 'multiple-batches'
  /** Columns, buffers, list offsets or dictionaries disagree on lengths. */
  | 'length-mismatch'
  | 'unexpected-nulls'
  /** A value outside its domain: lon/lat, confidence, a dictionary index, a track id. */
  | 'out-of-range'
  /** A fixed dictionary (sensor kind, class) differs from the documented vocabulary. */
  | 'bad-dictionary'
  | 'duplicate-track'
  /** A track's vertex times go backwards. */
  | 'unsorted-vertices';

export class EvidenceError extends Error {
  constructor(
    readonly code: EvidenceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EvidenceError';
  }
}
