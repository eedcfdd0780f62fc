import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase, openWritableDatabase } from '../../../main/store/database';
import { MIGRATIONS, runMigrations, type Migration } from '../../../main/store/migrations';

describe('store migrations', () => {
  it('migrates a new database to the newest version in steps of 10', () => {
    const db = openMemoryDatabase();
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    for (const m of MIGRATIONS) expect(m.version % 10).toBe(0);
  });

  it('uses WAL on a file database and is idempotent on reopen', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'truceline-db-')), 'store.db');
    openWritableDatabase(file).close();
    const db = openWritableDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses a database from a newer version and leaves it untouched', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'truceline-db-')), 'store.db');
    const raw = new Database(file);
    raw.pragma('user_version = 990');
    raw.close();
    expect(() => openWritableDatabase(file)).toThrow(/version 990, newer than this Truceline supports/);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(990);
    again.close();
  });

  it('runs all pending migrations in one transaction: a failing one leaves the database as it was', () => {
    const db = new Database(':memory:');
    const broken: Migration[] = [
      { version: 10, name: 'a', up: (d) => d.exec('CREATE TABLE a (x)') },
      { version: 20, name: 'b', up: (d) => d.exec('CREATE TABLE b (x); THIS IS NOT SQL') },
    ];
    expect(() => runMigrations(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'").get()).toEqual({ n: 0 });
  });

  it('can stop at a given version for tests', () => {
    const db = openMemoryDatabase(10);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
  });

  it('serves the hot queries from their indexes', () => {
    const db = openMemoryDatabase();
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan("SELECT id FROM statements WHERE keyid = 'k' AND seq = 3")).toMatch(/USING (COVERING )?INDEX statements_by_key_seq/);
    expect(plan('SELECT chunk FROM detection_cells WHERE hour BETWEEN 10 AND 12 AND cell_lon = 370 AND cell_lat = 480')).toMatch(/USING PRIMARY KEY/);
    expect(plan("SELECT incident FROM incident_evidence WHERE sha256 = 'x'")).toMatch(/USING (COVERING )?INDEX incident_evidence_by_chunk/);
  });
});
