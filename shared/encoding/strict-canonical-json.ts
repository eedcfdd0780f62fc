import { bytesEqual, utf8DecodeFatal } from './bytes';
import { canonicalize } from './canonical-json';
import { ok, type Result } from './result';
import { parseStrictJson, type JsonLimits, type JsonParseError } from './strict-json';

/** A document the strict parser accepted, and whether its bytes are exactly the RFC 8785 form of its value. */
export interface StrictJsonDocument {
  readonly value: unknown;
  readonly canonical: boolean;
}

/**
 * Same result as `parseStrictJson` followed by `bytesEqual(canonicalize(value), bytes)`, with a
 * native fast path for the common case of canonical input; any other input takes exactly that path.
 */
export function parseStrictJsonNotingCanonical(bytes: Uint8Array, limits: JsonLimits): Result<StrictJsonDocument, JsonParseError> {
  const proven = parseProvenCanonical(bytes, limits);
  if (proven !== undefined) return ok({ value: proven, canonical: true });
  const parsed = parseStrictJson(bytes, limits);
  if (!parsed.ok) return parsed;
  return ok({ value: parsed.value, canonical: bytesEqual(canonicalize(parsed.value), bytes) });
}

/**
 * Larger documents take the strict path only. JSON.parse reads a whole document before any limit
 * is checked, and refused input pays for it on top of the strict parser, which stops at the first
 * fault (1 MiB of "[" costs JSON.parse ~100 ms, the strict parser ~1 ms): this bounds that cost to
 * a few milliseconds. Signed statements are ~1 KiB.
 */
export const FAST_PATH_MAX_BYTES = 64 * 1024;

/**
 * The value of `bytes` when they are shown to be canonical JSON that parseStrictJson accepts, else
 * undefined (which JSON.parse never returns). Sound because, with v = JSON.parse(text):
 * - text === JSON.stringify(v), every object's keys are in ascending UTF-16 order and text has no
 *   "\ud" (JSON.stringify writes a lone surrogate as a lowercase \udXXX escape, so v holds none)
 *   together make text === canonicalJson(v): both write strings and finite numbers with the same
 *   JSON.stringify and differ only in key order and in refusing lone surrogates. Infinity (from
 *   1e400) and -0 cannot survive: JSON.stringify writes them as null and 0, which parse differently.
 * - The canonical text of v is one the strict parser accepts and parses to v: valid UTF-8 without a
 *   BOM (checked on the bytes, as TextDecoder strips a BOM), no duplicate key (v's keys are
 *   distinct), no lone surrogate, number literals that are their double's shortest form; the
 *   checks below add the size, depth and number-length limits. JSON.parse, like the strict parser,
 *   keeps "__proto__" as an own member, so the values are the same.
 */
export function parseProvenCanonical(bytes: Uint8Array, limits: JsonLimits): unknown {
  if (bytes.length > Math.min(limits.maxBytes, FAST_PATH_MAX_BYTES) || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) return undefined;
  let text: string;
  let value: unknown;
  try {
    text = utf8DecodeFatal(bytes);
    if (text.includes('\\ud')) return undefined;
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!hasSortedKeysWithinLimits(value, limits, 0)) return undefined;
  return JSON.stringify(value) === text ? value : undefined;
}

/** `enclosing`: how many arrays and objects hold `value`; the strict parser counts `value` itself as one more. */
function hasSortedKeysWithinLimits(value: unknown, limits: JsonLimits, enclosing: number): boolean {
  if (typeof value === 'number') return String(value).length <= limits.maxNumberLength;
  if (typeof value !== 'object' || value === null) return true;
  if (enclosing >= limits.maxDepth) return false;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) if (!hasSortedKeysWithinLimits(item, limits, enclosing + 1)) return false;
    return true;
  }
  const record = value as Readonly<Record<string, unknown>>;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (i > 0 && !(keys[i - 1]! < key)) return false;
    if (!hasSortedKeysWithinLimits(record[key], limits, enclosing + 1)) return false;
  }
  return true;
}
