import Database from 'better-sqlite3';
import { MIGRATIONS, runMigrations } from './migrations';

declare const access: unique symbol;

/** A handle that may only read: query paths take this type, so they cannot write by mistake. */
export type ReadableDb = Database.Database & { readonly [access]: 'read' | 'write' };
/** A handle that may write; every WritableDb is also a ReadableDb. */
export type WritableDb = Database.Database & { readonly [access]: 'write' };

export interface OpenOptions {
  readonly readonly?: boolean;
  /** Migrate only up to this version (tests); defaults to the newest. */
  readonly targetVersion?: number;
}

/**
 * Opens (creating if needed) the store database in WAL mode and migrates it. A database written
 * by a newer Truceline is refused rather than guessed at.
 */
export function openWritableDatabase(file: string, options: OpenOptions = {}): WritableDb {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    runMigrations(db, MIGRATIONS, options.targetVersion);
    return db as WritableDb;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function openReadableDatabase(file: string): ReadableDb {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db as ReadableDb;
}

/** An in-memory database migrated to `targetVersion` (default: newest), for tests. */
export function openMemoryDatabase(targetVersion?: number): WritableDb {
  return openWritableDatabase(':memory:', targetVersion === undefined ? {} : { targetVersion });
}
