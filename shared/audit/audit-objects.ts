import type { Sha256 } from '../crypto/sha256';
import { decodeObject } from '../objects/decode-object';
import { objectIssue, type Issue } from '../objects/issues';
import type { AnySignedObject } from '../objects/signed-object';
import type { ObjectId, ObjectKind } from '../objects/types';
import { findEquivocations, equivocationIds, type Equivocation } from '../log/equivocation';
import type { RosterChain } from '../roster/verified-roster';
import { verifyRosterChain } from '../roster/verify-roster-chain';
import { verifyStatement, type AnyVerifiedStatement } from '../roster/verify-statement';
import type { Result } from '../encoding/result';
import type { SignedObject } from '../objects/signed-object';
import { auditEvidence, type AuditChunk, type IncidentEvidence } from './audit-evidence';

export interface AuditInput {
  /** The roster the auditor trusts (pins). */
  readonly trustedRoster: Uint8Array;
  /** Signed objects' exact bytes, in any order (rosters included). */
  readonly objects: readonly Uint8Array[];
  /** Evidence chunks present (already checked against their names by the pack reader). */
  readonly chunks: readonly AuditChunk[];
  /** Incidents that came in an incident bundle: their evidence must be present (other packs may leave it out). */
  readonly bundled?: ReadonlySet<string>;
  readonly now: number;
  readonly sha256: Sha256;
}

export type ObjectVerdict = 'verified' | 'rejected';

export interface AuditedObject {
  readonly id: ObjectId;
  readonly kind: ObjectKind | 'chunk' | undefined;
  readonly verdict: ObjectVerdict;
  /** One line: what was checked, or why it was refused. */
  readonly detail: string;
  readonly issue?: Issue;
}

export interface Audit {
  readonly chain: RosterChain;
  /** One entry per distinct object given, sorted by kind then id. */
  readonly objects: readonly AuditedObject[];
  readonly statements: readonly AnyVerifiedStatement[];
  readonly equivocations: readonly Equivocation[];
  /** What makes the packs incomplete although no object given is bad: evidence an incident bundle lacks. */
  readonly issues: readonly Issue[];
  /** Each verified incident's evidence, item by item: verified for playback, or incomplete. */
  readonly evidence: readonly IncidentEvidence[];
  /** What deserves a look but refuses nothing: chain notes, evidence other packs leave out, equivocations. */
  readonly notes: readonly AuditNote[];
}

export interface AuditNote {
  readonly message: string;
  readonly object?: string;
}

const KIND_ORDER: readonly (ObjectKind | 'chunk')[] = ['roster', 'incident', 'phase', 'commitment', 'assessment', 'chunk'];

/**
 * Verifies every object of one or more packs against a trusted roster: the roster chain first,
 * then each statement against the current roster; evidence chunks are matched with the incidents
 * that list them. A bad object is a verdict in the result, never an exception.
 */
export async function auditObjects(input: AuditInput): Promise<Result<Audit, Issue>> {
  const decoded = new Map<ObjectId, Result<AnySignedObject, Issue> & { bytes: Uint8Array }>();
  for (const bytes of input.objects) {
    const result = await decodeObject(bytes, input.sha256);
    const id = result.ok ? result.value.id : (result.error.object as ObjectId);
    if (!decoded.has(id)) decoded.set(id, { ...result, bytes });
  }
  const rosterBytes = [...decoded.values()].filter((d) => d.ok && d.value.kind === 'roster').map((d) => d.bytes);
  const chainResult = await verifyRosterChain({ trusted: input.trustedRoster, candidates: rosterBytes, now: input.now, sha256: input.sha256 });
  if (!chainResult.ok) return chainResult;
  const chain = chainResult.value;
  const inChain = new Set<string>([...chain.ancestors, ...chain.rosters].flatMap((r) => r.aliases));
  const refusedRosters = new Map(chain.issues.filter((i) => i.object !== undefined).map((i) => [i.object!, i]));

  const audited: AuditedObject[] = [];
  const statements: AnyVerifiedStatement[] = [];
  for (const [id, entry] of decoded) {
    if (!entry.ok) {
      audited.push({ id, kind: undefined, verdict: 'rejected', detail: entry.error.message, issue: entry.error });
      continue;
    }
    const object = entry.value;
    if (object.kind === 'roster') {
      if (inChain.has(id)) {
        audited.push({ id, kind: 'roster', verdict: 'verified', detail: `roster v${object.payload.version} is in the verified chain` });
      } else {
        const issue = refusedRosters.get(id) ?? objectIssue('roster-fork', 'roster', id, 'is not part of the chain from the trusted roster');
        audited.push({ id, kind: 'roster', verdict: 'rejected', detail: issue.message, issue });
      }
      continue;
    }
    const verdict = verifyStatement(object, chain);
    if (verdict.ok) {
      statements.push(verdict.value);
      audited.push({ id, kind: object.kind, verdict: 'verified', detail: `signed by ${object.payload.author} with a key roster v${chain.current.version} lists` });
    } else {
      audited.push({ id, kind: object.kind, verdict: 'rejected', detail: verdict.error.message, issue: verdict.error });
    }
  }

  const notes: AuditNote[] = chain.issues
    .filter((issue) => issue.object === undefined || !decoded.has(issue.object as ObjectId) || inChain.has(issue.object))
    .map(({ message, object }) => (object === undefined ? { message } : { message, object }));
  const incidents = statements.flatMap((s) => (s.object.kind === 'incident' ? [s.object as SignedObject<'incident'>] : []));
  const evidence = auditEvidence(incidents, input.chunks, (incident) => input.bundled?.has(incident) ?? false);
  for (const chunk of evidence.chunks) audited.push({ ...chunk, kind: 'chunk' });
  notes.push(...evidence.notes);
  const equivocations = findEquivocations(statements);
  for (const found of equivocations) notes.push({ message: found.explanation, object: equivocationIds(found)[0] });

  audited.sort((a, b) => KIND_ORDER.indexOf(a.kind ?? 'chunk') - KIND_ORDER.indexOf(b.kind ?? 'chunk') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ok: true, value: { chain, objects: audited, statements, equivocations, issues: evidence.issues, evidence: evidence.evidence, notes } };
}
