import type { Audit } from '../../shared/audit/audit-objects';
import type { ObjectId } from '../../shared/objects/types';
import { usageError } from './cli-error';

/** An incident statement as far as naming it goes. */
export interface IncidentCandidate {
  readonly id: ObjectId;
  /** The payload's incident number, e.g. "INC-2026-000031": every superseding version carries it. */
  readonly number: string;
  readonly supersedes?: ObjectId | null;
}

const HEX = /^[0-9a-f]+$/;
const OBJECT_ID = /^[0-9a-f]{64}$/;

/**
 * The incident `wanted` names: its object id, its incident number, or a unique prefix of its id.
 * A number several versions carry names the version no other of them supersedes. `where` ends
 * the messages, e.g. "in the packs". With `acceptAbsentId`, a whole object id stands for itself
 * even when no candidate has it (a statement about an incident needs only its id).
 */
export function resolveIncident(wanted: string, candidates: readonly IncidentCandidate[], where: string, options: { readonly acceptAbsentId?: boolean } = {}): ObjectId {
  const exact = candidates.find((c) => c.id === wanted);
  if (exact !== undefined) return exact.id;
  if (options.acceptAbsentId === true && OBJECT_ID.test(wanted)) return wanted as ObjectId;
  const numbered = [...new Map(candidates.filter((c) => c.number === wanted).map((c) => [c.id, c])).values()];
  if (numbered.length > 0) {
    const latest = numbered.filter((c) => !numbered.some((other) => other.supersedes === c.id));
    if (latest.length === 1) return latest[0]!.id;
    throw usageError(`incident ${wanted}: ${numbered.length} incident statements ${where} carry that number and ${latest.length} of them are superseded by none; give the object id`);
  }
  const prefixed = HEX.test(wanted) ? [...new Set(candidates.filter((c) => c.id.startsWith(wanted)).map((c) => c.id))] : [];
  if (prefixed.length === 1) return prefixed[0]!;
  if (prefixed.length > 1) throw usageError(`incident ${wanted}: matches ${prefixed.length} incidents ${where}; give more of the object id`);
  throw usageError(`incident ${wanted}: no verified incident ${where} has that id or number`);
}

/** The verified incident statements of an audit. */
export function auditedIncidents(audit: Audit): IncidentCandidate[] {
  return audit.statements.flatMap((s) => (s.object.kind === 'incident' ? [{ id: s.object.id, number: s.object.payload.incident, supersedes: s.object.payload.supersedes ?? null }] : []));
}
