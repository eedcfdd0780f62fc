import type { VerifySignature } from '../../shared/crypto/ed25519';
import { sha256Hex } from '../../shared/crypto/sha256';
import { decodeObject, type DecodeResult } from '../../shared/objects/decode-object';
import { checkDecoded, type CheckedObject, type StatementChecker } from '../../shared/roster/verify-statement';
import { nodeSha256 } from '../crypto/node-sha256';

// The store verifies every signature once, at the door (import-pack.ts): an object is stored only
// after its signatures verified under the keys its keyids name, and a keyid is the SHA-256 of its
// public key (checked when a roster is decoded), so a keyid always means the same key. When the
// derived state is computed from stored bytes, each object is therefore decoded and checked against
// the chain as it is now (author, key listed or removed, role: these change with the roster) but
// its signatures are not verified again. What the user opens is re-verified in full from its bytes
// (the incident's detail), and "Audit this store" re-verifies every stored byte.

/** Stands for the signature checks the import already made; only ever given to stored bytes. */
const VERIFIED_AT_IMPORT: VerifySignature = () => true;

/** Decoded objects kept for the key neighbours that several rounds share; bounded, oldest out first. */
const DECODED_ENTRIES = 50_000;

/** The statement checker over the store's own bytes, with a bounded memo of what it decoded. */
export class StoredStatements {
  private readonly decoded = new Map<string, DecodeResult>();

  readonly check: StatementChecker = async (bytes, chain): Promise<CheckedObject> => {
    const decoded = await this.decode(bytes);
    if (!decoded.ok) return { ok: false, id: decoded.error.object!, issue: decoded.error };
    return checkDecoded(decoded.value, chain, VERIFIED_AT_IMPORT);
  };

  /** The object the stored bytes hold, or why they do not decode (a database altered behind the store's back). */
  async decode(bytes: Uint8Array): Promise<DecodeResult> {
    const id = await sha256Hex(nodeSha256, bytes);
    const known = this.decoded.get(id);
    if (known !== undefined) return known;
    const decoded = await decodeObject(bytes, nodeSha256);
    if (this.decoded.size >= DECODED_ENTRIES) this.decoded.delete(this.decoded.keys().next().value!);
    this.decoded.set(id, decoded);
    return decoded;
  }
}
