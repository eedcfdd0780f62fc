import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Timestamp } from '../../../shared/objects/types';
import { tallyRound } from '../../../shared/tally/tally';
import { vectorRoster, vectorRound, type TallyVector } from './tally-vector';

const VECTOR_DIR = resolve(__dirname, '../../vectors/tally');
const files = readdirSync(VECTOR_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();

function load(name: string): TallyVector {
  return JSON.parse(readFileSync(join(VECTOR_DIR, name), 'utf8')) as TallyVector;
}

describe('tally golden vectors', () => {
  it('has at least 25 cases covering every decision method', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
    const methods = new Set(files.map((name) => load(name).rule.method));
    expect([...methods].sort()).toEqual(['consensus', 'consensus-minus-one', 'majority', 'unanimity']);
  });

  it.each(files)('%s', (name) => {
    const vector = load(name);
    const outcome = tallyRound(vectorRoster(vector), vectorRound(vector), vector.asOf as Timestamp);
    expect(outcome.verdict).toEqual(vector.expected.verdict);
    expect(Object.fromEntries(outcome.members.map((member) => [member.member, member.standing]))).toEqual(vector.expected.standings);
    expect(outcome.ignored.map((entry) => entry.member)).toEqual(vector.expected.ignored ?? []);
    expect(outcome.reason).not.toBe('');
    for (const member of outcome.members) expect(member.reason).not.toBe('');
  });

  it.each(files)('%s: same outcome with the ballots reversed', (name) => {
    const vector = load(name);
    const roster = vectorRoster(vector);
    const round = vectorRound(vector);
    const asOf = vector.asOf as Timestamp;
    expect(tallyRound(roster, { ...round, ballots: [...round.ballots].reverse() }, asOf)).toEqual(tallyRound(roster, round, asOf));
  });
});
