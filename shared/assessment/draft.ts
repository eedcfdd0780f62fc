import { FieldError } from '../objects/field-checks';
import type { AssessmentBody, Attribution, Citation, Finding, IncidentCategory, MemberId, ObjectId, Timestamp } from '../objects/types';
import { validateAssessmentBody } from '../objects/validate-assessment';
import type { VerifiedRoster } from '../roster/verified-roster';
import { attributionProblem, SIGNING_ROLES } from '../roster/verify-statement';

/**
 * A delegation's assessment while it is being written: kept on this workstation only (never in
 * the store, never synced, never shown in the session window) until it is sealed.
 */
export interface AssessmentDraft {
  readonly incident: ObjectId;
  readonly round: number;
  readonly finding: Finding | null;
  /** Only with a violation finding; otherwise undetermined. */
  readonly attribution: Attribution;
  /** Percent, 0–100; null until the delegate gives one. */
  readonly confidence: number | null;
  readonly categories: readonly IncidentCategory[];
  readonly rationale: string;
  readonly citations: readonly Citation[];
}

/** A draft as stored: who wrote it and when it was last saved. */
export interface SavedDraft extends AssessmentDraft {
  readonly delegation: MemberId;
  readonly saved: Timestamp;
}

export type DraftField = 'finding' | 'attribution' | 'confidence' | 'categories' | 'rationale' | 'citations' | 'delegation' | 'incident' | 'round';

export interface DraftProblem {
  readonly field: DraftField;
  /** One line the delegate can act on. */
  readonly message: string;
}

/** The salt a check uses in place of the random one sealed at commit time: it has the salt's form. */
const CHECK_SALT = '0'.repeat(64);

export function emptyDraft(incident: ObjectId, round: number): AssessmentDraft {
  return { incident, round, finding: null, attribution: 'undetermined', confidence: null, categories: [], rationale: '', citations: [] };
}

/** The body the draft would seal with this salt; undefined while the finding or the confidence is missing. */
export function bodyOfDraft(draft: AssessmentDraft, delegation: MemberId, salt: string): AssessmentBody | undefined {
  if (draft.finding === null || draft.confidence === null) return undefined;
  return {
    incident: draft.incident,
    round: draft.round,
    delegation,
    finding: draft.finding,
    attribution: draft.attribution,
    confidence: draft.confidence,
    categories: [...draft.categories],
    rationale: draft.rationale,
    citations: draft.citations.map((c) => ({ chunk: c.chunk, ...(c.tracks ? { tracks: [...c.tracks] } : {}), ...(c.detections ? { detections: [...c.detections] } : {}) })),
    salt,
  };
}

/**
 * Everything that would keep the draft from being sealed, by the same validators every verifier
 * applies to the reveal (the body's fields and limits, the author's role, the attribution naming a
 * party of the current roster): a draft with no problem seals into a reveal that can count.
 */
export function draftProblems(draft: AssessmentDraft, delegation: MemberId, roster: VerifiedRoster): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const rosterLabel = `roster v${roster.version}`;
  const member = roster.index.members.get(delegation);
  if (member === undefined) problems.push({ field: 'delegation', message: `${rosterLabel} has no member ${delegation}` });
  else if (!SIGNING_ROLES.assessment.includes(member.role))
    problems.push({ field: 'delegation', message: `${delegation} is a ${member.role} member in ${rosterLabel}: only voting, party and observer members assess` });
  if (draft.finding === null) problems.push({ field: 'finding', message: 'choose a finding' });
  if (draft.confidence === null) problems.push({ field: 'confidence', message: 'give a confidence from 0 to 100 %' });
  const body = bodyOfDraft({ ...draft, finding: draft.finding ?? 'violation', confidence: draft.confidence ?? 0 }, delegation, CHECK_SALT);
  try {
    validateAssessmentBody(body, '');
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    const field = error.field.split(/[.[]/)[0] as DraftField;
    if (!problems.some((p) => p.field === field)) problems.push({ field, message: `${error.field} ${error.detail}` });
  }
  const attribution = attributionProblem(draft.attribution, roster.index.members, rosterLabel);
  if (attribution !== undefined && !problems.some((p) => p.field === 'attribution')) problems.push({ field: 'attribution', message: `the attribution ${attribution}` });
  return problems;
}
