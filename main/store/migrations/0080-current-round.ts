import type { Migration } from './index';

/**
 * The queue shows each incident's current round (shared/commission/current-round.ts) instead of
 * round 1: `incident_state.round` becomes `current_round`, and its per-round columns (outcome,
 * finality, phase_open, commitments, closable) describe that round. A current round that holds
 * nothing yet (the round before it closed without a decision) gets its `round_tallies` row too.
 * The derived rows are emptied: the workstation derives every incident again before its next read
 * (incidents with no `incident_state` row), as do `truceline store rebuild` and the next import.
 */
export const migration80: Migration = {
  version: 80,
  name: '0080-current-round',
  up: (db) => {
    db.exec(`
      DELETE FROM incident_state;
      DELETE FROM round_tallies;
      DELETE FROM round_awaited;
      DELETE FROM member_standings;
      DELETE FROM equivocations;
      DELETE FROM round_participants;

      ALTER TABLE incident_state RENAME COLUMN round TO current_round;
    `);
  },
};
