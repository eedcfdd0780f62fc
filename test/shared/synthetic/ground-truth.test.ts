import { describe, expect, it } from 'vitest';
import { chainageOf, distanceKm } from '../../../shared/geo/chainage';
import type { LonLat } from '../../../shared/geo/types';
import { validatePayload } from '../../../shared/objects/validate-payload';
import { SIDES, SIDE_NONE, otherSide } from '../../../shared/synthetic/codes';
import { createLineFrame } from '../../../shared/synthetic/line-frame';
import { GROUND_HEIGHT_M } from '../../../shared/synthetic/observation';
import type { DetectionBatch } from '../../../shared/synthetic/types';
import { LINE_VERTICES, buildDay, collect, tinyConfig } from './synthetic-fixture';

const frame = createLineFrame(LINE_VERTICES, 'right');
const config = tinyConfig({
  seed: 21,
  backgroundObjects: 600,
  violations: {
    'artillery-fire': 3,
    'mortar-fire': 3,
    'mlrs-fire': 2,
    'uav-incursion': 4,
    'heavy-weapons-in-zone': 3,
    'vehicle-crossing': 3,
    'unattributed-explosion': 2,
  },
});
const day = buildDay(config);
const batches = collect(day);

function tracksOf(batchList: readonly DetectionBatch[]): Map<number, { side: number; incident: number; vertices: LonLat[] }> {
  const tracks = new Map<number, { side: number; incident: number; vertices: LonLat[] }>();
  for (const batch of batchList) {
    const t = batch.tracks;
    for (let i = 0; i < t.trackId.length; i++) {
      const vertices: LonLat[] = [];
      for (let v = t.vertexOffsets[i]!; v < t.vertexOffsets[i + 1]!; v++) vertices.push([t.vertexLon[v]!, t.vertexLat[v]!]);
      tracks.set(t.trackId[i]!, { side: batch.truth.trackSide[i]!, incident: batch.truth.trackIncident[i]!, vertices });
    }
  }
  return tracks;
}
const tracks = tracksOf(batches);

describe('incidents against the ground truth', () => {
  it('turns each injected violation into one incident, in time order', () => {
    expect(day.incidents).toHaveLength(20);
    expect(day.groundTruth.violations.map((truth) => truth.incidentIndex)).toEqual(day.incidents.map((incident) => incident.index));
    const starts = day.incidents.map((incident) => Date.parse(incident.draft.window.start));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(day.incidents.map((incident) => incident.draft.incident)).size).toBe(20);
  });

  it('locates each incident within its uncertainty of the true position, at the chainage chainageOf gives', () => {
    for (const incident of day.incidents) {
      const truth = day.groundTruth.violations[incident.index]!;
      const { lonE6, latE6, uncertaintyM } = incident.draft.location;
      const location: LonLat = [lonE6 / 1e6, latE6 / 1e6];
      expect(distanceKm(location, truth.position) * 1000).toBeLessThanOrEqual(uncertaintyM);
      expect(uncertaintyM).toBeGreaterThan(0);
      expect(incident.draft.chainageM).toBe(Math.round(chainageOf(frame.measure, location).km * 1000));
    }
  });

  it('fills incident statements that validate, with observations adding up to the detections', () => {
    for (const incident of day.incidents) {
      const payload = { kind: 'incident', author: 'MISSION', seq: 1, prev: null, created: '2026-11-23T00:00:00Z', ...incident.draft, evidence: [] };
      const validation = validatePayload('incident', payload);
      expect(validation.ok, JSON.stringify(validation)).toBe(true);
      expect(incident.draft.observations.reduce((sum, observation) => sum + observation.count, 0)).toBe(incident.detections);
      for (const observation of incident.draft.observations) {
        if (observation.modality !== 'satellite') expect(observation.bearingDeg).toBeDefined();
      }
    }
  });

  it('reports fire from one side landing on the other', () => {
    const fire = day.groundTruth.violations.filter((truth) => truth.kind.endsWith('-fire'));
    expect(fire).toHaveLength(8);
    for (const truth of fire) {
      expect(truth.attribution).not.toBe('none');
      expect(frame.locate(truth.origin!).named).toBe(truth.attribution);
      expect(frame.locate(truth.impact!).named).toBe(otherSide(truth.attribution as 'occupied'));
      for (const id of truth.objectIds.filter((objectId) => tracks.has(objectId))) {
        const vertices = tracks.get(id)!.vertices;
        expect(frame.locate(vertices[0]!).named).toBe(truth.attribution);
        expect(frame.locate(vertices[vertices.length - 1]!).named).toBe(otherSide(truth.attribution as 'occupied'));
      }
    }
  });

  it('keeps UAV incursions inside the disengagement zone', () => {
    const incursions = day.groundTruth.violations.filter((truth) => truth.kind === 'uav-incursion');
    expect(incursions).toHaveLength(4);
    for (const truth of incursions) {
      const track = tracks.get(truth.objectIds[0]!);
      expect(track).toBeDefined();
      for (const point of [...truth.path, ...track!.vertices]) expect(frame.locate(point).offsetKm).toBeLessThanOrEqual(config.zoneHalfWidthKm);
      expect(frame.locate(truth.path[0]!).named).toBe(truth.attribution);
    }
  });

  it('parks heavy weapons inside the zone on their own side and drives columns across the line', () => {
    for (const truth of day.groundTruth.violations) {
      if (truth.kind === 'heavy-weapons-in-zone') {
        for (const point of truth.path) {
          const where = frame.locate(point);
          expect(where.named).toBe(truth.attribution);
          expect(where.offsetKm).toBeLessThan(config.zoneHalfWidthKm);
        }
      }
      if (truth.kind === 'vehicle-crossing') {
        expect(frame.locate(truth.path[0]!).named).toBe(truth.attribution);
        expect(frame.locate(truth.path[truth.path.length - 1]!).named).toBe(otherSide(truth.attribution as 'occupied'));
        expect(frame.locate(truth.position).offsetKm).toBeLessThan(0.05);
      }
      if (truth.kind === 'unattributed-explosion') {
        expect(truth.attribution).toBe('none');
        expect(truth.category).toBe('other');
      }
    }
  });

  it('labels the detections and tracks of each incident with its index', () => {
    const counted = new Map<number, number>();
    for (const batch of batches) {
      for (let i = 0; i < batch.rows; i++) {
        const incident = batch.truth.incident[i]!;
        if (incident >= 0) counted.set(incident, (counted.get(incident) ?? 0) + 1);
      }
    }
    for (const incident of day.incidents) {
      expect(counted.get(incident.index)).toBe(incident.detections);
      for (const id of incident.evidence.trackIds) expect(tracks.get(id)?.incident).toBe(incident.index);
    }
  });

  it('cuts evidence that holds every detection of the incident', () => {
    for (const batch of batches) {
      for (let i = 0; i < batch.rows; i++) {
        const index = batch.truth.incident[i]!;
        if (index < 0) continue;
        const { fromMs, toMs, area } = day.incidents[index]!.evidence;
        const time = Number(batch.detections.timeMs[i]);
        const { lon, lat } = batch.detections;
        if (time < fromMs || time >= toMs || lon[i]! < area.west || lon[i]! > area.east || lat[i]! < area.south || lat[i]! > area.north) {
          throw new Error(`detection ${i} of incident ${index} outside its evidence cut`);
        }
      }
    }
  });
});

describe('background activity', () => {
  it('never crosses the line', () => {
    let checked = 0;
    for (const track of tracks.values()) {
      if (track.incident !== -1) continue;
      expect(track.side).not.toBe(SIDE_NONE);
      for (const vertex of track.vertices) {
        const where = frame.locate(vertex);
        if (where.named !== SIDES[track.side]) throw new Error(`a ${SIDES[track.side]} track has a vertex on the ${where.named} side`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2_000);
  });

  it('keeps UAVs and aircraft of the background outside the zone', () => {
    let airborne = 0;
    for (const batch of batches) {
      const t = batch.tracks;
      for (let i = 0; i < t.trackId.length; i++) {
        if (batch.truth.trackIncident[i] !== -1 || t.vertexAltitudeM[t.vertexOffsets[i]!] === GROUND_HEIGHT_M) continue;
        airborne++;
        for (let v = t.vertexOffsets[i]!; v < t.vertexOffsets[i + 1]!; v++) {
          expect(frame.locate([t.vertexLon[v]!, t.vertexLat[v]!]).offsetKm).toBeGreaterThan(config.zoneHalfWidthKm);
        }
      }
    }
    expect(airborne).toBeGreaterThan(50);
  });
});
