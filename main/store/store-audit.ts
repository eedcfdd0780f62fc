import { createHash } from 'node:crypto';
import type { StoreAuditFinding } from '../../shared/commission/views';
import { ready } from '../../shared/crypto/sodium';
import { decodeObject } from '../../shared/objects/decode-object';
import { shortHex } from '../../shared/objects/issues';
import type { RosterChain } from '../../shared/roster/verified-roster';
import { verifyStatement } from '../../shared/roster/verify-statement';
import { nodeSha256 } from '../crypto/node-sha256';
import type { ChunkStore } from './chunk-store';
import type { ReadableDb } from './database';

/** Rows read at a time; between pages the audit yields, so the worker's other requests are answered. */
const PAGE_ROWS = 200;

export interface StoreAuditProgress {
  readonly objects: { readonly checked: number; readonly total: number };
  readonly chunkBytes: { readonly checked: number; readonly total: number };
}

export interface StoreAuditSink {
  progress(progress: StoreAuditProgress): void;
  finding(finding: StoreAuditFinding): void;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Verifies every stored byte again, as if it had just arrived: each signed object's bytes hash to
 * its id, decode as the kind its row says, and (statements) verify against the trusted roster chain,
 * (rosters) belong to it; each chunk file hashes to its name. Reports, never repairs.
 */
export async function auditStore(db: ReadableDb, chunks: ChunkStore, chain: RosterChain, sink: StoreAuditSink): Promise<void> {
  await ready();
  const totals = db.prepare("SELECT count(*) AS objects, coalesce(sum(CASE WHEN kind = 'chunk' THEN size END), 0) AS chunkBytes FROM objects").get() as { objects: number; chunkBytes: number };
  const progress = { objects: { checked: 0, total: totals.objects }, chunkBytes: { checked: 0, total: totals.chunkBytes } };
  const rostersOfChain = new Set<string>([...chain.ancestors, ...chain.rosters].flatMap((roster) => roster.aliases));
  const page = db.prepare('SELECT id, kind, size, body FROM objects WHERE id > ? ORDER BY id LIMIT ?');
  sink.progress(progress);
  for (let last = ''; ;) {
    const rows = page.all(last, PAGE_ROWS) as { id: string; kind: string; size: number; body: Buffer | null }[];
    if (rows.length === 0) break;
    for (const row of rows) {
      const finding = row.kind === 'chunk' ? await auditChunk(chunks, row.id, row.size) : await auditSigned(row, chain, rostersOfChain);
      if (finding !== undefined) sink.finding(finding);
      if (row.kind === 'chunk') progress.chunkBytes.checked += row.size;
      progress.objects.checked += 1;
    }
    last = rows.at(-1)!.id;
    sink.progress(progress);
    await nextTurn();
  }
}

async function auditSigned(row: { id: string; kind: string; body: Buffer | null }, chain: RosterChain, rostersOfChain: ReadonlySet<string>): Promise<StoreAuditFinding | undefined> {
  const corrupt = (detail: string): StoreAuditFinding => ({ id: row.id, kind: row.kind, problem: 'corrupt', detail: `${row.kind} ${shortHex(row.id)}: ${detail}` });
  if (row.body === null) return corrupt('its stored bytes are gone');
  const decoded = await decodeObject(new Uint8Array(row.body), nodeSha256);
  if (!decoded.ok) return decoded.error.object === row.id ? corrupt(decoded.error.message) : corrupt(`its bytes hash to ${shortHex(decoded.error.object ?? '')}, not to its id`);
  const object = decoded.value;
  if (object.id !== row.id) return corrupt(`its bytes hash to ${shortHex(object.id)}, not to its id`);
  if (object.kind !== row.kind) return corrupt(`its bytes are ${object.kind === 'incident' ? 'an' : 'a'} ${object.kind}`);
  if (object.kind === 'roster') {
    return rostersOfChain.has(object.id)
      ? undefined
      : { id: row.id, kind: row.kind, problem: 'unverified', detail: `roster v${object.payload.version} ${shortHex(object.id)}: not in the chain from the pinned roster` };
  }
  const verified = verifyStatement(object, chain);
  return verified.ok ? undefined : { id: row.id, kind: row.kind, problem: 'unverified', detail: verified.error.message };
}

async function auditChunk(chunks: ChunkStore, id: string, size: number): Promise<StoreAuditFinding | undefined> {
  const onDisk = await chunks.sizeOf(id);
  if (onDisk === undefined) return { id, kind: 'chunk', problem: 'missing', detail: `chunk ${shortHex(id)}: not in the chunk folder; import a pack holding it again` };
  if (onDisk !== size) return { id, kind: 'chunk', problem: 'corrupt', detail: `chunk ${shortHex(id)}: ${onDisk} bytes on disk, ${size} recorded` };
  const hash = createHash('sha256');
  for await (const piece of chunks.stream(id)) hash.update(piece as Buffer);
  const actual = hash.digest('hex');
  return actual === id ? undefined : { id, kind: 'chunk', problem: 'corrupt', detail: `chunk ${shortHex(id)}: its bytes hash to ${shortHex(actual)}` };
}
