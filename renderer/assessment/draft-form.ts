import type { AssessmentDraft, DraftField, DraftProblem } from '../../shared/assessment/draft';
import type { Attribution, Finding, IncidentCategory } from '../../shared/objects/types';
import { INCIDENT_CATEGORIES } from '../../shared/objects/validate-incident';

// What each control of the draft form does to the draft. The checks themselves are main's (the
// verifiers' validators): these only keep the form's own rules.

export const FINDING_CHOICES: readonly { readonly value: Finding; readonly label: string }[] = [
  { value: 'violation', label: 'Violation' },
  { value: 'no-violation', label: 'No violation' },
  { value: 'inconclusive', label: 'Inconclusive' },
  { value: 'abstain', label: 'Abstain' },
];

/** An attribution names a party, and only with a violation finding. */
export function withFinding(draft: AssessmentDraft, finding: Finding): AssessmentDraft {
  return { ...draft, finding, attribution: finding === 'violation' ? draft.attribution : 'undetermined' };
}

export function withAttribution(draft: AssessmentDraft, attribution: Attribution): AssessmentDraft {
  return draft.finding === 'violation' ? { ...draft, attribution } : draft;
}

export interface TypedConfidence {
  readonly confidence: number | null;
  /** Why the text gives no confidence although something was typed. */
  readonly problem: string | null;
}

/** The confidence a typed text gives: empty is none (main says it is missing), a whole number is kept for main to check its range. */
export function confidenceOfText(text: string): TypedConfidence {
  const trimmed = text.trim();
  if (trimmed === '') return { confidence: null, problem: null };
  const value = Number(trimmed);
  return Number.isInteger(value) ? { confidence: value, problem: null } : { confidence: null, problem: `${trimmed} is not a whole number of percent from 0 to 100` };
}

export function withConfidenceText(draft: AssessmentDraft, text: string): AssessmentDraft {
  return { ...draft, confidence: confidenceOfText(text).confidence };
}

/** The draft alone, as saveDraft takes it (a saved draft also carries who saved it and when). */
export function draftPart(draft: AssessmentDraft): AssessmentDraft {
  const { incident, round, finding, attribution, confidence, categories, rationale, citations } = draft;
  return { incident, round, finding, attribution, confidence, categories, rationale, citations };
}

/** Categories in the taxonomy's order, each once. */
export function withCategory(draft: AssessmentDraft, category: IncidentCategory, chosen: boolean): AssessmentDraft {
  const categories = new Set(draft.categories);
  if (chosen) categories.add(category);
  else categories.delete(category);
  return { ...draft, categories: INCIDENT_CATEGORIES.filter((c) => categories.has(c)) };
}

export function withRationale(draft: AssessmentDraft, rationale: string): AssessmentDraft {
  return { ...draft, rationale };
}

/** The problems of each field, in main's order; problems of fields the form has no control for come under 'other'. */
export function problemsByField(problems: readonly DraftProblem[]): ReadonlyMap<DraftField | 'other', readonly string[]> {
  const shown = new Set<DraftField>(['finding', 'attribution', 'confidence', 'categories', 'rationale', 'citations']);
  const byField = new Map<DraftField | 'other', string[]>();
  for (const problem of problems) {
    const field = shown.has(problem.field) ? problem.field : 'other';
    byField.set(field, [...(byField.get(field) ?? []), problem.message]);
  }
  return byField;
}

export const KEY_LOCKED = 'Sealing signs with your key: unlock it first.';

/** Why "Seal" is not offered yet, or null when it is: main has checked the draft as it stands and found nothing, and the key can sign. */
export function sealBlockReason(unsaved: boolean, problems: number | null, confidenceTypo: boolean, keyUnlocked: boolean): string | null {
  if (confidenceTypo || (problems !== null && problems > 0)) return 'Fix what is marked above to seal.';
  if (unsaved) return 'Saving your draft…';
  if (problems === null) return 'Choose a finding and a confidence to seal.';
  if (!keyUnlocked) return KEY_LOCKED;
  return null;
}
