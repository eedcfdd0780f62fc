import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../shared/encoding/base64';
import { encodeEnvelope } from '../../../shared/objects/envelope';
import { signStatement } from '../../../shared/objects/sign-object';
import type { SignedObject } from '../../../shared/objects/signed-object';
import { nodeSha256 } from '../../../main/crypto/node-sha256';
import { importPack, type ImportOptions, type ImportReport } from '../../../main/store/import-pack';
import { openStore, type Store } from '../../../main/store/store';
import { ChainCache, checkStatementBatch, type StatementBatchVerifier } from '../../../main/worker/statement-batch';
import { VerifyPool } from '../../../main/worker/verify-pool';
import { member } from '../../vectors/commission';
import {
  bundleEntries,
  commission,
  count,
  derivedDump,
  incidentBundle,
  NOW,
  removeTempDirs,
  roundEntries,
  sealedRound,
  signedEntry,
  tableDump,
  tempDir,
  writePackTo,
  type Commission,
  type PackEntry,
} from './fixtures/store-fixtures';

// An import that hands its statements to verifier threads must store exactly what an import that
// verifies them itself stores: the same objects, the same refusals with the same reasons, the same
// derived state, whatever an adversary puts in the pack.

let c: Commission;
let pool: VerifyPool;
let hostile: PackEntry[];

function withBadSignature(object: SignedObject): Uint8Array {
  const [signature] = object.envelope.signatures;
  const sig = fromBase64(signature!.sig)!;
  sig[5]! ^= 0x40;
  return encodeEnvelope({ ...object.envelope, signatures: [{ keyid: signature!.keyid, sig: toBase64(sig) }] });
}

function withShortSignature(object: SignedObject): Uint8Array {
  const [signature] = object.envelope.signatures;
  return encodeEnvelope({ ...object.envelope, signatures: [{ keyid: signature!.keyid, sig: toBase64(fromBase64(signature!.sig)!.subarray(0, 40)) }] });
}

beforeAll(async () => {
  c = await commission();
  pool = new VerifyPool(2);
  const bundles = [await incidentBundle(c, 1), await incidentBundle(c, 2)];
  const delegations = [
    { member: 'DEU', key: 'DEU' },
    { member: 'POL', key: 'POL' },
    { member: 'ITA', key: 'ITA' },
  ] as const;
  const round = await sealedRound(c, bundles[0]!.incident.id, delegations);
  const other = await sealedRound(c, bundles[1]!.incident.id, delegations);
  const reveal = round.reveals[0]!;
  const byOutsider = await signStatement({ ...reveal.payload, author: member('DEU') }, c.keys.OUTSIDER, nodeSha256);
  const forked = await signStatement({ ...reveal.payload, body: { ...reveal.payload.body, confidence: 11 } }, c.keys.DEU, nodeSha256);
  const byProducer = await signStatement({ ...reveal.payload, author: member('MISSION'), body: { ...reveal.payload.body, delegation: member('MISSION') } }, c.keys.MISSION, nodeSha256);
  hostile = [
    signedEntry(c.genesis),
    ...bundles.flatMap(bundleEntries),
    ...roundEntries(round),
    ...roundEntries(other),
    { kind: 'commitment', bytes: withBadSignature(other.commitments[1]!) },
    { kind: 'assessment', bytes: withShortSignature(other.reveals[2]!) },
    { kind: 'assessment', bytes: byOutsider.bytes },
    { kind: 'assessment', bytes: byProducer.bytes },
    { kind: 'assessment', bytes: forked.bytes },
    // Listed as another kind than its bytes make it.
    { kind: 'phase', bytes: round.commitments[2]!.bytes },
    { kind: 'commitment', bytes: new TextEncoder().encode('{"payload":"not an envelope"}') },
  ];
});

afterAll(async () => {
  await pool.close();
  removeTempDirs();
});

async function importInto(entries: readonly PackEntry[], options: Partial<ImportOptions>): Promise<{ store: Store; report: ImportReport }> {
  const store = openStore(join(tempDir(), 'store'), { create: true });
  const path = await writePackTo(tempDir('truceline-pack-'), 'hostile.pack', 'sync', entries);
  const report = await importPack(store, path, { now: NOW, roster: { source: 'genesis.json', bytes: c.genesis.bytes }, ...options });
  return { store, report };
}

const TABLES = ['objects', 'statements', 'round_objects', 'incidents', 'incident_evidence', 'rosters'];

function storedState(store: Store): Record<string, unknown[]> {
  const quarantine = store.db.prepare('SELECT object_id, code, reason, bytes FROM quarantine').all();
  return {
    ...Object.fromEntries(TABLES.map((table) => [table, tableDump(store.db, table).map((row) => JSON.stringify({ ...JSON.parse(row as string), received_at: 0 }))])),
    ...derivedDump(store.db),
    quarantine: tableDumpOf(quarantine),
  };
}

function tableDumpOf(rows: unknown[]): string[] {
  return rows
    .map((row) => JSON.stringify(row, (_key, value: unknown) => (value && typeof value === 'object' && 'type' in value && (value as { type: unknown }).type === 'Buffer' ? 'blob' : value)))
    .sort();
}

function reportFacts(report: ImportReport) {
  const rejections = [...report.rejections].sort((a, b) => `${a.id}${a.code}`.localeCompare(`${b.id}${b.code}`));
  return { added: report.added, present: report.present, rejected: report.rejected, addedByKind: report.addedByKind, rejections, notes: [...report.notes].sort() };
}

describe('an import verified on other threads', () => {
  it('stores and refuses exactly what an import verified on its own thread does, with the same reasons', async () => {
    const alone = await importInto(hostile, {});
    const pooled = await importInto(hostile, { verifier: pool, pooledFrom: 0 });
    expect(alone.report.rejected).toBeGreaterThanOrEqual(6);
    expect(new Set(alone.report.rejections.map((r) => r.code))).toEqual(new Set(['bad-signature', 'bad-format', 'unknown-key', 'wrong-role', 'index-kind-mismatch', 'missing-field']));
    expect(reportFacts(pooled.report)).toEqual(reportFacts(alone.report));
    expect(storedState(pooled.store)).toEqual(storedState(alone.store));
    expect(count(pooled.store.db, 'SELECT count(*) FROM equivocations')).toBeGreaterThan(0);
    alone.store.close();
    pooled.store.close();
  });

  it('writes nothing when a verifier thread fails, and says why', async () => {
    const failing: StatementBatchVerifier = { size: 1, check: () => Promise.reject(new Error('a verifier thread exited (code 1)')) };
    const store = openStore(join(tempDir(), 'store'), { create: true });
    const path = await writePackTo(tempDir('truceline-pack-'), 'honest.pack', 'sync', hostile.slice(0, 12));
    await expect(importPack(store, path, { now: NOW, roster: { source: 'genesis.json', bytes: c.genesis.bytes }, verifier: failing, pooledFrom: 0 })).rejects.toThrow(
      'a verifier thread exited (code 1)',
    );
    expect(count(store.db, 'SELECT count(*) FROM objects')).toBe(0);
    expect(count(store.db, 'SELECT count(*) FROM imports')).toBe(0);
    store.close();
  });

  it('refuses to check statements against a chain that does not rebuild to the same current roster', async () => {
    const chains = new ChainCache(nodeSha256);
    const batch = { chain: { current: c.v2.id, trusted: c.genesis.bytes, candidates: [], now: NOW }, entries: [{ id: c.genesis.id, listed: 'roster' as const, bytes: c.genesis.bytes }] };
    await expect(checkStatementBatch(batch, chains, nodeSha256)).rejects.toThrow(/ends at [0-9a-f]{64} on this thread, not [0-9a-f]{64}/);
  });
});
