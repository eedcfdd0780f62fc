import type { Migration } from './index';

/**
 * What the queue needs to say where the acting delegation stands in each round and whether the
 * round needs its action, as SQL over derived rows (incident-queries.ts), never per stored object:
 * - `incident_state` gains, for the queue's round, whether the chair's phase opened the reveal, how
 *   many delegations have committed (what opening it would list) and whether the chair may close it
 *   (planClosing: a phase, every commitment it lists at hand, the tally no longer pending);
 * - `round_participants`: what each delegation that signed anything in a round signed — 'committed'
 *   (no commitment of it listed by the phase), 'listed' (the phase lists one, not revealed) or
 *   'revealed'; a delegation with no row signed nothing there;
 * - `roster_roles`: the role of each member of the roster the derived state was written under.
 * The derived rows are emptied: the workstation derives every incident again before its next read
 * (incidents with no `incident_state` row), as do `truceline store rebuild` and the next import.
 */
export const migration70: Migration = {
  version: 70,
  name: '0070-my-standing',
  up: (db) => {
    db.exec(`
      DELETE FROM incident_state;
      DELETE FROM round_tallies;
      DELETE FROM round_awaited;
      DELETE FROM member_standings;
      DELETE FROM equivocations;

      ALTER TABLE incident_state ADD COLUMN phase_open INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE incident_state ADD COLUMN commitments INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE incident_state ADD COLUMN closable INTEGER NOT NULL DEFAULT 0;

      CREATE TABLE round_participants (
        member TEXT NOT NULL,
        incident TEXT NOT NULL,
        round INTEGER NOT NULL,
        signed TEXT NOT NULL CHECK (signed IN ('committed', 'listed', 'revealed')),
        PRIMARY KEY (member, incident, round)
      ) WITHOUT ROWID;
      CREATE INDEX round_participants_by_round ON round_participants (incident, round);

      CREATE TABLE roster_roles (
        member TEXT PRIMARY KEY,
        role TEXT NOT NULL,
        roster TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
