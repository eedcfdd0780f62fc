import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../shared/encoding/base64';
import { encodeEnvelope } from '../../../shared/objects/envelope';
import type { SignedObject } from '../../../shared/objects/signed-object';
import { decodeFrame, encodeFrame } from '../../../shared/sync/catch-up-frames';
import { memoryIdSnapshot } from '../../../shared/sync/id-snapshot';
import { encodeObjectRecordHeader } from '../../../shared/sync/object-records';
import { Reconciler } from '../../../shared/sync/reconciler';
import { importPack } from '../../../main/store/import-pack';
import { quarantineRows } from '../../../main/store/quarantine';
import { openStore, type Store } from '../../../main/store/store';
import { CATCH_UP_FOLDER, catchUp, CatchUpError, type CatchUpReport } from '../../../main/sync/catch-up';
import { memoryTransportPair, streamTransport, type MessageTransport } from '../../../main/sync/message-transport';
import { objectsPeerLacks } from '../../../main/sync/peer-cursor';
import {
  bundleEntries,
  commission,
  incidentBundle,
  manyIncidents,
  NOW,
  removeTempDirs,
  roundEntries,
  sealedRound,
  sha256Hex,
  signedEntry,
  tempDir,
  writePackTo,
  type Commission,
  type PackEntry,
} from '../store/fixtures/store-fixtures';
import { seededRandom } from '../../shared/sync/sync-fixtures';

interface Entry extends PackEntry {
  readonly id: string;
  /** For a chunk, the incident that lists it: a store holds a chunk only with its incident. */
  readonly incident?: string;
}

let c: Commission;
let roster: Entry;
let objects: Entry[];
let assessment: SignedObject<'assessment'>;

function entry(e: PackEntry, incident?: string): Entry {
  return { ...e, id: sha256Hex(e.bytes), ...(incident ? { incident } : {}) };
}

beforeAll(async () => {
  c = await commission();
  roster = entry(signedEntry(c.genesis));
  const bundles = await Promise.all([1, 2, 3].map((n) => incidentBundle(c, n)));
  const rounds = await Promise.all(
    bundles.slice(0, 2).map((b) =>
      sealedRound(c, b.incident.id, [
        { member: 'DEU', key: 'DEU' },
        { member: 'POL', key: 'POL' },
        { member: 'ITA', key: 'ITA' },
      ]),
    ),
  );
  assessment = rounds[0]!.reveals[0]!;
  const many = await manyIncidents(c, 40, 30);
  objects = [
    ...bundles.flatMap((b) => bundleEntries(b).map((e) => entry(e, e.kind === 'chunk' ? b.incident.id : undefined))),
    ...rounds.flatMap((r) => roundEntries(r).map((e) => entry(e))),
    ...many.map((e, i) => entry(e, e.kind === 'chunk' ? sha256Hex(many[i - 1]!.bytes) : undefined)),
  ];
});

afterAll(removeTempDirs);

/** A store that trusts the commission's roster and holds the given objects (chunks only with their incident). */
async function storeWith(held: readonly Entry[]): Promise<Store> {
  const dir = tempDir('truceline-sync-');
  const store = openStore(join(dir, 'store'), { create: true });
  const ids = new Set(held.map((e) => e.id));
  const kept = held.filter((e) => e.incident === undefined || ids.has(e.incident));
  await importPack(store, await writePackTo(dir, 'roster.pack', 'sync', [roster]), { now: NOW, roster: { source: 'genesis.json', bytes: roster.bytes } });
  if (kept.length > 0) {
    const report = await importPack(store, await writePackTo(dir, 'held.pack', 'sync', kept), { now: NOW });
    expect(report.rejected, report.rejections[0]?.reason).toBe(0);
  }
  return store;
}

function idsOf(store: Store): string[] {
  return store.db.prepare('SELECT id FROM objects ORDER BY id').pluck().all() as string[];
}

async function exchange(a: Store, b: Store, transports = memoryTransportPair()): Promise<[CatchUpReport, CatchUpReport]> {
  const [ta, tb] = transports;
  try {
    return await Promise.all([catchUp(a, ta, { role: 'initiator', peer: 'B', importOptions: { now: NOW } }), catchUp(b, tb, { role: 'responder', peer: 'A', importOptions: { now: NOW } })]);
  } finally {
    ta.close();
    tb.close();
  }
}

/** Each object on one side, the other or both, at random. */
function randomSplit(seed: number): { a: Entry[]; b: Entry[] } {
  const random = seededRandom(seed);
  const a: Entry[] = [];
  const b: Entry[] = [];
  for (const object of objects) {
    const r = random();
    if (r < 0.6) (r < 0.3 ? a : b).push(object);
    else {
      a.push(object);
      b.push(object);
    }
  }
  return { a, b };
}

function missingBytes(from: Store, to: Store): number {
  const held = new Set(idsOf(to));
  return (from.db.prepare('SELECT id, size FROM objects').all() as { id: string; size: number }[]).filter((row) => !held.has(row.id)).reduce((sum, row) => sum + row.size, 0);
}

describe('catch-up between two stores', () => {
  it('random splits of a store: after one exchange both hold the union, verified, nothing refused', async () => {
    for (const seed of [1, 2, 3]) {
      const split = randomSplit(seed);
      const [a, b] = await Promise.all([storeWith(split.a), storeWith(split.b)]);
      const union = [...new Set([...idsOf(a), ...idsOf(b)])].sort();
      const expectedBytes = missingBytes(a, b) + missingBytes(b, a);
      const [ra, rb] = await exchange(a, b);
      expect(idsOf(a), `seed ${seed}`).toEqual(union);
      expect(idsOf(b), `seed ${seed}`).toEqual(union);
      for (const report of [ra, rb]) {
        expect(report.converged).toBe(true);
        expect(report.imported?.rejected ?? 0).toBe(0);
        expect(report.notes).toEqual([]);
      }
      expect(quarantineRows(a.db)).toEqual([]);
      expect(quarantineRows(b.db)).toEqual([]);
      expect(ra.sent.objects + rb.sent.objects).toBe(ra.imported!.added + rb.imported!.added);
      expect(ra.sent.bytes + rb.sent.bytes).toBe(expectedBytes);
      // Bytes on the wire against the missing objects' own: the bench measures the real figure.
      expect(ra.wire.bytesSent + ra.wire.bytesReceived).toBeLessThanOrEqual(1.1 * expectedBytes + 1024);
      a.close();
      b.close();
    }
  });

  it('identical stores: one round trip, a constant handful of bytes, nothing imported, no file left behind', async () => {
    const [a, b] = await Promise.all([storeWith(objects), storeWith(objects)]);
    // A spool left by a session whose process was killed.
    mkdirSync(join(a.dir, CATCH_UP_FOLDER));
    writeFileSync(join(a.dir, CATCH_UP_FOLDER, '2147483646-0123456789ab.spool'), 'left');
    const [ra, rb] = await exchange(a, b);
    expect(readdirSync(join(a.dir, CATCH_UP_FOLDER))).toEqual([]);
    expect(ra.reconcile.messagesSent + ra.reconcile.messagesReceived).toBe(2);
    expect(ra.wire.bytesSent + ra.wire.bytesReceived).toBeLessThan(128);
    expect([ra.imported, rb.imported]).toEqual([null, null]);
    expect([ra.converged, rb.converged]).toEqual([true, true]);
    const [small1, small2] = await Promise.all([storeWith([]), storeWith([])]);
    const [rs] = await exchange(small1, small2);
    expect(Math.abs(rs.wire.bytesSent + rs.wire.bytesReceived - (ra.wire.bytesSent + ra.wire.bytesReceived))).toBeLessThanOrEqual(8);
    for (const store of [a, b, small1, small2]) store.close();
  });

  it('one side empty but for the roster: everything arrives in a few messages', async () => {
    const [a, b] = await Promise.all([storeWith([]), storeWith(objects)]);
    const [ra] = await exchange(a, b);
    expect(idsOf(a)).toEqual(idsOf(b));
    expect(ra.imported!.added).toBe(objects.length);
    expect(ra.reconcile.messagesSent + ra.reconcile.messagesReceived).toBeLessThanOrEqual(6);
    a.close();
    b.close();
  });

  it('records the peer cursor: right after, the peer lacks nothing; then only what arrived since', async () => {
    const [a, b] = await Promise.all([storeWith(objects.slice(0, 20)), storeWith(objects.slice(10, 30))]);
    expect(objectsPeerLacks(a, 'B').count).toBe(idsOf(a).length);
    const [ra] = await exchange(a, b);
    expect(ra.cursor).toMatchObject({ peer: 'B', via: 'catch-up', fromPeerImports: [ra.imported!.importId] });
    expect(objectsPeerLacks(a, 'B').count).toBe(0);
    // Two incidents of `manyIncidents`, each with its chunk.
    const later = objects.slice(41, 45);
    await importPack(a, await writePackTo(tempDir(), 'later.pack', 'sync', later), { now: NOW });
    const lacking = [...objectsPeerLacks(a, 'B').pages()].flat().map((row) => row.id);
    expect(lacking.sort()).toEqual(
      later
        .map((e) => e.id)
        .filter((id) => !idsOf(b).includes(id))
        .sort(),
    );
    a.close();
    b.close();
  });

  it('runs over a socket as over any message transport', async () => {
    const [a, b] = await Promise.all([storeWith(objects.slice(0, 25)), storeWith(objects.slice(15))]);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
    const client = connect((server.address() as { port: number }).port, '127.0.0.1');
    const [ra, rb] = await exchange(a, b, [streamTransport(client, 2 << 20), streamTransport(await accepted, 2 << 20)]);
    server.close();
    expect([ra.converged, rb.converged]).toEqual([true, true]);
    expect(idsOf(a)).toEqual(idsOf(b));
    a.close();
    b.close();
  });
});

/** The peer's side played by hand: an honest reconciliation over the ids it claims, then the frames `send` gives, whatever they hold. */
async function hostilePeer(transport: MessageTransport, claimed: readonly string[], send: () => Uint8Array[]): Promise<string[]> {
  const reconciler = new Reconciler(memoryIdSnapshot(claimed));
  const seen: string[] = [];
  let sent = false;
  const sendOurs = async () => {
    if (sent) return;
    sent = true;
    for (const frame of send()) await transport.send(frame);
  };
  for (;;) {
    const message = await transport.receive();
    if (message === undefined) return seen;
    const frame = decodeFrame(message);
    seen.push(frame.type === 'abort' ? `abort: ${frame.reason}` : frame.type);
    if (frame.type !== 'reconcile') {
      await sendOurs();
      continue;
    }
    const reply = reconciler.receive(frame.message);
    if (reply === undefined) await sendOurs();
    else await transport.send(encodeFrame({ type: 'reconcile', message: reply }));
  }
}

function objectsFrames(list: readonly PackEntry[]): Uint8Array[] {
  const stream = list.flatMap((e) => [...encodeObjectRecordHeader(e.kind, e.bytes.length), ...e.bytes]);
  return [encodeFrame({ type: 'objects', piece: Uint8Array.from(stream) }), encodeFrame({ type: 'sent', objects: list.length, bytes: list.reduce((s, e) => s + e.bytes.length, 0) })];
}

function withBadSignature(object: SignedObject): Uint8Array {
  const [signature] = object.envelope.signatures;
  const sig = fromBase64(signature!.sig)!;
  sig[0]! ^= 1;
  return encodeEnvelope({ ...object.envelope, signatures: [{ keyid: signature!.keyid, sig: toBase64(sig) }] });
}

describe('catch-up with a hostile peer', () => {
  async function against(
    peer: (t: MessageTransport) => Promise<string[]>,
    held = objects.slice(0, 10),
  ): Promise<{ error: CatchUpError | undefined; report: CatchUpReport | undefined; seen: string[]; store: Store }> {
    const store = await storeWith(held);
    const [mine, theirs] = memoryTransportPair();
    const peerDone = peer(theirs);
    let error: CatchUpError | undefined;
    let report: CatchUpReport | undefined;
    try {
      report = await catchUp(store, mine, { role: 'initiator', peer: 'hostile', importOptions: { now: NOW } });
    } catch (caught) {
      expect(caught).toBeInstanceOf(CatchUpError);
      expect((caught as Error).message).not.toContain('\n');
      error = caught as CatchUpError;
    }
    mine.close();
    return { error, report, seen: await peerDone, store };
  }

  it('a forged object lands in the quarantine and the rest lands', async () => {
    const forged = { kind: 'assessment' as const, bytes: withBadSignature(assessment) };
    const honest = objects.slice(10, 14);
    const { report, store } = await against((t) =>
      hostilePeer(t, [...objects.slice(0, 14).map((e) => e.id), sha256Hex(forged.bytes)], () => [
        ...objectsFrames([...honest, forged]),
        encodeFrame({ type: 'received', added: 0, present: 0, rejected: 0 }),
      ]),
    );
    expect(report!.imported).toMatchObject({ added: honest.length, rejected: 1 });
    expect(quarantineRows(store.db).map((row) => row.objectId)).toEqual([sha256Hex(forged.bytes)]);
    for (const e of honest) expect(idsOf(store)).toContain(e.id);
    // The ids converged (the forged bytes are under their own id, refused on import): the peer holds what this store held.
    expect(report!.converged).toBe(true);
    expect(objectsPeerLacks(store, 'hostile').count).toBe(0);
    store.close();
  });

  it('more objects than the peer can lack are refused from the first one too many, and the peer is told why', async () => {
    const { error, seen, store } = await against((t) =>
      hostilePeer(
        t,
        objects.slice(0, 11).map((e) => e.id),
        () => objectsFrames(objects.slice(10, 13)),
      ),
    );
    expect(error?.code).toBe('limit');
    expect(error?.message).toMatch(/more than the 1 objects expected/);
    expect(seen.at(-1)).toMatch(/^abort: object stream: more than the 1 objects expected/);
    expect(idsOf(store)).not.toContain(objects[10]!.id);
    store.close();
  });

  it('garbage, a wrong version, a peer that aborts or hangs up: one line each, nothing imported', async () => {
    const garbage = await against((t) => hostilePeer(t, [], () => [Uint8Array.from([1, 2])]));
    expect(garbage.error?.code).toBe('malformed');
    const version = await against(async (t) => {
      await t.receive();
      await t.send(Uint8Array.from([9, 1, 0]));
      return [];
    });
    expect(version.error?.code).toBe('version');
    expect(version.error?.message).toMatch(/version 9/);
    const aborting = await against(async (t) => {
      await t.receive();
      await t.send(encodeFrame({ type: 'abort', reason: 'the store is busy' }));
      return [];
    });
    expect(aborting.error?.code).toBe('aborted');
    expect(aborting.error?.message).toBe('the peer stopped the catch-up: the store is busy');
    const hangingUp = await against(async (t) => {
      await t.receive();
      t.close();
      return [];
    });
    expect(hangingUp.error?.code).toBe('closed');
    for (const run of [garbage, version, aborting, hangingUp]) {
      expect(idsOf(run.store)).toHaveLength(11);
      run.store.close();
    }
  });
});
