import { FieldError, fail } from './field-checks';
import type { IssueCode } from './issues';
import type { PayloadByKind } from './signed-object';
import type { ObjectKind } from './types';
import { validateAssessment } from './validate-assessment';
import { validateCommitment } from './validate-commitment';
import { validateIncident } from './validate-incident';
import { validatePhase } from './validate-phase';
import { validateClosing } from './validate-closing';
import { validateRoster } from './validate-roster';

export interface FieldProblem {
  readonly code: IssueCode;
  readonly field: string;
  readonly detail: string;
}

export type PayloadValidation<K extends ObjectKind> = { readonly ok: true; readonly payload: PayloadByKind[K] } | { readonly ok: false; readonly problem: FieldProblem };

function validateKind<K extends ObjectKind>(kind: K, value: unknown): PayloadByKind[K] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('wrong-type', 'payload', 'must be a JSON object');
  const claimed = (value as Readonly<Record<string, unknown>>)['kind'];
  if (claimed !== kind) fail('payload-kind-mismatch', 'kind', `must be "${kind}" for this payload type, got ${JSON.stringify(claimed) ?? 'nothing'}`);
  const validated: PayloadByKind[ObjectKind] = (() => {
    const k: ObjectKind = kind;
    switch (k) {
      case 'roster':
        return validateRoster(value);
      case 'incident':
        return validateIncident(value);
      case 'commitment':
        return validateCommitment(value);
      case 'assessment':
        return validateAssessment(value);
      case 'phase':
        return validatePhase(value);
      case 'closing':
        return validateClosing(value);
      default: {
        const unreachable: never = k;
        throw new Error(`unknown object kind ${String(unreachable)}`);
      }
    }
  })();
  return validated as PayloadByKind[K];
}

/** Checks every field of a decoded payload against the rules of its kind; the first problem found is reported. */
export function validatePayload<K extends ObjectKind>(kind: K, value: unknown): PayloadValidation<K> {
  try {
    return { ok: true, payload: validateKind(kind, value) };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, problem: { code: error.code, field: error.field, detail: error.detail } };
    throw error;
  }
}
