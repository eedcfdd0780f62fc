import type { IssueCode } from '../../shared/objects/issues';
import type { EntryKindProblemCode } from '../../shared/pack/entry-kind';
import type { PackObjectProblemCode } from '../../shared/pack/pack-reader';

// Why an object was refused, in plain words for the person at the desk; the code and the store's
// technical line follow it on screen. Codes: docs/PACK.md, docs/STORE.md and shared/objects/issues.ts.

/** Every code the store's quarantine holds (main/store/quarantine.ts): a new one fails to compile here until it has its words. */
type QuarantineCode = PackObjectProblemCode | EntryKindProblemCode | IssueCode | 'unreferenced-chunk' | 'evidence-size-mismatch';

const WORDS: Readonly<Record<QuarantineCode, string>> = {
  // The pack itself.
  'digest-mismatch': 'Its bytes were changed on the way: they no longer match their fingerprint.',
  'duplicate-object': 'The pack holds the same object twice; the second copy was refused.',
  'unlisted-object': 'The pack holds an object its table of contents does not list.',
  'size-mismatch': 'The object is not the size the pack’s table of contents says.',
  'missing-object': 'The pack’s table of contents lists an object the pack does not hold.',
  'index-kind-mismatch': 'The pack calls the object one kind of thing, but its signed bytes say another.',
  // The bytes of a signed object.
  'too-large': 'The object is larger than any valid object may be.',
  'not-utf8': 'The object is not readable text.',
  'malformed-json': 'The object is not well-formed data.',
  'duplicate-key': 'The object names a field twice.',
  'too-deep': 'The object is nested more deeply than allowed.',
  'number-out-of-range': 'The object holds a number outside the allowed range.',
  'lone-surrogate': 'The object holds broken text characters.',
  'not-canonical': 'The object is not written in the one exact form signatures are made over.',
  'unknown-payload-type': 'The object is of a kind this workstation does not know.',
  'payload-kind-mismatch': 'The object says it is one kind of statement but holds another.',
  // Fields.
  'missing-field': 'A required field is missing.',
  'unknown-field': 'The object holds a field the format does not have.',
  'wrong-type': 'A field holds the wrong type of value.',
  'out-of-range': 'A field’s value is outside its allowed range.',
  'bad-format': 'A field is not in its required format.',
  'too-long': 'A field is longer than allowed.',
  'too-many': 'A list holds more entries than allowed.',
  'duplicate-value': 'A list names the same value twice.',
  inconsistent: 'Fields of the object contradict each other.',
  'keyid-mismatch': 'The signature names a different key than the statement does.',
  // Signatures and the roster.
  'bad-signature': 'The signature does not verify: the object was altered or forged.',
  'unknown-key': 'It was signed with a key the commission roster does not list.',
  'key-of-other-member': 'It was signed with another member’s key.',
  'key-removed': 'It was signed with a key the roster has since removed.',
  'duplicate-signature': 'The same key signed it twice.',
  'wrong-signature-count': 'It does not carry the number of signatures it needs.',
  'unknown-author': 'Its author is not a member of the commission.',
  'wrong-role': 'Its author’s role does not allow this statement.',
  'author-not-delegation': 'Only a delegation may make this statement.',
  'attribution-not-a-party': 'It attributes a violation to someone who is not a party to the conflict.',
  // The roster chain.
  'roster-below-threshold': 'A roster change is not signed by enough members.',
  'roster-rollback': 'It would take the roster back to an older version.',
  'roster-version-gap': 'A roster version is missing between this one and the one trusted here.',
  'roster-prev-mismatch': 'The roster does not follow from the one trusted here.',
  'roster-fork': 'Two different rosters claim the same version.',
  'roster-expired': 'The roster it depends on has expired.',
  'roster-commission-mismatch': 'It belongs to another commission.',
  // Logs and sealing.
  equivocation: 'Its author signed two different statements in the same place of their log.',
  'early-reveal': 'An assessment was revealed before the chair opened the reveal.',
  'unmatched-reveal': 'A revealed assessment does not match the sealed commitment.',
  'late-reveal': 'An assessment was revealed after the deadline.',
  'listed-commitment-missing': 'The chair’s listing names a sealed commitment this workstation does not hold.',
  'several-listed-commitments': 'The chair’s listing names more than one commitment of one delegation.',
  'phase-ignored': 'A statement of the chair about the round was ignored.',
  'closing-conflict': 'Two different closing records exist for the same round.',
  'closing-inconsistent': 'A closing record does not agree with the objects it names.',
  'certificate-incomplete': 'A certificate lacks objects its verdict rests on.',
  'certificate-extra-object': 'A certificate holds objects that do not belong to it.',
  'certificate-mixed-rounds': 'A certificate mixes objects of different rounds.',
  'evidence-missing': 'An evidence file the incident lists is not in the pack.',
  'evidence-mismatch': 'An evidence file is not the size its incident says.',
  'evidence-schema': 'An evidence file is not laid out as detections or tracks must be.',
  // Evidence rules of the store.
  'unreferenced-chunk': 'An evidence file that no verified incident lists: it was not kept.',
  'evidence-size-mismatch': 'An evidence file is not the size its incident says.',
};

/** The plain-words reason for a quarantine code; an unknown code is still said plainly. */
export function quarantineWords(code: string): string {
  return Object.prototype.hasOwnProperty.call(WORDS, code) ? WORDS[code as QuarantineCode] : 'It did not pass verification.';
}
