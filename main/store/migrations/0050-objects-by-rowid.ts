import type { Migration } from './index';

/**
 * The objects table as a rowid table. Envelopes are ~1 KB: in a WITHOUT ROWID table (an index
 * b-tree, which keeps at most ~1 KB of a row on its page at 4 KiB pages) each spilled over into
 * overflow pages and the table took three times the objects' bytes; a rowid table keeps a body on
 * its leaf page. The id stays the key every other table names, through a unique index. Rebuilt by
 * SQLite's twelve-step procedure, the foreign keys checked at commit.
 */
export const migration50: Migration = {
  version: 50,
  name: '0050-objects-by-rowid',
  up: (db) => {
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
      CREATE TABLE objects_new (
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('roster', 'incident', 'commitment', 'assessment', 'phase', 'closing', 'chunk')),
        size INTEGER NOT NULL,
        -- Envelope bytes of signed objects; NULL for chunks, whose bytes are in the chunk folder.
        body BLOB,
        import_id INTEGER REFERENCES imports(id),
        received_at INTEGER NOT NULL
      );
      INSERT INTO objects_new (id, kind, size, body, import_id, received_at) SELECT id, kind, size, body, import_id, received_at FROM objects ORDER BY id;
      DROP TABLE objects;
      ALTER TABLE objects_new RENAME TO objects;
      CREATE INDEX objects_by_import ON objects (import_id);
    `);
  },
};
