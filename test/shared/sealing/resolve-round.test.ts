import { beforeAll, describe, expect, it } from 'vitest';
import { commitmentDigest, randomSalt } from '../../../shared/sealing/commitment-digest';
import { resolveRound, type RoundResolution } from '../../../shared/sealing/resolve-round';
import { canonicalize } from '../../../shared/encoding/canonical-json';
import { toHex } from '../../../shared/encoding/hex';
import type { SignedObject } from '../../../shared/objects/signed-object';
import type { AssessmentBody, ObjectId, Timestamp } from '../../../shared/objects/types';
import type { RosterChain } from '../../../shared/roster/verified-roster';
import { verifyRosterChain } from '../../../shared/roster/verify-roster-chain';
import type { Ballot } from '../../../shared/tally/ballot';
import {
  LogWriter,
  NOW,
  PHASE_CREATED,
  assessmentBody,
  assessmentPayload,
  commitmentPayload,
  incidentPayload,
  phasePayload,
  rosterFixture,
  sha256,
  ts,
  type KeyName,
  type RosterFixture,
} from '../../vectors/commission';

const EARLY = ts('2026-11-22T11:00:00Z');
const LATE = ts('2026-11-24T09:00:00Z');

function byMember(resolution: RoundResolution): Record<string, Ballot> {
  return Object.fromEntries(resolution.ballots.ballots.map((ballot) => [ballot.member, ballot]));
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('commitmentDigest', () => {
  it('is SHA-256 of the RFC 8785 bytes of the body', async () => {
    const body = await assessmentBody('e1'.repeat(32) as ObjectId, 'FRA');
    expect(await commitmentDigest(body, sha256)).toBe(toHex(await sha256(canonicalize(body))));
    expect(await commitmentDigest({ ...body, confidence: 81 }, sha256)).not.toBe(await commitmentDigest(body, sha256));
  });

  it('draws fresh 32-byte salts', async () => {
    await rosterFixture();
    const salts = new Set(Array.from({ length: 16 }, randomSalt));
    expect(salts.size).toBe(16);
    for (const salt of salts) expect(salt).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('resolveRound', () => {
  let fixture: RosterFixture;
  let chain: RosterChain;
  let incident: SignedObject<'incident'>;

  beforeAll(async () => {
    fixture = await rosterFixture();
    const result = await verifyRosterChain({ trusted: fixture.genesis.bytes, candidates: [fixture.v2.bytes], now: NOW, sha256 });
    if (!result.ok) throw new Error(result.error.message);
    chain = result.value;
    const log = new LogWriter(fixture.keys);
    incident = await log.sign('MISSION', incidentPayload(log));
  });

  const resolve = (objects: readonly SignedObject[] | readonly Uint8Array[], round = 1): Promise<RoundResolution> =>
    resolveRound({ chain, incident: incident.id, round, objects: objects.map((o) => (o instanceof Uint8Array ? o : o.bytes)), sha256 });

  async function commitAndBody(log: LogWriter, key: KeyName, delegation: string, overrides: Partial<AssessmentBody> = {}) {
    const body = await assessmentBody(incident.id, delegation, overrides);
    const commitment = await log.sign(key, await commitmentPayload(log, key, delegation, body));
    return { body, commitment };
  }

  it('without a phase: committed members wait, reveals are early, the rest are silent', async () => {
    const log = new LogWriter(fixture.keys);
    const fra = await commitAndBody(log, 'FRA-2', 'FRA');
    const deu = await commitAndBody(log, 'DEU', 'DEU');
    const reveal = await log.sign('DEU', assessmentPayload(log, 'DEU', deu.body));
    const resolution = await resolve([incident, fra.commitment, deu.commitment, reveal]);
    expect(resolution.ballots.phase).toBeUndefined();
    expect(resolution.ballots.ballots.map((b) => [b.member, b.status])).toEqual([
      ['FRA', 'committed'],
      ['DEU', 'early-reveal'],
      ['POL', 'silent'],
      ['ITA', 'silent'],
      ['EAST', 'silent'],
      ['WEST', 'silent'],
      ['OBS', 'silent'],
    ]);
    expect(byMember(resolution)['DEU']).toMatchObject({ finding: 'violation', attribution: 'EAST', confidence: 80 });
    expect(resolution.issues.map((issue) => issue.code)).toEqual(['early-reveal']);
  });

  describe("with the chair's phase", () => {
    let resolution: RoundResolution;
    let objects: SignedObject[];
    let ids: Record<string, ObjectId>;

    beforeAll(async () => {
      const log = new LogWriter(fixture.keys);
      const fra = await commitAndBody(log, 'FRA-2', 'FRA');
      const deu = await commitAndBody(log, 'DEU', 'DEU', { finding: 'no-violation', attribution: 'undetermined', confidence: 60 });
      const pol = await commitAndBody(log, 'POL', 'POL');
      const ita = await commitAndBody(log, 'ITA', 'ITA');
      const east = await commitAndBody(log, 'EAST', 'EAST', { finding: 'no-violation', attribution: 'undetermined' });
      const obs = await commitAndBody(log, 'OBS', 'OBS');
      const phase = await log.sign('CHAIR', phasePayload(log, incident.id, [fra.commitment.id, deu.commitment.id, pol.commitment.id, east.commitment.id, obs.commitment.id]));
      const obsReveal = await log.sign('OBS', { ...assessmentPayload(log, 'OBS', obs.body), created: EARLY });
      const fraReveal = await log.sign('FRA-2', assessmentPayload(log, 'FRA-2', fra.body));
      const deuReveal = await log.sign('DEU', { ...assessmentPayload(log, 'DEU', deu.body), created: LATE });
      const polReveal = await log.sign('POL', assessmentPayload(log, 'POL', { ...pol.body, confidence: 99 }));
      const itaReveal = await log.sign('ITA', assessmentPayload(log, 'ITA', ita.body));
      objects = [incident, fra.commitment, deu.commitment, pol.commitment, ita.commitment, east.commitment, obs.commitment, phase, obsReveal, fraReveal, deuReveal, polReveal, itaReveal];
      ids = { phase: phase.id, fra: fra.commitment.id, fraReveal: fraReveal.id, deuReveal: deuReveal.id, polReveal: polReveal.id, itaReveal: itaReveal.id, east: east.commitment.id };
      resolution = await resolve(objects);
    });

    it('gives one ballot per assessing member in roster order', () => {
      expect(resolution.ballots).toMatchObject({ incident: incident.id, round: 1, phase: ids['phase'], revealDeadline: '2026-11-23T12:00:00Z' });
      expect(resolution.ballots.ballots.map((b) => [b.member, b.status])).toEqual([
        ['FRA', 'counted'],
        ['DEU', 'counted'],
        ['POL', 'unmatched-reveal'],
        ['ITA', 'unmatched-reveal'],
        ['EAST', 'committed'],
        ['WEST', 'silent'],
        ['OBS', 'early-reveal'],
      ]);
    });

    it('a counted reveal carries its finding and names the commitment and the reveal', () => {
      const fra = byMember(resolution)['FRA']!;
      expect(fra).toMatchObject({ finding: 'violation', attribution: 'EAST', confidence: 80, objects: [ids['fra'], ids['fraReveal']].sort() });
      expect(fra.reason).toContain(`phase ${ids['phase']!.slice(0, 8)}…`);
      expect(byMember(resolution)['DEU']).toMatchObject({ finding: 'no-violation', attribution: 'undetermined', confidence: 60 });
    });

    it('a reveal that does not match the listed commitment is not counted', () => {
      expect(byMember(resolution)['POL']).toMatchObject({ status: 'unmatched-reveal', confidence: 99 });
      expect(byMember(resolution)['POL']!.reason).toMatch(/does not match commitment/);
    });

    it('a reveal whose commitment the phase does not list is not counted', () => {
      expect(byMember(resolution)['ITA']!.reason).toMatch(/matches no commitment listed in phase/);
    });

    it('reports late, unmatched and early reveals as issues naming the reveal', () => {
      const codes = resolution.issues.map((issue) => [issue.code, issue.object]);
      expect(codes).toEqual(
        expect.arrayContaining([
          ['late-reveal', ids['deuReveal']],
          ['unmatched-reveal', ids['polReveal']],
          ['unmatched-reveal', ids['itaReveal']],
        ]),
      );
      expect(resolution.issues.filter((issue) => issue.code === 'early-reveal')).toHaveLength(1);
    });

    it('is the same for any order and repetition of its objects', async () => {
      for (const seed of [1, 2, 3]) {
        const again = await resolve([...shuffled(objects, seed), ...shuffled(objects, seed + 10).slice(0, 4)]);
        expect(again).toEqual(resolution);
      }
    });
  });

  it('an invalid object of a member in the round marks its ballot invalid; garbage is reported without a crash', async () => {
    const log = new LogWriter(fixture.keys);
    const fra = await commitAndBody(log, 'FRA-1', 'FRA');
    const phase = await log.sign('CHAIR', phasePayload(log, incident.id, [fra.commitment.id]));
    const resolution = await resolve([incident.bytes, fra.commitment.bytes, phase.bytes, Uint8Array.of(0x7b), new Uint8Array()]);
    expect(byMember(resolution)['FRA']).toMatchObject({ status: 'invalid', objects: [fra.commitment.id] });
    expect(byMember(resolution)['FRA']!.reason).toMatch(/roster v2 removed/);
    expect(resolution.issues.map((issue) => issue.code).sort()).toEqual(['key-removed', 'listed-commitment-missing', 'malformed-json', 'malformed-json']);
  });

  it('equivocation marks the ballot and is reported with its pair', async () => {
    const log = new LogWriter(fixture.keys);
    const deu = await commitAndBody(log, 'DEU', 'DEU');
    const phase = await log.sign('CHAIR', phasePayload(log, incident.id, [deu.commitment.id]));
    const position = log.position('DEU');
    const a = await log.sign('DEU', assessmentPayload(log, 'DEU', deu.body));
    const b = await log.sign('DEU', { ...assessmentPayload(log, 'DEU', { ...deu.body, finding: 'abstain', attribution: 'undetermined' }), ...position });
    const resolution = await resolve([deu.commitment, phase, a, b]);
    expect(byMember(resolution)['DEU']).toMatchObject({ status: 'equivocated', objects: [a.id, b.id].sort() });
    expect(resolution.equivocations.map((found) => found.claim.kind)).toEqual(['same-seq', 'double-assessment']);
    expect(resolution.issues.filter((issue) => issue.code === 'equivocation')).toHaveLength(2);
  });

  it('a superseding reveal chain is not equivocation; the sealed (matching) reveal counts', async () => {
    const log = new LogWriter(fixture.keys);
    const fra = await commitAndBody(log, 'FRA-2', 'FRA');
    const phase = await log.sign('CHAIR', phasePayload(log, incident.id, [fra.commitment.id]));
    const first = await log.sign('FRA-2', assessmentPayload(log, 'FRA-2', fra.body));
    const second = await log.sign('FRA-2', assessmentPayload(log, 'FRA-2', { ...fra.body, confidence: 10 }, { supersedes: first.id }));
    const resolution = await resolve([fra.commitment, phase, first, second]);
    expect(resolution.equivocations).toEqual([]);
    expect(byMember(resolution)['FRA']).toMatchObject({ status: 'counted', confidence: 80 });
    expect(resolution.issues.map((issue) => [issue.code, issue.object])).toEqual([['unmatched-reveal', second.id]]);
  });

  it('a phase listing two commitments of one delegation makes its ballot invalid', async () => {
    const log = new LogWriter(fixture.keys);
    const a = await commitAndBody(log, 'FRA-2', 'FRA');
    const b = await commitAndBody(log, 'FRA-3', 'FRA', { finding: 'abstain', attribution: 'undetermined' });
    const phase = await log.sign('CHAIR', phasePayload(log, incident.id, [a.commitment.id, b.commitment.id]));
    const reveal = await log.sign('FRA-2', assessmentPayload(log, 'FRA-2', a.body));
    const resolution = await resolve([a.commitment, b.commitment, phase, reveal]);
    expect(byMember(resolution)['FRA']).toMatchObject({ status: 'invalid' });
    expect(resolution.issues.map((issue) => issue.code)).toEqual(['several-listed-commitments']);
  });

  it('the first phase of a round binds; a later one is reported and ignored', async () => {
    const log = new LogWriter(fixture.keys);
    const fra = await commitAndBody(log, 'FRA-2', 'FRA');
    const first = await log.sign('CHAIR', phasePayload(log, incident.id, [fra.commitment.id]));
    const later = await log.sign('CHAIR', phasePayload(log, incident.id, [], { created: ts('2026-11-22T13:00:00Z') as Timestamp }));
    const resolution = await resolve([later, fra.commitment, first]);
    expect(resolution.ballots.phase).toBe(first.id);
    expect(byMember(resolution)['FRA']!.status).toBe('committed');
    expect(resolution.issues.map((issue) => [issue.code, issue.object])).toEqual([['phase-ignored', later.id]]);
  });

  it('objects of other rounds do not count in this one', async () => {
    const log = new LogWriter(fixture.keys);
    const fra = await commitAndBody(log, 'FRA-2', 'FRA', { round: 2 });
    const phase = await log.sign('CHAIR', phasePayload(log, incident.id, [fra.commitment.id], { round: 2 }));
    const reveal = await log.sign('FRA-2', assessmentPayload(log, 'FRA-2', fra.body));
    expect(byMember(await resolve([fra.commitment, phase, reveal], 2))['FRA']!.status).toBe('counted');
    const roundOne = await resolve([fra.commitment, phase, reveal], 1);
    expect(roundOne.ballots.phase).toBeUndefined();
    expect(roundOne.ballots.ballots.every((ballot) => ballot.status === 'silent')).toBe(true);
    expect(roundOne.issues).toEqual([]);
  });

  it('carries the silence deadline for the tally', async () => {
    const log = new LogWriter(fixture.keys);
    const phase = await log.sign('CHAIR', phasePayload(log, incident.id, [], { silenceDeadline: ts('2026-11-25T12:00:00Z') }));
    const resolution = await resolve([phase]);
    expect(resolution.ballots).toMatchObject({ silenceDeadline: '2026-11-25T12:00:00Z', revealDeadline: '2026-11-23T12:00:00Z' });
    expect(PHASE_CREATED).toBe(phase.payload.created);
  });
});
