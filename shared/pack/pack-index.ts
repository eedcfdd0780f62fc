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

/** Parses and checks an index; any whitespace or key order is accepted, any other deviation is not. */
export function parsePackIndex(bytes: Uint8Array): PackIndex {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new PackError('bad-index', `${PACK_INDEX_NAME} is not UTF-8 JSON`);
  }
  checkPackIndex(parsed);
  return parsed;
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
  const seen = new Set<string>();
  value.objects.forEach((object: unknown, i: number) => {
    const where = `objects[${i}]`;
    if (!isPlainRecord(object)) return fail(`${where} is not an object`);
    checkKeys(object, ['id', 'kind', 'size'], where, fail);
    if (typeof object.id !== 'string' || !isSha256Hex(object.id)) return fail(`${where}.id is not 64 lowercase hex characters`);
    if (seen.has(object.id)) fail(`${where}.id ${object.id} is listed twice`);
    seen.add(object.id);
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
