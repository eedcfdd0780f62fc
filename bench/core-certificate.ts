// The time to verify a complete (closed) verdict certificate of 40 voting delegations, beside the
// time raw Ed25519 would take for the same number of signatures.
import { closedCertificateIds, planClosing } from '../shared/audit/closing-record';
import { computeVerdict } from '../shared/audit/verdict';
import { verifyCertificate } from '../shared/audit/verify-certificate';
import { generateSigningKey, memberKeyOf, type SigningKey } from '../shared/crypto/signing-key';
import { commitmentDigest } from '../shared/sealing/commitment-digest';
import { countersign, signRoster, signStatement } from '../shared/objects/sign-object';
import type { SignedObject } from '../shared/objects/signed-object';
import type { AssessmentBody, MemberId, ObjectId, RosterMember, Sha256Hex, Timestamp } from '../shared/objects/types';
import { verifyRosterChain } from '../shared/roster/verify-roster-chain';
import { nodeSha256 } from '../main/crypto/node-sha256';

const DELEGATIONS = 40;
const COUNTERSIGNERS = 27;
const NOW = Date.parse('2026-06-01T00:00:00Z');
const t = (text: string) => text as Timestamp;

export interface CertificateBench {
  readonly delegations: number;
  readonly objects: number;
  readonly signatures: number;
  readonly bytes: number;
  readonly ms: number;
}

export async function benchCertificate(rounds = 5): Promise<CertificateBench> {
  const key = (): Promise<SigningKey> => generateSigningKey(nodeSha256);
  const chair = await key();
  const mission = await key();
  const voters = await Promise.all(Array.from({ length: DELEGATIONS }, key));
  const parties = await Promise.all([key(), key()]);
  const member = (id: string, role: RosterMember['role'], signing: SigningKey): RosterMember => ({ id: id as MemberId, name: id, role, weight: 1, keys: [memberKeyOf(signing)] });
  const voterId = (i: number) => `D${String(i).padStart(2, '0')}`;
  const roster = await signRoster(
    {
      kind: 'roster',
      commission: 'Bench commission',
      version: 1,
      prev: null,
      issued: t('2026-01-01T00:00:00Z'),
      expires: t('2030-01-01T00:00:00Z'),
      members: [
        member('CHAIR', 'chair', chair),
        member('MISSION', 'producer', mission),
        ...voters.map((v, i) => member(voterId(i), 'voting', v)),
        member('EAST', 'party', parties[0]!),
        member('WEST', 'party', parties[1]!),
      ],
      rule: { method: 'majority', weighted: false, silenceProcedure: false, threshold: { numerator: 2, denominator: 3 }, thresholdComparison: 'at-least' },
      updateThreshold: 1,
      lineGeometry: '0'.repeat(64) as Sha256Hex,
    },
    [chair],
    nodeSha256,
  );
  const log = { author: 'MISSION' as MemberId, seq: 1, prev: null, created: t('2026-05-01T00:00:00Z') };
  const incident = await signStatement(
    {
      kind: 'incident',
      ...log,
      incident: 'INC-BENCH-1',
      window: { start: t('2026-04-30T22:00:00Z'), end: t('2026-04-30T23:00:00Z') },
      location: { lonE6: 37_800_000, latE6: 48_000_000, uncertaintyM: 200 },
      chainageM: 400_000,
      category: 'artillery-fire',
      summary: 'Bench incident.',
      observations: [],
      evidence: [],
    },
    mission,
    nodeSha256,
  );
  const bodies: AssessmentBody[] = voters.map((_, i) => ({
    incident: incident.id,
    round: 1,
    delegation: voterId(i) as MemberId,
    finding: i % 5 === 0 ? 'no-violation' : 'violation',
    attribution: i % 5 === 0 ? 'undetermined' : ('EAST' as MemberId),
    confidence: 70,
    categories: ['artillery-fire'],
    rationale: 'Radar tracks and acoustic bearings agree.',
    citations: [],
    salt: i.toString(16).padStart(64, '0'),
  }));
  const commitments = await Promise.all(
    voters.map(async (v, i) =>
      signStatement(
        {
          kind: 'commitment',
          author: voterId(i) as MemberId,
          seq: 1,
          prev: null,
          created: t('2026-05-02T00:00:00Z'),
          incident: incident.id,
          round: 1,
          delegation: voterId(i) as MemberId,
          digest: await commitmentDigest(bodies[i]!, nodeSha256),
        },
        v,
        nodeSha256,
      ),
    ),
  );
  const phase = await signStatement(
    {
      kind: 'phase',
      author: 'CHAIR' as MemberId,
      seq: 1,
      prev: null,
      created: t('2026-05-03T00:00:00Z'),
      incident: incident.id,
      round: 1,
      action: 'open-reveal',
      commitments: commitments.map((c) => c.id).sort(),
    },
    chair,
    nodeSha256,
  );
  const reveals = await Promise.all(
    voters.map((v, i) => signStatement({ kind: 'assessment', author: voterId(i) as MemberId, seq: 2, prev: commitments[i]!.id, created: t('2026-05-04T00:00:00Z'), body: bodies[i]! }, v, nodeSha256)),
  );
  const chain = await verifyRosterChain({ trusted: roster.bytes, now: NOW, sha256: nodeSha256 });
  if (!chain.ok) throw new Error(chain.error.message);
  const statements: SignedObject[] = [incident, phase, ...commitments, ...reveals];
  const created = t('2026-05-05T00:00:00Z');
  const { resolution, outcome } = await computeVerdict({ chain: chain.value, incident: incident.id, round: 1, objects: statements.map((s) => s.bytes), asOf: created, sha256: nodeSha256 });
  const assessments = new Set<ObjectId>(reveals.map((r) => r.id));
  const plan = planClosing(chain.value.current, resolution, outcome, (id) => assessments.has(id), phase.payload.commitments);
  if (!plan.ok) throw new Error(plan.reason);
  let closing = await signStatement({ kind: 'closing', author: 'CHAIR' as MemberId, seq: 2, prev: phase.id, created, ...plan.content }, chair, nodeSha256);
  for (const voter of voters.slice(0, COUNTERSIGNERS)) closing = await countersign(closing, voter, nodeSha256);
  const byId = new Map<ObjectId, SignedObject>([roster, ...statements, closing].map((o) => [o.id, o]));
  const objects = closedCertificateIds(chain.value, closing).map((id) => byId.get(id)!.bytes);

  let ms = Infinity;
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    const result = await verifyCertificate({ trustedRoster: roster.bytes, objects, packProblems: [], now: NOW, sha256: nodeSha256 });
    ms = Math.min(ms, performance.now() - start);
    if (result.status !== 'final') throw new Error(`bench certificate is ${result.status}`);
  }
  // The roster's own signature, every statement's, and the countersignatures; the statements are verified twice (audit, then resolution).
  const signatures = 1 + 2 * (statements.length + 1) + COUNTERSIGNERS;
  return { delegations: DELEGATIONS, objects: objects.length, signatures, bytes: objects.reduce((n, b) => n + b.length, 0), ms };
}
