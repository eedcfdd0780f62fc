import type { Migration } from './index';

/**
 * Objects are the evidentiary copy; every other table is derived from them and can be rebuilt
 * (`truceline store rebuild`). Chunk bytes live in the content-addressed folder beside the database.
 */
export const migration10: Migration = {
  version: 10,
  name: '0010-objects-and-logs',
  up: (db) => {
    db.exec(`
      CREATE TABLE objects (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('roster', 'incident', 'commitment', 'assessment', 'phase', 'chunk')),
        size INTEGER NOT NULL,
        -- Envelope bytes of signed objects; NULL for chunks, whose bytes are in the chunk folder.
        body BLOB,
        import_id INTEGER REFERENCES imports(id),
        received_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        pack_kind TEXT,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        objects_added INTEGER NOT NULL DEFAULT 0,
        objects_present INTEGER NOT NULL DEFAULT 0,
        objects_rejected INTEGER NOT NULL DEFAULT 0,
        bytes INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE statements (
        id TEXT PRIMARY KEY REFERENCES objects(id),
        kind TEXT NOT NULL,
        author TEXT NOT NULL,
        keyid TEXT NOT NULL,
        seq INTEGER NOT NULL,
        prev TEXT,
        created TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX statements_by_key_seq ON statements (keyid, seq);
      CREATE INDEX statements_by_author ON statements (author, seq);

      CREATE TABLE rosters (
        id TEXT PRIMARY KEY REFERENCES objects(id),
        commission TEXT NOT NULL,
        version INTEGER NOT NULL,
        expires TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX rosters_by_version ON rosters (commission, version);

      CREATE TABLE incidents (
        id TEXT PRIMARY KEY REFERENCES objects(id),
        incident_number TEXT NOT NULL,
        category TEXT NOT NULL,
        window_start TEXT NOT NULL,
        window_end TEXT NOT NULL,
        lon_e6 INTEGER NOT NULL,
        lat_e6 INTEGER NOT NULL,
        chainage_m INTEGER NOT NULL,
        summary TEXT NOT NULL,
        supersedes TEXT
      ) WITHOUT ROWID;
      CREATE INDEX incidents_by_window ON incidents (window_start);
      CREATE INDEX incidents_by_chainage ON incidents (chainage_m);

      CREATE TABLE incident_evidence (
        incident TEXT NOT NULL REFERENCES incidents(id),
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        media_type TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        PRIMARY KEY (incident, name)
      ) WITHOUT ROWID;
      CREATE INDEX incident_evidence_by_chunk ON incident_evidence (sha256);

      CREATE TABLE round_objects (
        incident TEXT NOT NULL,
        round INTEGER NOT NULL,
        object TEXT NOT NULL REFERENCES objects(id),
        kind TEXT NOT NULL,
        member TEXT NOT NULL,
        PRIMARY KEY (incident, round, object)
      ) WITHOUT ROWID;

      CREATE TABLE tallies (
        incident TEXT NOT NULL,
        round INTEGER NOT NULL,
        roster TEXT NOT NULL,
        outcome TEXT NOT NULL,
        finding TEXT,
        attribution TEXT,
        computed_at INTEGER NOT NULL,
        detail TEXT NOT NULL,
        PRIMARY KEY (incident, round)
      ) WITHOUT ROWID;

      -- Coarse time/space index of detections: one row per chunk, hour and 0.1-degree cell.
      CREATE TABLE detection_cells (
        chunk TEXT NOT NULL,
        hour INTEGER NOT NULL,
        cell_lon INTEGER NOT NULL,
        cell_lat INTEGER NOT NULL,
        detections INTEGER NOT NULL,
        first_ms INTEGER NOT NULL,
        last_ms INTEGER NOT NULL,
        PRIMARY KEY (hour, cell_lon, cell_lat, chunk)
      ) WITHOUT ROWID;
      CREATE INDEX detection_cells_by_chunk ON detection_cells (chunk);

      CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY,
        object_id TEXT,
        import_id INTEGER REFERENCES imports(id),
        received_at INTEGER NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        bytes BLOB
      );
      CREATE INDEX quarantine_by_object ON quarantine (object_id);
    `);
  },
};
