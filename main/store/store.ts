import { closeSync, existsSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CHUNK_FOLDER_NAME, ChunkStore } from './chunk-store';
import { openWritableDatabase, truncateWal, type WritableDb } from './database';
import { makeExistingPrivate, makePrivateFolder, PRIVATE_FILE_MODE, subfolders } from './private-files';

export const DATABASE_FILE = 'store.db';
export const CHUNKS_FOLDER = 'chunks';
const PAGE_CACHE_KIB = 64 * 1024;
/** How long emptying the WAL after a write transaction waits for readers; on close, longer. */
const WAL_TRUNCATE_WAIT_MS = 250;
const WAL_TRUNCATE_ON_CLOSE_WAIT_MS = 2_000;

/** A store that cannot be opened or used as asked; the message is one line naming the folder. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
}

/**
 * A store folder: `store.db` (SQLite, WAL) for objects' metadata, signed objects' bytes, derived
 * indexes and the quarantine, and `chunks/` for evidence chunks by SHA-256 (docs/STORE.md).
 */
export interface Store {
  readonly dir: string;
  readonly db: WritableDb;
  readonly chunks: ChunkStore;
  close(): void;
}

export interface OpenStoreOptions {
  /** Create the folder and database when absent; otherwise a missing store is an error. */
  readonly create: boolean;
}

export function openStore(dir: string, options: OpenStoreOptions): Store {
  const dbFile = join(dir, DATABASE_FILE);
  if (!existsSync(dbFile)) {
    if (!options.create) throw new StoreError(`${dir}: no store here (${DATABASE_FILE} is missing)`);
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new StoreError(`${dir}: is a file, not a store folder`);
  }
  try {
    makeStorePrivate(dir, dbFile);
  } catch (error) {
    throw new StoreError(`${dir}: cannot make the store private to this user: ${error instanceof Error ? error.message : String(error)}`);
  }
  let db: WritableDb;
  try {
    db = openWritableDatabase(dbFile);
  } catch (error) {
    throw new StoreError(`${dbFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // An import writes its whole pack in one transaction: pages it touches stay in memory rather
  // than spilling into the WAL before the commit.
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  return { dir, db, chunks: new ChunkStore(join(dir, CHUNKS_FOLDER)), close: () => closeDatabase(db) };
}

/**
 * SQLite empties and deletes the WAL when the last connection closes, unless that connection is
 * read-only (the workstation's reader may close after the writer): the writer empties it first.
 */
function closeDatabase(db: WritableDb): void {
  if (db.open && !db.inTransaction) truncateWal(db, WAL_TRUNCATE_ON_CLOSE_WAIT_MS);
  db.close();
}

/**
 * The store folder, the chunk folder and its subfolders 0700, the database files 0600: created so
 * (SQLite gives the -wal and -shm files the database file's mode), and set so when a store made
 * before, or under another umask, is opened. Chunk files are written 0600 and sit in folders no one
 * else can enter.
 */
function makeStorePrivate(dir: string, dbFile: string): void {
  makePrivateFolder(dir);
  const chunks = join(dir, CHUNKS_FOLDER);
  makePrivateFolder(chunks);
  if (!existsSync(dbFile)) closeSync(openSync(dbFile, 'wx', PRIVATE_FILE_MODE));
  makeExistingPrivate(subfolders(chunks, CHUNK_FOLDER_NAME), [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`]);
}

/** The write transaction in progress on each connection, so that the next one waits for it. */
const writeQueues = new WeakMap<WritableDb, Promise<unknown>>();

/**
 * Runs `body` inside BEGIN IMMEDIATE … COMMIT, rolling back when it throws; `body` may await.
 * Write transactions on one connection run one after the other; other processes wait on SQLite's
 * lock (busy timeout). Reads on the same connection meanwhile see the uncommitted rows, so readers
 * that must not (the UI during an import) use a connection of their own.
 */
export function inWriteTransaction<T>(db: WritableDb, body: () => Promise<T>): Promise<T> {
  const previous = writeQueues.get(db) ?? Promise.resolve();
  const run = previous.then(
    () => transaction(db, body),
    () => transaction(db, body),
  );
  writeQueues.set(db, run);
  return run;
}

async function transaction<T>(db: WritableDb, body: () => Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  let result: T;
  try {
    result = await body();
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
  // An import writes its whole pack to the WAL; readers polling throughout (the workstation's
  // window) would keep SQLite from ever starting it over, and the file would only grow.
  truncateWal(db, WAL_TRUNCATE_WAIT_MS);
  return result;
}
