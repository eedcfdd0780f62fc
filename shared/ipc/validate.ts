import { FINALITY_STATUSES, INCIDENT_SORTS, MAX_PAGE_ROWS, OUTCOME_CLASSES, type IncidentQuery } from '../commission/incident-list';
import { parseTimestamp } from '../objects/timestamp';
import type { IncidentCategory, ObjectId, Timestamp } from '../objects/types';
import { InvalidArgumentsError } from './errors';

export function expectNoArguments(raw: readonly unknown[]): readonly [] {
  if (raw.length !== 0) throw new InvalidArgumentsError(`expected no arguments, got ${raw.length}`);
  return [];
}

const OBJECT_ID = /^[0-9a-f]{64}$/;

/** Exactly one argument, an object id (64 lowercase hex characters). */
export function expectObjectId(raw: readonly unknown[], what: string): ObjectId {
  if (raw.length !== 1) throw new InvalidArgumentsError(`expected one argument (${what}), got ${raw.length}`);
  const [value] = raw;
  if (typeof value !== 'string' || !OBJECT_ID.test(value)) throw new InvalidArgumentsError(`${what} must be 64 lowercase hex characters`);
  return value as ObjectId;
}

const QUERY_KEYS: readonly (keyof IncidentQuery)[] = ['outcomes', 'category', 'finality', 'from', 'to', 'kmMin', 'kmMax', 'needsMyAction', 'text', 'sort', 'offset', 'limit'];
const CATEGORY = /^[a-z0-9-]{1,64}$/;
const MAX_TEXT = 200;
const MAX_KM = 1e6;
const MAX_OFFSET = 1e9;

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new InvalidArgumentsError(`query.${field} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function nullable<T>(value: unknown, read: (value: unknown) => T): T | null {
  return value === null ? null : read(value);
}

function integer(value: unknown, min: number, max: number, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw new InvalidArgumentsError(`query.${field} must be an integer from ${min} to ${max}`);
  return value;
}

function km(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_KM) throw new InvalidArgumentsError(`query.${field} must be a number of km`);
  return value;
}

function timestamp(value: unknown, field: string): Timestamp {
  if (typeof value !== 'string' || value.length > 40 || parseTimestamp(value) === undefined) throw new InvalidArgumentsError(`query.${field} must be a UTC timestamp`);
  return value as Timestamp;
}

/** Exactly one argument, an incident query: every field present with its type, nothing else. */
export function expectIncidentQuery(raw: readonly unknown[]): IncidentQuery {
  if (raw.length !== 1) throw new InvalidArgumentsError(`expected one argument (an incident query), got ${raw.length}`);
  const [value] = raw;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidArgumentsError('the incident query must be an object');
  const q = value as Record<string, unknown>;
  const unknown = Object.keys(q).filter((key) => !(QUERY_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) throw new InvalidArgumentsError(`the incident query has unknown fields: ${unknown.join(', ')}`);
  const missing = QUERY_KEYS.filter((key) => !(key in q));
  if (missing.length > 0) throw new InvalidArgumentsError(`the incident query lacks ${missing.join(', ')}`);
  if (!Array.isArray(q['outcomes']) || q['outcomes'].length > OUTCOME_CLASSES.length) throw new InvalidArgumentsError('query.outcomes must be a list of outcomes');
  const outcomes = [...new Set((q['outcomes'] as unknown[]).map((o) => oneOf(o, OUTCOME_CLASSES, 'outcomes')))];
  if (typeof q['needsMyAction'] !== 'boolean') throw new InvalidArgumentsError('query.needsMyAction must be true or false');
  return {
    outcomes,
    category: nullable(q['category'], (c) => {
      if (typeof c !== 'string' || !CATEGORY.test(c)) throw new InvalidArgumentsError('query.category must be a category name');
      return c as IncidentCategory;
    }),
    finality: nullable(q['finality'], (f) => oneOf(f, FINALITY_STATUSES, 'finality')),
    from: nullable(q['from'], (t) => timestamp(t, 'from')),
    to: nullable(q['to'], (t) => timestamp(t, 'to')),
    kmMin: nullable(q['kmMin'], (k) => km(k, 'kmMin')),
    kmMax: nullable(q['kmMax'], (k) => km(k, 'kmMax')),
    needsMyAction: q['needsMyAction'],
    text: nullable(q['text'], (t) => {
      if (typeof t !== 'string' || t.length > MAX_TEXT) throw new InvalidArgumentsError(`query.text must be text of at most ${MAX_TEXT} characters`);
      return t;
    }),
    sort: oneOf(q['sort'], INCIDENT_SORTS, 'sort'),
    offset: integer(q['offset'], 0, MAX_OFFSET, 'offset'),
    limit: integer(q['limit'], 1, MAX_PAGE_ROWS, 'limit'),
  };
}
