import { planClosing } from '../audit/closing-record';
import { computeVerdict } from '../audit/verdict';
import { formatTimestamp } from '../objects/timestamp';
import { encodeDetections } from '../evidence/detections-codec';
import { encodeTracks } from '../evidence/tracks-codec';
import { sha256Hex, type Sha256 } from '../crypto/sha256';
import { memberKeyOf, signingKeyFromSeed, type SigningKey } from '../crypto/signing-key';
import { ready } from '../crypto/sodium';
import { utf8Encode } from '../encoding/bytes';
import { toHex } from '../encoding/hex';
import type { LonLat } from '../geo/types';
import { nextLogPosition } from '../log/log-position';
import { countersign, signRoster, signStatement } from '../objects/sign-object';
import type { AnySignedStatement, SignedObject } from '../objects/signed-object';
import type { AssessmentBody, Attribution, ClosingPayload, EvidenceRef, Finding, MemberId, ObjectId, RosterMember, Sha256Hex, StatementPayload, Timestamp } from '../objects/types';
import { verifyRosterChain } from '../roster/verify-roster-chain';
import { commitmentDigest } from '../sealing/commitment-digest';
import { scaleConfig, type ScaleName } from '../synthetic/config';
import { incidentEvidence, type IncidentEvidence } from '../synthetic/evidence-chunks';
import { createSyntheticDay } from '../synthetic/synthetic-day';
import type { IncidentDraft, SyntheticDay, ViolationTruth } from '../synthetic/types';

/** The demo is dated before the day it is first opened so that every statement lies in the past. */
const DEMO_DAY_START_MS = Date.UTC(2026, 10, 20);
const HOUR_MS = 3_600_000;

export const DEMO_PASSPHRASE = 'truceline-demo';
export const DEMO_ACTING_AS = 'FRA' as MemberId;
export const PRODUCER = 'MISSION' as MemberId;
const ARROW_FILE = 'application/vnd.apache.arrow.file';

type DemoMember = Omit<RosterMember, 'keys'>;
const member = (id: string, name: string, role: RosterMember['role'], weight = 1): DemoMember => ({ id: id as MemberId, name, role, weight });

/** A chair, the monitoring mission, nine voting coalition members and the two parties (recused). */
export const DEMO_MEMBERS: readonly DemoMember[] = [
  member('CHAIR', 'Commission Chair (DEMO)', 'chair', 0),
  member('MISSION', 'Technical Monitoring Mission (DEMO)', 'producer', 0),
  member('AUT', 'Austria (DEMO)', 'voting'),
  member('CAN', 'Canada (DEMO)', 'voting'),
  member('DEU', 'Germany (DEMO)', 'voting'),
  member('EST', 'Estonia (DEMO)', 'voting'),
  member('FIN', 'Finland (DEMO)', 'voting'),
  member('FRA', 'France (DEMO)', 'voting'),
  member('GBR', 'United Kingdom (DEMO)', 'voting'),
  member('ITA', 'Italy (DEMO)', 'voting'),
  member('POL', 'Poland (DEMO)', 'voting'),
  member('RUS', 'Russian Federation (party, DEMO)', 'party', 0),
  member('UKR', 'Ukraine (party, DEMO)', 'party', 0),
];

const VOTING = DEMO_MEMBERS.filter((m) => m.role === 'voting').map((m) => m.id);
const PARTY_OF_SIDE: Readonly<Record<ViolationTruth['attribution'], Attribution>> = {
  occupied: 'RUS' as MemberId,
  ukraine_controlled: 'UKR' as MemberId,
  none: 'undetermined',
};

/** How the demo's rounds go, cycled over the incidents so that every outcome appears. */
type Scenario = 'agreed' | 'agreed-undetermined' | 'no-violation' | 'split' | 'awaiting-you' | 'equivocation' | 'committing' | 'new';
const SCENARIOS: readonly Scenario[] = ['agreed', 'split', 'awaiting-you', 'equivocation', 'agreed-undetermined', 'no-violation', 'committing', 'new'];

/** Rounds the chair can close: every voting member revealed, so the tally is no longer pending. */
const CLOSABLE: ReadonlySet<Scenario> = new Set<Scenario>(['agreed', 'split', 'equivocation', 'agreed-undetermined', 'no-violation']);

/**
 * The chair closes the closable rounds of the second and third pass over the scenarios, so every
 * closable outcome appears both final and provisional (the first and last passes stay open). Each
 * list is one copy of the closing record with those voting members' countersignatures; the
 * third pass's two copies of one record count GBR, ITA and POL once each.
 */
function closingCopies(index: number): readonly (readonly string[])[] | undefined {
  switch (Math.floor(index / SCENARIOS.length)) {
    case 1:
      return [['AUT', 'CAN', 'DEU', 'EST', 'FIN']];
    case 2:
      return [
        ['GBR', 'ITA'],
        ['ITA', 'POL'],
      ];
    default:
      return undefined;
  }
}

export interface DemoChunk {
  readonly sha256: Sha256Hex;
  readonly bytes: Uint8Array;
}

export interface DemoIncident {
  readonly incident: SignedObject<'incident'>;
  readonly chunks: readonly DemoChunk[];
  readonly scenario: Scenario;
  readonly truth: ViolationTruth;
  /** The chair's closing record of round 1 and its countersigned copies (one record), when the demo closes the round. */
  readonly closing?: readonly SignedObject<'closing'>[];
}

export interface DemoCommission {
  readonly roster: SignedObject<'roster'>;
  readonly keys: ReadonlyMap<MemberId, SigningKey>;
  readonly incidents: readonly DemoIncident[];
  /** Commitments, phases, reveals and closing records (every copy), in signing order. */
  readonly statements: readonly AnySignedStatement[];
  readonly actingAs: MemberId;
}

/** Demo keys are derived from the member id and the seed, so the demo is the same everywhere; they are labelled DEMO and must never sign real work. */
async function demoKey(id: MemberId, seed: number, sha256: Sha256): Promise<SigningKey> {
  const digest = await sha256(utf8Encode(`truceline demo key ${seed} ${id}`));
  return signingKeyFromSeed(digest, sha256);
}

/** Signs statements in each author's log order (seq, prev). */
export class Signer {
  private readonly last = new Map<MemberId, AnySignedStatement>();
  readonly statements: AnySignedStatement[] = [];
  constructor(
    private readonly keys: ReadonlyMap<MemberId, SigningKey>,
    private readonly sha256: Sha256,
  ) {}

  async sign<P extends StatementPayload>(author: MemberId, createdMs: number, build: (log: { author: MemberId; seq: number; prev: ObjectId | null; created: Timestamp }) => P, keep = true) {
    const position = nextLogPosition(this.last.get(author));
    const signed = await signStatement(build({ author, ...position, created: formatTimestamp(createdMs) }), this.keys.get(author)!, this.sha256);
    this.last.set(author, signed as AnySignedStatement);
    if (keep) this.statements.push(signed as AnySignedStatement);
    return signed;
  }
}

/**
 * The embedded demo commission: a roster, demo keys, about 30 signed incidents with Arrow
 * evidence cut from a synthetic monitoring day along the illustrative line, and rounds of the
 * other delegations so that the tallies show every outcome. Deterministic for a seed.
 */
export interface DemoRoster {
  readonly roster: SignedObject<'roster'>;
  readonly keys: ReadonlyMap<MemberId, SigningKey>;
}

export async function createDemoRoster(lineGeometry: Sha256Hex, sha256: Sha256, seed = 1): Promise<DemoRoster> {
  await ready();
  const keys = new Map<MemberId, SigningKey>();
  for (const m of DEMO_MEMBERS) keys.set(m.id, await demoKey(m.id, seed, sha256));
  const roster = await signRoster(
    {
      kind: 'roster',
      commission: 'Demo Ceasefire Monitoring Commission (DEMO — illustrative line, synthetic data)',
      version: 1,
      prev: null,
      issued: formatTimestamp(DEMO_DAY_START_MS - 20 * 24 * HOUR_MS),
      expires: formatTimestamp(DEMO_DAY_START_MS + 365 * 24 * HOUR_MS),
      members: DEMO_MEMBERS.map((m) => ({ ...m, keys: [memberKeyOf(keys.get(m.id)!)] })),
      rule: { method: 'majority', threshold: { numerator: 2, denominator: 3 }, thresholdComparison: 'at-least', weighted: false, quorum: { numerator: 2, denominator: 3 }, silenceProcedure: false },
      updateThreshold: 3,
      lineGeometry,
    },
    [keys.get('CHAIR' as MemberId)!, keys.get('AUT' as MemberId)!, keys.get('DEU' as MemberId)!],
    sha256,
  );
  return { roster, keys };
}

export interface EvidenceFile {
  readonly name: string;
  readonly role: EvidenceRef['role'];
  readonly bytes: Uint8Array;
}

/** The monitoring mission signs an incident over its evidence files (Arrow chunks). */
export async function signIncident(signer: Signer, draft: IncidentDraft, files: readonly EvidenceFile[], sha256: Sha256): Promise<{ incident: SignedObject<'incident'>; chunks: DemoChunk[] }> {
  const evidence: EvidenceRef[] = [];
  const chunks: DemoChunk[] = [];
  for (const file of files) {
    const digest = await sha256Hex(sha256, file.bytes);
    evidence.push({ name: file.name, role: file.role, mediaType: ARROW_FILE, sha256: digest, size: file.bytes.length });
    chunks.push({ sha256: digest, bytes: file.bytes });
  }
  const publishedMs = Date.parse(draft.window.end) + HOUR_MS;
  const incident = await signer.sign(PRODUCER, publishedMs, (log) => ({ kind: 'incident' as const, ...log, ...draft, evidence }), false);
  return { incident, chunks };
}

/** The demo's (and `truceline generate`'s) synthetic day: the demo scale, dated in the past. */
export function demoDay(lineVertices: readonly LonLat[], scale: ScaleName, seed: number): SyntheticDay {
  return createSyntheticDay(lineVertices, { ...scaleConfig(scale, seed), dayStartMs: DEMO_DAY_START_MS });
}

/** Each incident's evidence as the two Arrow chunks the mission publishes with it. */
export function incidentFiles(cut: IncidentEvidence): EvidenceFile[] {
  const number = cut.incident.draft.incident;
  return [
    { name: `${number}-detections.arrow`, role: 'detections', bytes: encodeDetections(cut.detections) },
    { name: `${number}-tracks.arrow`, role: 'tracks', bytes: encodeTracks(cut.tracks) },
  ];
}

/**
 * The embedded demo commission: a roster, demo keys, about 30 signed incidents with Arrow
 * evidence cut from a synthetic monitoring day along the illustrative line, and rounds of the
 * other delegations so that the tallies show every outcome. Deterministic for a seed.
 */
export async function createDemoCommission(lineVertices: readonly LonLat[], lineGeometry: Sha256Hex, sha256: Sha256, seed = 1): Promise<DemoCommission> {
  const { roster, keys } = await createDemoRoster(lineGeometry, sha256, seed);
  const day = demoDay(lineVertices, 'demo', seed);
  const signer = new Signer(keys, sha256);
  const signed: (DemoIncident & { readonly index: number })[] = [];
  for (const cut of incidentEvidence(day)) {
    const { incident, chunks } = await signIncident(signer, cut.incident.draft, incidentFiles(cut), sha256);
    const scenario = SCENARIOS[cut.incident.index % SCENARIOS.length]!;
    signed.push({ incident, chunks, scenario, truth: day.groundTruth.violations[cut.incident.index]!, index: cut.incident.index });
  }
  const incidents: DemoIncident[] = [];
  for (const { index, ...demo } of signed) {
    const round = await playRound(signer, demo, sha256);
    const copies = CLOSABLE.has(demo.scenario) ? closingCopies(index) : undefined;
    incidents.push(round === undefined || copies === undefined ? demo : { ...demo, closing: await closeRound(signer, roster, keys, demo, round, copies, sha256) });
  }
  return { roster, keys, incidents, statements: signer.statements, actingAs: DEMO_ACTING_AS };
}

interface View {
  readonly finding: Finding;
  readonly attribution: Attribution;
}

function viewsFor(scenario: Scenario, party: Attribution): Map<MemberId, View> {
  const violation: View = { finding: 'violation', attribution: party };
  const views = new Map<MemberId, View>();
  VOTING.forEach((id, i) => {
    switch (scenario) {
      case 'agreed':
      case 'awaiting-you':
      case 'committing':
      case 'new':
        views.set(id, i === 8 ? { finding: 'inconclusive', attribution: 'undetermined' } : violation);
        break;
      case 'agreed-undetermined':
        views.set(id, { finding: 'violation', attribution: i < 2 ? party : 'undetermined' });
        break;
      case 'no-violation':
        views.set(id, i === 0 ? { finding: 'inconclusive', attribution: 'undetermined' } : { finding: 'no-violation', attribution: 'undetermined' });
        break;
      case 'split':
        views.set(id, i < 5 ? violation : { finding: 'no-violation', attribution: 'undetermined' });
        break;
      case 'equivocation':
        // Six of nine reach the 2/3 threshold only with EST (fourth) among them: its equivocation decides the round.
        views.set(id, i < 6 ? violation : { finding: 'no-violation', attribution: 'undetermined' });
        break;
      default: {
        const unreachable: never = scenario;
        throw new Error(`unknown scenario ${String(unreachable)}`);
      }
    }
  });
  if (scenario === 'awaiting-you') views.delete(DEMO_ACTING_AS);
  views.set('RUS' as MemberId, { finding: 'violation', attribution: 'UKR' as MemberId });
  views.set('UKR' as MemberId, { finding: 'violation', attribution: 'RUS' as MemberId });
  return views;
}

/** A round once the chair opened the reveal: its statements, and when the last was made. */
interface PlayedRound {
  readonly statements: readonly AnySignedStatement[];
  readonly phase: SignedObject<'phase'>;
  readonly lastMs: number;
}

async function playRound(signer: Signer, demo: DemoIncident, sha256: Sha256): Promise<PlayedRound | undefined> {
  if (demo.scenario === 'new') return undefined;
  const incident = demo.incident.id;
  const startMs = Date.parse(demo.incident.payload.created) + HOUR_MS;
  const party = PARTY_OF_SIDE[demo.truth.attribution];
  const bodies = new Map<MemberId, AssessmentBody>();
  const commitments: ObjectId[] = [];
  let minute = 0;
  for (const [id, view] of viewsFor(demo.scenario, party)) {
    const body: AssessmentBody = {
      incident,
      round: 1,
      delegation: id,
      finding: view.finding,
      attribution: view.finding === 'violation' ? view.attribution : 'undetermined',
      confidence: view.finding === 'violation' ? 70 + ((minute * 7) % 25) : 55,
      categories: view.finding === 'violation' ? [demo.incident.payload.category] : [],
      rationale: `${id}: assessed from the radar, acoustic and UAV detections of ${demo.incident.payload.incident} (demo text).`,
      citations: [{ chunk: demo.incident.payload.evidence[0]!.sha256 }],
      salt: toHex(await sha256(utf8Encode(`demo salt ${incident} ${id}`))),
    };
    bodies.set(id, body);
    const digest = await commitmentDigest(body, sha256);
    const commitment = await signer.sign(id, startMs + minute++ * 60_000, (log) => ({ kind: 'commitment' as const, ...log, incident, round: 1, delegation: id, digest }));
    commitments.push(commitment.id);
  }
  if (demo.scenario === 'committing') return undefined;
  const since = signer.statements.length - commitments.length;
  const phaseMs = startMs + 2 * HOUR_MS;
  const phase = await signer.sign('CHAIR' as MemberId, phaseMs, (log) => ({
    kind: 'phase' as const,
    ...log,
    incident,
    round: 1,
    action: 'open-reveal' as const,
    commitments: [...commitments].sort(),
  }));
  minute = 0;
  let lastMs = phaseMs;
  for (const [id, body] of bodies) {
    lastMs = phaseMs + HOUR_MS + minute++ * 60_000;
    await signer.sign(id, lastMs, (log) => ({ kind: 'assessment' as const, ...log, body }));
  }
  if (demo.scenario === 'equivocation') {
    // EST signs a second, contradicting assessment that does not supersede its first: equivocation.
    const first = bodies.get('EST' as MemberId)!;
    const flipped: AssessmentBody = { ...first, finding: 'no-violation', attribution: 'undetermined', categories: [], salt: toHex(await sha256(utf8Encode(`demo salt 2 ${incident}`))) };
    lastMs = phaseMs + 3 * HOUR_MS;
    await signer.sign('EST' as MemberId, lastMs, (log) => ({ kind: 'assessment' as const, ...log, body: flipped }));
  }
  return { statements: signer.statements.slice(since), phase, lastMs };
}

/**
 * The chair closes the round an hour after its last statement with the record planClosing gives
 * (right by construction), then voting members countersign: each entry of `copies` is one copy of
 * the record. Every copy is kept, the chair's own first: the chair's log goes on from its id.
 */
async function closeRound(
  signer: Signer,
  roster: SignedObject<'roster'>,
  keys: ReadonlyMap<MemberId, SigningKey>,
  demo: DemoIncident,
  round: PlayedRound,
  copies: readonly (readonly string[])[],
  sha256: Sha256,
): Promise<SignedObject<'closing'>[]> {
  const closedMs = round.lastMs + HOUR_MS;
  const chain = await verifyRosterChain({ trusted: roster.bytes, candidates: [], now: closedMs, sha256 });
  if (!chain.ok) throw new Error(`demo roster: ${chain.error.message}`);
  const objects = [demo.incident, ...round.statements];
  const created = formatTimestamp(closedMs);
  const { resolution, outcome } = await computeVerdict({ chain: chain.value, incident: demo.incident.id, round: 1, objects: objects.map((o) => o.bytes), asOf: created, sha256 });
  const assessments = new Set(round.statements.filter((s) => s.kind === 'assessment').map((s) => s.id));
  const plan = planClosing(chain.value.current, resolution, outcome, (id) => assessments.has(id), round.phase.payload.commitments);
  if (!plan.ok) throw new Error(`demo closing of ${demo.incident.payload.incident}: ${plan.reason}`);
  const closing = await signer.sign('CHAIR' as MemberId, closedMs, (log): ClosingPayload => ({ kind: 'closing', ...log, ...plan.content }));
  const countersigned: SignedObject<'closing'>[] = [];
  for (const members of copies) {
    let copy = closing;
    for (const id of members) copy = await countersign(copy, keys.get(id as MemberId)!, sha256);
    countersigned.push(copy);
    signer.statements.push(copy);
  }
  return [closing, ...countersigned];
}
