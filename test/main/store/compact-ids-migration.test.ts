import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWritableDatabase, type WritableDb } from '../../../main/store/database';
import { DerivedStateWriter, incidentsNotDerived } from '../../../main/store/derived-state';
import { importPack } from '../../../main/store/import-pack';
import { inWriteTransaction, openStore, type Store } from '../../../main/store/store';
import { trustedRosterChain } from '../../../main/store/trusted-rosters';
import { StoreReader } from '../../../main/store/store-reader';
import { nodeSha256 } from '../../../main/crypto/node-sha256';
import { signStatement } from '../../../shared/objects/sign-object';
import type { SignedObject } from '../../../shared/objects/signed-object';
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
  type IncidentBundle,
  type SealedRound,
} from './fixtures/store-fixtures';

// A store at version 50 (hashes as hex text in statements and round_objects), made from a store
// written by this version by writing those two tables back as text, is migrated to 0060: every
// table must equal the store written by this version (over the tables and columns of version 60),
// and its reads answer the same. Then on to 0070 and 0080, which empty the derived state: deriving the
// incidents with no row gives the rows this version writes.

const TABLES_OF_60 = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";

let store: Store;
let bundle: IncidentBundle;
let round: SealedRound;
/** DEU's second reveal with its first reveal's seq: a same-seq fork. */
let fork: SignedObject<'assessment'>;
/** The incident, the round's commitments, phase and reveals, and the fork. */
let statementCount: number;
let migrated: WritableDb;
let beforeMigration: Record<string, unknown[]>;
let migratedFile: string;

const columnsOf = (db: WritableDb, table: string, schema = 'main') => (db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).pluck().all(table, schema) as string[]).join(', ');

/** The columns of `table` at an older version, read from a store this version writes (0080 renamed incident_state's round). */
const asOlderColumns = (db: WritableDb, table: string) =>
  columnsOf(db, table)
    .split(', ')
    .map((column) => (table === 'incident_state' && column === 'round' ? 'current_round AS round' : column))
    .join(', ');

/** The version-50 copy of `source`: its rows as version 50 held them (its tables, its columns), ids of statements and round objects as lowercase hex text. */
function writeVersion50Copy(source: string, file: string): void {
  const db = openWritableDatabase(file, { targetVersion: 50 });
  db.pragma('foreign_keys = OFF');
  db.exec(`ATTACH DATABASE '${source}' AS current`);
  const hexOrNull = (column: string) => `iif(${column} IS NULL, NULL, lower(hex(${column})))`;
  const tables = (db.prepare(TABLES_OF_60).pluck().all() as string[]).filter((t) => t !== 'statements' && t !== 'round_objects');
  db.transaction(() => {
    for (const table of tables) db.exec(`INSERT INTO main.${table} (${columnsOf(db, table)}) SELECT ${asOlderColumns(db, table)} FROM current.${table}`);
    db.exec(`INSERT INTO main.statements (id, kind, author, keyid, seq, prev, created)
      SELECT lower(hex(id)), kind, author, lower(hex(keyid)), seq, ${hexOrNull('prev')}, created FROM current.statements`);
    db.exec('INSERT INTO main.round_objects (incident, round, object, kind, member) SELECT lower(hex(incident)), round, lower(hex(object)), kind, member FROM current.round_objects');
  })();
  db.exec('DETACH DATABASE current');
  db.close();
}

/** Every table of `db`, over the tables and columns `like` has (the store this version writes, read as version 60 held it). */
function dumpAll(db: WritableDb, like: WritableDb = db): Record<string, unknown[]> {
  const tables = like.prepare(TABLES_OF_60).pluck().all() as string[];
  return Object.fromEntries(tables.map((table) => [table, tableDump(db, table, db === like ? columnsOf(like, table) : asOlderColumns(like, table))]));
}

beforeAll(async () => {
  const c = await commission();
  bundle = await incidentBundle(c, 1);
  round = await sealedRound(c, bundle.incident.id, [
    { member: 'DEU', key: 'DEU' },
    { member: 'POL', key: 'POL' },
    { member: 'ITA', key: 'ITA' },
  ]);
  const first = round.reveals[0]!;
  fork = await signStatement({ ...first.payload, body: { ...first.payload.body, confidence: 10 } }, c.keys.DEU, nodeSha256);
  statementCount = 1 + round.commitments.length + 1 + round.reveals.length + 1;
  store = openStore(tempDir(), { create: true });
  const dir = tempDir();
  const pack = await writePackTo(dir, 'all.pack', 'sync', [signedEntry(c.genesis), ...bundleEntries(bundle), ...roundEntries(round), signedEntry(fork)]);
  const report = await importPack(store, pack, { now: NOW, roster: { source: 'genesis.json', bytes: c.genesis.bytes } });
  expect(report.rejected).toBe(0);

  const old = join(tempDir(), 'store.db');
  writeVersion50Copy(join(store.dir, 'store.db'), old);
  const raw = openWritableDatabase(old, { targetVersion: 50 });
  expect(raw.pragma('user_version', { simple: true })).toBe(50);
  expect(count(raw, "SELECT count(*) FROM statements WHERE typeof(id) = 'text' AND typeof(keyid) = 'text'")).toBe(statementCount);
  beforeMigration = dumpAll(raw);
  raw.close();
  migrated = openWritableDatabase(old, { targetVersion: 60 });
  migratedFile = old;
}, 60_000);

afterAll(() => {
  migrated.close();
  store.close();
  removeTempDirs();
});

describe('migration 0060: statement and round-object hashes as 32-byte blobs', () => {
  it('keeps every row of a version-50 store: each table equals the store this version writes', () => {
    expect(migrated.pragma('user_version', { simple: true })).toBe(60);
    const after = dumpAll(migrated);
    // Hex text before, blobs after: the dump writes blobs as hex, so the rows read the same.
    expect(after).toEqual(beforeMigration);
    expect(after).toEqual(dumpAll(store.db, migrated));
    expect(after['statements']!.length).toBe(statementCount);
  });

  it('stores the hashes as 32 bytes and drops the indexes no query uses', () => {
    expect(count(migrated, "SELECT count(*) FROM statements WHERE typeof(id) <> 'blob' OR length(id) <> 32 OR length(keyid) <> 32 OR (prev IS NOT NULL AND length(prev) <> 32)")).toBe(0);
    expect(count(migrated, 'SELECT count(*) FROM statements WHERE prev IS NULL')).toBeGreaterThan(0);
    expect(count(migrated, "SELECT count(*) FROM round_objects WHERE typeof(incident) <> 'blob' OR length(incident) <> 32 OR length(object) <> 32")).toBe(0);
    const indexes = migrated.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['statements_by_key_seq', 'round_objects_by_object']));
    for (const dropped of ['statements_by_author', 'incidents_by_window', 'incidents_by_chainage']) expect(indexes).not.toContain(dropped);
  });

  it('answers the store reader with the same hex ids as before', () => {
    const reader = new StoreReader(migrated);
    const current = new StoreReader(store.db);
    const neighbours = reader.roundObjectsWithKeyNeighbours(bundle.incident.id);
    expect(neighbours).toHaveLength(statementCount - 1);
    expect(neighbours).toEqual(current.roundObjectsWithKeyNeighbours(bundle.incident.id));
    expect(migrated.prepare('SELECT DISTINCT lower(hex(incident)) FROM round_objects').pluck().all()).toEqual([bundle.incident.id]);
    expect(reader.forkWitnesses([round.reveals[0]!.id])).toEqual([fork.id]);
    expect(reader.forkWitnesses(round.reveals.slice(1).map((r) => r.id))).toEqual([]);
  });

  it('refuses a hash written as hex text instead of 32 bytes', () => {
    const id = round.phase.id;
    expect(() => migrated.prepare("INSERT INTO round_objects (incident, round, object, kind, member) VALUES (?, 2, ?, 'phase', ?)").run(bundle.incident.id, id, member('CHAIR'))).toThrow(
      /CHECK constraint failed/,
    );
  });
});

describe('migrations 0070 and 0080: where the acting delegation stands, in the current round', () => {
  it('empties the derived state, and deriving the incidents with no row gives the rows this version writes', async () => {
    migrated.close();
    migrated = openWritableDatabase(migratedFile);
    expect(migrated.pragma('user_version', { simple: true })).toBe(80);
    expect(columnsOf(migrated, 'incident_state')).toMatch(/\bcurrent_round\b/);
    for (const table of ['incident_state', 'round_tallies', 'member_standings', 'round_participants', 'roster_roles']) expect(count(migrated, `SELECT count(*) FROM ${table}`), table).toBe(0);
    const missing = incidentsNotDerived(migrated);
    expect(missing).toEqual([bundle.incident.id]);
    const chain = await trustedRosterChain(migrated, NOW);
    if (!chain?.ok) throw new Error('no trusted roster chain');
    await inWriteTransaction(migrated, () => new DerivedStateWriter(migrated, chain.value, NOW).deriveIncidents(missing));
    expect(derivedDump(migrated)).toEqual(derivedDump(store.db));
    expect(count(migrated, 'SELECT count(*) FROM round_participants')).toBeGreaterThan(0);
  });
});
