import type { Sha256 } from '../crypto/sha256';
import { FieldError, readRecord, readHash, readObjectId } from '../objects/field-checks';
import type { AssessmentBody, ObjectId, Sha256Hex } from '../objects/types';
import { validateAssessmentBody } from '../objects/validate-assessment';
import { commitmentDigest } from './commitment-digest';

/**
 * What a delegation keeps between its commitment and its reveal: the sealed body, salt included.
 * Secret until revealed: whoever holds it can read the finding the commitment hides. The CLI writes
 * it to a file the user names; the workstation keeps it in its private data folder.
 */
export interface SealedAssessment {
  readonly format: 'truceline-sealed-assessment';
  readonly commitment: ObjectId;
  readonly digest: Sha256Hex;
  readonly body: AssessmentBody;
}

export const SEALED_ASSESSMENT_FORMAT = 'truceline-sealed-assessment';

export class SealedAssessmentError extends Error {
  override readonly name = 'SealedAssessmentError';
}

/** Checks a sealed assessment read from disk: its shape, its body by the assessment validators, and that the body still hashes to the digest it sealed. */
export async function parseSealedAssessment(raw: unknown, sha256: Sha256): Promise<SealedAssessment> {
  let sealed: SealedAssessment;
  try {
    const record = readRecord(raw, 'sealed assessment', ['format', 'commitment', 'digest', 'body']);
    if (record['format'] !== SEALED_ASSESSMENT_FORMAT) throw new SealedAssessmentError(`not a sealed assessment (format is not "${SEALED_ASSESSMENT_FORMAT}")`);
    sealed = {
      format: SEALED_ASSESSMENT_FORMAT,
      commitment: readObjectId(record['commitment'], 'commitment'),
      digest: readHash(record['digest'], 'digest'),
      body: validateAssessmentBody(record['body']),
    };
  } catch (error) {
    if (error instanceof FieldError) throw new SealedAssessmentError(`${error.field} ${error.detail}`);
    throw error;
  }
  const digest = await commitmentDigest(sealed.body, sha256);
  if (digest !== sealed.digest) throw new SealedAssessmentError(`its body no longer matches the committed digest ${sealed.digest.slice(0, 8)}…`);
  return sealed;
}

export function sealedAssessmentText(sealed: SealedAssessment): string {
  return `${JSON.stringify(sealed, null, 2)}\n`;
}
