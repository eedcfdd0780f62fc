import { formatTimestamp } from '../objects/timestamp';
import type { LonLat } from '../geo/types';
import type { DistanceBand, IncidentCategory, Modality, Observation } from '../objects/types';
import { CLASS_CODE, DETECTION_CLASSES, SENSOR_KINDS, modalityOf } from './codes';
import type { LineFrame } from './line-frame';
import { bearingDeg, boundingBoxOf, compassDirection, offsetPoint } from './local-geometry';
import { STREAM } from './observation';
import { uavPositionAt, type UavPatrol } from './patrols';
import { KeyedRandom } from './prng';
import type { RecordedSource } from './recorded-source';
import type { SensorSite } from './sensors';
import type { SyntheticIncident, ViolationTruth } from './types';
import { distanceKm } from '../geo/chainage';

const MODALITY_ORDER: readonly Modality[] = ['radar', 'acoustic', 'seismic', 'sensor', 'uav', 'satellite'];
const FIRE_CATEGORY: ReadonlyMap<number, IncidentCategory> = new Map([
  [CLASS_CODE.artillery, 'artillery-fire'],
  [CLASS_CODE.mortar, 'mortar-fire'],
  [CLASS_CODE.mlrs, 'mlrs-fire'],
]);
/** The fused position error never falls below this, whatever the number of detections. */
const ESTIMATE_FLOOR_M = 15;
const EVIDENCE_MARGIN_MS = 60_000;
const EVIDENCE_MARGIN_KM = 1;

export interface IncidentContext {
  readonly frame: LineFrame;
  readonly sites: readonly SensorSite[];
  readonly patrols: readonly UavPatrol[];
  readonly seed: number;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * The monitoring mission's description of one suspected violation, from the detections its sensors
 * made. The location is the true position moved by a fused-estimate error of σ = (best sensor σ)/√n
 * + 15 m, truncated to 3σ; `uncertaintyM` is that 3σ radius (plus 1 m for the microdegree rounding).
 */
export function describeIncident(context: IncidentContext, index: number, truth: Omit<ViolationTruth, 'incidentIndex'>, source: RecordedSource): SyntheticIncident {
  const { frame, sites } = context;
  const rows = source.rows;
  if (rows.length === 0) throw new Error(`incident ${index} has no detections`);
  let bestSigmaM = Infinity;
  for (let i = 0; i < rows.length; i++) bestSigmaM = Math.min(bestSigmaM, sites[rows.sensorIndex[i]!]!.positionSigmaM);
  const sigmaM = bestSigmaM / Math.sqrt(Math.min(rows.length, 16)) + ESTIMATE_FLOOR_M;
  const random = new KeyedRandom(context.seed, STREAM.incidentEstimate, index);
  let errorEast = sigmaM * random.normal();
  let errorNorth = sigmaM * random.normal();
  const errorM = Math.hypot(errorEast, errorNorth);
  if (errorM > 3 * sigmaM) {
    errorEast *= (3 * sigmaM) / errorM;
    errorNorth *= (3 * sigmaM) / errorM;
  }
  const estimate = offsetPoint(truth.position, errorEast / 1000, errorNorth / 1000);
  const lonE6 = Math.round(estimate[0] * 1e6);
  const latE6 = Math.round(estimate[1] * 1e6);
  const located: LonLat = [lonE6 / 1e6, latE6 / 1e6];
  const where = frame.locate(located);
  const chainageM = Math.round(where.km * 1000);

  const firstMs = rows.timeMs[0]!;
  const lastMs = rows.timeMs[rows.length - 1]!;
  const points: LonLat[] = [];
  for (let i = 0; i < rows.length; i++) points.push([rows.lon[i]!, rows.lat[i]!]);
  const category = reportedCategory(truth, source);
  const where8 = where.offsetKm < 0.05 ? 'on' : compassDirection(where.foot, located);
  return {
    index,
    draft: {
      incident: `INC-${new Date(context.startMs).getUTCFullYear()}-${String(index + 1).padStart(6, '0')}`,
      window: { start: formatTimestamp(firstMs), end: formatTimestamp(lastMs) },
      location: { lonE6, latE6, uncertaintyM: Math.ceil(3 * sigmaM) + 1 },
      chainageM,
      category,
      summary: summarize(truth, source, category, where.offsetKm, where8, chainageM, lastMs - firstMs),
      observations: observationsOf(context, source, located),
    },
    evidence: {
      fromMs: Math.max(context.startMs, firstMs - EVIDENCE_MARGIN_MS),
      toMs: Math.min(context.endMs, lastMs + EVIDENCE_MARGIN_MS + 1),
      area: boundingBoxOf(points, EVIDENCE_MARGIN_KM),
      trackIds: source.tracks.map((track) => track.id),
    },
    detections: rows.length,
  };
}

/** Fire is categorised by the weapon class most of its detections report; everything else by what it is. */
function reportedCategory(truth: Omit<ViolationTruth, 'incidentIndex'>, source: RecordedSource): IncidentCategory {
  if (!FIRE_CATEGORY.has(CLASS_CODE[weaponClassOf(truth.category)])) return truth.category;
  const votes = new Map<IncidentCategory, number>();
  for (let i = 0; i < source.rows.length; i++) {
    const category = FIRE_CATEGORY.get(source.rows.detectionClass[i]!);
    if (category !== undefined) votes.set(category, (votes.get(category) ?? 0) + 1);
  }
  let best = truth.category;
  let bestVotes = votes.get(best) ?? 0;
  for (const [category, count] of votes) {
    if (count > bestVotes) {
      best = category;
      bestVotes = count;
    }
  }
  return best;
}

function weaponClassOf(category: IncidentCategory): 'artillery' | 'mortar' | 'mlrs' | 'unknown' {
  switch (category) {
    case 'artillery-fire':
      return 'artillery';
    case 'mortar-fire':
      return 'mortar';
    case 'mlrs-fire':
      return 'mlrs';
    case 'uav-incursion':
    case 'heavy-weapons-in-zone':
    case 'vehicle-crossing':
    case 'small-arms-fire':
    case 'other':
      return 'unknown';
    default: {
      const unreachable: never = category;
      throw new Error(`unknown category ${String(unreachable)}`);
    }
  }
}

/** One observation per modality: its detection count, and bearing and distance band from the nearest sensor that contributed. */
function observationsOf(context: IncidentContext, source: RecordedSource, located: LonLat): Observation[] {
  const rows = source.rows;
  const byModality = new Map<Modality, { count: number; nearestKm: number; from: LonLat | null }>();
  for (let i = 0; i < rows.length; i++) {
    const site = context.sites[rows.sensorIndex[i]!]!;
    const modality = modalityOf(SENSOR_KINDS[rows.sensorKind[i]!]!);
    const entry = byModality.get(modality) ?? { count: 0, nearestKm: Infinity, from: null };
    entry.count++;
    const position = sensorPositionAt(context, site, rows.timeMs[i]!);
    if (position !== null) {
      const km = distanceKm(position, located);
      if (km < entry.nearestKm) {
        entry.nearestKm = km;
        entry.from = position;
      }
    }
    byModality.set(modality, entry);
  }
  return MODALITY_ORDER.flatMap((modality): Observation[] => {
    const entry = byModality.get(modality);
    if (entry === undefined) return [];
    if (entry.from === null) return [{ modality, count: entry.count, distanceBand: 'unknown' }];
    return [{ modality, count: entry.count, bearingDeg: bearingDeg(entry.from, located), distanceBand: distanceBandOf(entry.nearestKm) }];
  });
}

/** Where a sensor was when it made a detection; null for a satellite (its bearing means nothing on the ground). */
function sensorPositionAt(context: IncidentContext, site: SensorSite, timeMs: number): LonLat | null {
  switch (site.kind) {
    case 'satellite':
      return null;
    case 'uav': {
      const patrol = context.patrols.find((candidate) => candidate.sensorIndex === site.index);
      return patrol === undefined ? null : uavPositionAt(patrol, timeMs);
    }
    case 'radar':
    case 'acoustic':
    case 'seismic':
    case 'optical':
      return [site.lon, site.lat];
    default: {
      const unreachable: never = site.kind;
      throw new Error(`unknown sensor kind ${String(unreachable)}`);
    }
  }
}

export function distanceBandOf(km: number): DistanceBand {
  if (!Number.isFinite(km)) return 'unknown';
  if (km < 1) return 'under-1km';
  if (km < 5) return '1-5km';
  if (km < 15) return '5-15km';
  if (km < 40) return '15-40km';
  return 'over-40km';
}

function summarize(
  truth: Omit<ViolationTruth, 'incidentIndex'>,
  source: RecordedSource,
  category: IncidentCategory,
  offsetKm: number,
  direction: string,
  chainageM: number,
  durationMs: number,
): string {
  const rows = source.rows;
  const near = `near line km ${(chainageM / 1000).toFixed(1)}`;
  const placed = direction === 'on' ? `on the line ${near}` : `${offsetKm.toFixed(1)} km ${direction} of the line ${near}`;
  const trackCount = source.tracks.length;
  const minutes = Math.max(1, Math.round(durationMs / 60_000));
  const sensors = new Set(Array.from(rows.sensorIndex.subarray(0, rows.length))).size;
  const heading = movementDirection(source);
  switch (truth.kind) {
    case 'artillery-fire':
    case 'mortar-fire':
    case 'mlrs-fire': {
      const weapon = DETECTION_CLASSES[CLASS_CODE[weaponClassOf(category)]]!;
      const noun = weapon === 'mlrs' ? 'MLRS rocket' : `${weapon} round`;
      const tracked = trackCount === 0 ? `${noun}s heard` : `${trackCount} ${noun}${trackCount === 1 ? '' : 's'} tracked`;
      return `${tracked}; launch point estimated ${placed}; fire directed ${heading}. ${rows.length} detections from ${sensors} sensors over ${minutes} min.`;
    }
    case 'uav-incursion':
      return `UAV flying over the disengagement zone for ${minutes} min, heading ${heading} at last sighting; deepest point ${placed}. ${rows.length} detections from ${sensors} sensors.`;
    case 'heavy-weapons-in-zone':
      return `${trackCount} heavy weapon${trackCount === 1 ? '' : 's'} observed inside the withdrawal zone, ${placed}, over ${(durationMs / 3_600_000).toFixed(1)} h. ${rows.length} detections from ${sensors} sensors.`;
    case 'vehicle-crossing':
      return `Column of ${trackCount} vehicle${trackCount === 1 ? '' : 's'} observed crossing the line ${near}, moving ${heading}. ${rows.length} detections from ${sensors} sensors over ${minutes} min.`;
    case 'unattributed-explosion':
      return `Explosions heard and felt ${placed}; no launch or flight detected. ${rows.length} detections from ${sensors} sensors over ${minutes} min.`;
    default: {
      const unreachable: never = truth.kind;
      throw new Error(`unknown violation kind ${String(unreachable)}`);
    }
  }
}

/** The compass direction from where the detections begin to where they end (means of the first and last fifth). */
function movementDirection(source: RecordedSource): string {
  const rows = source.rows;
  const fifth = Math.max(1, Math.floor(rows.length / 5));
  const meanOf = (from: number, to: number): LonLat => {
    let lon = 0;
    let lat = 0;
    for (let i = from; i < to; i++) {
      lon += rows.lon[i]!;
      lat += rows.lat[i]!;
    }
    return [lon / (to - from), lat / (to - from)];
  };
  return compassDirection(meanOf(0, fifth), meanOf(rows.length - fifth, rows.length));
}
