import { Field, Float64, Int32, Schema } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditObjects, type Audit, type AuditInput } from '../../../shared/audit/audit-objects';
import type { AuditChunk } from '../../../shared/audit/audit-evidence';
import { dictionaryData, ipcFileOf, plainData } from '../../../shared/evidence/arrow-build';
import { encodeDetections } from '../../../shared/evidence/detections-codec';
import { checkChunkAsEvidence } from '../../../shared/evidence/evidence-chunk-check';
import { detectionsSchema } from '../../../shared/evidence/evidence-schema';
import { DETECTION_CLASSES, SENSOR_KINDS } from '../../../shared/evidence/evidence-vocabulary';
import { encodeTracks } from '../../../shared/evidence/tracks-codec';
import type { SignedObject } from '../../../shared/objects/signed-object';
import type { EvidenceRef, Sha256Hex } from '../../../shared/objects/types';
import { toHex } from '../../../shared/encoding/hex';
import { createHash } from 'node:crypto';
import { syntheticDetections, syntheticTracks } from '../evidence/evidence-fixtures';
import { incidentPayload, LogWriter, NOW, rosterFixture, sha256, type Keyring } from '../../vectors/commission';

const sha = (bytes: Uint8Array) => toHex(createHash('sha256').update(bytes).digest()) as Sha256Hex;
const chunkOf = (bytes: Uint8Array): AuditChunk => ({ id: sha(bytes), size: bytes.length, evidence: checkChunkAsEvidence(bytes) });
const ref = (name: string, role: EvidenceRef['role'], bytes: Uint8Array, size = bytes.length): EvidenceRef => ({
  name,
  role,
  mediaType: 'application/vnd.apache.arrow.file',
  sha256: sha(bytes),
  size,
});

const detections = encodeDetections(syntheticDetections(40, 11));
const tracks = encodeTracks(syntheticTracks(3, 11));
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** A detections file with the documented schema changed: one field replaced (with its values) or left out. */
function detectionsFile(field: string, replacement?: { readonly type: Int32; readonly values: Int32Array }): Uint8Array {
  const rows = 10;
  const columns = syntheticDetections(rows, 3);
  const documented = detectionsSchema();
  const type = (name: string) => documented.fields.find((f) => f.name === name)!.type;
  const byName: Record<string, ReturnType<typeof plainData>> = {
    time: plainData(type('time'), columns.timeMs),
    lon: plainData(new Float64(), columns.lon),
    lat: plainData(new Float64(), columns.lat),
    altitude_m: plainData(type('altitude_m'), columns.altitudeM),
    sensor_id: dictionaryData(type('sensor_id'), columns.sensorId.indices, columns.sensorId.values),
    sensor_kind: dictionaryData(type('sensor_kind'), columns.sensorKind, SENSOR_KINDS),
    detection_class: dictionaryData(type('detection_class'), columns.detectionClass, DETECTION_CLASSES),
    confidence_pct: plainData(type('confidence_pct'), columns.confidencePct),
    track_id: plainData(type('track_id'), columns.trackId),
  };
  if (replacement) byName[field] = plainData(replacement.type, replacement.values);
  const fields = documented.fields.flatMap((f) => (f.name !== field ? [f] : replacement ? [new Field(field, replacement.type, false)] : []));
  return ipcFileOf(
    new Schema(fields, documented.metadata),
    rows,
    fields.map((f) => byName[f.name]!),
  );
}

const wrongColumnType = () => detectionsFile('lat', { type: new Int32(), values: new Int32Array(10) });
const missingColumn = () => detectionsFile('lon');

let keys: Keyring;
let genesis: SignedObject<'roster'>;

beforeAll(async () => {
  ({ keys, genesis } = await rosterFixture());
});

async function incidentWith(evidence: readonly EvidenceRef[]): Promise<SignedObject<'incident'>> {
  const log = new LogWriter(keys);
  return log.sign('MISSION', incidentPayload(log, { evidence: [...evidence] }));
}

async function audit(incident: SignedObject<'incident'>, chunks: readonly AuditChunk[], bundled: boolean): Promise<Audit> {
  const input: AuditInput = { trustedRoster: genesis.bytes, objects: [genesis.bytes, incident.bytes], chunks, now: NOW, sha256, ...(bundled ? { bundled: new Set([incident.id]) } : {}) };
  const result = await auditObjects(input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const chunkVerdicts = (a: Audit) => a.objects.filter((o) => o.kind === 'chunk').map((o) => [o.id, o.verdict, o.issue?.code ?? null]);

describe('auditObjects: an incident’s evidence', () => {
  it('verifies an incident whose every chunk is present and follows its schema', async () => {
    const incident = await incidentWith([ref('detections.arrow', 'detections', detections), ref('tracks.arrow', 'tracks', tracks), ref('photo.png', 'image', png)]);
    const result = await audit(incident, [chunkOf(detections), chunkOf(tracks), chunkOf(png)], true);
    expect(result.issues).toEqual([]);
    expect(result.evidence).toEqual([{ incident: incident.id, state: 'verified', items: expect.any(Array) }]);
    expect(result.evidence[0]!.items.map((i) => [i.name, i.state])).toEqual([
      ['detections.arrow', 'verified'],
      ['tracks.arrow', 'verified'],
      ['photo.png', 'verified'],
    ]);
    expect(chunkVerdicts(result).every(([, verdict]) => verdict === 'verified')).toBe(true);
    expect(result.objects.find((o) => o.id === (sha(detections) as string))!.detail).toMatch(/a valid detections file$/);
  });

  it('in an incident bundle, a missing chunk is an issue (evidence-missing) and the incident is incomplete', async () => {
    const incident = await incidentWith([ref('detections.arrow', 'detections', detections), ref('tracks.arrow', 'tracks', tracks)]);
    const result = await audit(incident, [chunkOf(detections)], true);
    expect(result.issues).toEqual([
      {
        code: 'evidence-missing',
        object: incident.id,
        message: expect.stringMatching(/^incident [0-9a-f]{8}…: evidence tracks\.arrow \([0-9a-f]{8}…\) is not in these packs, so its bundle is incomplete$/),
      },
    ]);
    expect(result.evidence[0]).toMatchObject({ state: 'incomplete', items: [{ state: 'verified' }, { name: 'tracks.arrow', state: 'missing' }] });
    expect(result.notes.filter((n) => /tracks\.arrow/.test(n.message))).toEqual([]);
  });

  it('elsewhere (a certificate, a sync pack), a missing chunk is only a note, though the incident is still not verified for playback', async () => {
    const incident = await incidentWith([ref('detections.arrow', 'detections', detections)]);
    const result = await audit(incident, [], false);
    expect(result.issues).toEqual([]);
    expect(result.notes).toContainEqual({ message: expect.stringMatching(/evidence detections\.arrow .* is not in these packs$/), object: incident.id });
    expect(result.evidence[0]!.state).toBe('incomplete');
  });

  it('rejects a chunk whose size differs from the evidence list (evidence-mismatch)', async () => {
    const incident = await incidentWith([ref('detections.arrow', 'detections', detections, detections.length + 1)]);
    const result = await audit(incident, [chunkOf(detections)], true);
    expect(chunkVerdicts(result)).toEqual([[sha(detections), 'rejected', 'evidence-mismatch']]);
    expect(result.evidence[0]).toMatchObject({ state: 'incomplete', items: [{ state: 'mismatch' }] });
  });

  const refusedChunks: ReadonlyArray<readonly [string, EvidenceRef['role'], () => Uint8Array, RegExp]> = [
    ['a chunk with a column of the wrong type', 'detections', wrongColumnType, /field 2 is "lat: Int32 not null", expected "lat: Float64 not null"$/],
    ['a chunk with a missing column', 'detections', missingColumn, /field 1 is "lat: Float64 not null", expected "lon: Float64 not null"$/],
    ['an image declared as detections', 'detections', () => png, /detections chunk: not an Arrow IPC file/],
    ['a detections file declared as tracks', 'tracks', () => detections, /tracks chunk: schema metadata says truceline\.format="truceline-detections"/],
  ];

  it.each(refusedChunks.map(([label, role, bytes, message]) => ({ label, role, bytes, message })))('rejects $label (evidence-schema), naming the field', async ({ role, bytes, message }) => {
    const content = bytes();
    const incident = await incidentWith([ref('evidence.arrow', role, content)]);
    const result = await audit(incident, [chunkOf(content)], true);
    expect(chunkVerdicts(result)).toEqual([[sha(content), 'rejected', 'evidence-schema']]);
    const chunk = result.objects.find((o) => o.kind === 'chunk')!;
    expect(chunk.detail).toMatch(new RegExp(`^object [0-9a-f]{8}…: incident [0-9a-f]{8}… lists it as ${role} \\(evidence\\.arrow\\), but `));
    expect(chunk.detail).toMatch(message);
    expect(result.evidence[0]).toMatchObject({ state: 'incomplete', items: [{ state: 'schema-refused' }] });
  });

  it('accepts any bytes for a role without a schema', async () => {
    const incident = await incidentWith([ref('report.pdf', 'report', png)]);
    expect((await audit(incident, [chunkOf(png)], true)).evidence[0]!.state).toBe('verified');
  });
});
