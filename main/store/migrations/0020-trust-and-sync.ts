import type { Migration } from './index';

/**
 * The roster this store trusts (pinned on the first import; later rosters count only through the
 * roster chain from it), and the indexes that import, export and sync query.
 */
export const migration20: Migration = {
  version: 20,
  name: '0020-trust-and-sync',
  up: (db) => {
    db.exec(`
      CREATE TABLE trust (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        roster TEXT NOT NULL REFERENCES objects(id),
        pinned_at INTEGER NOT NULL
      );

      CREATE INDEX objects_by_import ON objects (import_id);
      CREATE INDEX incidents_by_number ON incidents (incident_number);
      CREATE INDEX quarantine_by_import ON quarantine (import_id);
    `);
  },
};
