import { utf8Encode } from './bytes';
import { err, ok, type Result } from './result';

// RFC 8785 (JSON Canonicalization Scheme). Serializes I-JSON values only: finite numbers, strings
// without lone surrogates, arrays without holes, and plain objects (prototype Object.prototype or
// null) with string keys. Everything else is refused rather than silently changed.

export type CanonicalJsonErrorCode = 'non-finite-number' | 'lone-surrogate' | 'unsupported-value' | 'non-plain-object' | 'cycle' | 'too-deep';

export class CanonicalJsonError extends Error {
  constructor(
    readonly code: CanonicalJsonErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'CanonicalJsonError';
  }
}

/** Deeper than any object the commission signs; also bounds the recursion. */
const MAX_DEPTH = 256;
// With the u flag a well-formed surrogate pair is one code point, so this matches lone halves only.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function serializeString(text: string, path: string): string {
  if (LONE_SURROGATE.test(text)) throw new CanonicalJsonError('lone-surrogate', path, 'string holds a lone surrogate');
  // ES2019 JSON.stringify escapes exactly as RFC 8785 §3.2.2.2 requires once lone surrogates are excluded.
  return JSON.stringify(text);
}

function serializeNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) throw new CanonicalJsonError('non-finite-number', path, `${value} has no JSON form`);
  // ES Number::toString is RFC 8785 §3.2.2.3's number format; JSON.stringify also maps -0 to "0".
  return JSON.stringify(value);
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function serialize(value: unknown, path: string, ancestors: Set<object>, parts: string[]): void {
  switch (typeof value) {
    case 'string':
      parts.push(serializeString(value, path));
      return;
    case 'number':
      parts.push(serializeNumber(value, path));
      return;
    case 'boolean':
      parts.push(value ? 'true' : 'false');
      return;
    case 'object':
      if (value === null) {
        parts.push('null');
        return;
      }
      break;
    default:
      throw new CanonicalJsonError('unsupported-value', path, `a ${typeof value} has no JSON form`);
  }
  if (ancestors.has(value)) throw new CanonicalJsonError('cycle', path, 'value refers to itself');
  if (ancestors.size >= MAX_DEPTH) throw new CanonicalJsonError('too-deep', path, `nested deeper than ${MAX_DEPTH}`);
  ancestors.add(value);
  if (Array.isArray(value)) {
    parts.push('[');
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new CanonicalJsonError('unsupported-value', `${path}[${i}]`, 'array has a hole');
      if (i > 0) parts.push(',');
      serialize(value[i], `${path}[${i}]`, ancestors, parts);
    }
    parts.push(']');
  } else {
    if (!isPlainObject(value)) throw new CanonicalJsonError('non-plain-object', path, 'only plain objects have a JSON form');
    if (Object.getOwnPropertySymbols(value).length > 0) {
      throw new CanonicalJsonError('unsupported-value', path, 'object has symbol keys');
    }
    const record = value as Record<string, unknown>;
    // RFC 8785 §3.2.3: sort by UTF-16 code units, which is what the default sort compares.
    const keys = Object.keys(record).sort();
    parts.push('{');
    keys.forEach((key, index) => {
      const childPath = `${path}.${key}`;
      if (index > 0) parts.push(',');
      parts.push(serializeString(key, childPath), ':');
      serialize(record[key], childPath, ancestors, parts);
    });
    parts.push('}');
  }
  ancestors.delete(value);
}

/** The RFC 8785 canonical text of `value`; throws CanonicalJsonError for values JCS cannot represent. */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  serialize(value, '$', new Set(), parts);
  return parts.join('');
}

/** The RFC 8785 canonical UTF-8 bytes of `value`; throws CanonicalJsonError for values JCS cannot represent. */
export function canonicalize(value: unknown): Uint8Array {
  return utf8Encode(canonicalJson(value));
}

/** `canonicalize` for values from outside: the refusal is a result, not an exception. */
export function tryCanonicalize(value: unknown): Result<Uint8Array, CanonicalJsonError> {
  try {
    return ok(canonicalize(value));
  } catch (error) {
    if (error instanceof CanonicalJsonError) return err(error);
    throw error;
  }
}
