import { SCHEMA_ROLES, type EvidenceChecks, type SchemaRole } from '../evidence/evidence-chunk-check';
import { objectIssue, shortHex, type Issue } from '../objects/issues';
import type { SignedObject } from '../objects/signed-object';
import type { EvidenceRef, ObjectId } from '../objects/types';

/** An evidence chunk a pack holds, checked against its name and, while its bytes passed by, against the evidence schemas. */
export interface AuditChunk {
  readonly id: string;
  readonly size: number;
  readonly evidence: EvidenceChecks;
}

export type EvidenceItemState =
  | 'verified'
  /** No pack given holds the chunk (or it failed its hash there). */
  | 'missing'
  /** The chunk's size differs from the evidence list's. */
  | 'mismatch'
  /** A detections or tracks chunk that does not follow its schema. */
  | 'schema-refused';

export interface AuditedEvidenceItem extends EvidenceRef {
  readonly state: EvidenceItemState;
  /** One line. */
  readonly detail: string;
}

/** Whether an incident's evidence can be played back: `verified` only when every chunk it lists is present and sound. */
export interface IncidentEvidence {
  readonly incident: ObjectId;
  readonly state: 'verified' | 'incomplete';
  readonly items: readonly AuditedEvidenceItem[];
}

export interface ChunkVerdict {
  readonly id: ObjectId;
  readonly verdict: 'verified' | 'rejected';
  readonly detail: string;
  readonly issue?: Issue;
}

export interface EvidenceAudit {
  readonly evidence: readonly IncidentEvidence[];
  readonly chunks: readonly ChunkVerdict[];
  /** Evidence an incident bundle lacks: the bundle is incomplete. */
  readonly issues: readonly Issue[];
  /** Evidence that other packs (certificates, sync packs) legitimately leave out. */
  readonly notes: readonly { readonly message: string; readonly object: string }[];
}

function isSchemaRole(role: string): role is SchemaRole {
  return (SCHEMA_ROLES as readonly string[]).includes(role);
}

/** Why a present chunk cannot serve as this evidence, or undefined when it can. */
function chunkProblem(incident: ObjectId, ref: EvidenceRef, chunk: AuditChunk): Issue | undefined {
  const id = chunk.id as ObjectId;
  if (chunk.size !== ref.size) return objectIssue('evidence-mismatch', undefined, id, `is ${chunk.size} bytes but incident ${shortHex(incident)} lists ${ref.name} with ${ref.size}`);
  if (!isSchemaRole(ref.role)) return undefined;
  const check = chunk.evidence[ref.role];
  return check.ok ? undefined : objectIssue('evidence-schema', undefined, id, `incident ${shortHex(incident)} lists it as ${ref.role} (${ref.name}), but ${check.message}`);
}

function soundDetail(incident: ObjectId, ref: EvidenceRef, chunk: AuditChunk): string {
  const listed = `content matches its name and the evidence list of incident ${shortHex(incident)}`;
  if (!isSchemaRole(ref.role)) return listed;
  const check = chunk.evidence[ref.role];
  return `${listed}; ${check.ok && check.extent === 'schema' ? `its ${ref.role} schema checked (too large to decode here)` : `a valid ${ref.role} file`}`;
}

/**
 * Matches the evidence lists of verified incidents with the chunks at hand. A chunk that fails its
 * incident's size or schema is rejected; a chunk absent is an issue for an incident that came in an
 * incident bundle (`bundled`) and a note otherwise.
 */
export function auditEvidence(incidents: readonly SignedObject<'incident'>[], chunks: readonly AuditChunk[], bundled: (incident: ObjectId) => boolean): EvidenceAudit {
  const chunkById = new Map(chunks.map((chunk) => [chunk.id, chunk]));
  const problems = new Map<string, Issue>();
  const listedBy = new Map<string, { incident: ObjectId; ref: EvidenceRef }>();
  const issues: Issue[] = [];
  const notes: { message: string; object: string }[] = [];
  const evidence: IncidentEvidence[] = [];
  for (const incident of incidents) {
    const items: AuditedEvidenceItem[] = incident.payload.evidence.map((ref) => {
      const chunk = chunkById.get(ref.sha256);
      if (!chunk) {
        const text = `evidence ${ref.name} (${shortHex(ref.sha256)}) is not in these packs`;
        if (bundled(incident.id)) issues.push(objectIssue('evidence-missing', 'incident', incident.id, `${text}, so its bundle is incomplete`));
        else notes.push({ message: `incident ${shortHex(incident.id)}: ${text}`, object: incident.id });
        return { ...ref, state: 'missing', detail: text };
      }
      if (!listedBy.has(chunk.id)) listedBy.set(chunk.id, { incident: incident.id, ref });
      const problem = chunkProblem(incident.id, ref, chunk);
      if (!problem) return { ...ref, state: 'verified', detail: soundDetail(incident.id, ref, chunk) };
      if (!problems.has(chunk.id)) problems.set(chunk.id, problem);
      return { ...ref, state: problem.code === 'evidence-mismatch' ? 'mismatch' : 'schema-refused', detail: problem.message };
    });
    evidence.push({ incident: incident.id, state: items.every((item) => item.state === 'verified') ? 'verified' : 'incomplete', items });
  }
  const verdicts: ChunkVerdict[] = [...chunkById.values()].map((chunk) => {
    const id = chunk.id as ObjectId;
    const problem = problems.get(chunk.id);
    if (problem) return { id, verdict: 'rejected', detail: problem.message, issue: problem };
    const listed = listedBy.get(chunk.id);
    return { id, verdict: 'verified', detail: listed ? soundDetail(listed.incident, listed.ref, chunk) : 'content matches its name; no incident in these packs lists it' };
  });
  return { evidence, chunks: verdicts, issues, notes };
}
