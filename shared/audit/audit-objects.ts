import type { Sha256 } from '../crypto/sha256';
import { decodeObject } from '../objects/decode-object';
import { objectIssue, shortHex, type Issue } from '../objects/issues';
import type { AnySignedObject } from '../objects/signed-object';
import type { ObjectId, ObjectKind } from '../objects/types';
import { findEquivocations, equivocationIds, type Equivocation } from '../log/equivocation';
import type { RosterChain } from '../roster/verified-roster';
import { verifyRosterChain } from '../roster/verify-roster-chain';
import { verifyStatement, type AnyVerifiedStatement } from '../roster/verify-statement';
import type { Result } from '../encoding/result';

export interface AuditInput {
  /** The roster the auditor trusts (pins). */
  readonly trustedRoster: Uint8Array;
  /** Signed objects' exact bytes, in any order (rosters included). */
  readonly objects: readonly Uint8Array[];
  /** Evidence chunks present (already checked against their names by the pack reader). */
  readonly chunks: readonly { readonly id: string; readonly size: number }[];
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
  /** What deserves a look but refuses nothing: chain notes, evidence these packs do not carry, equivocations. */
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
  const referenced = new Map<string, { incident: ObjectId; size: number }>();
  for (const statement of statements) {
    if (statement.object.kind !== 'incident') continue;
    for (const evidence of statement.object.payload.evidence) referenced.set(evidence.sha256, { incident: statement.object.id, size: evidence.size });
  }
  const chunkIds = new Set(input.chunks.map((c) => c.id));
  for (const chunk of input.chunks) {
    const ref = referenced.get(chunk.id);
    const id = chunk.id as ObjectId;
    if (!ref) {
      audited.push({ id, kind: 'chunk', verdict: 'verified', detail: 'content matches its name; no incident in these packs lists it' });
    } else if (ref.size !== chunk.size) {
      const issue = objectIssue('inconsistent', undefined, id, `is ${chunk.size} bytes but incident ${shortHex(ref.incident)} lists ${ref.size}`);
      audited.push({ id, kind: 'chunk', verdict: 'rejected', detail: issue.message, issue });
    } else {
      audited.push({ id, kind: 'chunk', verdict: 'verified', detail: `content matches its name and the evidence list of incident ${shortHex(ref.incident)}` });
    }
  }
  for (const [sha, ref] of referenced) {
    if (!chunkIds.has(sha)) notes.push({ message: `incident ${shortHex(ref.incident)}: evidence ${shortHex(sha)} is not in these packs`, object: ref.incident });
  }
  const equivocations = findEquivocations(statements);
  for (const found of equivocations) notes.push({ message: found.explanation, object: equivocationIds(found)[0] });

  audited.sort((a, b) => KIND_ORDER.indexOf(a.kind ?? 'chunk') - KIND_ORDER.indexOf(b.kind ?? 'chunk') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ok: true, value: { chain, objects: audited, statements, equivocations, notes } };
}
