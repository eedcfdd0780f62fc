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
 * A WAL that a checkpoint could not empty (a reader stood in the way) is cut back to this size the
 * next time SQLite starts it over; otherwise it stays as large as the largest import ever made it.
 */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Opens (creating if needed) the store database in WAL mode and migrates it. A database written
 * by a newer Truceline is refused rather than guessed at.
 */
export function openWritableDatabase(file: string, options: OpenOptions = {}): WritableDb {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
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

/**
 * Copies the whole WAL into the database and truncates it to nothing, waiting at most `waitMs` for
 * readers still on an older snapshot (a checkpoint must not stall the writer behind a long audit).
 * False when a reader was still there: the WAL then stays until a later checkpoint, bounded by
 * WAL_SIZE_LIMIT_BYTES once SQLite starts it over.
 */
export function truncateWal(db: WritableDb, waitMs: number): boolean {
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${waitMs}`);
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return result?.busy === 0;
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
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
