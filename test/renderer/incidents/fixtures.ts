import type { IncidentSummary, OutcomeSummary, RoundFinality } from '../../../shared/commission/views';
import type { IncidentCategory, MemberId, ObjectId, Timestamp } from '../../../shared/objects/types';

export const PARTY_A = 'PARTY-A' as MemberId;

export const OUTCOMES = {
  violation: { round: 1, outcome: 'decided', finding: 'violation', attribution: PARTY_A, reason: 'adopted' },
  undetermined: { round: 1, outcome: 'decided', finding: 'violation', attribution: 'undetermined', reason: 'adopted' },
  noViolation: { round: 1, outcome: 'decided', finding: 'no-violation', reason: 'adopted' },
  inconclusive: { round: 1, outcome: 'decided', finding: 'inconclusive', reason: 'adopted' },
  noConsensus: { round: 1, outcome: 'no-consensus', reason: 'objections' },
  pending: { round: 1, outcome: 'pending', reason: 'awaiting reveals' },
  disputed: { round: 1, outcome: 'disputed', reason: 'equivocation' },
} as const satisfies Record<string, OutcomeSummary>;

export const FINALITIES = {
  final: { status: 'final', closedBy: 'CHAIR' as MemberId, closedAt: '2026-11-21T14:12:00.000Z' as Timestamp, countersignedBy: ['AUT', 'DEU'] as MemberId[], votingMembers: 9 },
  provisional: { status: 'provisional' },
  refused: { status: 'closing-refused', reason: 'closing 0a1b2c3d…: incomplete: the closing record names 1 object(s) the store lacks: reveal 4e5f6a7b…' },
} as const satisfies Record<string, RoundFinality>;

export function incident(
  number: number,
  options: { readonly start: string; readonly km: number; readonly category?: IncidentCategory; readonly outcome?: OutcomeSummary; readonly finality?: RoundFinality },
): IncidentSummary {
  return {
    id: number.toString(16).padStart(64, '0') as ObjectId,
    number: `INC-2026-${String(number).padStart(6, '0')}`,
    category: options.category ?? 'artillery-fire',
    summary: 'test incident',
    windowStart: options.start as Timestamp,
    windowEnd: new Date(Date.parse(options.start) + 30 * 60_000).toISOString() as Timestamp,
    lon: 37.5,
    lat: 48.0,
    uncertaintyM: 250,
    chainageKm: options.km,
    producer: 'MISSION' as MemberId,
    evidence: { listed: 2, present: 2 },
    outcome: options.outcome ?? OUTCOMES.pending,
    finality: options.finality ?? { status: 'provisional' },
  };
}
