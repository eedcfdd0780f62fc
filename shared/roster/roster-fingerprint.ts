import { fromHex } from '../encoding/hex';
import { pgpWords } from '../encoding/pgp-words';
import type { ObjectId } from '../objects/types';

/**
 * A roster's id as people compare it out of band (read aloud on the phone, or side by side with
 * the secretariat's letter): the whole SHA-256, as PGP words and as hex in groups of four.
 */
export interface RosterFingerprint {
  /** 32 words, one per byte of the id. */
  readonly words: readonly string[];
  /** 16 groups of 4 lowercase hex digits, separated by spaces. */
  readonly hex: string;
}

export function rosterFingerprint(id: ObjectId): RosterFingerprint {
  const bytes = fromHex(id);
  if (bytes === undefined || bytes.length !== 32) throw new Error(`roster id ${JSON.stringify(id.slice(0, 80))} is not 64 lowercase hex digits`);
  return { words: pgpWords(bytes), hex: id.match(/.{4}/g)!.join(' ') };
}
