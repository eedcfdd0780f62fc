import type { VerifySignature } from '../../shared/crypto/ed25519';
import { sha256Hex } from '../../shared/crypto/sha256';
import { ok } from '../../shared/encoding/result';
import { decodeObject, type DecodeResult } from '../../shared/objects/decode-object';
import type { AnySignedObject } from '../../shared/objects/signed-object';
import type { ObjectId } from '../../shared/objects/types';
import type { RosterChain } from '../../shared/roster/verified-roster';
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

/** Decoded objects kept by id (the key neighbours several rounds share, what an import just verified); bounded, oldest out first. */
const DECODED_ENTRIES = 100_000;

/**
 * The statement checker over the store's own bytes, with a bounded memo of what it decoded: by id,
 * and by the very bytes it handed out (a round's objects are checked by the resolver and again by
 * the finality check), so that a body already decoded is neither read, hashed nor decoded again.
 */
export class StoredStatements {
  private readonly byId = new Map<string, DecodeResult>();
  private readonly byBytes = new WeakMap<Uint8Array, DecodeResult>();
  private readonly checks = new WeakMap<RosterChain, WeakMap<Uint8Array, CheckedObject>>();

  constructor(private readonly capacity: number = DECODED_ENTRIES) {}

  readonly check: StatementChecker = async (bytes, chain): Promise<CheckedObject> => {
    let checks = this.checks.get(chain);
    if (checks === undefined) this.checks.set(chain, (checks = new WeakMap()));
    const known = checks.get(bytes);
    if (known !== undefined) return known;
    const decoded = await this.decode(bytes);
    const checked: CheckedObject = decoded.ok ? checkDecoded(decoded.value, chain, VERIFIED_AT_IMPORT) : { ok: false, id: decoded.error.object!, issue: decoded.error };
    checks.set(bytes, checked);
    return checked;
  };

  /**
   * An object the import just verified and stored: deriving its rounds needs it decoded. Once the
   * memo is full, later ones are not kept (they are read again when derived): an import derives its
   * incidents in about the order it received them, and evicting the oldest here would evict each
   * object before its turn, so that every one would be decoded again.
   */
  remember(object: AnySignedObject): void {
    if (this.byId.size < this.capacity) this.keep(object.id, ok(object));
  }

  /** The bytes of each stored object, from the memo where it holds them, else through `read`; objects not stored are left out. */
  bodies(ids: readonly ObjectId[], read: (id: ObjectId) => Uint8Array | undefined): Uint8Array[] {
    const bodies: Uint8Array[] = [];
    for (const id of ids) {
      const known = this.byId.get(id);
      const body = known?.ok ? known.value.bytes : read(id);
      if (body !== undefined) bodies.push(body);
    }
    return bodies;
  }

  /** The object the stored bytes hold, or why they do not decode (a database altered behind the store's back). */
  async decode(bytes: Uint8Array): Promise<DecodeResult> {
    const handedOut = this.byBytes.get(bytes);
    if (handedOut !== undefined) return handedOut;
    const id = await sha256Hex(nodeSha256, bytes);
    const decoded = this.byId.get(id) ?? (await decodeObject(bytes, nodeSha256));
    this.keep(id, decoded);
    this.byBytes.set(bytes, decoded);
    return decoded;
  }

  private keep(id: string, decoded: DecodeResult): void {
    if (!this.byId.has(id) && this.byId.size >= this.capacity) this.byId.delete(this.byId.keys().next().value!);
    this.byId.set(id, decoded);
    if (decoded.ok) this.byBytes.set(decoded.value.bytes, decoded);
  }
}
