import { describe, expect, it } from 'vitest';
import { decodeDetections, encodeDetections } from '../../../shared/evidence/detections-codec';
import { DETECTION_CLASSES as EVIDENCE_CLASSES, SENSOR_KINDS as EVIDENCE_SENSOR_KINDS } from '../../../shared/evidence/evidence-vocabulary';
import { decodeTracks, encodeTracks } from '../../../shared/evidence/tracks-codec';
import { DETECTION_CLASSES, SENSOR_KINDS } from '../../../shared/synthetic/codes';
import { buildDay, tinyConfig } from './synthetic-fixture';

describe('hand-off to the evidence chunks', () => {
  const day = buildDay(tinyConfig({ maxBatchRows: 5_000 }));
  const batch = [...day.batches()].find((candidate) => candidate.tracks.trackId.length > 0)!;

  it('uses the evidence vocabularies, in their order, for its codes', () => {
    expect(DETECTION_CLASSES).toEqual(EVIDENCE_CLASSES);
    expect(SENSOR_KINDS).toEqual(EVIDENCE_SENSOR_KINDS);
  });

  it('encodes a batch as a detections chunk and a tracks chunk with no conversion beyond ids and percent', () => {
    const d = batch.detections;
    const detections = {
      timeMs: d.timeMs,
      lon: d.lon,
      lat: d.lat,
      altitudeM: d.altitudeM,
      sensorId: { indices: d.sensorIndex, values: day.sensors.map((sensor) => sensor.id) },
      sensorKind: d.sensorKind,
      detectionClass: d.detectionClass,
      confidencePct: Uint8Array.from(d.confidence, (confidence) => Math.round(confidence * 100)),
      trackId: d.trackId,
    };
    const decoded = decodeDetections(encodeDetections(detections));
    expect(decoded.timeMs).toEqual(d.timeMs);
    expect(decoded.lon).toEqual(d.lon);
    expect(decoded.altitudeM).toEqual(d.altitudeM);
    expect(decoded.sensorId.indices).toEqual(d.sensorIndex);
    expect(decoded.detectionClass).toEqual(d.detectionClass);

    const t = batch.tracks;
    const tracks = { trackId: t.trackId, trackClass: t.trackClass, vertexOffsets: t.vertexOffsets, vertexLon: t.vertexLon, vertexLat: t.vertexLat, vertexTimeMs: t.vertexTimeMs };
    const decodedTracks = decodeTracks(encodeTracks(tracks));
    expect(decodedTracks.vertexOffsets).toEqual(t.vertexOffsets);
    expect(decodedTracks.vertexTimeMs).toEqual(t.vertexTimeMs);
    expect(decodedTracks.trackClass).toEqual(t.trackClass);
  });
});
