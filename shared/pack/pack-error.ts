/** Why a pack (or the tar inside it) cannot be read or written at all. Stable: callers match on them. */
export type PackErrorCode =
  /** The input ended inside a header, an entry's content or its padding. */
  | 'truncated'
  /** The input ended without the two zero blocks that close a tar archive. */
  | 'missing-end-of-archive'
  /** The bytes between an entry's content and the next block are not zero. */
  | 'bad-padding'
  /** Something other than zero bytes follows the end-of-archive blocks. */
  | 'trailing-data'
  | 'bad-checksum'
  /** A header field is malformed (not an octal number, base-256 encoded, …). */
  | 'bad-header'
  /** Not a POSIX ustar header (old GNU or v7 tar). */
  | 'unsupported-format'
  /** A symlink, hard link, device, directory, FIFO or any type other than a regular file. */
  | 'unsupported-entry-type'
  | 'pax-header'
  | 'gnu-long-name'
  | 'absolute-path'
  | 'path-traversal'
  /** A name with a directory part: packs are flat. */
  | 'nested-name'
  /** A name that is empty, not printable ASCII, too long, or neither 64 lowercase hex nor the index. */
  | 'bad-name'
  | 'entry-too-large'
  | 'too-many-entries'
  | 'archive-too-large'
  /** The first entry is not the index. */
  | 'missing-index'
  /** The index appears again after the first entry. */
  | 'misplaced-index'
  | 'index-too-large'
  /** The index is not UTF-8 JSON of the documented shape. */
  | 'bad-index'
  /** Writing: an entry's content is longer or shorter than its declared size. */
  | 'content-size-mismatch'
  /** Writing: the same object id given twice. */
  | 'duplicate-object'
  /** Writing with verification: an object's content does not hash to its id. */
  | 'digest-mismatch';

export class PackError extends Error {
  constructor(
    readonly code: PackErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PackError';
  }
}

/** A name as it can be shown on one line: printable ASCII kept, anything else escaped. */
export function printableName(name: string): string {
  const shown = name.length > 120 ? `${name.slice(0, 120)}…` : name;
  return JSON.stringify(shown).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
