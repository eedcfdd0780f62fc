import type { Migration } from './index';

/**
 * What the workstation shows, derived once when objects arrive (and by a rebuild) rather than on
 * every read: per incident its verification state and the queue's columns, per round its tally and
 * finality, the members it awaits, each member's standing, and the equivocations found. The
 * `tallies` cache, never written, is replaced. The tables start empty: `truceline store rebuild`
 * (or the next import) fills them for a store written before this version.
 */
export const migration40: Migration = {
  version: 40,
  name: '0040-derived-state',
  up: (db) => {
    db.exec(`
      DROP TABLE tallies;

      CREATE TABLE incident_state (
        incident TEXT PRIMARY KEY,
        -- 1 when the incident verifies against the current roster of the chain; problem says why not.
        verified INTEGER NOT NULL,
        problem TEXT,
        incident_number TEXT NOT NULL,
        category TEXT NOT NULL,
        summary TEXT NOT NULL,
        window_start TEXT NOT NULL,
        window_end TEXT NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        lon_e6 INTEGER NOT NULL,
        lat_e6 INTEGER NOT NULL,
        uncertainty_m INTEGER NOT NULL,
        chainage_m INTEGER NOT NULL,
        producer TEXT NOT NULL,
        evidence_listed INTEGER NOT NULL,
        evidence_present INTEGER NOT NULL,
        -- The round the queue shows, and its outcome class, rank (the outcome sort) and finality, copied from round_tallies.
        round INTEGER NOT NULL,
        outcome_class TEXT NOT NULL,
        outcome_rank INTEGER NOT NULL,
        finality TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX incident_state_by_time ON incident_state (verified, start_ms, incident_number);
      CREATE INDEX incident_state_by_km ON incident_state (verified, chainage_m, incident_number);
      CREATE INDEX incident_state_by_number ON incident_state (verified, incident_number);
      CREATE INDEX incident_state_by_outcome ON incident_state (verified, outcome_rank, start_ms);
      CREATE INDEX incident_state_by_category ON incident_state (verified, category, start_ms);
      CREATE INDEX incident_state_by_finality ON incident_state (verified, finality, start_ms);

      CREATE TABLE round_tallies (
        incident TEXT NOT NULL,
        round INTEGER NOT NULL,
        -- The current roster of the chain the round was tallied under.
        roster TEXT NOT NULL,
        outcome TEXT NOT NULL,
        finding TEXT,
        attribution TEXT,
        disputed_by TEXT,
        reason TEXT NOT NULL,
        counts TEXT NOT NULL,
        finality TEXT NOT NULL,
        finality_reason TEXT,
        closed_by TEXT,
        closed_at TEXT,
        countersigned_by TEXT,
        voting_members INTEGER,
        -- When the tally next changes with time alone (a silence deadline still ahead), in ms; NULL when never.
        next_change_at INTEGER,
        PRIMARY KEY (incident, round)
      ) WITHOUT ROWID;
      CREATE INDEX round_tallies_by_next_change ON round_tallies (next_change_at) WHERE next_change_at IS NOT NULL;
      CREATE INDEX round_tallies_by_finality ON round_tallies (finality, incident);

      -- Voting members whose reveal an unclosed round still waits for.
      CREATE TABLE round_awaited (
        member TEXT NOT NULL,
        incident TEXT NOT NULL,
        round INTEGER NOT NULL,
        PRIMARY KEY (member, incident, round)
      ) WITHOUT ROWID;
      CREATE INDEX round_awaited_by_round ON round_awaited (incident, round);

      CREATE TABLE member_standings (
        incident TEXT NOT NULL,
        round INTEGER NOT NULL,
        member TEXT NOT NULL,
        standing TEXT NOT NULL,
        PRIMARY KEY (incident, round, member)
      ) WITHOUT ROWID;

      CREATE TABLE equivocations (
        incident TEXT NOT NULL,
        round INTEGER NOT NULL,
        member TEXT NOT NULL,
        first TEXT NOT NULL,
        second TEXT NOT NULL,
        claim TEXT NOT NULL,
        PRIMARY KEY (incident, round, first, second)
      ) WITHOUT ROWID;
      CREATE INDEX equivocations_by_member ON equivocations (member);

      -- Which incidents' rounds hold an object: the rounds an arriving object's key neighbours belong to.
      CREATE INDEX round_objects_by_object ON round_objects (object);
    `);
  },
};
