import { createHash } from 'node:crypto';
import type { Sha256 } from '../../shared/crypto/sha256';
import { EvidenceDamagedError, NotFoundError } from '../../shared/ipc/errors';
import type { EvidenceRef, ObjectId } from '../../shared/objects/types';
import type { ChunkStore } from '../store/chunk-store';
import { transferred } from '../worker/worker-protocol';
import { requireTrustedChain, verifyStoredIncident, type CommissionSource } from './commission-service';

/** What the evidence service reads from the store: the trusted roster chain and an incident's exact stored bytes. */
export type EvidenceSource = Pick<CommissionSource, 'trustedChain' | 'incidentBytes'>;

/** Where a chunk's bytes are read from: its size on disk (undefined when absent) and exactly that many bytes. */
export type ChunkFiles = Pick<ChunkStore, 'sizeOf' | 'readInto'>;

const short = (hex: string) => `${hex.slice(0, 12)}…`;

/**
 * Hands out evidence chunks for playback, only as the signed incident lists them: the incident is
 * verified again from its stored bytes against the roster chain, and the chunk's size and SHA-256
 * are checked against the incident's evidence entry before any byte leaves this service.
 */
export class EvidenceService {
  constructor(
    private readonly source: EvidenceSource,
    private readonly chunks: ChunkFiles,
    private readonly sha256: Sha256,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The bytes of the chunk `sha256` that the verified incident `incident` lists, in a buffer of
   * their own that moves to the calling thread rather than being copied. Refused with not-found
   * (incident or chunk not stored, chunk not listed) or evidence-damaged (the incident does not
   * verify, the chunk's size or hash differs from the signed entry), in one line naming what.
   */
  async chunk(incident: ObjectId, sha256: string): Promise<Uint8Array<ArrayBuffer>> {
    const chain = await requireTrustedChain(this.source, this.now());
    const stored = await verifyStoredIncident(this.source, chain, incident, this.sha256);
    if (!stored.ok && !stored.stored) throw new NotFoundError(`incident ${short(incident)} is not stored: its evidence cannot play`);
    if (!stored.ok) throw new EvidenceDamagedError(`incident ${short(incident)} does not verify from its stored bytes (${stored.reason}): its evidence cannot play`);
    const payload = stored.statement.object.payload;
    const entry = payload.evidence.find((e) => e.sha256 === sha256);
    if (entry === undefined) throw new NotFoundError(`incident ${payload.incident} (${short(incident)}) lists no evidence with SHA-256 ${short(sha256)}: only the chunks it lists can play`);
    const label = `chunk ${entry.name} (${short(entry.sha256)}) of incident ${payload.incident}`;
    return transferred(await this.readVerified(entry, label));
  }

  private async readVerified(entry: EvidenceRef, label: string): Promise<Uint8Array<ArrayBuffer>> {
    const size = await this.chunks.sizeOf(entry.sha256);
    if (size === undefined) throw new NotFoundError(`${label}: missing from the chunk folder`);
    if (size !== entry.size) throw new EvidenceDamagedError(`${label}: the chunk file holds ${size} bytes, not the ${entry.size} the signed incident lists`);
    const bytes = new Uint8Array(size);
    try {
      await this.chunks.readInto(entry.sha256, bytes);
    } catch (error) {
      // The file changed or vanished between its size and its bytes.
      throw new EvidenceDamagedError(`${label}: reading the chunk file failed (${error instanceof Error ? error.message : String(error)})`);
    }
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== entry.sha256) throw new EvidenceDamagedError(`${label}: its bytes hash to ${actual}, not the ${entry.sha256} the signed incident lists`);
    return bytes;
  }
}
