import { formatTimestamp } from '../../shared/objects/timestamp';
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDemoRoster, DEMO_PASSPHRASE, demoDay, incidentFiles, PRODUCER, Signer, signIncident } from '../../shared/demo/demo-commission';
import { encodeDetections } from '../../shared/evidence/detections-codec';
import { encodeTracks } from '../../shared/evidence/tracks-codec';
import type { EvidenceRef, IncidentPayload, Modality, ObjectId, Sha256Hex } from '../../shared/objects/types';
import { chainageOf, measureLine, pointAtKm } from '../../shared/geo/chainage';
import type { ScaleName } from '../../shared/synthetic/config';
import { modalityOf, SENSOR_KINDS } from '../../shared/synthetic/codes';
import { batchDetections, batchTracks, incidentEvidence } from '../../shared/synthetic/evidence-chunks';
import { nodeSha256 } from '../crypto/node-sha256';
import { recordLogStateDurably } from '../keys/log-state-file';
import { sealSecretKey } from '../keys/key-file';
import { writePackFile, type PackInput } from '../packs/pack-file';
import { readShippedLine } from './write-demo';

export interface GenerateSummary {
  readonly dir: string;
  readonly scale: ScaleName;
  readonly seed: number;
  readonly detections: number;
  readonly tracks: number;
  readonly incidents: number;
  readonly packs: readonly string[];
  readonly groundTruth: string;
  readonly bytes: number;
}

const ARROW_FILE = 'application/vnd.apache.arrow.file';

/**
 * Synthetic monitoring data as the mission would publish it: one signed incident bundle per
 * suspected violation, and the whole day's raw detections and tracks as Arrow chunks under a
 * signed monitoring record, plus the ground truth kept apart (never evidence). Memory stays
 * bounded by one batch: the day is generated twice (it is deterministic), once for the incident
 * cuts and once for the raw chunks, each batch written out and dropped.
 */
export async function generateMonitoringData(dir: string, resourcesDir: string, scale: ScaleName, seed: number): Promise<GenerateSummary> {
  const line = await readShippedLine(resourcesDir);
  const { roster, keys } = await createDemoRoster(line.sha256, nodeSha256, seed);
  const day = demoDay(line.vertices, scale, seed);
  const signer = new Signer(keys, nodeSha256);
  const incidentsDir = join(dir, 'incidents');
  const chunksDir = join(dir, 'day-chunks');
  await mkdir(incidentsDir, { recursive: true });
  await mkdir(chunksDir, { recursive: true });
  await writeFile(join(dir, 'roster.json'), roster.bytes);
  const packs: string[] = [];
  let bytes = 0;

  for (const cut of incidentEvidence(day)) {
    const { incident, chunks } = await signIncident(signer, cut.incident.draft, incidentFiles(cut), nodeSha256);
    const path = join(incidentsDir, `${incident.payload.incident}.pack`);
    const written = await writePackFile(path, 'incident-bundle', [{ kind: 'incident', bytes: incident.bytes }, ...chunks.map((c) => ({ kind: 'chunk' as const, bytes: c.bytes }))]);
    packs.push(path);
    bytes += written.bytes;
  }

  const sensorIds = day.sensors.map((s) => s.id);
  const evidence: EvidenceRef[] = [];
  const chunkInputs: PackInput[] = [];
  const perModality = new Map<Modality, number>();
  let detections = 0;
  let tracks = 0;
  for (const batch of day.batches()) {
    detections += batch.rows;
    tracks += batch.tracks.trackId.length;
    for (let i = 0; i < batch.rows; i++) {
      const modality = modalityOf(SENSOR_KINDS[batch.detections.sensorKind[i]!]!);
      perModality.set(modality, (perModality.get(modality) ?? 0) + 1);
    }
    const files = [
      { name: `day-${String(batch.index).padStart(4, '0')}-detections.arrow`, role: 'detections' as const, bytes: encodeDetections(batchDetections(batch, sensorIds)) },
      { name: `day-${String(batch.index).padStart(4, '0')}-tracks.arrow`, role: 'tracks' as const, bytes: encodeTracks(batchTracks(batch)) },
    ];
    for (const file of files) {
      const sha256 = createHash('sha256').update(file.bytes).digest('hex') as Sha256Hex;
      const path = join(chunksDir, file.name);
      await writeFile(path, file.bytes);
      evidence.push({ name: file.name, role: file.role, mediaType: ARROW_FILE, sha256, size: file.bytes.length });
      chunkInputs.push({ kind: 'chunk', id: sha256, size: file.bytes.length, file: path });
    }
  }

  const measure = measureLine(line.vertices);
  const middle = pointAtKm(measure, (day.fromKm + day.toKm) / 2);
  const record = await signer.sign(PRODUCER, day.endMs + 2 * 3_600_000, (log): IncidentPayload => ({
    kind: 'incident',
    ...log,
    incident: `REC-${formatTimestamp(day.startMs).slice(0, 10)}-S${seed}`,
    window: { start: formatTimestamp(day.startMs), end: formatTimestamp(day.endMs) },
    location: { lonE6: Math.round(middle[0] * 1e6), latE6: Math.round(middle[1] * 1e6), uncertaintyM: Math.round(((day.toKm - day.fromKm) / 2) * 1000) },
    chainageM: Math.round(chainageOf(measure, middle).km * 1000),
    category: 'other',
    summary: `Monitoring record: every detection (${detections}) and track (${tracks}) of km ${day.fromKm.toFixed(0)}–${day.toKm.toFixed(0)} for the day (synthetic, seed ${seed}).`,
    observations: [...perModality].map(([modality, count]) => ({ modality, count, distanceBand: 'unknown' as const })),
    evidence,
  }));
  const dayPack = join(dir, 'day.pack');
  const writtenDay = await writePackFile(dayPack, 'incident-bundle', [{ kind: 'incident', bytes: record.bytes }, ...chunkInputs]);
  await rm(chunksDir, { recursive: true, force: true });
  packs.push(dayPack);
  bytes += writtenDay.bytes;

  const keyFile = join(dir, 'keys', `${PRODUCER}.key`);
  await mkdir(join(dir, 'keys'), { recursive: true });
  const producer = keys.get(PRODUCER)!;
  await writeFile(keyFile, `${JSON.stringify(await sealSecretKey(producer.secretKey, { member: PRODUCER, keyid: producer.keyid, passphrase: DEMO_PASSPHRASE, strength: 'interactive' }), null, 2)}\n`, {
    mode: 0o600,
  });
  await recordLogStateDurably(keyFile, { keyid: producer.keyid, seq: record.payload.seq, id: record.id as ObjectId });

  const groundTruth = join(dir, 'ground-truth.json');
  await writeFile(groundTruth, `${JSON.stringify({ note: 'Ground truth of the synthetic day: for tests, never evidence.', scale, seed, ...day.groundTruth }, null, 2)}\n`);
  return { dir, scale, seed, detections, tracks, incidents: day.incidents.length, packs, groundTruth, bytes };
}
