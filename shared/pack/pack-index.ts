import { parseStrictJson, type JsonLimits } from '../encoding/strict-json';
import type { ObjectKind, Sha256Hex } from '../objects/types';
import { PackError } from './pack-error';

export const PACK_FORMAT = 'truceline-pack';
export const PACK_FORMAT_VERSION = 1;
/** The index's entry name; every other entry is named by the SHA-256 of its content. */
export const PACK_INDEX_NAME = 'index.json';

export type PackKind = 'incident-bundle' | 'sync' | 'certificate';
/** A signed statement of DESIGN §2, or a raw evidence chunk. */
export type PackObjectKind = ObjectKind | 'chunk';

export const PACK_KINDS = ['incident-bundle', 'sync', 'certificate'] as const satisfies readonly PackKind[];
export const PACK_OBJECT_KINDS = ['roster', 'incident', 'commitment', 'assessment', 'phase', 'closing', 'chunk'] as const satisfies readonly PackObjectKind[];
// Fails to compile when an object kind is added to shared/objects without being listed here.
const _everyObjectKindListed: Exclude<PackObjectKind, (typeof PACK_OBJECT_KINDS)[number]> extends never ? true : never = true;

export interface PackIndexObject {
  readonly id: Sha256Hex;
  readonly kind: PackObjectKind;
  readonly size: number;
}

export interface PackIndex {
  readonly format: typeof PACK_FORMAT;
  readonly version: typeof PACK_FORMAT_VERSION;
  readonly kind: PackKind;
  /** Sorted by id, each id once. */
  readonly objects: readonly PackIndexObject[];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256Hex(text: string): text is Sha256Hex {
  return SHA256_HEX.test(text);
}

/** The index with its objects sorted by id; throws on a duplicate id. */
export function buildPackIndex(kind: PackKind, objects: readonly PackIndexObject[]): PackIndex {
  const sorted = objects.map(({ id, kind, size }) => ({ id, kind, size })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.id === sorted[i - 1]!.id) throw new PackError('duplicate-object', `object ${sorted[i]!.id} is listed twice`);
  }
  const index: PackIndex = { format: PACK_FORMAT, version: PACK_FORMAT_VERSION, kind, objects: sorted };
  checkPackIndex(index);
  return index;
}

/**
 * RFC 8785 (JCS) bytes of the index. Keys are written in sorted order and every value is ASCII or
 * a safe integer, for which JSON.stringify produces exactly the JCS form.
 */
export function encodePackIndex(index: PackIndex): Uint8Array {
  const canonical = {
    format: index.format,
    kind: index.kind,
    objects: index.objects.map((object) => ({ id: object.id, kind: object.kind, size: object.size })),
    version: index.version,
  };
  return new TextEncoder().encode(JSON.stringify(canonical));
}

/** The largest index a reader parses by default (64 MiB): about 400,000 objects. */
export const DEFAULT_MAX_INDEX_BYTES = 64 * 1024 ** 2;

/**
 * The strict parser's limits for an index: the index's own size bound, nesting no deeper than the
 * shape needs (the index, its objects array, an entry), numbers of at most 20 characters.
 */
export function packIndexJsonLimits(maxBytes = DEFAULT_MAX_INDEX_BYTES): JsonLimits {
  return { maxBytes, maxDepth: 3, maxNumberLength: 20 };
}

/**
 * Parses and checks an index with the strict parser that objects go through (duplicate keys, bad
 * UTF-8, a byte-order mark, lone surrogates, deep nesting and long numbers are refused). Any
 * whitespace or key order is accepted, any other deviation is not: objects are sorted by id.
 */
export function parsePackIndex(bytes: Uint8Array, maxBytes = DEFAULT_MAX_INDEX_BYTES): PackIndex {
  const parsed = parseStrictJson(bytes, packIndexJsonLimits(maxBytes));
  if (!parsed.ok) throw new PackError('bad-index', `${PACK_INDEX_NAME} refused (${parsed.error.code}): ${parsed.error.message}`);
  checkPackIndex(parsed.value);
  return parsed.value;
}

function checkPackIndex(value: unknown): asserts value is PackIndex {
  const fail = (reason: string): never => {
    throw new PackError('bad-index', `${PACK_INDEX_NAME}: ${reason}`);
  };
  if (!isPlainRecord(value)) return fail('not a JSON object');
  checkKeys(value, ['format', 'version', 'kind', 'objects'], 'the index', fail);
  if (value.format !== PACK_FORMAT) fail(`format is not "${PACK_FORMAT}"`);
  if (value.version !== PACK_FORMAT_VERSION) fail(`version ${JSON.stringify(value.version)} is not supported (expected ${PACK_FORMAT_VERSION})`);
  if (!PACK_KINDS.some((kind) => kind === value.kind)) fail(`kind ${JSON.stringify(value.kind)} is not one of ${PACK_KINDS.join(', ')}`);
  if (!Array.isArray(value.objects)) return fail('objects is not an array');
  let previous = '';
  value.objects.forEach((object: unknown, i: number) => {
    const where = `objects[${i}]`;
    if (!isPlainRecord(object)) return fail(`${where} is not an object`);
    checkKeys(object, ['id', 'kind', 'size'], where, fail);
    if (typeof object.id !== 'string' || !isSha256Hex(object.id)) return fail(`${where}.id is not 64 lowercase hex characters`);
    if (object.id === previous) fail(`${where}.id ${object.id} is listed twice`);
    if (object.id < previous) fail(`${where}.id ${object.id} comes after ${previous}: objects are sorted by id`);
    previous = object.id;
    if (!PACK_OBJECT_KINDS.some((kind) => kind === object.kind)) fail(`${where}.kind ${JSON.stringify(object.kind)} is not one of ${PACK_OBJECT_KINDS.join(', ')}`);
    if (!Number.isSafeInteger(object.size) || (object.size as number) < 0) fail(`${where}.size is not a non-negative integer`);
  });
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(record: Record<string, unknown>, expected: readonly string[], where: string, fail: (reason: string) => never): void {
  for (const key of expected) if (!Object.hasOwn(record, key)) fail(`${where} has no "${key}"`);
  for (const key of Object.keys(record)) if (!expected.includes(key)) fail(`${where} has an unknown field "${key}"`);
}
