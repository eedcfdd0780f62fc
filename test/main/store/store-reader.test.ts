import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateObjectIds, computeVerdict } from '../../../shared/audit/verdict';
import { signStatement } from '../../../shared/objects/sign-object';
import type { SignedObject } from '../../../shared/objects/signed-object';
import type { ObjectId, Sha256Hex, Timestamp } from '../../../shared/objects/types';
import { parsePackIndex } from '../../../shared/pack/pack-index';
import { nodeSha256 } from '../../../main/crypto/node-sha256';
import { exportCertificate, exportIncident, exportSince } from '../../../main/store/export-pack';
import { importPack } from '../../../main/store/import-pack';
import { trustedRosterChain } from '../../../main/store/trusted-rosters';
import { openStore, type Store } from '../../../main/store/store';
import { READER_SQL, StoreReader } from '../../../main/store/store-reader';
import { incidentPayload, member, ts, type KeyName } from '../../vectors/commission';
import {
  bundleEntries,
  commission,
  incidentBundle,
  NOW,
  roundEntries,
  sealedRound,
  sha256Hex,
  signedEntry,
  removeTempDirs,
  tempDir,
  writePackTo,
  type Commission,
  type IncidentBundle,
  type SealedRound,
} from './fixtures/store-fixtures';

// Round 1 of incident 1 by DEU, POL, ITA and FRA (each: commitment seq 1, reveal seq 2; the chair's
// phase seq 1). Then, on incident 2: DEU signs another statement with seq 1 (same-seq), POL one with
// seq 3 whose prev is its commitment rather than its reveal (broken-chain), ITA its next statement
// as it should (seq 3, prev its reveal), and the mission a second incident with seq 2 (same-seq).

const AS_OF = '2026-11-24T00:00:00Z' as Timestamp;

let c: Commission;
let bundles: IncidentBundle[];
let round: SealedRound;
let store: Store;
let reader: StoreReader;
let firstImport: number;
let deuFork: SignedObject<'commitment'>;
let polFork: SignedObject<'commitment'>;
let itaNext: SignedObject<'commitment'>;
let missionFork: SignedObject<'incident'>;

const roster = () => ({ source: 'genesis.json', bytes: c.genesis.bytes });
const revealOf = (delegation: string) => round.reveals.find((r) => r.payload.author === delegation)!;
const commitmentOf = (delegation: string) => round.commitments.find((r) => r.payload.author === delegation)!;
const ids = (objects: readonly { readonly id: ObjectId }[]) => objects.map((o) => o.id).sort();

async function commitmentOn(key: KeyName, delegation: string, incident: ObjectId, log: { seq: number; prev: ObjectId | null }): Promise<SignedObject<'commitment'>> {
  const payload = {
    kind: 'commitment' as const,
    author: member(delegation),
    ...log,
    created: ts('2026-11-21T11:00:00Z'),
    incident,
    round: 1,
    delegation: member(delegation),
    digest: `${log.seq}`.padStart(64, 'c') as Sha256Hex,
  };
  return signStatement(payload, c.keys[key], nodeSha256);
}

function packIds(path: string): string[] {
  const bytes = readFileSync(path);
  const size = parseInt(bytes.subarray(124, 135).toString('ascii'), 8);
  return parsePackIndex(bytes.subarray(512, 512 + size))
    .objects.map((o) => o.id)
    .sort();
}

beforeAll(async () => {
  c = await commission();
  bundles = [await incidentBundle(c, 1), await incidentBundle(c, 2)];
  const [first, second] = bundles.map((b) => b.incident.id) as [ObjectId, ObjectId];
  round = await sealedRound(c, first, [
    { member: 'DEU', key: 'DEU' },
    { member: 'POL', key: 'POL' },
    { member: 'ITA', key: 'ITA' },
    { member: 'FRA', key: 'FRA-1' },
  ]);
  store = openStore(join(tempDir(), 'store'), { create: true });
  const all = await writePackTo(tempDir(), 'all.pack', 'sync', [signedEntry(c.genesis), ...bundles.flatMap(bundleEntries), ...roundEntries(round)]);
  expect((await importPack(store, all, { now: NOW, roster: roster() })).rejections).toEqual([]);
  firstImport = store.db.prepare('SELECT max(id) FROM imports').pluck().get() as number;

  deuFork = await commitmentOn('DEU', 'DEU', second, { seq: 1, prev: null });
  polFork = await commitmentOn('POL', 'POL', second, { seq: 3, prev: commitmentOf('POL').id });
  itaNext = await commitmentOn('ITA', 'ITA', second, { seq: 3, prev: revealOf('ITA').id });
  missionFork = await signStatement(incidentPayload(c.log, { incident: 'INC-2026-000099', seq: 2, prev: first, created: ts('2026-11-20T09:00:00Z') }), c.keys.MISSION, nodeSha256);
  const later = await writePackTo(tempDir(), 'later.pack', 'sync', [deuFork, polFork, itaNext, missionFork].map(signedEntry));
  expect((await importPack(store, later, { now: NOW })).rejections).toEqual([]);
  reader = new StoreReader(store.db);
});

afterAll(() => {
  store?.close();
  removeTempDirs();
});

describe('the store reader', () => {
  it('reads statements by key and seq through statements_by_key_seq', () => {
    const plan = (sql: string, ...params: unknown[]) => (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('; ');
    const byKeySeq = /SEARCH (neighbour|other) USING (COVERING )?INDEX statements_by_key_seq \(keyid=\? AND seq>\? AND seq<\?\)/;
    expect(plan(READER_SQL.roundBodiesAndKeyNeighbours, 'x')).toMatch(byKeySeq);
    expect(plan(READER_SQL.roundBodiesAndKeyNeighbours, 'x')).toMatch(/SEARCH round_objects USING PRIMARY KEY \(incident=\?\)/);
    expect(plan(READER_SQL.forkWitnesses, '[]')).toMatch(byKeySeq);
    expect(plan(READER_SQL.forkWitnesses, '[]')).toMatch(/SEARCH own USING PRIMARY KEY \(id=\?\)/);
  });

  it('gives a round its objects and every statement of their keys with seq s − 1, s or s + 1, wherever it was made', () => {
    const idsOf = (objects: readonly Uint8Array[]) => objects.map(sha256Hex);
    const first = idsOf(reader.roundObjectsWithKeyNeighbours(bundles[0]!.incident.id));
    expect(first).toEqual(ids([...round.commitments, round.phase, ...round.reveals, deuFork, polFork, itaNext]));
    const second = idsOf(reader.roundObjectsWithKeyNeighbours(bundles[1]!.incident.id));
    expect(second).toEqual(ids([deuFork, commitmentOf('DEU'), revealOf('DEU'), polFork, revealOf('POL'), itaNext, revealOf('ITA')]));
    expect(reader.roundObjectsWithKeyNeighbours('f'.repeat(64) as ObjectId)).toEqual([]);
  });

  it('names the statements that show a fork with given ones: same seq, or a next statement whose prev is not it', () => {
    expect(reader.forkWitnesses([commitmentOf('DEU').id])).toEqual([deuFork.id]);
    // DEU's reveal (seq 2) names its commitment, not the fork, as prev: it shows the fork too.
    expect(reader.forkWitnesses([deuFork.id])).toEqual([commitmentOf('DEU').id, revealOf('DEU').id].sort());
    expect(reader.forkWitnesses([revealOf('POL').id])).toEqual([polFork.id]);
    expect(reader.forkWitnesses([polFork.id])).toEqual([revealOf('POL').id]);
    expect(reader.forkWitnesses([revealOf('ITA').id, itaNext.id, commitmentOf('ITA').id])).toEqual([]);
    expect(reader.forkWitnesses([bundles[1]!.incident.id])).toEqual([missionFork.id]);
    expect(reader.forkWitnesses([c.genesis.id, bundles[0]!.chunks[0]!.id, 'nothing'])).toEqual([]);
    expect(reader.forkWitnesses([])).toEqual([]);
    expect(reader.forkWitnesses(ids([...round.commitments, round.phase, ...round.reveals]))).toEqual([deuFork.id, polFork.id].sort());
  });

  it('lets the round resolution see forks made on another incident', async () => {
    const chain = (await trustedRosterChain(store.db, NOW))!;
    if (!chain.ok) throw new Error(chain.error.message);
    const objects = reader.roundObjectsWithKeyNeighbours(bundles[0]!.incident.id);
    const { resolution } = await computeVerdict({ chain: chain.value, incident: bundles[0]!.incident.id, round: 1, objects, asOf: AS_OF, sha256: nodeSha256 });
    const status = Object.fromEntries(resolution.ballots.ballots.map((b) => [b.member, b.status]));
    expect(status).toMatchObject({ DEU: 'equivocated', POL: 'equivocated', ITA: 'counted', FRA: 'counted' });
    expect(resolution.equivocations.map((e) => [e.author, e.claim.kind]).sort()).toEqual([
      ['DEU', 'same-seq'],
      ['POL', 'broken-chain'],
    ]);
  });
});

describe('exports carry the statements that show a fork', () => {
  it('an incident bundle carries the statement that forks the log of the key that signed the incident', async () => {
    const out = join(tempDir(), 'incident.pack');
    await exportIncident(store, bundles[1]!.incident.id, out);
    expect(packIds(out)).toContain(missionFork.id);
    await exportIncident(store, bundles[0]!.incident.id, out);
    expect(packIds(out)).not.toContain(missionFork.id);
  });

  it('a certificate carries the fork pairs behind its ballots and nothing more, and a store that imports it reaches the same dispute', async () => {
    const out = join(tempDir(), 'certificate.pack');
    const exported = await exportCertificate(store, bundles[0]!.incident.id, 1, AS_OF, out);
    expect(packIds(out)).toEqual(expect.arrayContaining([deuFork.id, polFork.id, commitmentOf('DEU').id, revealOf('POL').id]));
    expect(packIds(out)).toEqual([...certificateObjectIds(exported.chain, exported.incident, exported.verdict.resolution)].sort());
    expect(packIds(out)).not.toContain(itaNext.id);
    const equivocated = exported.verdict.resolution.ballots.ballots.filter((b) => b.status === 'equivocated').map((b) => b.member);
    expect(equivocated).toEqual(['DEU', 'POL']);

    const receiver = openStore(join(tempDir(), 'receiver'), { create: true });
    expect((await importPack(receiver, out, { now: NOW, roster: roster() })).rejections).toEqual([]);
    const again = await exportCertificate(receiver, bundles[0]!.incident.id, 1, AS_OF, join(tempDir(), 'again.pack'));
    receiver.close();
    expect(again.verdict.outcome).toEqual(exported.verdict.outcome);
    expect(again.verdict.resolution.ballots).toEqual(exported.verdict.resolution.ballots);
  });

  it('a sync pack carries the earlier statements that the new ones fork', async () => {
    const out = join(tempDir(), 'sync.pack');
    await exportSince(store, { importId: firstImport }, out);
    const inPack = packIds(out);
    expect(inPack).toEqual(expect.arrayContaining([deuFork.id, polFork.id, itaNext.id, missionFork.id, commitmentOf('DEU').id, revealOf('POL').id, bundles[1]!.incident.id]));
    expect(inPack).not.toContain(revealOf('ITA').id);
    expect(inPack).not.toContain(round.phase.id);
  });
});
