import type Database from 'better-sqlite3';
import { migration10 } from './0010-objects-and-logs';
import { migration20 } from './0020-trust-and-sync';
import { migration30 } from './0030-closing-records';
import { migration40 } from './0040-derived-state';
import { migration50 } from './0050-objects-by-rowid';
import { migration60 } from './0060-compact-statement-ids';
import { migration70 } from './0070-my-standing';
import { migration80 } from './0080-current-round';

export interface Migration {
  /** Numbered in steps of 10, strictly increasing. */
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [migration10, migration20, migration30, migration40, migration50, migration60, migration70, migration80];

export class NewerDatabaseError extends Error {
  override readonly name = 'NewerDatabaseError';
}

/**
 * Runs every pending migration in one transaction and sets user_version at the end, so a
 * database is either fully at the new version or untouched.
 */
export function runMigrations(db: Database.Database, migrations: readonly Migration[], targetVersion?: number): void {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) throw new Error(`migration ${migrations[i]!.name}: versions must increase`);
  }
  const newest = migrations.at(-1)?.version ?? 0;
  const target = targetVersion ?? newest;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > newest) {
    throw new NewerDatabaseError(`the database is at version ${current}, newer than this Truceline supports (${newest}): open it with a newer Truceline`);
  }
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    db.pragma(`user_version = ${pending.at(-1)!.version}`);
  })();
}
