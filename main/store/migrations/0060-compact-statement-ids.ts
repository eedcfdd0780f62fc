import type { Migration } from './index';

/**
 * The two largest derived tables and their indexes hold their hashes as 32 bytes instead of 64 hex
 * digits: `statements` (`id`, `keyid`, `prev`) and `round_objects` (`incident`, `object`). Their SQL
 * writes `unhex(?)` and reads `lower(hex(…))`, so every query still takes and returns the lowercase
 * hex ids the rest of the code names (blob order is hex order); a CHECK refuses a hex text written
 * without `unhex`. As blobs they cannot name `objects(id)` (text) by foreign key: both are derived and
 * rebuilt from `objects`. Indexes no query uses are dropped (`statements_by_author`,
 * `incidents_by_window`, `incidents_by_chainage`: the queue reads `incident_state`). Together they
 * took a quarter of the database (1,000 × 40 bench commission: 169.5 → 136 MiB).
 */
export const migration60: Migration = {
  version: 60,
  name: '0060-compact-statement-ids',
  up: (db) => {
    db.exec(`
      DROP INDEX statements_by_author;
      DROP INDEX incidents_by_window;
      DROP INDEX incidents_by_chainage;

      CREATE TABLE statements_new (
        id BLOB PRIMARY KEY CHECK (length(id) = 32),
        kind TEXT NOT NULL,
        author TEXT NOT NULL,
        keyid BLOB NOT NULL CHECK (length(keyid) = 32),
        seq INTEGER NOT NULL,
        prev BLOB CHECK (prev IS NULL OR length(prev) = 32),
        created TEXT NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO statements_new (id, kind, author, keyid, seq, prev, created)
        SELECT unhex(id), kind, author, unhex(keyid), seq, unhex(prev), created FROM statements ORDER BY id;
      DROP TABLE statements;
      ALTER TABLE statements_new RENAME TO statements;
      CREATE INDEX statements_by_key_seq ON statements (keyid, seq);

      CREATE TABLE round_objects_new (
        incident BLOB NOT NULL CHECK (length(incident) = 32),
        round INTEGER NOT NULL,
        object BLOB NOT NULL CHECK (length(object) = 32),
        kind TEXT NOT NULL,
        member TEXT NOT NULL,
        PRIMARY KEY (incident, round, object)
      ) WITHOUT ROWID;
      INSERT INTO round_objects_new (incident, round, object, kind, member)
        SELECT unhex(incident), round, unhex(object), kind, member FROM round_objects ORDER BY incident, round, object;
      DROP TABLE round_objects;
      ALTER TABLE round_objects_new RENAME TO round_objects;
      CREATE INDEX round_objects_by_object ON round_objects (object);
    `);
  },
};
