import type { JsonLimits } from '../encoding/strict-json';

// Bounds on everything an object may hold, so that a hostile object costs bounded memory and time.
// String lengths are counted in UTF-8 bytes. docs/SPEC.md repeats these numbers.

export const ENVELOPE_JSON_LIMITS: JsonLimits = { maxBytes: 1 << 20, maxDepth: 4, maxNumberLength: 20 };
export const PAYLOAD_JSON_LIMITS: JsonLimits = { maxBytes: 768 * 1024, maxDepth: 8, maxNumberLength: 20 };

export const LIMITS = {
  signaturesPerEnvelope: 256,
  label: 200,
  summary: 4_000,
  rationale: 20_000,
  incidentNumber: 64,
  evidenceName: 128,
  /** RFC 6838: type and subtype of up to 127 characters each, and the slash. */
  mediaType: 255,
  evidenceItemId: 64,
  members: 256,
  keysPerMember: 8,
  observations: 64,
  evidence: 1_024,
  citations: 256,
  idsPerCitation: 1_024,
  phaseCommitments: 1_024,
  maxRound: 1_000,
  maxWeight: 1_000_000,
  maxDenominator: 1_000_000,
  // A monitoring record counts a whole day of one modality along the whole line: millions.
  maxObservationCount: 1_000_000_000,
  maxChainageM: 10_000_000,
  maxUncertaintyM: 1_000_000,
} as const;
