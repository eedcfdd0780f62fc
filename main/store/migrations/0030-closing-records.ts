import type { Migration } from './index';

/**
 * Closing records become a stored kind. SQLite cannot change a CHECK constraint in place, so the
 * objects table is rebuilt (SQLite's documented twelve-step procedure); the foreign keys that name
 * it are checked once, at commit, against the rebuilt table.
 */
export const migration30: Migration = {
  version: 30,
  name: '0030-closing-records',
  up: (db) => {
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
      CREATE TABLE objects_new (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('roster', 'incident', 'commitment', 'assessment', 'phase', 'closing', 'chunk')),
        size INTEGER NOT NULL,
        -- Envelope bytes of signed objects; NULL for chunks, whose bytes are in the chunk folder.
        body BLOB,
        import_id INTEGER REFERENCES imports(id),
        received_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO objects_new (id, kind, size, body, import_id, received_at) SELECT id, kind, size, body, import_id, received_at FROM objects;
      DROP TABLE objects;
      ALTER TABLE objects_new RENAME TO objects;
      CREATE INDEX objects_by_import ON objects (import_id);
    `);
  },
};
