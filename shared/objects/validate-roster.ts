import { fromBase64 } from '../encoding/base64';
import { fail, isPresent, readArray, readHash, readInteger, readLabel, readMemberId, readOneOf, readOptionalObjectId, readRecord, readTimestamp, requireUnique } from './field-checks';
import { LIMITS } from './limits';
import { parseTimestamp } from './timestamp';
import type { DecisionMethod, DecisionRule, Fraction, KeyId, MemberKey, Role, RosterMember, RosterPayload } from './types';

const ROLES: readonly Role[] = ['voting', 'party', 'observer', 'producer', 'chair'];
const METHODS: readonly DecisionMethod[] = ['unanimity', 'consensus', 'consensus-minus-one', 'majority'];

function readFraction(value: unknown, field: string): Fraction {
  const record = readRecord(value, field, ['numerator', 'denominator']);
  const denominator = readInteger(record['denominator'], `${field}.denominator`, 1, LIMITS.maxDenominator);
  const numerator = readInteger(record['numerator'], `${field}.numerator`, 0, denominator);
  return { numerator, denominator };
}

export function readRule(value: unknown): DecisionRule {
  const record = readRecord(value, 'rule', ['method', 'weighted', 'silenceProcedure'], ['threshold', 'thresholdComparison', 'quorum']);
  const method = readOneOf(record['method'], 'rule.method', METHODS);
  if (typeof record['weighted'] !== 'boolean') fail('wrong-type', 'rule.weighted', 'must be true or false');
  if (typeof record['silenceProcedure'] !== 'boolean') fail('wrong-type', 'rule.silenceProcedure', 'must be true or false');
  const isMajority = method === 'majority';
  // threshold, then thresholdComparison: each present exactly when the method is majority.
  const majorityOnly = <T>(key: 'threshold' | 'thresholdComparison', read: (field: string) => T): T | undefined => {
    if (isMajority && !isPresent(record, key)) fail('missing-field', `rule.${key}`, 'is required by the majority method');
    if (!isMajority && isPresent(record, key)) fail('inconsistent', `rule.${key}`, `applies only to the majority method, not ${method}`);
    return isMajority ? read(`rule.${key}`) : undefined;
  };
  const threshold = majorityOnly('threshold', (field) => readFraction(record['threshold'], field));
  const thresholdComparison = majorityOnly('thresholdComparison', (field) => readOneOf(record['thresholdComparison'], field, ['more-than', 'at-least'] as const));
  return {
    method,
    weighted: record['weighted'],
    silenceProcedure: record['silenceProcedure'],
    ...(threshold === undefined ? {} : { threshold }),
    ...(thresholdComparison === undefined ? {} : { thresholdComparison }),
    ...(isPresent(record, 'quorum') ? { quorum: readFraction(record['quorum'], 'rule.quorum') } : {}),
  };
}

export function readMemberKey(value: unknown, field: string): MemberKey {
  const record = readRecord(value, field, ['keyid', 'publicKey']);
  const keyid = readHash(record['keyid'], `${field}.keyid`) as string as KeyId;
  const publicKey = record['publicKey'];
  if (typeof publicKey !== 'string' || fromBase64(publicKey)?.length !== 32) {
    fail('bad-format', `${field}.publicKey`, 'must be the base64 of a 32-byte Ed25519 public key');
  }
  return { keyid, publicKey };
}

function readMember(value: unknown, field: string): RosterMember {
  const record = readRecord(value, field, ['id', 'name', 'role', 'weight', 'keys']);
  return {
    id: readMemberId(record['id'], `${field}.id`),
    name: readLabel(record['name'], `${field}.name`, LIMITS.label),
    role: readOneOf(record['role'], `${field}.role`, ROLES),
    weight: readInteger(record['weight'], `${field}.weight`, 0, LIMITS.maxWeight),
    keys: readArray(record['keys'], `${field}.keys`, { min: 0, max: LIMITS.keysPerMember }, readMemberKey),
  };
}

const ROSTER_FIELDS = ['kind', 'commission', 'version', 'prev', 'issued', 'expires', 'members', 'rule', 'updateThreshold', 'lineGeometry'];

/** Field-level checks of a roster. That each keyid is the SHA-256 of its key needs hashing: decode-object does it. */
export function validateRoster(value: unknown): RosterPayload {
  const record = readRecord(value, '', ROSTER_FIELDS);
  const commission = readLabel(record['commission'], 'commission', LIMITS.label);
  const version = readInteger(record['version'], 'version', 1, Number.MAX_SAFE_INTEGER);
  const prev = readOptionalObjectId(record['prev'], 'prev');
  if ((version === 1) !== (prev === null)) fail('inconsistent', 'prev', version === 1 ? 'must be null for the genesis roster (version 1)' : 'must name the previous roster');
  const issued = readTimestamp(record['issued'], 'issued');
  const expires = readTimestamp(record['expires'], 'expires');
  if (parseTimestamp(expires)! <= parseTimestamp(issued)!) fail('inconsistent', 'expires', 'must be later than issued');
  const members = readArray(record['members'], 'members', { min: 1, max: LIMITS.members }, readMember);
  requireUnique(members, 'members', (member) => member.id, 'member id');
  const keys = members.flatMap((member, m) => member.keys.map((key, k) => ({ key, field: `members[${m}].keys[${k}]` })));
  const seen = new Set<string>();
  for (const { key, field } of keys) {
    if (seen.has(key.keyid)) fail('duplicate-value', `${field}.keyid`, 'is listed twice: a key belongs to one member only');
    seen.add(key.keyid);
  }
  const signingMembers = members.filter((member) => member.keys.length > 0).length;
  const rule = readRule(record['rule']);
  return {
    kind: 'roster',
    commission,
    version,
    prev,
    issued,
    expires,
    members,
    rule,
    updateThreshold: readInteger(record['updateThreshold'], 'updateThreshold', 1, Math.max(1, signingMembers)),
    lineGeometry: readHash(record['lineGeometry'], 'lineGeometry'),
  };
}
