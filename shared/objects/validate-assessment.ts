import { fail, isPresent, readArray, readHash, readInteger, readMemberId, readObjectId, readOneOf, readPattern, readRecord, readText, requireUnique } from './field-checks';
import { LIMITS } from './limits';
import { AUTHORED_FIELDS, readAuthored } from './validate-authored';
import { INCIDENT_CATEGORIES } from './validate-incident';
import type { AssessmentBody, AssessmentPayload, Attribution, Citation, Finding } from './types';

const FINDINGS: readonly Finding[] = ['violation', 'no-violation', 'inconclusive', 'abstain'];
const SALT = /^[0-9a-f]{64}$/;
const ITEM_ID = /^[A-Za-z0-9._:-]+$/;

function readItemIds(value: unknown, field: string): readonly string[] {
  const ids = readArray(value, field, { min: 0, max: LIMITS.idsPerCitation }, (item, itemField) => readPattern(item, itemField, ITEM_ID, LIMITS.evidenceItemId, 'an id of A-Z a-z 0-9 . _ : -'));
  requireUnique(ids, field, (id) => id, 'id');
  return ids;
}

function readCitation(value: unknown, field: string): Citation {
  const record = readRecord(value, field, ['chunk'], ['tracks', 'detections']);
  return {
    chunk: readHash(record['chunk'], `${field}.chunk`),
    ...(isPresent(record, 'tracks') ? { tracks: readItemIds(record['tracks'], `${field}.tracks`) } : {}),
    ...(isPresent(record, 'detections') ? { detections: readItemIds(record['detections'], `${field}.detections`) } : {}),
  };
}

function readAttribution(value: unknown, field: string): Attribution {
  return value === 'undetermined' ? 'undetermined' : readMemberId(value, field);
}

/** The sealed part of an assessment; `field` prefixes the names in messages ("body" inside an assessment). */
export function validateAssessmentBody(value: unknown, field = 'body'): AssessmentBody {
  const at = (name: string): string => (field === '' ? name : `${field}.${name}`);
  const record = readRecord(value, field, ['incident', 'round', 'delegation', 'finding', 'attribution', 'confidence', 'categories', 'rationale', 'citations', 'salt']);
  const incident = readObjectId(record['incident'], at('incident'));
  const round = readInteger(record['round'], at('round'), 1, LIMITS.maxRound);
  const delegation = readMemberId(record['delegation'], at('delegation'));
  const finding = readOneOf(record['finding'], at('finding'), FINDINGS);
  const attribution = readAttribution(record['attribution'], at('attribution'));
  if (finding !== 'violation' && attribution !== 'undetermined') {
    fail('inconsistent', at('attribution'), `must be undetermined when the finding is ${finding}`);
  }
  const confidence = readInteger(record['confidence'], at('confidence'), 0, 100);
  const categories = readArray(record['categories'], at('categories'), { min: 0, max: INCIDENT_CATEGORIES.length }, (item, itemField) => readOneOf(item, itemField, INCIDENT_CATEGORIES));
  requireUnique(categories, at('categories'), (category) => category, 'category');
  return {
    incident,
    round,
    delegation,
    finding,
    attribution,
    confidence,
    categories,
    rationale: readText(record['rationale'], at('rationale'), LIMITS.rationale, { mayBeEmpty: true }),
    citations: readArray(record['citations'], at('citations'), { min: 0, max: LIMITS.citations }, readCitation),
    salt: readPattern(record['salt'], at('salt'), SALT, 64, '32 random bytes in lowercase hex'),
  };
}

export function validateAssessment(value: unknown): AssessmentPayload {
  const record = readRecord(value, '', ['kind', ...AUTHORED_FIELDS, 'body'], ['supersedes']);
  const authored = readAuthored(record);
  const body = validateAssessmentBody(record['body']);
  if (body.delegation !== authored.author) fail('inconsistent', 'body.delegation', `must equal author ${authored.author}: a delegation assesses only for itself`);
  return {
    kind: 'assessment',
    ...authored,
    body,
    ...(isPresent(record, 'supersedes') ? { supersedes: readObjectId(record['supersedes'], 'supersedes') } : {}),
  };
}
