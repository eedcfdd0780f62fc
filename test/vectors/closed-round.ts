import { planClosing, closedCertificateIds } from '../../shared/audit/closing-record';
import { computeVerdict } from '../../shared/audit/verdict';
import { countersign } from '../../shared/objects/sign-object';
import type { SignedObject } from '../../shared/objects/signed-object';
import type { ClosingPayload, ObjectId, Timestamp } from '../../shared/objects/types';
import { verifyRosterChain } from '../../shared/roster/verify-roster-chain';
import { assessmentBody, assessmentPayload, commitmentPayload, incidentPayload, LogWriter, member, NOW, phasePayload, rosterFixture, sha256, ts, type KeyName, type Keyring } from './commission';

export const CLOSING_CREATED = ts('2026-11-24T09:00:00Z');

export interface ClosedRound {
  readonly keys: Keyring;
  readonly genesis: SignedObject<'roster'>;
  readonly v2: SignedObject<'roster'>;
  readonly incident: SignedObject<'incident'>;
  readonly commitments: readonly SignedObject<'commitment'>[];
  readonly phase: SignedObject<'phase'>;
  readonly reveals: readonly SignedObject<'assessment'>[];
  /** The chair's record with DEU's and POL's countersignatures. */
  readonly closing: SignedObject<'closing'>;
  /** Every object of the certificate: rosters, incident, phase, commitments, reveals, closing. */
  readonly objects: readonly SignedObject[];
  readonly log: LogWriter;
}

const DELEGATIONS: readonly { readonly member: string; readonly key: KeyName; readonly finding: 'violation' | 'no-violation'; readonly attribution?: string }[] = [
  { member: 'FRA', key: 'FRA-2', finding: 'violation', attribution: 'EAST' },
  { member: 'DEU', key: 'DEU', finding: 'violation', attribution: 'EAST' },
  { member: 'POL', key: 'POL', finding: 'violation', attribution: 'EAST' },
  { member: 'ITA', key: 'ITA', finding: 'violation', attribution: 'EAST' },
  { member: 'EAST', key: 'EAST', finding: 'no-violation' },
  { member: 'OBS', key: 'OBS', finding: 'violation', attribution: 'EAST' },
];

/**
 * One round of the test commission (roster v2, consensus), closed by the chair and countersigned
 * by DEU and POL: four voting delegations find a violation by EAST, the party EAST (recused)
 * disagrees, so the verdict is decided, violation attributed to EAST.
 */
export interface ClosedRoundOptions {
  readonly closingCreated?: Timestamp;
  /** FRA's signing key (FRA-2 by default; FRA-1 is the key roster v2 removes). */
  readonly fraKey?: KeyName;
  /** Tally and close under the genesis roster alone: the certificate then carries no v2. */
  readonly genesisOnly?: boolean;
}

export async function closedRound(options: ClosedRoundOptions = {}): Promise<ClosedRound> {
  const { keys, genesis, v2 } = await rosterFixture();
  const log = new LogWriter(keys);
  const incident = await log.sign('MISSION', incidentPayload(log));
  const bodies = await Promise.all(
    DELEGATIONS.map((d) => assessmentBody(incident.id, d.member, { finding: d.finding, attribution: d.attribution === undefined ? 'undetermined' : member(d.attribution) })),
  );
  const delegations = DELEGATIONS.map((d) => (d.member === 'FRA' && options.fraKey !== undefined ? { ...d, key: options.fraKey } : d));
  const commitments: SignedObject<'commitment'>[] = [];
  for (const [i, d] of delegations.entries()) commitments.push(await log.sign(d.key, await commitmentPayload(log, d.key, d.member, bodies[i]!)));
  const phase = await log.sign('CHAIR', phasePayload(log, incident.id, commitments.map((c) => c.id).sort()));
  const reveals: SignedObject<'assessment'>[] = [];
  for (const [i, d] of delegations.entries()) reveals.push(await log.sign(d.key, assessmentPayload(log, d.key, bodies[i]!)));

  const chain = await verifyRosterChain({ trusted: genesis.bytes, candidates: options.genesisOnly ? [] : [v2.bytes], now: NOW, sha256 });
  if (!chain.ok) throw new Error(chain.error.message);
  const created = options.closingCreated ?? CLOSING_CREATED;
  const statements = [incident, phase, ...commitments, ...reveals];
  const { resolution, outcome } = await computeVerdict({ chain: chain.value, incident: incident.id, round: 1, objects: statements.map((s) => s.bytes), asOf: created, sha256 });
  const kinds = new Map(statements.map((s) => [s.id, s.kind]));
  const plan = planClosing(chain.value.current, resolution, outcome, (id) => kinds.get(id) === 'assessment', phase.payload.commitments);
  if (!plan.ok) throw new Error(plan.reason);
  const payload: ClosingPayload = { kind: 'closing', author: member('CHAIR'), ...log.position('CHAIR'), created, ...plan.content };
  const signed = await log.sign('CHAIR', payload);
  const closing = await countersign(await countersign(signed, keys.DEU, sha256), keys.POL, sha256);
  const byId = new Map<ObjectId, SignedObject>([genesis, v2, ...statements, closing].map((o) => [o.id, o]));
  const objects = closedCertificateIds(chain.value, closing).map((id) => byId.get(id)!);
  return { keys, genesis, v2, incident, commitments, phase, reveals, closing, objects, log };
}
