// Tar-profile vectors (test/vectors/pack): which header fields a reader checks and which it
// ignores (docs/PACK.md "Tar profile"). Headers are laid out here byte by byte, independently of
// shared/pack's writer. vector-builder.ts writes them; test/shared/pack/pack-vectors.test.ts runs them.
import { createHash } from 'node:crypto';
import { utf8Encode } from '../../shared/encoding/bytes';
import { canonicalize } from '../../shared/encoding/canonical-json';

type VectorFiles = Map<string, Uint8Array>;

/** Header fields as raw text (NULs included); anything not given is written as the profile says. */
interface HeaderFields {
  readonly name: string;
  readonly mode?: string;
  readonly uid?: string;
  readonly gid?: string;
  readonly size?: string;
  readonly mtime?: string;
  readonly typeflag?: string;
  readonly linkname?: string;
  readonly uname?: string;
  readonly gname?: string;
  readonly devmajor?: string;
  readonly devminor?: string;
  readonly prefix?: string;
  readonly checksumDelta?: number;
}

function octal(value: number, digits: number): string {
  return `${value.toString(8).padStart(digits, '0')}\0`;
}

function header(fields: HeaderFields, contentSize: number): Uint8Array {
  const block = new Uint8Array(512);
  const put = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) block[offset + i] = text.charCodeAt(i);
  };
  put(0, fields.name);
  put(100, fields.mode ?? '0000644\0');
  put(108, fields.uid ?? '0000000\0');
  put(116, fields.gid ?? '0000000\0');
  put(124, fields.size ?? octal(contentSize, 11));
  put(136, fields.mtime ?? '00000000000\0');
  put(148, '        ');
  put(156, fields.typeflag ?? '0');
  put(157, fields.linkname ?? '');
  put(257, 'ustar\u000000');
  put(265, fields.uname ?? '');
  put(297, fields.gname ?? '');
  put(329, fields.devmajor ?? '0000000\0');
  put(337, fields.devminor ?? '0000000\0');
  put(345, fields.prefix ?? '');
  const sum = block.reduce((total, byte) => total + byte, 0) + (fields.checksumDelta ?? 0);
  put(148, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

function entry(fields: HeaderFields, content: Uint8Array): Uint8Array[] {
  return [header(fields, content.length), content, new Uint8Array((512 - (content.length % 512)) % 512)];
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

interface PackCase {
  readonly name: string;
  readonly description: string;
  /** 'accepted', a code of "What a reader accepts", or a per-object code of "Per-object verdicts". */
  readonly expect: string;
  readonly object: Partial<HeaderFields>;
  readonly content?: Uint8Array;
}

export function packVectors(files: VectorFiles): void {
  const chunk = utf8Encode('Twelve impacts south-east of the crossing point.\n');
  const id = sha256Hex(chunk);
  const index = canonicalize({ format: 'truceline-pack', kind: 'sync', objects: [{ id, kind: 'chunk', size: chunk.length }], version: 1 });
  const cases: PackCase[] = [
    { name: 'profile', description: 'exactly the profile: index.json, then one chunk', expect: 'accepted', object: {} },
    {
      name: 'ignored-fields-gnu-tar',
      description: 'mode 0664, uid/gid 1000, a real mtime, user and group names, as GNU tar --format=ustar writes them: ignored',
      expect: 'accepted',
      object: { mode: '0000664\0', uid: '0001750\0', gid: '0001750\0', mtime: '15123456701\0', uname: 'alice', gname: 'staff' },
    },
    {
      name: 'ignored-fields-garbage',
      description: 'mode, uid, gid, mtime, devmajor and devminor holding non-octal bytes: ignored (only the checksum covers them)',
      expect: 'accepted',
      object: { mode: 'rwxrwxrw', uid: 'uid?uid?', gid: '--------', mtime: 'yesterday!!!', devmajor: 'zzzzzzzz', devminor: '\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff' },
    },
    { name: 'bad-checksum', description: 'the recorded checksum is one more than the sum of the header bytes', expect: 'bad-checksum', object: { checksumDelta: 1 } },
    { name: 'size-not-octal', description: 'size field "00000000061\\0" spelled "0000000006a\\0"', expect: 'bad-header', object: { size: '0000000006a\0' } },
    { name: 'size-base-256', description: 'size in GNU base-256 (first byte 0x80)', expect: 'bad-header', object: { size: `\u0080${'\0'.repeat(10)}1` } },
    { name: 'typeflag-nul', description: 'typeflag NUL, the pre-POSIX spelling of a regular file', expect: 'unsupported-entry-type', object: { typeflag: '\0' } },
    { name: 'typeflag-directory', description: 'typeflag 5 (directory)', expect: 'unsupported-entry-type', object: { typeflag: '5' }, content: new Uint8Array(0) },
    { name: 'typeflag-symlink', description: 'typeflag 2 (symbolic link) to the same name', expect: 'unsupported-entry-type', object: { typeflag: '2', linkname: id }, content: new Uint8Array(0) },
    { name: 'linkname-on-regular-file', description: 'a regular file with a link name', expect: 'bad-header', object: { linkname: 'index.json' } },
    { name: 'prefix-set', description: 'prefix "objects": the name becomes objects/<id>, not flat', expect: 'nested-name', object: { prefix: 'objects' } },
    { name: 'prefix-parent', description: 'prefix ".."', expect: 'path-traversal', object: { prefix: '..' } },
    {
      name: 'digest-mismatch',
      description: "an object whose content does not hash to its name (the index lists the name's size)",
      expect: 'digest-mismatch',
      object: {},
      content: utf8Encode('Twelve impacts south-east of the crossing point!\n'),
    },
  ];
  const manifest = [];
  for (const entryCase of cases) {
    const file = `${entryCase.name}.pack`;
    const bytes = concat([...entry({ name: 'index.json' }, index), ...entry({ name: id, ...entryCase.object }, entryCase.content ?? chunk), new Uint8Array(1024)]);
    files.set(`pack/${file}`, bytes);
    manifest.push({ file, expect: entryCase.expect, description: entryCase.description });
  }
  files.set('pack/manifest.json', utf8Encode(`${JSON.stringify({ object: id, cases: manifest }, null, 2)}\n`));
}
