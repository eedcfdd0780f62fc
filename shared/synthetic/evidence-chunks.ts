import type { DetectionColumns as EvidenceDetections } from '../evidence/detections-codec';
import type { TrackColumns as EvidenceTracks } from '../evidence/tracks-codec';
import { containsPoint } from './local-geometry';
import type { DetectionBatch, SyntheticDay, SyntheticIncident } from './types';

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

/** One incident's cut rows, copied out of their batches so that no batch stays alive. */
class RowCopies {
  readonly timeMs: bigint[] = [];
  readonly lon: number[] = [];
  readonly lat: number[] = [];
  readonly altitudeM: number[] = [];
  readonly sensor: number[] = [];
  readonly sensorKind: number[] = [];
  readonly detectionClass: number[] = [];
  readonly confidence: number[] = [];
  readonly trackId: number[] = [];

  copy(batch: DetectionBatch, i: number): void {
    const d = batch.detections;
    this.timeMs.push(d.timeMs[i]!);
    this.lon.push(d.lon[i]!);
    this.lat.push(d.lat[i]!);
    this.altitudeM.push(d.altitudeM[i]!);
    this.sensor.push(d.sensorIndex[i]!);
    this.sensorKind.push(d.sensorKind[i]!);
    this.detectionClass.push(d.detectionClass[i]!);
    this.confidence.push(d.confidence[i]!);
    this.trackId.push(d.trackId[i]!);
  }
}

interface Gathered {
  readonly rows: RowCopies;
  readonly tracks: Map<number, { cls: number; lon: number[]; lat: number[]; t: bigint[] }>;
}

/**
 * Cuts each incident's evidence out of a synthetic day: the detections inside its cut (as an
 * evidence detections chunk) and the tracks of the objects behind it (as a tracks chunk). One pass
 * over the day's batches; only the cut rows are kept.
 */
export function incidentEvidence(day: SyntheticDay): IncidentEvidence[] {
  const gathered: Gathered[] = day.incidents.map(() => ({ rows: new RowCopies(), tracks: new Map() }));
  const wanted = day.incidents.map((incident) => new Set(incident.evidence.trackIds));
  for (const batch of day.batches()) {
    day.incidents.forEach((incident, n) => {
      for (const index of rowsInCut(batch, incident)) gathered[n]!.rows.copy(batch, index);
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

function detectionColumns(rows: RowCopies, sensorIds: readonly string[]): EvidenceDetections {
  // The chunk's sensor dictionary holds only the sensors it uses, in order of first use.
  const used = new Map<number, number>();
  const indices = Int32Array.from(rows.sensor, (sensor) => {
    if (!used.has(sensor)) used.set(sensor, used.size);
    return used.get(sensor)!;
  });
  return {
    timeMs: BigInt64Array.from(rows.timeMs),
    lon: Float64Array.from(rows.lon),
    lat: Float64Array.from(rows.lat),
    altitudeM: Float32Array.from(rows.altitudeM),
    sensorId: { indices, values: [...used.keys()].map((sensor) => sensorIds[sensor] ?? `sensor-${sensor}`) },
    sensorKind: Int8Array.from(rows.sensorKind),
    detectionClass: Int8Array.from(rows.detectionClass),
    confidencePct: Uint8Array.from(rows.confidence, (c) => Math.round(c * 100)),
    trackId: Int32Array.from(rows.trackId),
  };
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

/** A whole batch as a detections chunk: the generator's columns are the chunk's, but for sensor ids and percent. */
export function batchDetections(batch: DetectionBatch, sensorIds: readonly string[]): EvidenceDetections {
  const d = batch.detections;
  return {
    timeMs: d.timeMs,
    lon: d.lon,
    lat: d.lat,
    altitudeM: d.altitudeM,
    sensorId: { indices: d.sensorIndex, values: sensorIds },
    sensorKind: d.sensorKind,
    detectionClass: d.detectionClass,
    confidencePct: Uint8Array.from(d.confidence, (confidence) => Math.round(confidence * 100)),
    trackId: d.trackId,
  };
}

export function batchTracks(batch: DetectionBatch): EvidenceTracks {
  const { trackId, trackClass, vertexOffsets, vertexLon, vertexLat, vertexTimeMs } = batch.tracks;
  return { trackId, trackClass, vertexOffsets, vertexLon, vertexLat, vertexTimeMs };
}
