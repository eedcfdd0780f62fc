import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closesRound, planClosing } from '../../../shared/audit/closing-record';
import { computeVerdict } from '../../../shared/audit/verdict';
import { DEFAULT_INCIDENT_QUERY, NEEDS_MY_ACTION, type MyStanding, type MyStep } from '../../../shared/commission/incident-list';
import { participationOf, type MyRoundView } from '../../../shared/commission/participation';
import { formatTimestamp } from '../../../shared/objects/timestamp';
import { countersign } from '../../../shared/objects/sign-object';
import type { SignedObject } from '../../../shared/objects/signed-object';
import type { ClosingPayload, MemberId, ObjectId } from '../../../shared/objects/types';
import type { RosterChain } from '../../../shared/roster/verified-roster';
import { checkingSignatures, type AnyVerifiedStatement } from '../../../shared/roster/verify-statement';
import { verifyRosterChain } from '../../../shared/roster/verify-roster-chain';
import { importPack } from '../../../main/store/import-pack';
import { queryIncidents } from '../../../main/store/incident-queries';
import { rebuildStore } from '../../../main/store/rebuild';
import { openStore, type Store } from '../../../main/store/store';
import { assessmentBody, assessmentPayload, commitmentPayload, incidentPayload, member, phasePayload, sha256, ts, type KeyName } from '../../vectors/commission';
import { CLOSING_CREATED } from '../../vectors/closed-round';
import { commission, derivedDump, NOW, removeTempDirs, signedEntry, tempDir, writePackTo, type Commission } from './fixtures/store-fixtures';

// Where each delegation stands in the current round of a handful of incidents, each built to trip
// one reading of "needs my action" or of the current round: the queue's answer (SQL over derived
// rows) against the expected words, and against participationOf, the detail's reading of the same
// round from its verified statements.

const SCENARIOS = [
  'nothing',
  'other-committed',
  'both-committed',
  'listed',
  'unlisted-after-phase',
  'decided',
  'listed-missing',
  'closed',
  'round-two',
  'no-consensus-closed',
  'second-round',
  'disputed-closed',
] as const;
type Scenario = (typeof SCENARIOS)[number];
const MEMBERS = ['FRA', 'DEU', 'POL', 'ITA', 'OBS', 'EAST', 'WEST', 'CHAIR', 'MISSION'] as const;
type Member = (typeof MEMBERS)[number];
const KEYS: Readonly<Record<string, KeyName>> = { FRA: 'FRA-1', DEU: 'DEU', POL: 'POL', ITA: 'ITA', OBS: 'OBS', EAST: 'EAST', WEST: 'WEST' };

const ASSESSING = ['FRA', 'DEU', 'POL', 'ITA', 'OBS', 'EAST', 'WEST'] as const;
const all = (step: MyStep): Record<(typeof ASSESSING)[number], MyStep> => Object.fromEntries(ASSESSING.map((m) => [m, step])) as Record<(typeof ASSESSING)[number], MyStep>;

/** The step of each member and the chair's count of commitments, per scenario. */
const EXPECTED: Readonly<Record<Scenario, { readonly steps: Readonly<Record<Member, MyStep | null>>; readonly commitments: number }>> = {
  nothing: { steps: { ...all('no-commitment'), CHAIR: 'no-commitments', MISSION: null }, commitments: 0 },
  // Another delegation's commitment does not stand for FRA's.
  'other-committed': { steps: { ...all('no-commitment'), DEU: 'committed', CHAIR: 'open-reveal', MISSION: null }, commitments: 1 },
  'both-committed': { steps: { ...all('no-commitment'), FRA: 'committed', DEU: 'committed', CHAIR: 'open-reveal', MISSION: null }, commitments: 2 },
  // The phase lists FRA, DEU and OBS; DEU revealed; the tally waits for FRA, POL and ITA.
  listed: { steps: { ...all('excluded'), FRA: 'reveal', DEU: 'revealed', OBS: 'reveal', CHAIR: 'reveal-open', MISSION: null }, commitments: 3 },
  // FRA committed only after the phase opened the reveal without it: it cannot vote, it is not awaited for a reveal.
  'unlisted-after-phase': { steps: { ...all('excluded'), DEU: 'reveal', CHAIR: 'reveal-open', MISSION: null }, commitments: 2 },
  decided: { steps: { ...all('excluded'), FRA: 'revealed', DEU: 'revealed', POL: 'revealed', ITA: 'revealed', CHAIR: 'close', MISSION: null }, commitments: 4 },
  // Decided by the four voting reveals, but the phase lists WEST's commitment, which is not in the store: not closable.
  'listed-missing': { steps: { ...all('excluded'), FRA: 'revealed', DEU: 'revealed', POL: 'revealed', ITA: 'revealed', CHAIR: 'reveal-open', MISSION: null }, commitments: 4 },
  // Closed: nothing is needed from anyone.
  closed: { steps: { ...all('closed'), FRA: 'revealed', DEU: 'revealed', POL: 'revealed', ITA: 'revealed', CHAIR: 'closed', MISSION: null }, commitments: 4 },
  // FRA committed in round 2 and nothing is in round 1: the highest round holding a statement is the current one.
  'round-two': { steps: { ...all('no-commitment'), FRA: 'committed', CHAIR: 'open-reveal', MISSION: null }, commitments: 1 },
  // Round 1 closed with no consensus: round 2 is current and holds nothing yet, so every assessing delegation is asked to commit.
  'no-consensus-closed': { steps: { ...all('no-commitment'), CHAIR: 'no-commitments', MISSION: null }, commitments: 0 },
  // Round 1 closed with no consensus; FRA and DEU committed in round 2.
  'second-round': { steps: { ...all('no-commitment'), FRA: 'committed', DEU: 'committed', CHAIR: 'open-reveal', MISSION: null }, commitments: 2 },
  // Round 1 closed as disputed (DEU equivocated): round 2 is current.
  'disputed-closed': { steps: { ...all('no-commitment'), CHAIR: 'no-commitments', MISSION: null }, commitments: 0 },
};

/** The round the queue and the detail show per scenario. */
const CURRENT_ROUND: Readonly<Record<Scenario, number>> = {
  ...(Object.fromEntries(SCENARIOS.map((name) => [name, 1])) as Record<Scenario, number>),
  'round-two': 2,
  'no-consensus-closed': 2,
  'second-round': 2,
  'disputed-closed': 2,
};

let store: Store;
let chain: RosterChain;
const incidents = new Map<Scenario, ObjectId>();
const objects = new Map<Scenario, SignedObject[]>();

async function commit(
  c: Commission,
  incident: ObjectId,
  who: string,
  round = 1,
  created?: string,
  finding: 'violation' | 'no-violation' = 'violation',
): Promise<{ commitment: SignedObject<'commitment'>; reveal: () => Promise<SignedObject<'assessment'>> }> {
  const key = KEYS[who]!;
  const body = await assessmentBody(incident, who, { attribution: finding === 'violation' ? member('EAST') : 'undetermined', finding, round });
  const payload = await commitmentPayload(c.log, key, who, body);
  const commitment = await c.log.sign(key, created === undefined ? payload : { ...payload, created: ts(created) });
  return { commitment, reveal: () => c.log.sign(key, assessmentPayload(c.log, key, body)) };
}

async function fullRound(c: Commission, incident: ObjectId, listedToo: readonly SignedObject<'commitment'>[] = [], dissenting?: string): Promise<SignedObject[]> {
  const sealed = [];
  for (const who of ['FRA', 'DEU', 'POL', 'ITA']) sealed.push(await commit(c, incident, who, 1, undefined, who === dissenting ? 'no-violation' : 'violation'));
  const phase = await c.log.sign('CHAIR', phasePayload(c.log, incident, [...sealed.map((s) => s.commitment.id), ...listedToo.map((l) => l.id)]));
  const reveals = [];
  for (const s of sealed) reveals.push(await s.reveal());
  return [...sealed.map((s) => s.commitment), phase, ...reveals];
}

async function scenario(c: Commission, name: Scenario, incident: ObjectId): Promise<SignedObject[]> {
  switch (name) {
    case 'nothing':
      return [];
    case 'other-committed':
      return [(await commit(c, incident, 'DEU')).commitment];
    case 'both-committed':
      return [(await commit(c, incident, 'FRA')).commitment, (await commit(c, incident, 'DEU')).commitment];
    case 'listed': {
      const sealed = [await commit(c, incident, 'FRA'), await commit(c, incident, 'DEU'), await commit(c, incident, 'OBS')];
      const phase = await c.log.sign(
        'CHAIR',
        phasePayload(
          c.log,
          incident,
          sealed.map((s) => s.commitment.id),
        ),
      );
      return [...sealed.map((s) => s.commitment), phase, await sealed[1]!.reveal()];
    }
    case 'unlisted-after-phase': {
      const deu = await commit(c, incident, 'DEU');
      const phase = await c.log.sign('CHAIR', phasePayload(c.log, incident, [deu.commitment.id]));
      const late = await commit(c, incident, 'FRA', 1, '2026-11-22T13:00:00Z');
      return [deu.commitment, phase, late.commitment];
    }
    case 'decided':
      return fullRound(c, incident);
    case 'listed-missing':
      // WEST's commitment is listed by the phase but never imported.
      return fullRound(c, incident, [(await commit(c, incident, 'WEST')).commitment]);
    case 'closed':
      return closed(c, incident, await fullRound(c, incident));
    case 'round-two':
      return [(await commit(c, incident, 'FRA', 2)).commitment];
    case 'no-consensus-closed':
      return closed(c, incident, await fullRound(c, incident, [], 'ITA'));
    case 'second-round': {
      const first = await closed(c, incident, await fullRound(c, incident, [], 'ITA'));
      const second = [await commit(c, incident, 'FRA', 2, '2026-11-25T10:00:00Z'), await commit(c, incident, 'DEU', 2, '2026-11-25T10:00:00Z')];
      return [...first, ...second.map((s) => s.commitment)];
    }
    case 'disputed-closed': {
      const round = await fullRound(c, incident);
      const deu = round.find((s): s is SignedObject<'assessment'> => s.kind === 'assessment' && (s as SignedObject<'assessment'>).payload.author === 'DEU')!;
      // A second reveal of DEU that supersedes nothing: an equivocation that decides the count.
      const fork = await c.log.sign('DEU', assessmentPayload(c.log, 'DEU', { ...deu.payload.body, finding: 'no-violation', attribution: 'undetermined' }));
      return closed(c, incident, [...round, fork]);
    }
  }
}

/** The round with the chair's closing record of what it gives, countersigned by DEU and POL. */
async function closed(c: Commission, incident: ObjectId, round: readonly SignedObject[]): Promise<SignedObject[]> {
  const statements = round.map((s) => s.bytes);
  const { resolution, outcome } = await computeVerdict({ chain, incident, round: 1, objects: statements, asOf: CLOSING_CREATED, sha256 });
  const phase = round.find((s): s is SignedObject<'phase'> => s.kind === 'phase')!;
  const kinds = new Map(round.map((s) => [s.id, s.kind]));
  const plan = planClosing(chain.current, resolution, outcome, (id) => kinds.get(id) === 'assessment', phase.payload.commitments);
  if (!plan.ok) throw new Error(plan.reason);
  const payload: ClosingPayload = { kind: 'closing', author: member('CHAIR'), ...c.log.position('CHAIR'), created: CLOSING_CREATED, ...plan.content };
  const closing = await countersign(await countersign(await c.log.sign('CHAIR', payload), c.keys.DEU, sha256), c.keys.POL, sha256);
  return [...round, closing];
}

function standingsOf(member: Member): Map<ObjectId, MyStanding | null | undefined> {
  const page = queryIncidents(store.db, { ...DEFAULT_INCIDENT_QUERY, limit: 500 }, member as MemberId);
  return new Map(page.items.map((i) => [i.id, i.myStanding]));
}

beforeAll(async () => {
  const c = await commission();
  const verified = await verifyRosterChain({ trusted: c.genesis.bytes, candidates: [], now: NOW, sha256 });
  if (!verified.ok) throw new Error(verified.error.message);
  chain = verified.value;
  const entries = [signedEntry(c.genesis)];
  for (const [n, name] of SCENARIOS.entries()) {
    const incident = await c.log.sign('MISSION', incidentPayload(c.log, { incident: `INC-2026-${String(900 + n).padStart(6, '0')}`, chainageM: 1000 * n }));
    incidents.set(name, incident.id);
    const made = await scenario(c, name, incident.id);
    const stored = name === 'listed-missing' ? made.filter((o) => !(o.kind === 'commitment' && (o as SignedObject<'commitment'>).payload.delegation === 'WEST')) : made;
    objects.set(name, [incident, ...stored]);
    entries.push(signedEntry(incident), ...stored.map(signedEntry));
  }
  store = openStore(tempDir(), { create: true });
  const report = await importPack(store, await writePackTo(tempDir(), 'standing.pack', 'sync', entries), { now: NOW, roster: { source: 'genesis', bytes: c.genesis.bytes } });
  expect(report.rejected).toBe(0);
}, 120_000);

afterAll(() => {
  store?.close();
  removeTempDirs();
});

describe("the queue's standing of the acting delegation", () => {
  it('builds the rounds it means to: one final, one decided and closable, one decided but missing a listed commitment', () => {
    const finality = (name: Scenario) => store.db.prepare('SELECT finality, closable, phase_open FROM incident_state WHERE incident = ?').get(incidents.get(name));
    expect(finality('closed')).toEqual({ finality: 'final', closable: 1, phase_open: 1 });
    expect(finality('decided')).toEqual({ finality: 'provisional', closable: 1, phase_open: 1 });
    expect(finality('listed-missing')).toEqual({ finality: 'provisional', closable: 0, phase_open: 1 });
    const outcome = (name: Scenario) => store.db.prepare('SELECT outcome FROM round_tallies WHERE incident = ? AND round = 1').pluck().get(incidents.get(name));
    expect(outcome('listed-missing')).toBe('decided');
    expect(outcome('no-consensus-closed')).toBe('no-consensus');
    expect(outcome('disputed-closed')).toBe('disputed');
  });

  it('shows each incident in its current round: the highest round holding a statement, or the next after a round closed without a decision', () => {
    const state = store.db.prepare('SELECT current_round AS round, outcome_class AS outcome, finality FROM incident_state WHERE incident = ?');
    for (const name of SCENARIOS) expect((state.get(incidents.get(name)) as { round: number }).round, name).toBe(CURRENT_ROUND[name]);
    // A round closed as decided ends the incident's rounds.
    expect(state.get(incidents.get('closed'))).toEqual({ round: 1, outcome: 'violation', finality: 'final' });
    // The empty round after a round closed without a decision has its own tally row: pending, provisional.
    for (const name of ['no-consensus-closed', 'disputed-closed'] as const) {
      expect(state.get(incidents.get(name)), name).toEqual({ round: 2, outcome: 'pending', finality: 'provisional' });
      const rounds = store.db.prepare('SELECT round, outcome, finality FROM round_tallies WHERE incident = ? ORDER BY round').all(incidents.get(name));
      expect(rounds, name).toEqual([
        { round: 1, outcome: name === 'no-consensus-closed' ? 'no-consensus' : 'disputed', finality: 'final' },
        { round: 2, outcome: 'pending', finality: 'provisional' },
      ]);
    }
    // Nothing in round 1: its tally is not written, only the current round's.
    expect(store.db.prepare('SELECT round FROM round_tallies WHERE incident = ?').pluck().all(incidents.get('round-two'))).toEqual([2]);
    const page = queryIncidents(store.db, { ...DEFAULT_INCIDENT_QUERY, limit: 500 }, 'FRA' as MemberId);
    expect(page.items.find((i) => i.id === incidents.get('second-round'))?.outcome).toMatchObject({ round: 2, outcome: 'pending' });
    // The queue filters and counts by the current round: no incident is shown no-consensus or disputed, though round 1 of two of them is.
    expect(page.counts.outcomes).toMatchObject({ 'no-consensus': 0, disputed: 0 });
    const pending = queryIncidents(store.db, { ...DEFAULT_INCIDENT_QUERY, outcomes: ['pending'], limit: 500 }, 'FRA' as MemberId);
    expect(pending.items.map((i) => i.id)).toEqual(expect.arrayContaining(['round-two', 'no-consensus-closed', 'second-round', 'disputed-closed'].map((name) => incidents.get(name as Scenario))));
    expect(pending.total).toBe(page.counts.outcomes.pending);
  });

  it.each(MEMBERS)('reads the step of %s in every round as expected', (who) => {
    const standings = standingsOf(who);
    for (const name of SCENARIOS) {
      const step = EXPECTED[name].steps[who];
      expect(standings.get(incidents.get(name)!), `${who} in ${name}`).toEqual(step === null ? null : { step, commitments: EXPECTED[name].commitments });
    }
  });

  it.each(MEMBERS)('filters and counts what needs the action of %s: exactly the rounds whose step waits for it', (who) => {
    const expected = SCENARIOS.filter((name) => {
      const step = EXPECTED[name].steps[who];
      return step !== null && NEEDS_MY_ACTION.includes(step);
    }).map((name) => incidents.get(name)!);
    const page = queryIncidents(store.db, { ...DEFAULT_INCIDENT_QUERY, needsMyAction: true, limit: 500 }, who as MemberId);
    expect(page.items.map((i) => i.id).sort()).toEqual([...expected].sort());
    expect(page.total).toBe(expected.length);
    expect(page.counts.needsMyAction).toBe(expected.length);
    expect(queryIncidents(store.db, DEFAULT_INCIDENT_QUERY, who as MemberId).counts.needsMyAction).toBe(expected.length);
    // Each count is taken under the other filters: only final rounds leaves nothing to do.
    expect(queryIncidents(store.db, { ...DEFAULT_INCIDENT_QUERY, finality: 'final' }, who as MemberId).counts.needsMyAction).toBe(0);
  });

  it('agrees with participationOf, the detail’s reading of each round from its verified statements', async () => {
    const check = checkingSignatures(sha256);
    const asOf = formatTimestamp(NOW);
    for (const name of SCENARIOS) {
      const incident = incidents.get(name)!;
      const bytes = objects.get(name)!.map((o) => o.bytes);
      const statements: AnyVerifiedStatement[] = [];
      for (const checked of await Promise.all(bytes.map((b) => check(b, chain)))) if (checked.ok) statements.push(checked.statement);
      const round = CURRENT_ROUND[name];
      const { resolution, outcome } = await computeVerdict({ chain, incident, round, objects: bytes, asOf, sha256 });
      const closed = statements.some((s) => closesRound(s.object, incident, round));
      for (const who of MEMBERS) {
        const view = participationOf({
          chain,
          incident,
          round,
          member: who as MemberId,
          statements,
          resolution,
          tally: outcome,
          closed,
          local: { sealedHere: () => true, hasDraft: false, lookedBeforeCommitting: false },
        });
        const queued = standingsOf(who).get(incident);
        expect(queued?.step ?? null, `${who} in ${name}`).toBe(stepOfView(view, closed));
        if (view.chair !== null) expect(queued?.commitments, `${who} in ${name}`).toBe(view.chair.commitmentsReceived.length);
      }
    }
  });

  it('derives the same rows again in a rebuild', async () => {
    const before = derivedDump(store.db);
    expect(before['round_participants']!.length).toBeGreaterThan(0);
    expect(before['roster_roles']).toHaveLength(chain.current.payload.members.length);
    await rebuildStore(store, { now: NOW });
    expect(derivedDump(store.db)).toEqual(before);
  });
});

/** The queue's step as participationOf reads the round: the chair's next action, or the assessing member's step; a closed round needs nothing. */
function stepOfView(view: MyRoundView, closed: boolean): MyStep | null {
  if (view.chair !== null) {
    if (closed) return 'closed';
    if (view.phase === null) return view.chair.canOpenReveal ? 'open-reveal' : 'no-commitments';
    return view.chair.canClose ? 'close' : 'reveal-open';
  }
  if (view.step === 'not-an-assessor') return null;
  if (view.step === 'revealed') return 'revealed';
  if (closed) return 'closed';
  switch (view.step) {
    case 'draft':
      return 'no-commitment';
    case 'reveal-elsewhere':
      return 'reveal';
    default:
      return view.step;
  }
}
