import { canonicalize } from '../../../shared/encoding/canonical-json';
import { utf8Encode } from '../../../shared/encoding/bytes';
import type { PackKind } from '../../../shared/pack/pack-index';
import { craftTar, type CraftedEntry } from '../../shared/pack/tar-fixtures';
import { sha256Hex } from '../store/fixtures/store-fixtures';

/** One entry of a hand-made pack: its bytes, the name it is stored under and the kind the index claims. */
export interface RawEntry {
  readonly bytes: Uint8Array;
  readonly kind: string;
  readonly name?: string;
  readonly listedSize?: number;
}

/**
 * A pack built by hand, as an attacker with GNU tar would: the index says whatever it is given, and
 * entries come in the order given (the writer under test is not used, so it cannot tidy anything).
 */
export function craftPack(kind: PackKind | string, entries: readonly RawEntry[], options: { readonly indexOrder?: 'sorted' | 'as-given' } = {}): Uint8Array {
  const listed = entries.map((entry) => ({ id: entry.name ?? sha256Hex(entry.bytes), kind: entry.kind, size: entry.listedSize ?? entry.bytes.length }));
  const objects = options.indexOrder === 'as-given' ? listed : [...listed].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = canonicalize({ format: 'truceline-pack', kind, objects: [...new Map(objects.map((o) => [o.id, o])).values()], version: 1 });
  const tarEntries: CraftedEntry[] = [
    { name: 'index.json', size: index.length, content: index },
    ...entries.map((entry, i) => ({ name: listed[i]!.id, size: entry.bytes.length, content: entry.bytes })),
  ];
  return craftTar(tarEntries);
}

export function textBytes(text: string): Uint8Array {
  return utf8Encode(text);
}
