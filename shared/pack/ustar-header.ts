import { problemWithEntryName } from './entry-name';
import { PackError, printableName } from './pack-error';

export const BLOCK_SIZE = 512;
/** The largest size an 11-digit octal field holds: 8 GiB − 1. */
export const MAX_USTAR_SIZE = 8 ** 11 - 1;

/**
 * The fields of a ustar header a reader interprets. mode, uid, gid, mtime, uname, gname, devmajor,
 * devminor and the bytes after prefix are covered by the checksum and otherwise ignored: nothing is
 * extracted with them, and an entry is identified by its name, the SHA-256 of its content.
 */
export interface UstarHeader {
  readonly name: string;
  readonly size: number;
}

// Byte layout of a POSIX ustar header block (IEEE Std 1003.1, "pax" ustar interchange format).
const NAME = { offset: 0, length: 100 };
const MODE = { offset: 100, length: 8 };
const UID = { offset: 108, length: 8 };
const GID = { offset: 116, length: 8 };
const SIZE = { offset: 124, length: 12 };
const MTIME = { offset: 136, length: 12 };
const CHECKSUM = { offset: 148, length: 8 };
const TYPEFLAG_OFFSET = 156;
const LINKNAME = { offset: 157, length: 100 };
const MAGIC = { offset: 257, length: 6 };
const VERSION = { offset: 263, length: 2 };
const DEVMAJOR = { offset: 329, length: 8 };
const DEVMINOR = { offset: 337, length: 8 };
const PREFIX = { offset: 345, length: 155 };

const ASCII_SPACE = 0x20;
const USTAR_MAGIC = [0x75, 0x73, 0x74, 0x61, 0x72, 0x00]; // "ustar\0"
const USTAR_VERSION = [0x30, 0x30]; // "00"
const OLD_GNU_MAGIC = [0x75, 0x73, 0x74, 0x61, 0x72, 0x20, 0x20, 0x00]; // "ustar  \0" spanning magic and version

interface Field {
  readonly offset: number;
  readonly length: number;
}

export interface RegularFileHeaderFields {
  readonly name: string;
  readonly size: number;
}

/** The header our packs write: mode 0644, uid/gid 0, mtime 0, no user or group names. */
export function encodeUstarHeader(fields: RegularFileHeaderFields): Uint8Array {
  const problem = problemWithEntryName(fields.name);
  if (problem) throw new PackError(problem.code, `cannot write entry ${printableName(fields.name)}: ${problem.reason}`);
  if (!Number.isSafeInteger(fields.size) || fields.size < 0 || fields.size > MAX_USTAR_SIZE) {
    throw new PackError('entry-too-large', `cannot write entry ${printableName(fields.name)}: size ${fields.size} is not an integer from 0 to ${MAX_USTAR_SIZE}`);
  }
  const block = new Uint8Array(BLOCK_SIZE);
  for (let i = 0; i < fields.name.length; i++) block[NAME.offset + i] = fields.name.charCodeAt(i);
  writeOctal(block, MODE, 0o644);
  writeOctal(block, UID, 0);
  writeOctal(block, GID, 0);
  writeOctal(block, SIZE, fields.size);
  writeOctal(block, MTIME, 0);
  block[TYPEFLAG_OFFSET] = 0x30; // '0': regular file
  block.set(USTAR_MAGIC, MAGIC.offset);
  block.set(USTAR_VERSION, VERSION.offset);
  writeOctal(block, DEVMAJOR, 0);
  writeOctal(block, DEVMINOR, 0);
  block.fill(ASCII_SPACE, CHECKSUM.offset, CHECKSUM.offset + CHECKSUM.length);
  // Checksum field: six octal digits, NUL, space (as GNU tar and bsdtar write it).
  const checksum = headerChecksum(block);
  const digits = checksum.toString(8).padStart(6, '0');
  for (let i = 0; i < 6; i++) block[CHECKSUM.offset + i] = digits.charCodeAt(i);
  block[CHECKSUM.offset + 6] = 0;
  block[CHECKSUM.offset + 7] = ASCII_SPACE;
  return block;
}

export function isAllZero(block: Uint8Array): boolean {
  for (let i = 0; i < block.length; i++) if (block[i] !== 0) return false;
  return true;
}

/**
 * Decodes a header block, accepting exactly a ustar regular file with a flat, safe name. Checks, in
 * this order: checksum, typeflag, magic and version, size, name (with prefix), linkname (docs/PACK.md).
 * `where` names the entry in error messages ("entry 3 at byte 1536").
 */
export function decodeUstarHeader(block: Uint8Array, where: string): UstarHeader {
  const recorded = parseOctal(block, CHECKSUM, 'checksum', where);
  const computed = headerChecksum(block);
  if (recorded !== computed) {
    throw new PackError('bad-checksum', `${where}: header checksum ${recorded} does not match the computed ${computed}`);
  }
  checkTypeflag(block[TYPEFLAG_OFFSET]!, where);
  if (matches(block, OLD_GNU_MAGIC, MAGIC.offset)) {
    throw new PackError('unsupported-format', `${where}: old GNU tar header; packs use POSIX ustar (tar --format=ustar)`);
  }
  if (!matches(block, USTAR_MAGIC, MAGIC.offset) || !matches(block, USTAR_VERSION, VERSION.offset)) {
    throw new PackError('unsupported-format', `${where}: not a POSIX ustar header (magic "ustar\\0", version "00")`);
  }
  const size = parseOctal(block, SIZE, 'size', where);
  const prefix = readString(block, PREFIX);
  const baseName = readString(block, NAME);
  const name = prefix.length > 0 ? `${prefix}/${baseName}` : baseName;
  const problem = problemWithEntryName(name);
  if (problem) throw new PackError(problem.code, `${where} (${printableName(name)}): ${problem.reason}`);
  if (readString(block, LINKNAME).length > 0) {
    throw new PackError('bad-header', `${where} (${printableName(name)}): a regular file with a link name`);
  }
  return { name, size };
}

function checkTypeflag(typeflag: number, where: string): void {
  const type = String.fromCharCode(typeflag);
  switch (type) {
    case '0':
      return;
    case '\0':
      throw new PackError('unsupported-entry-type', `${where}: typeflag NUL (a pre-POSIX regular file); packs write "0"`);
    case 'x':
    case 'g':
      throw new PackError('pax-header', `${where}: pax extended header (type "${type}"); packs use plain ustar`);
    case 'L':
    case 'K':
      throw new PackError('gnu-long-name', `${where}: GNU long-name header (type "${type}"); pack names fit in 100 bytes`);
    default: {
      const described = ENTRY_TYPE_NAMES[type] ?? `type ${JSON.stringify(type)}`;
      throw new PackError('unsupported-entry-type', `${where}: ${described} entry; packs hold regular files only`);
    }
  }
}

const ENTRY_TYPE_NAMES: Readonly<Record<string, string>> = {
  '1': 'hard link',
  '2': 'symbolic link',
  '3': 'character device',
  '4': 'block device',
  '5': 'directory',
  '6': 'FIFO',
  '7': 'contiguous file',
};

/** Sum of the header's bytes with the checksum field counted as eight spaces. */
function headerChecksum(block: Uint8Array): number {
  let sum = CHECKSUM.length * ASCII_SPACE;
  for (let i = 0; i < CHECKSUM.offset; i++) sum += block[i]!;
  for (let i = CHECKSUM.offset + CHECKSUM.length; i < BLOCK_SIZE; i++) sum += block[i]!;
  return sum;
}

function matches(block: Uint8Array, expected: readonly number[], offset: number): boolean {
  return expected.every((byte, i) => block[offset + i] === byte);
}

function readString(block: Uint8Array, field: Field): string {
  let end = field.offset;
  while (end < field.offset + field.length && block[end] !== 0) end++;
  return String.fromCharCode.apply(null, Array.from(block.subarray(field.offset, end)));
}

/** Octal digits, optionally led by spaces and closed by NUL or spaces; nothing else (no base-256). */
function parseOctal(block: Uint8Array, field: Field, fieldName: string, where: string): number {
  let i = field.offset;
  const end = field.offset + field.length;
  if ((block[i]! & 0x80) !== 0) {
    throw new PackError('bad-header', `${where}: the ${fieldName} field uses GNU base-256 encoding, which packs do not use`);
  }
  while (i < end && block[i] === ASCII_SPACE) i++;
  let value = 0;
  let digits = 0;
  while (i < end && block[i]! >= 0x30 && block[i]! <= 0x37) {
    value = value * 8 + (block[i]! - 0x30);
    digits++;
    i++;
  }
  let closedProperly = digits > 0;
  for (; i < end; i++) if (block[i] !== 0 && block[i] !== ASCII_SPACE) closedProperly = false;
  if (!closedProperly) throw new PackError('bad-header', `${where}: the ${fieldName} field is not an octal number`);
  return value;
}

function writeOctal(block: Uint8Array, field: Field, value: number): void {
  const digits = value.toString(8).padStart(field.length - 1, '0');
  for (let i = 0; i < field.length - 1; i++) block[field.offset + i] = digits.charCodeAt(i);
  block[field.offset + field.length - 1] = 0;
}
