import type { Sha256 } from '../crypto/sha256';
import { decodeObject } from '../objects/decode-object';
import type { Issue } from '../objects/issues';
import { ENVELOPE_JSON_LIMITS } from '../objects/limits';
import type { AnySignedObject } from '../objects/signed-object';
import type { ObjectKind } from '../objects/types';
import { PACK_INDEX_NAME, type PackObjectKind } from './pack-index';

// The kind of a pack entry comes from its own bytes, never from the unsigned index: an entry is a
// signed object exactly when its bytes decode as one (the DSSE payloadType names the kind), and a
// chunk otherwise. The index's kind is only checked against that.

/** Larger entries are never signed objects (an envelope has at most this many bytes). */
export const MAX_SIGNED_OBJECT_BYTES = ENVELOPE_JSON_LIMITS.maxBytes;

/** Every canonical DSSE envelope starts with these bytes: its keys are sorted and "payload" comes first. */
export const SIGNED_OBJECT_PREFIX: Uint8Array = new TextEncoder().encode('{"payload":"');

/** The code of an entry whose index kind disagrees with what its bytes are. */
export type EntryKindProblemCode = 'index-kind-mismatch';

export interface EntryKindProblem {
  readonly code: EntryKindProblemCode;
  /** One line naming the object and both kinds. */
  readonly message: string;
}

export type EntryKind =
  /** The bytes decode as a signed object; `mismatch` when the index lists another kind (or `chunk`). */
  | { readonly kind: ObjectKind; readonly object: AnySignedObject; readonly mismatch?: EntryKindProblem }
  /** Raw bytes; `mismatch` when the index lists a signed kind although the bytes are not an envelope. */
  | { readonly kind: 'chunk'; readonly mismatch?: EntryKindProblem }
  /**
   * Listed as a signed kind and shaped like an envelope, but refused by the decoder: no kind can be
   * read from its bytes, so verification reports it with the decoder's issue.
   */
  | { readonly kind: undefined; readonly issue: Issue };

/** Whether an entry of this size can be a signed object: only such entries need their bytes held to be classified. */
export function mayBeSignedObject(size: number): boolean {
  return size <= MAX_SIGNED_OBJECT_BYTES;
}

export function startsLikeSignedObject(bytes: Uint8Array): boolean {
  return bytes.length >= SIGNED_OBJECT_PREFIX.length && SIGNED_OBJECT_PREFIX.every((byte, i) => bytes[i] === byte);
}

/**
 * Classifies one entry of a pack. `bytes` are the entry's content, required when
 * mayBeSignedObject(size); without them the entry is a chunk.
 */
export async function classifyPackEntry(entry: { readonly id: string; readonly listed: PackObjectKind; readonly size: number }, bytes: Uint8Array | undefined, sha256: Sha256): Promise<EntryKind> {
  const { id, listed, size } = entry;
  if (bytes !== undefined && mayBeSignedObject(size) && startsLikeSignedObject(bytes)) {
    const decoded = await decodeObject(bytes, sha256);
    if (decoded.ok) {
      const kind = decoded.value.kind;
      return kind === listed ? { kind, object: decoded.value } : { kind, object: decoded.value, mismatch: mismatch(id, listed, `its signed bytes make it ${withArticle(kind)}`) };
    }
    if (listed !== 'chunk') return { kind: undefined, issue: decoded.error };
  }
  if (listed === 'chunk') return { kind: 'chunk' };
  const why = size > MAX_SIGNED_OBJECT_BYTES ? `its ${size} bytes are over the ${MAX_SIGNED_OBJECT_BYTES} a signed object may have` : 'its bytes are not a signed object';
  return { kind: 'chunk', mismatch: mismatch(id, listed, `${why}, so it is a chunk`) };
}

function mismatch(id: string, listed: PackObjectKind, actually: string): EntryKindProblem {
  return { code: 'index-kind-mismatch', message: `object ${id}: ${PACK_INDEX_NAME} lists it as ${withArticle(listed)}, but ${actually}` };
}

export function withArticle(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}
