import type { LonLat } from '../geo/types';
import { CLASS_CODE, DETECTION_CLASSES, SENSOR_KIND_CODE, SIDES, type DetectionClass, type SensorKind, type Side } from './codes';
import type { SyntheticConfig } from './config';
import type { LineFrame } from './line-frame';
import type { RandomSource } from './prng';

export const SENSOR_ROLES = ['counter-battery-radar', 'ground-surveillance-radar', 'acoustic-array', 'seismic-sensor', 'optical-post', 'patrol-uav', 'imaging-satellite'] as const;
export type SensorRole = (typeof SENSOR_ROLES)[number];

interface RoleSpec {
  readonly kind: SensorKind;
  readonly idPrefix: string;
  readonly rangeKm: number;
  readonly positionSigmaM: number;
  readonly detectionProbability: number;
  readonly falseAlarmsPerHour: number;
  /** Probability that a detection's class is reported correctly. */
  readonly classAccuracy: number;
  /** Spacing of sites along the line on each side; 0 for sensors that move. */
  readonly spacingKm: number;
  /** Range of distances from the line for fixed sites, on their own side. */
  readonly offsetKm: readonly [number, number];
  /** Range multiplier for the classes of ground and air objects this role observes; absent: not observed. */
  readonly objectReach: Readonly<Partial<Record<DetectionClass, number>>>;
  /** Range multiplier for fire events (projectiles in flight, launches, impacts); 0: not observed. */
  readonly fireReach: number;
  /** Interval between periodic observations of one object before scaling; 0: observes in passes only. */
  readonly revisitMs: number;
  /** Whether the role's detections are associated with the observed object's track. */
  readonly tracks: boolean;
}

export const ROLE_SPECS: Readonly<Record<SensorRole, RoleSpec>> = {
  'counter-battery-radar': {
    kind: 'radar',
    idPrefix: 'CBR',
    rangeKm: 40,
    positionSigmaM: 40,
    detectionProbability: 0.92,
    falseAlarmsPerHour: 0.4,
    classAccuracy: 0.88,
    spacingKm: 60,
    offsetKm: [8, 16],
    objectReach: {},
    fireReach: 1,
    revisitMs: 0,
    tracks: true,
  },
  'ground-surveillance-radar': {
    kind: 'radar',
    idPrefix: 'GSR',
    rangeKm: 20,
    positionSigmaM: 25,
    detectionProbability: 0.9,
    falseAlarmsPerHour: 20,
    classAccuracy: 0.8,
    spacingKm: 25,
    offsetKm: [3, 7],
    objectReach: { vehicle: 1, personnel: 0.5, uav: 1.2, aircraft: 1.5 },
    fireReach: 0,
    revisitMs: 6_000,
    tracks: true,
  },
  'acoustic-array': {
    kind: 'acoustic',
    idPrefix: 'ACU',
    rangeKm: 15,
    positionSigmaM: 250,
    detectionProbability: 0.85,
    falseAlarmsPerHour: 2,
    classAccuracy: 0.75,
    spacingKm: 30,
    offsetKm: [2, 8],
    objectReach: { uav: 0.15, aircraft: 0.5 },
    fireReach: 1,
    revisitMs: 20_000,
    tracks: false,
  },
  'seismic-sensor': {
    kind: 'seismic',
    idPrefix: 'SEI',
    rangeKm: 3,
    positionSigmaM: 120,
    detectionProbability: 0.8,
    falseAlarmsPerHour: 3,
    classAccuracy: 0.55,
    spacingKm: 12,
    offsetKm: [0.8, 3],
    objectReach: { vehicle: 1, personnel: 0.3 },
    fireReach: 1.7,
    revisitMs: 15_000,
    tracks: false,
  },
  'optical-post': {
    kind: 'optical',
    idPrefix: 'OPT',
    rangeKm: 8,
    positionSigmaM: 30,
    detectionProbability: 0.9,
    falseAlarmsPerHour: 0.5,
    classAccuracy: 0.95,
    spacingKm: 20,
    offsetKm: [1, 4],
    objectReach: { vehicle: 1, personnel: 0.6, uav: 1, aircraft: 1.5, artillery: 1, mlrs: 1 },
    fireReach: 0,
    revisitMs: 30_000,
    tracks: true,
  },
  'patrol-uav': {
    kind: 'uav',
    idPrefix: 'UAV',
    rangeKm: 3,
    positionSigmaM: 15,
    detectionProbability: 0.95,
    falseAlarmsPerHour: 1,
    classAccuracy: 0.97,
    spacingKm: 0,
    offsetKm: [0, 0],
    objectReach: { vehicle: 1, personnel: 1, artillery: 1, mlrs: 1 },
    fireReach: 0,
    revisitMs: 0,
    tracks: true,
  },
  'imaging-satellite': {
    kind: 'satellite',
    idPrefix: 'SAT',
    rangeKm: 20,
    positionSigmaM: 5,
    detectionProbability: 0.93,
    falseAlarmsPerHour: 40,
    classAccuracy: 0.9,
    spacingKm: 0,
    offsetKm: [0, 0],
    objectReach: { vehicle: 1, artillery: 1, mlrs: 1 },
    fireReach: 0,
    revisitMs: 0,
    tracks: false,
  },
};

export interface SensorSite {
  /** Position in the scenario's sensor table; detections refer to sensors by this index. */
  readonly index: number;
  /** Stable name, e.g. "GSR-O-004" (role, side O/U, number) or "UAV-02", "SAT-1". */
  readonly id: string;
  readonly role: SensorRole;
  readonly kind: SensorKind;
  /** A fixed site's position; a patrol UAV's start of route; a satellite's first sub-satellite point over the area. */
  readonly lon: number;
  readonly lat: number;
  /** The side of the line a fixed site stands on; 'none' for sensors that move. */
  readonly side: Side | 'none';
  /** Detection range (a patrol UAV's camera footprint radius, a satellite's swath half-width). */
  readonly rangeKm: number;
  /** Standard deviation of the position error of one detection at short range, per axis, metres. */
  readonly positionSigmaM: number;
  readonly detectionProbability: number;
  readonly falseAlarmsPerHour: number;
}

/** The sensor table as flat arrays, indexed like `SensorSite.index`, for the generator's hot paths. */
export interface SensorArrays {
  readonly count: number;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly rangeKm: Float64Array;
  readonly sigmaM: Float64Array;
  readonly detectionProbability: Float64Array;
  readonly classAccuracy: Float64Array;
  readonly kindCode: Uint8Array;
  readonly tracks: Uint8Array;
  /** 1 when the sensor measures height (not acoustic or seismic). */
  readonly reportsAltitude: Uint8Array;
  /** objectReach[index * CLASS_COUNT + classCode]: range multiplier, 0 when the class is not observed. */
  readonly objectReach: Float64Array;
  readonly fireReach: Float64Array;
  readonly revisitMs: Float64Array;
}

export const CLASS_COUNT = DETECTION_CLASSES.length;

export interface SiteDraft {
  readonly role: SensorRole;
  readonly position: LonLat;
  readonly side: Side | 'none';
  readonly id: string;
}

/** Fixed sites of every role on both sides of the monitored stretch, each placed and checked on its own side. */
export function layoutFixedSites(frame: LineFrame, config: SyntheticConfig, fromKm: number, toKm: number, random: RandomSource): SiteDraft[] {
  const sites: SiteDraft[] = [];
  for (const role of SENSOR_ROLES) {
    const spec = ROLE_SPECS[role];
    if (spec.spacingKm === 0) continue;
    const spacing = spec.spacingKm * config.sensorSpacingScale;
    const perSide = Math.max(1, Math.round((toKm - fromKm) / spacing));
    const step = (toKm - fromKm) / perSide;
    for (const side of SIDES) {
      for (let j = 0; j < perSide; j++) {
        const position = placeOnSide(frame, side, fromKm + step * (j + 0.5), step * 0.2, spec.offsetKm, random);
        if (position === null) continue;
        const number = String(j + 1).padStart(3, '0');
        sites.push({ role, position, side, id: `${spec.idPrefix}-${side === 'occupied' ? 'O' : 'U'}-${number}` });
      }
    }
  }
  return sites;
}

function placeOnSide(frame: LineFrame, side: Side, km: number, jitterKm: number, offsetKm: readonly [number, number], random: RandomSource): LonLat | null {
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = frame.pointAt(km + random.between(-jitterKm, jitterKm), frame.offsetSign(side) * random.between(offsetKm[0], offsetKm[1]));
    const where = frame.locate(candidate);
    if (where.named === side && where.offsetKm >= offsetKm[0] * 0.5) return candidate;
  }
  return null;
}

export function buildSensorTable(drafts: readonly SiteDraft[], config: SyntheticConfig): { sites: SensorSite[]; arrays: SensorArrays } {
  const count = drafts.length;
  if (count > 0xffff) throw new RangeError(`too many sensors for a Uint16 index: ${count}`);
  const arrays: SensorArrays = {
    count,
    lon: new Float64Array(count),
    lat: new Float64Array(count),
    rangeKm: new Float64Array(count),
    sigmaM: new Float64Array(count),
    detectionProbability: new Float64Array(count),
    classAccuracy: new Float64Array(count),
    kindCode: new Uint8Array(count),
    tracks: new Uint8Array(count),
    reportsAltitude: new Uint8Array(count),
    objectReach: new Float64Array(count * CLASS_COUNT),
    fireReach: new Float64Array(count),
    revisitMs: new Float64Array(count),
  };
  const { noise } = config;
  const sites = drafts.map((draft, index): SensorSite => {
    const spec = ROLE_SPECS[draft.role];
    const site: SensorSite = {
      index,
      id: draft.id,
      role: draft.role,
      kind: spec.kind,
      lon: draft.position[0],
      lat: draft.position[1],
      side: draft.side,
      rangeKm: spec.rangeKm,
      positionSigmaM: spec.positionSigmaM * noise.positionErrorScale,
      detectionProbability: noise.detectionProbability ?? spec.detectionProbability,
      falseAlarmsPerHour: noise.falseAlarmsPerHour ?? spec.falseAlarmsPerHour * noise.falseAlarmScale,
    };
    arrays.lon[index] = site.lon;
    arrays.lat[index] = site.lat;
    arrays.rangeKm[index] = site.rangeKm;
    arrays.sigmaM[index] = site.positionSigmaM;
    arrays.detectionProbability[index] = site.detectionProbability;
    arrays.classAccuracy[index] = spec.classAccuracy;
    arrays.kindCode[index] = SENSOR_KIND_CODE[spec.kind];
    arrays.tracks[index] = spec.tracks ? 1 : 0;
    arrays.reportsAltitude[index] = spec.kind === 'acoustic' || spec.kind === 'seismic' ? 0 : 1;
    for (const [name, reach] of Object.entries(spec.objectReach) as [DetectionClass, number][]) {
      arrays.objectReach[index * CLASS_COUNT + CLASS_CODE[name]] = reach;
    }
    arrays.fireReach[index] = spec.fireReach;
    arrays.revisitMs[index] = spec.revisitMs;
    return site;
  });
  return { sites, arrays };
}
