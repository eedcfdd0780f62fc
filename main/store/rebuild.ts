import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { decodeDetections } from '../../shared/evidence/detections-codec';
import { ready } from '../../shared/crypto/sodium';
import { decodeObject } from '../../shared/objects/decode-object';
import { shortHex } from '../../shared/objects/issues';
import { PACK_OBJECT_KINDS, type PackObjectKind } from '../../shared/pack/pack-index';
import { nodeSha256 } from '../crypto/node-sha256';
import { DEFAULT_MAX_INDEXED_CHUNK_BYTES } from './import-pack';
import { inWriteTransaction, type Store } from './store';
import { DERIVED_TABLES, StoreWriter } from './store-writer';
import { allIncidents, DerivedStateWriter } from './derived-state';
import { trustedRosterChain } from './trusted-rosters';

/** Rows read at a time: better-sqlite3 cannot write while a query is being iterated. */
const PAGE_ROWS = 500;

export interface RebuildProblem {
  readonly id: string;
  readonly problem: 'undecodable' | 'chunk-missing' | 'chunk-corrupt' | 'not-indexed';
  readonly detail: string;
}

export interface RebuildReport {
  readonly objects: Readonly<Record<PackObjectKind, number>>;
  /** Rows of each derived table after the rebuild. */
  readonly rows: Readonly<Record<(typeof DERIVED_TABLES)[number], number>>;
  readonly chunksVerified: number;
  readonly chunkBytesVerified: number;
  readonly problems: readonly RebuildProblem[];
  /** Files in the chunk folder that no object row names (left by an interrupted import): removed. */
  readonly strayFilesRemoved: number;
  readonly elapsedMs: number;
}

export interface RebuildOptions {
  readonly maxIndexedChunkBytes?: number;
  readonly onProgress?: (done: { readonly objects: number; readonly total: number }) => void;
  /** The time tallies are derived for (ms since the epoch); defaults to now. */
  readonly now?: number;
}

/**
 * Drops every derived table and derives it again from the objects and the chunk folder, through the
 * same code as the import, verifying every chunk's hash on the way; one transaction, so readers see
 * the old rows or the new ones. Problems are reported, never repaired by guessing: a missing or
 * damaged chunk is named so that it can be imported again.
 */
export async function rebuildStore(store: Store, options: RebuildOptions = {}): Promise<RebuildReport> {
  await ready();
  const startedAt = Date.now();
  const maxIndexed = options.maxIndexedChunkBytes ?? DEFAULT_MAX_INDEXED_CHUNK_BYTES;
  const writer = new StoreWriter(store.db);
  const objects = Object.fromEntries(PACK_OBJECT_KINDS.map((kind) => [kind, 0])) as Record<PackObjectKind, number>;
  const problems: RebuildProblem[] = [];
  let chunksVerified = 0;
  let chunkBytesVerified = 0;
  let strayFilesRemoved = 0;
  const total = store.db.prepare('SELECT count(*) FROM objects').pluck().get() as number;
  let done = 0;
  const progress = () => options.onProgress?.({ objects: ++done, total });

  await inWriteTransaction(store.db, async () => {
    writer.clearDerived();
    const signedPage = store.db.prepare("SELECT id, kind, body FROM objects WHERE kind <> 'chunk' AND id > ? ORDER BY id LIMIT ?");
    for (let last = ''; ;) {
      const page = signedPage.all(last, PAGE_ROWS) as { id: string; kind: PackObjectKind; body: Buffer }[];
      if (page.length === 0) break;
      for (const row of page) {
        const decoded = await decodeObject(new Uint8Array(row.body), nodeSha256);
        if (!decoded.ok || decoded.value.id !== row.id || decoded.value.kind !== row.kind) {
          problems.push({
            id: row.id,
            problem: 'undecodable',
            detail: decoded.ok ? `${row.kind} ${shortHex(row.id)}: its bytes are a ${decoded.value.kind} ${shortHex(decoded.value.id)}` : decoded.error.message,
          });
        } else {
          writer.deriveRows(decoded.value);
          objects[row.kind] += 1;
        }
        progress();
      }
      last = page.at(-1)!.id;
    }

    const chunkPage = store.db.prepare("SELECT id, size FROM objects WHERE kind = 'chunk' AND id > ? ORDER BY id LIMIT ?");
    const isDetections = store.db.prepare("SELECT 1 FROM incident_evidence WHERE sha256 = ? AND size = ? AND role = 'detections' LIMIT 1").pluck();
    for (let last = ''; ;) {
      const page = chunkPage.all(last, PAGE_ROWS) as { id: string; size: number }[];
      if (page.length === 0) break;
      for (const { id, size } of page) {
        objects.chunk += 1;
        const detections = isDetections.get(id, size) !== undefined;
        const checked = await checkChunk(store, id, size, detections && size <= maxIndexed);
        if (checked.problem) problems.push({ id, problem: checked.problem, detail: checked.detail });
        else {
          chunksVerified += 1;
          chunkBytesVerified += size;
          if (detections) {
            const indexed = indexChunk(writer, id, checked.bytes, size, maxIndexed);
            if (indexed) problems.push(indexed);
          }
        }
        progress();
      }
      last = page.at(-1)!.id;
    }

    await deriveState(store, options.now ?? Date.now(), problems);

    const known = store.db.prepare('SELECT 1 FROM objects WHERE id = ?').pluck();
    for await (const file of store.chunks.files()) {
      if (!file.partial && known.get(file.sha256) !== undefined) continue;
      await rm(file.path, { force: true });
      strayFilesRemoved += 1;
    }
  });

  const rows = Object.fromEntries(DERIVED_TABLES.map((table) => [table, store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number])) as RebuildReport['rows'];
  return { objects, rows, chunksVerified, chunkBytesVerified, problems, strayFilesRemoved, elapsedMs: Date.now() - startedAt };
}

/** The incidents' derived state, from the objects just derived again, under the chain of the stored rosters. */
async function deriveState(store: Store, now: number, problems: RebuildProblem[]): Promise<void> {
  const chain = await trustedRosterChain(store.db, now);
  if (chain === undefined) return;
  if (!chain.ok) {
    problems.push({ id: chain.error.object ?? '', problem: 'undecodable', detail: `pinned roster: ${chain.error.message}` });
    return;
  }
  await new DerivedStateWriter(store.db, chain.value, now).deriveIncidents(allIncidents(store.db));
}

type ChunkCheck = { readonly problem?: undefined; readonly bytes: Uint8Array | undefined } | { readonly problem: 'chunk-missing' | 'chunk-corrupt'; readonly detail: string };

/** Hashes a stored chunk, streaming it, or reading it whole when the detection index needs its bytes. */
async function checkChunk(store: Store, id: string, size: number, keepBytes: boolean): Promise<ChunkCheck> {
  const actualSize = await store.chunks.sizeOf(id);
  if (actualSize === undefined) return { problem: 'chunk-missing', detail: `chunk ${shortHex(id)}: not in the chunk folder; import a pack holding it again` };
  if (actualSize !== size) return { problem: 'chunk-corrupt', detail: `chunk ${shortHex(id)}: ${actualSize} bytes on disk, ${size} recorded` };
  if (keepBytes) {
    const bytes = new Uint8Array(await store.chunks.read(id));
    const actual = createHash('sha256').update(bytes).digest('hex');
    return actual === id ? { bytes } : { problem: 'chunk-corrupt', detail: `chunk ${shortHex(id)}: its bytes hash to ${shortHex(actual)}` };
  }
  return (await store.chunks.verify(id)) ? { bytes: undefined } : { problem: 'chunk-corrupt', detail: `chunk ${shortHex(id)}: its bytes no longer hash to its name` };
}

function indexChunk(writer: StoreWriter, id: string, bytes: Uint8Array | undefined, size: number, maxIndexed: number): RebuildProblem | undefined {
  if (bytes === undefined) {
    return { id, problem: 'not-indexed', detail: `chunk ${shortHex(id)}: detection evidence left out of the detection index (${size} bytes is over the ${maxIndexed} bytes decoded for the index)` };
  }
  try {
    writer.setDetectionCells(id, decodeDetections(bytes));
    return undefined;
  } catch (error) {
    return { id, problem: 'not-indexed', detail: `chunk ${shortHex(id)}: detection evidence left out of the detection index (${error instanceof Error ? error.message : String(error)})` };
  }
}
