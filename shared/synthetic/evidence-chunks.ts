import type { DetectionColumns as EvidenceDetections } from '../evidence/detections-codec';
import { DETECTION_CLASSES as EVIDENCE_CLASSES, SENSOR_KINDS as EVIDENCE_SENSOR_KINDS } from '../evidence/evidence-vocabulary';
import type { TrackColumns as EvidenceTracks } from '../evidence/tracks-codec';
import { DETECTION_CLASSES, SENSOR_KINDS } from './codes';
import { containsPoint } from './local-geometry';
import type { DetectionBatch, SyntheticDay, SyntheticIncident } from './types';

// The generator's class and sensor-kind codes are the evidence chunks' dictionary indices.
if (DETECTION_CLASSES.join() !== EVIDENCE_CLASSES.join() || SENSOR_KINDS.join() !== EVIDENCE_SENSOR_KINDS.join()) {
  throw new Error('synthetic codes and evidence vocabulary disagree');
}

export interface IncidentEvidence {
  readonly incident: SyntheticIncident;
  readonly detections: EvidenceDetections;
  readonly tracks: EvidenceTracks;
}

/** Row indices of one batch that fall inside an incident's evidence cut (time span and area). */
function rowsInCut(batch: DetectionBatch, incident: SyntheticIncident): number[] {
  const { fromMs, toMs, area } = incident.evidence;
  if (batch.toMs <= fromMs || batch.fromMs >= toMs) return [];
  const d = batch.detections;
  const rows: number[] = [];
  for (let i = 0; i < batch.rows; i++) {
    const t = Number(d.timeMs[i]);
    if (t >= fromMs && t < toMs && containsPoint(area, d.lon[i]!, d.lat[i]!)) rows.push(i);
  }
  return rows;
}

interface Gathered {
  readonly rows: { batch: DetectionBatch; index: number }[];
  readonly tracks: Map<number, { cls: number; lon: number[]; lat: number[]; t: bigint[] }>;
}

/**
 * Cuts each incident's evidence out of a synthetic day: the detections inside its cut (as an
 * evidence detections chunk) and the tracks of the objects behind it (as a tracks chunk). One pass
 * over the day's batches; only the cut rows are kept.
 */
export function incidentEvidence(day: SyntheticDay): IncidentEvidence[] {
  const gathered: Gathered[] = day.incidents.map(() => ({ rows: [], tracks: new Map() }));
  const wanted = day.incidents.map((incident) => new Set(incident.evidence.trackIds));
  for (const batch of day.batches()) {
    day.incidents.forEach((incident, n) => {
      for (const index of rowsInCut(batch, incident)) gathered[n]!.rows.push({ batch, index });
      const tracks = batch.tracks;
      for (let k = 0; k < tracks.trackId.length; k++) {
        const id = tracks.trackId[k]!;
        if (!wanted[n]!.has(id)) continue;
        const entry = gathered[n]!.tracks.get(id) ?? { cls: tracks.trackClass[k]!, lon: [], lat: [], t: [] };
        for (let v = tracks.vertexOffsets[k]!; v < tracks.vertexOffsets[k + 1]!; v++) {
          entry.lon.push(tracks.vertexLon[v]!);
          entry.lat.push(tracks.vertexLat[v]!);
          entry.t.push(tracks.vertexTimeMs[v]!);
        }
        gathered[n]!.tracks.set(id, entry);
      }
    });
  }
  const sensorIds = day.sensors.map((s) => s.id);
  return day.incidents.map((incident, n) => ({
    incident,
    detections: detectionColumns(gathered[n]!.rows, sensorIds),
    tracks: trackColumns(gathered[n]!.tracks),
  }));
}

function detectionColumns(rows: Gathered['rows'], sensorIds: readonly string[]): EvidenceDetections {
  const n = rows.length;
  const columns = {
    timeMs: new BigInt64Array(n),
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    altitudeM: new Float32Array(n),
    sensorIndices: new Int32Array(n),
    sensorKind: new Int8Array(n),
    detectionClass: new Int8Array(n),
    confidencePct: new Uint8Array(n),
    trackId: new Int32Array(n),
  };
  const used = new Map<number, number>();
  rows.forEach(({ batch, index }, i) => {
    const d = batch.detections;
    columns.timeMs[i] = d.timeMs[index]!;
    columns.lon[i] = d.lon[index]!;
    columns.lat[i] = d.lat[index]!;
    columns.altitudeM[i] = d.altitudeM[index]!;
    const sensor = d.sensorIndex[index]!;
    if (!used.has(sensor)) used.set(sensor, used.size);
    columns.sensorIndices[i] = used.get(sensor)!;
    columns.sensorKind[i] = d.sensorKind[index]!;
    columns.detectionClass[i] = d.detectionClass[index]!;
    columns.confidencePct[i] = Math.round(d.confidence[index]! * 100);
    columns.trackId[i] = d.trackId[index]!;
  });
  const values = [...used.keys()].map((sensor) => sensorIds[sensor] ?? `sensor-${sensor}`);
  const { sensorIndices, ...rest } = columns;
  return { ...rest, sensorId: { indices: sensorIndices, values } };
}

function trackColumns(tracks: Gathered['tracks']): EvidenceTracks {
  const ids = [...tracks.keys()].sort((a, b) => a - b);
  const vertexCount = ids.reduce((sum, id) => sum + tracks.get(id)!.lon.length, 0);
  const out = {
    trackId: Int32Array.from(ids),
    trackClass: new Int8Array(ids.length),
    vertexOffsets: new Int32Array(ids.length + 1),
    vertexLon: new Float64Array(vertexCount),
    vertexLat: new Float64Array(vertexCount),
    vertexTimeMs: new BigInt64Array(vertexCount),
  };
  let v = 0;
  ids.forEach((id, k) => {
    const track = tracks.get(id)!;
    out.trackClass[k] = track.cls;
    out.vertexOffsets[k] = v;
    for (let j = 0; j < track.lon.length; j++, v++) {
      out.vertexLon[v] = track.lon[j]!;
      out.vertexLat[v] = track.lat[j]!;
      out.vertexTimeMs[v] = track.t[j]!;
    }
  });
  out.vertexOffsets[ids.length] = v;
  return out;
}

