import type { CommissionView, IncidentDetail } from '../commission/views';
import type { Attribution, Finding, IncidentCategory, MemberId, ObjectId, Timestamp } from '../objects/types';
import type { BallotStatus } from '../tally/ballot';
import type { AssessingRole, OutcomeKind, SubstantiveFinding } from '../tally/outcome';

/** What the room screen shows: live, black with the commission's name, or the last live picture held. */
export const SESSION_SCREEN_MODES = ['live', 'blank', 'freeze'] as const;
export type SessionScreenMode = (typeof SESSION_SCREEN_MODES)[number];

/** The chair's list of incidents for a session and the one on screen now (kept in main, in the commission's folder). */
export interface SessionAgenda {
  readonly items: readonly ObjectId[];
  readonly current: number;
}

/** The desk's playback as the room screen mirrors it. */
export interface PlaybackMirror {
  readonly playheadSeconds: number;
  readonly playing: boolean;
  readonly speed: number;
}

export const MAX_AGENDA_ITEMS = 100;
export const NO_PLAYBACK: PlaybackMirror = { playheadSeconds: 0, playing: false, speed: 1 };

export interface SessionIncidentFacts {
  readonly number: string;
  readonly category: IncidentCategory;
  readonly windowStart: Timestamp;
  readonly windowEnd: Timestamp;
  readonly lon: number;
  readonly lat: number;
  readonly chainageKm: number;
  readonly summary: string;
}

/** One delegation as the room sees it: who has committed is shown, what only once revealed. */
export type PublicStanding =
  | { readonly member: MemberId; readonly name: string; readonly role: AssessingRole; readonly state: 'not-yet' | 'committed' | 'disputed' }
  | {
      readonly member: MemberId;
      readonly name: string;
      readonly role: AssessingRole;
      readonly state: 'revealed';
      readonly finding: Finding;
      readonly attribution: Attribution | null;
      readonly confidence: number | null;
    };

export interface SessionTally {
  readonly round: number;
  readonly outcome: OutcomeKind;
  readonly finding: SubstantiveFinding | null;
  readonly attribution: Attribution | null;
  readonly final: boolean;
  readonly counts: { readonly voting: number; readonly revealed: number; readonly committed: number; readonly notYet: number } & Readonly<Record<SubstantiveFinding, number>>;
  readonly standings: readonly PublicStanding[];
}

export interface SessionBoardItem {
  /** The incident's object id (public: it names signed, synced bytes). */
  readonly id: ObjectId;
  readonly number: string | null;
  readonly outcome: OutcomeKind | null;
  readonly finding: SubstantiveFinding | null;
  readonly attribution: Attribution | null;
  readonly final: boolean;
}

/**
 * One chunk of the current item's signed evidence list. Public: the list is part of the signed,
 * synced incident, and the room plays exactly what every delegation's desk plays.
 */
export interface SessionEvidence {
  readonly name: string;
  readonly role: string;
  readonly sha256: string;
  readonly size: number;
  readonly present: boolean;
}

/** Everything the session window receives: public state only (docs: DESIGN.md §6). */
export interface SessionView {
  readonly commission: string;
  readonly screen: SessionScreenMode;
  readonly position: { readonly index: number; readonly count: number };
  readonly current: { readonly incident: ObjectId; readonly facts: SessionIncidentFacts; readonly evidence: readonly SessionEvidence[]; readonly tally: SessionTally } | null;
  readonly board: readonly SessionBoardItem[];
  readonly playback: PlaybackMirror;
}

/** Ballot statuses whose finding is public: the member signed and published a reveal. */
const REVEALED: readonly BallotStatus[] = ['counted', 'unmatched-reveal', 'early-reveal'];

function standingOf(member: IncidentDetail['tally']['members'][number], name: string): PublicStanding {
  const base = { member: member.member, name, role: member.role };
  if (REVEALED.includes(member.ballot) && member.finding !== undefined) {
    return { ...base, state: 'revealed', finding: member.finding, attribution: member.attribution ?? null, confidence: member.confidence ?? null };
  }
  if (member.ballot === 'committed') return { ...base, state: 'committed' };
  if (member.ballot === 'equivocated' || member.ballot === 'invalid') return { ...base, state: 'disputed' };
  return { ...base, state: 'not-yet' };
}

function tallyOf(detail: IncidentDetail, names: ReadonlyMap<MemberId, string>): SessionTally {
  const verdict = detail.tally.verdict;
  const standings = detail.tally.members.map((member) => standingOf(member, names.get(member.member) ?? member.member));
  const voting = standings.filter((s) => s.role === 'voting');
  const findings = detail.tally.counts.findings;
  return {
    round: detail.tally.round,
    outcome: verdict.outcome,
    finding: verdict.outcome === 'decided' ? verdict.finding : null,
    attribution: verdict.outcome === 'decided' && verdict.finding === 'violation' ? verdict.attribution : null,
    final: detail.finality.status === 'final',
    counts: {
      voting: detail.tally.counts.voting.votes,
      revealed: voting.filter((s) => s.state === 'revealed').length,
      committed: voting.filter((s) => s.state === 'committed').length,
      notYet: voting.filter((s) => s.state === 'not-yet').length,
      violation: findings.violation.votes,
      'no-violation': findings['no-violation'].votes,
      inconclusive: findings.inconclusive.votes,
    },
    standings,
  };
}

function factsOf(detail: IncidentDetail): SessionIncidentFacts {
  const { number, category, windowStart, windowEnd, lon, lat, chainageKm, summary } = detail;
  return { number, category, windowStart, windowEnd, lon, lat, chainageKm, summary };
}

function evidenceOf(detail: IncidentDetail): SessionEvidence[] {
  return detail.evidenceList.map(({ name, role, sha256, size, present }) => ({ name, role, sha256, size, present }));
}

function boardItemOf(id: ObjectId, detail: IncidentDetail | undefined): SessionBoardItem {
  if (detail === undefined) return { id, number: null, outcome: null, finding: null, attribution: null, final: false };
  const outcome = detail.outcome;
  return { id, number: detail.number, outcome: outcome.outcome, finding: outcome.finding ?? null, attribution: outcome.attribution ?? null, final: detail.finality.status === 'final' };
}

export interface SessionSources {
  readonly commission: Pick<CommissionView, 'commission' | 'members'>;
  readonly agenda: SessionAgenda;
  readonly screen: SessionScreenMode;
  /** The agenda's incidents that could be read, by id. */
  readonly details: ReadonlyMap<ObjectId, IncidentDetail>;
  readonly playback: PlaybackMirror;
}

/**
 * The room's view, built field by field from what is public: never a draft, the acting delegation,
 * a key's status, a path, or a finding that was not revealed (only revealed ballots carry one).
 */
export function publicSessionView(sources: SessionSources): SessionView {
  const names = new Map(sources.commission.members.map((member) => [member.id, member.name] as const));
  const { items, current } = sources.agenda;
  const currentDetail = items[current] === undefined ? undefined : sources.details.get(items[current]!);
  const { playheadSeconds, playing, speed } = sources.playback;
  return {
    commission: sources.commission.commission,
    screen: sources.screen,
    position: { index: current, count: items.length },
    current: currentDetail === undefined ? null : { incident: currentDetail.id, facts: factsOf(currentDetail), evidence: evidenceOf(currentDetail), tally: tallyOf(currentDetail, names) },
    board: items.map((id) => boardItemOf(id, sources.details.get(id))),
    playback: { playheadSeconds, playing, speed },
  };
}
