/** Why a catch-up with a peer stopped. Stable: callers match on them. */
export type SyncErrorCode =
  /** A message or frame that does not decode as this protocol's (truncated, out of range, not canonical). */
  | 'malformed'
  /** The peer speaks another version of the protocol. */
  | 'version'
  /** A bound was exceeded: message size, entries, rounds, work, objects, bytes. */
  | 'limit'
  /** A well-formed message that this point of the exchange does not allow. */
  | 'unexpected'
  /** The peer stopped the exchange and said why. */
  | 'aborted';

/** A catch-up refused; the message is one line naming what was wrong. */
export class SyncProtocolError extends Error {
  override readonly name = 'SyncProtocolError';
  constructor(
    readonly code: SyncErrorCode,
    message: string,
  ) {
    super(message);
  }
}
