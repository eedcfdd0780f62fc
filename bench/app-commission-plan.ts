// The deterministic plan of a bench commission (bench/app-commission.ts): its members, keys, and
// what each delegation finds on each incident. Shared by the builder and its signing workers.
import { utf8Encode } from '../shared/encoding/bytes';
import { toHex } from '../shared/encoding/hex';
import { signingKeyFromSeed, type SigningKey } from '../shared/crypto/signing-key';
import type { AssessmentBody, Attribution, Finding, IncidentCategory, MemberId, ObjectId } from '../shared/objects/types';
import { nodeSha256 } from '../main/crypto/node-sha256';

/** Bump when anything below or in the builder changes what is signed: the cache is keyed by it. */
export const BUILDER_VERSION = 1;
export const VOTING_DELEGATIONS = 40;
export const CHAIR = 'CHAIR' as MemberId;
export const PRODUCER = 'MISSION' as MemberId;
export const PARTIES = ['EAST', 'WEST'] as MemberId[];
export const VOTING: readonly MemberId[] = Array.from({ length: VOTING_DELEGATIONS }, (_, i) => `D${String(i + 1).padStart(2, '0')}` as MemberId);
/** The delegation that signs a second, contradicting reveal on the incidents of the equivocation scenario. */
export const EQUIVOCATOR = VOTING[6]!;

export const BASE_MS = Date.UTC(2025, 0, 1);
export const INCIDENT_SPACING_MS = 15 * 60_000;
export const HOUR_MS = 3_600_000;
export const CATEGORIES: readonly IncidentCategory[] = ['artillery-fire', 'mlrs-fire', 'mortar-fire', 'uav-incursion', 'heavy-weapons-in-zone', 'vehicle-crossing', 'small-arms-fire', 'other'];

export type Scenario = 'attributed' | 'undetermined' | 'no-violation' | 'split' | 'inconclusive' | 'equivocation';

/** A deterministic mix of outcomes over incident numbers. */
export function scenarioOf(i: number): Scenario {
  if (i % 100 === 19) return 'equivocation';
  const r = i % 20;
  if (r < 8) return 'attributed';
  if (r < 10) return 'undetermined';
  if (r < 13) return 'no-violation';
  if (r < 16 || r === 19) return 'split';
  return r < 18 ? 'inconclusive' : 'attributed';
}

/** Every fifth incident's round is closed by the chair and countersigned by five delegations. */
export const isClosed = (i: number) => i % 5 === 0;

export function incidentCreatedMs(i: number): number {
  return BASE_MS + i * INCIDENT_SPACING_MS + HOUR_MS;
}

export function categoryOf(i: number): IncidentCategory {
  return CATEGORIES[(i * 7) % CATEGORIES.length]!;
}

interface View {
  readonly finding: Finding;
  readonly attribution: Attribution;
}

/** What delegation number `d` (0-based) finds on incident `i`. */
export function viewOf(i: number, d: number): View {
  const party = PARTIES[i % 2]!;
  switch (scenarioOf(i)) {
    case 'attributed':
      return d % 10 === 9 ? { finding: 'inconclusive', attribution: 'undetermined' } : { finding: 'violation', attribution: party };
    case 'undetermined':
      return { finding: 'violation', attribution: d < 3 ? party : 'undetermined' };
    case 'no-violation':
      return d < 2 ? { finding: 'inconclusive', attribution: 'undetermined' } : { finding: 'no-violation', attribution: 'undetermined' };
    case 'split':
    case 'equivocation':
      return d < VOTING_DELEGATIONS / 2 ? { finding: 'violation', attribution: party } : { finding: 'no-violation', attribution: 'undetermined' };
    case 'inconclusive':
      return d < 30 ? { finding: 'inconclusive', attribution: 'undetermined' } : { finding: 'abstain', attribution: 'undetermined' };
  }
}

export async function benchKey(member: MemberId): Promise<SigningKey> {
  return signingKeyFromSeed(await nodeSha256(utf8Encode(`truceline bench key ${member}`)), nodeSha256);
}

export async function assessmentBody(incident: ObjectId, i: number, d: number, variant = 0): Promise<AssessmentBody> {
  const view = variant === 0 ? viewOf(i, d) : { finding: 'no-violation' as const, attribution: 'undetermined' as const };
  const delegation = VOTING[d]!;
  return {
    incident,
    round: 1,
    delegation,
    finding: view.finding,
    attribution: view.finding === 'violation' ? view.attribution : 'undetermined',
    confidence: view.finding === 'violation' ? 60 + ((i + d) % 40) : 50,
    categories: view.finding === 'violation' ? [categoryOf(i)] : [],
    rationale: `${delegation}: assessed from the mission's observations (bench text).`,
    citations: [],
    salt: toHex(await nodeSha256(utf8Encode(`bench salt ${incident} ${delegation} ${variant}`))),
  };
}
