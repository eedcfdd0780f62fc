import { fail, isPresent, readArray, readHash, readInteger, readObjectId, readOneOf, readPattern, readRecord, readText, readTimestamp, requireUnique } from './field-checks';
import { LIMITS } from './limits';
import { parseTimestamp } from './timestamp';
import { AUTHORED_FIELDS, readAuthored } from './validate-authored';
import type { DistanceBand, EvidenceRef, EvidenceRole, IncidentCategory, IncidentPayload, Modality, Observation } from './types';

export const INCIDENT_CATEGORIES: readonly IncidentCategory[] = [
  'artillery-fire',
  'mlrs-fire',
  'mortar-fire',
  'uav-incursion',
  'heavy-weapons-in-zone',
  'vehicle-crossing',
  'small-arms-fire',
  'other',
];
const MODALITIES: readonly Modality[] = ['sensor', 'uav', 'satellite', 'acoustic', 'radar', 'seismic'];
const DISTANCE_BANDS: readonly DistanceBand[] = ['under-1km', '1-5km', '5-15km', '15-40km', 'over-40km', 'unknown'];
const EVIDENCE_ROLES: readonly EvidenceRole[] = ['detections', 'tracks', 'image', 'report', 'other'];

const INCIDENT_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const EVIDENCE_NAME = /^(?!\.{1,2}$)[A-Za-z0-9._-]+$/;
// RFC 6838 §4.2 type and subtype names (restricted-name: 1 to 127 characters) in lowercase, with
// parameters left out: one spelling per type.
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

function readObservation(value: unknown, field: string): Observation {
  const record = readRecord(value, field, ['modality', 'count', 'distanceBand'], ['bearingDeg']);
  return {
    modality: readOneOf(record['modality'], `${field}.modality`, MODALITIES),
    count: readInteger(record['count'], `${field}.count`, 1, LIMITS.maxObservationCount),
    ...(isPresent(record, 'bearingDeg') ? { bearingDeg: readInteger(record['bearingDeg'], `${field}.bearingDeg`, 0, 359) } : {}),
    distanceBand: readOneOf(record['distanceBand'], `${field}.distanceBand`, DISTANCE_BANDS),
  };
}

function readEvidence(value: unknown, field: string): EvidenceRef {
  const record = readRecord(value, field, ['name', 'role', 'mediaType', 'sha256', 'size']);
  return {
    name: readPattern(record['name'], `${field}.name`, EVIDENCE_NAME, LIMITS.evidenceName, 'a file name of A-Z a-z 0-9 . _ -'),
    role: readOneOf(record['role'], `${field}.role`, EVIDENCE_ROLES),
    mediaType: readPattern(record['mediaType'], `${field}.mediaType`, MEDIA_TYPE, LIMITS.mediaType, 'a lowercase media type like application/vnd.apache.arrow.file'),
    sha256: readHash(record['sha256'], `${field}.sha256`),
    size: readInteger(record['size'], `${field}.size`, 0, Number.MAX_SAFE_INTEGER),
  };
}

export function validateIncident(value: unknown): IncidentPayload {
  const record = readRecord(value, '', ['kind', ...AUTHORED_FIELDS, 'incident', 'window', 'location', 'chainageM', 'category', 'summary', 'observations', 'evidence'], ['supersedes']);
  const authored = readAuthored(record);
  const incident = readPattern(record['incident'], 'incident', INCIDENT_NUMBER, LIMITS.incidentNumber, 'an incident number like INC-2026-000123');
  const windowRecord = readRecord(record['window'], 'window', ['start', 'end']);
  const start = readTimestamp(windowRecord['start'], 'window.start');
  const end = readTimestamp(windowRecord['end'], 'window.end');
  // Instants, never text: 10:00:00Z and 10:00:00.000Z are the same time.
  if (parseTimestamp(end)! < parseTimestamp(start)!) fail('inconsistent', 'window.end', 'must not be earlier than window.start');
  const locationRecord = readRecord(record['location'], 'location', ['lonE6', 'latE6', 'uncertaintyM']);
  const location = {
    lonE6: readInteger(locationRecord['lonE6'], 'location.lonE6', -180_000_000, 180_000_000),
    latE6: readInteger(locationRecord['latE6'], 'location.latE6', -90_000_000, 90_000_000),
    uncertaintyM: readInteger(locationRecord['uncertaintyM'], 'location.uncertaintyM', 0, LIMITS.maxUncertaintyM),
  };
  const chainageM = readInteger(record['chainageM'], 'chainageM', 0, LIMITS.maxChainageM);
  const category = readOneOf(record['category'], 'category', INCIDENT_CATEGORIES);
  const summary = readText(record['summary'], 'summary', LIMITS.summary);
  const observations = readArray(record['observations'], 'observations', { min: 0, max: LIMITS.observations }, readObservation);
  const evidence = readArray(record['evidence'], 'evidence', { min: 0, max: LIMITS.evidence }, readEvidence);
  requireUnique(evidence, 'evidence', (item) => item.name, 'file name');
  return {
    kind: 'incident',
    ...authored,
    incident,
    window: { start, end },
    location,
    chainageM,
    category,
    summary,
    observations,
    evidence,
    ...(isPresent(record, 'supersedes') ? { supersedes: readObjectId(record['supersedes'], 'supersedes') } : {}),
  };
}
