// Envelope vectors for the rules docs/SPEC.md pins down beyond the field tables: which problem is
// reported when several apply, blank and invisible characters in texts, media-type length, equal
// instants written two ways, and the payload's nesting and number-literal limits at and one past
// the limit. vector-builder.ts adds them to dsse/manifest.json.
import { signEnvelope } from '../../shared/crypto/dsse';
import type { SigningKey } from '../../shared/crypto/signing-key';
import { utf8Encode } from '../../shared/encoding/bytes';
import { canonicalize } from '../../shared/encoding/canonical-json';
import { encodeEnvelope } from '../../shared/objects/envelope';
import { PAYLOAD_TYPES } from '../../shared/objects/types';
import { LogWriter, assessmentBody, assessmentPayload, incidentPayload, ts, type Keyring } from './commission';

export interface RuleEnvelopeCase {
  readonly name: string;
  readonly description: string;
  /** 'verified', or the issue code verification must report. */
  readonly expect: string;
  readonly bytes: Uint8Array;
}

function signedPayload(payloadType: string, payload: Uint8Array, key: SigningKey): Uint8Array {
  return encodeEnvelope(signEnvelope(payloadType, payload, [key]));
}

/** 127 characters of the RFC 6838 restricted-name set, starting with a letter. */
const SUBTYPE_127 = `vnd.truceline.${'x'.repeat(127 - 'vnd.truceline.'.length)}`;

export async function ruleEnvelopeCases(keys: Keyring): Promise<RuleEnvelopeCase[]> {
  const log = new LogWriter(keys);
  const incidentValue = incidentPayload(log);
  const incident = await log.sign('MISSION', incidentValue);
  const body = await assessmentBody(incident.id, 'FRA');
  const assessmentValue = assessmentPayload(log, 'FRA-2', body);
  const fra = keys['FRA-2'];
  const assessment = (value: unknown): Uint8Array => signedPayload(PAYLOAD_TYPES.assessment, canonicalize(value), fra);
  const withBody = (changes: Record<string, unknown>): Uint8Array => assessment({ ...assessmentValue, body: { ...body, ...changes } });
  const incidentWith = (changes: Record<string, unknown>): Uint8Array => signedPayload(PAYLOAD_TYPES.incident, canonicalize({ ...incidentValue, ...changes }), keys.MISSION);
  const evidenceWith = (mediaType: string): Uint8Array => incidentWith({ evidence: [{ ...incidentValue.evidence[0]!, mediaType }] });
  const { created: _created, ...withoutCreated } = assessmentValue;
  const { salt: _salt, ...bodyWithoutSalt } = body;
  // Payload text with one member spelled by hand: the nesting and number cases are not canonical JSON values.
  const payloadText = new TextDecoder().decode(canonicalize(assessmentValue));
  const rawAssessment = (text: string): Uint8Array => signedPayload(PAYLOAD_TYPES.assessment, utf8Encode(text), fra);
  const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  return [
    {
      name: 'two-problems-field-order',
      description: 'body with confidence 101 and a repeated category: confidence comes first in the table, so out-of-range wins',
      expect: 'out-of-range',
      bytes: withBody({ confidence: 101, categories: ['artillery-fire', 'artillery-fire'] }),
    },
    {
      name: 'two-problems-missing-before-unknown',
      description: 'assessment without created and with an unknown member note: missing members are reported before unknown ones',
      expect: 'missing-field',
      bytes: assessment({ ...withoutCreated, note: 'hi' }),
    },
    {
      name: 'two-problems-outer-before-inner',
      description: "an unknown top-level member and a body without its salt: the payload's own members are checked before the body's",
      expect: 'unknown-field',
      bytes: assessment({ ...assessmentValue, note: 'hi', body: bodyWithoutSalt }),
    },
    { name: 'summary-empty', description: 'incident summary ""', expect: 'bad-format', bytes: incidentWith({ summary: '' }) },
    { name: 'summary-whitespace-only', description: 'incident summary of spaces, a tab, a line feed and a no-break space', expect: 'bad-format', bytes: incidentWith({ summary: '  \t\n\u00a0' }) },
    {
      name: 'summary-zero-width-space',
      description: 'incident summary holding U+200B ZERO WIDTH SPACE',
      expect: 'bad-format',
      bytes: incidentWith({ summary: 'Twelve\u200b impacts south-east of the crossing point.' }),
    },
    { name: 'rationale-empty', description: 'assessment with an empty rationale (allowed)', expect: 'verified', bytes: withBody({ rationale: '' }) },
    { name: 'rationale-whitespace-only', description: 'assessment whose rationale is a line feed and spaces', expect: 'bad-format', bytes: withBody({ rationale: '\n   ' }) },
    {
      name: 'rationale-bidi-override',
      description: 'assessment whose rationale holds U+202E RIGHT-TO-LEFT OVERRIDE',
      expect: 'bad-format',
      bytes: withBody({ rationale: 'Firing position \u202etsae\u202c of the line.' }),
    },
    {
      name: 'rationale-zero-width-non-joiner',
      description: 'assessment whose rationale is Persian text with U+200C ZERO WIDTH NON-JOINER (allowed in texts)',
      expect: 'verified',
      bytes: withBody({ rationale: 'شواهد صوتی و تصویری هم\u200cخوانی دارند.' }),
    },
    { name: 'media-type-subtype-127', description: 'evidence media type whose subtype has 127 characters (RFC 6838 maximum)', expect: 'verified', bytes: evidenceWith(`application/${SUBTYPE_127}`) },
    { name: 'media-type-subtype-128', description: 'evidence media type whose subtype has 128 characters', expect: 'bad-format', bytes: evidenceWith(`application/${SUBTYPE_127}x`) },
    {
      name: 'window-equal-instants',
      description: 'incident window from 22:10:00Z to 22:10:00.000Z: the same instant spelled two ways (text order would put end first)',
      expect: 'verified',
      bytes: incidentWith({ window: { start: ts('2026-11-19T22:10:00Z'), end: ts('2026-11-19T22:10:00.000Z') } }),
    },
    {
      name: 'payload-nesting-at-limit',
      description: 'payload nested exactly 8 deep (the payload object is depth 1): parsed, then refused as an unknown member',
      expect: 'unknown-field',
      bytes: rawAssessment(payloadText.replace('{', `{"a":${nested(7)},`)),
    },
    { name: 'payload-nesting-over-limit', description: 'payload nested 9 deep', expect: 'too-deep', bytes: rawAssessment(payloadText.replace('{', `{"a":${nested(8)},`)) },
    {
      name: 'payload-number-20-characters',
      description: 'confidence written as the 20-character literal 8.00000000000000e+01: parsed, then refused as not canonical',
      expect: 'not-canonical',
      bytes: rawAssessment(payloadText.replace('"confidence":80', '"confidence":8.00000000000000e+01')),
    },
    {
      name: 'payload-number-21-characters',
      description: 'confidence written as the 21-character literal 8.000000000000000e+01 (sign, fraction and exponent count)',
      expect: 'number-out-of-range',
      bytes: rawAssessment(payloadText.replace('"confidence":80', '"confidence":8.000000000000000e+01')),
    },
  ];
}
