import { utf8Encode } from '../encoding/bytes';
import { isLowerHex } from '../encoding/hex';
import type { IssueCode } from './issues';
import type { MemberId, ObjectId, Sha256Hex, Timestamp } from './types';
import { parseTimestamp } from './timestamp';

// The small runtime-validation vocabulary used by the payload validators. A check throws
// FieldError; validatePayload turns the first one into an Issue, so bad input is never an exception
// outside this folder.

export class FieldError {
  constructor(
    readonly code: IssueCode,
    readonly field: string,
    readonly detail: string,
  ) {}
}

export function fail(code: IssueCode, field: string, detail: string): never {
  throw new FieldError(code, field, detail);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? 'a long string' : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** A JSON object holding every `required` member, possibly some `optional` ones, and nothing else. */
export function readRecord(value: unknown, field: string, required: readonly string[], optional: readonly string[] = []): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('wrong-type', field, `must be an object, got ${describeValue(value)}`);
  const record = value as Record<string, unknown>;
  for (const key of required) if (!Object.prototype.hasOwnProperty.call(record, key)) fail('missing-field', join(field, key), 'is missing');
  // The first unknown name in code-unit order (canonical member order), whatever order the object was built in.
  const [unknown] = Object.keys(record)
    .filter((key) => !required.includes(key) && !optional.includes(key))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (unknown !== undefined) fail('unknown-field', join(field, unknown), 'is not a field of this object');
  return record;
}

export function join(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

export function isPresent(record: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

export function readInteger(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(typeof value === 'number' ? 'out-of-range' : 'wrong-type', field, `must be an integer from ${min} to ${max}, got ${describeValue(value)}`);
  }
  return value;
}

export function readString(value: unknown, field: string): string {
  if (typeof value !== 'string') fail('wrong-type', field, `must be a string, got ${describeValue(value)}`);
  return value;
}

export function readOneOf<T extends string>(value: unknown, field: string, options: readonly T[]): T {
  const text = readString(value, field);
  if (!(options as readonly string[]).includes(text)) fail('bad-format', field, `must be one of ${options.join(', ')}, got ${describeValue(text)}`);
  return text as T;
}

export function readPattern(value: unknown, field: string, pattern: RegExp, maxBytes: number, what: string): string {
  const text = readString(value, field);
  if (text.length > maxBytes) fail('too-long', field, `is longer than ${maxBytes} bytes`);
  if (!pattern.test(text)) fail('bad-format', field, `must be ${what}, got ${describeValue(text)}`);
  return text;
}

// What no label or text may hold: C0 and C1 controls (texts allow line feed and tab), the
// bidirectional marks, embeddings, overrides and isolates that make text display as something
// else (CVE-2021-42574), and invisible format characters (zero-width space, word joiner, invisible
// operators, byte-order mark, soft hyphen, Mongolian vowel separator). Zero-width (non-)joiners
// spell Persian, Indic scripts and emoji, so texts may hold them; labels, which name things, may not.
const BIDI_AND_INVISIBLE = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u200b\\u2060-\\u2064\\ufeff\\u00ad\\u180e';
const JOINERS = '\\u200c\\u200d';
// Labels are one line: no line or paragraph separator either.
const LABEL_FORBIDDEN = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029${BIDI_AND_INVISIBLE}${JOINERS}]`);
const TEXT_FORBIDDEN = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${BIDI_AND_INVISIBLE}]`);
// White space (Unicode White_Space, less the controls refused anyway) and the joiners: a text of only these says nothing.
const BLANK = /^[\t\n\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u200c\u200d]*$/;

function checkLength(text: string, field: string, maxBytes: number): void {
  // UTF-8 is at most 3 bytes per UTF-16 unit, so only long strings need encoding.
  if (text.length * 3 > maxBytes && utf8Encode(text).length > maxBytes) fail('too-long', field, `is longer than ${maxBytes} bytes of UTF-8`);
}

/** A non-blank single line shown to people: no control, bidirectional or invisible characters. */
export function readLabel(value: unknown, field: string, maxBytes: number): string {
  const text = readString(value, field);
  checkLength(text, field, maxBytes);
  if (BLANK.test(text)) fail('bad-format', field, 'must not be blank');
  if (LABEL_FORBIDDEN.test(text)) fail('bad-format', field, 'must be one line without control, bidirectional or invisible characters');
  return text;
}

/**
 * Free text: line feeds and tabs allowed, other control, bidirectional and invisible characters
 * not. Never blank (only white space and joiners); empty only when `mayBeEmpty`.
 */
export function readText(value: unknown, field: string, maxBytes: number, { mayBeEmpty = false }: { readonly mayBeEmpty?: boolean } = {}): string {
  const text = readString(value, field);
  checkLength(text, field, maxBytes);
  if (BLANK.test(text) && !(mayBeEmpty && text === '')) fail('bad-format', field, mayBeEmpty ? 'must be empty or hold more than white space' : 'must hold more than white space');
  if (TEXT_FORBIDDEN.test(text)) fail('bad-format', field, 'must not hold control characters other than line feed and tab, nor bidirectional or invisible characters');
  return text;
}

export function readHash(value: unknown, field: string): Sha256Hex {
  const text = readString(value, field);
  if (!isLowerHex(text, 32)) fail('bad-format', field, `must be 64 lowercase hex digits, got ${describeValue(text)}`);
  return text as Sha256Hex;
}

export function readObjectId(value: unknown, field: string): ObjectId {
  return readHash(value, field) as string as ObjectId;
}

export function readOptionalObjectId(value: unknown, field: string): ObjectId | null {
  return value === null ? null : readObjectId(value, field);
}

const MEMBER_ID = /^[A-Z0-9_-]{1,32}$/;

export function readMemberId(value: unknown, field: string): MemberId {
  return readPattern(value, field, MEMBER_ID, 32, '1 to 32 of A-Z 0-9 _ -') as MemberId;
}

export function readTimestamp(value: unknown, field: string): Timestamp {
  const text = readString(value, field);
  if (parseTimestamp(text) === undefined) fail('bad-format', field, `must be an RFC 3339 UTC time like 2026-11-22T19:00:00Z, got ${describeValue(text)}`);
  return text as Timestamp;
}

export function readArray<T>(value: unknown, field: string, limits: { readonly min: number; readonly max: number }, readItem: (item: unknown, itemField: string) => T): readonly T[] {
  if (!Array.isArray(value)) fail('wrong-type', field, `must be an array, got ${describeValue(value)}`);
  if (value.length > limits.max) fail('too-many', field, `has ${value.length} entries, more than ${limits.max}`);
  if (value.length < limits.min) fail('out-of-range', field, `must have at least ${limits.min} ${limits.min === 1 ? 'entry' : 'entries'}`);
  return value.map((item, index) => readItem(item, `${field}[${index}]`));
}

/** Fails on the first entry whose key repeats an earlier one. */
export function requireUnique<T>(items: readonly T[], field: string, keyOf: (item: T) => string, what: string): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (seen.has(key)) fail('duplicate-value', `${field}[${index}]`, `repeats the ${what} ${JSON.stringify(key)}`);
    seen.add(key);
  });
}
