/** Kinds of injected violation; the last is a suspected violation that has no attributable origin. */
export const VIOLATION_KINDS = ['artillery-fire', 'mortar-fire', 'mlrs-fire', 'uav-incursion', 'heavy-weapons-in-zone', 'vehicle-crossing', 'unattributed-explosion'] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

export interface NoiseSettings {
  /** Replaces every sensor's detection probability (1 = no missed detections); null keeps each sensor's own. */
  readonly detectionProbability: number | null;
  /** Replaces every sensor's false-alarm rate per hour (0 = no false detections); null keeps each sensor's own. */
  readonly falseAlarmsPerHour: number | null;
  /** Multiplies every false-alarm rate (ignored when falseAlarmsPerHour is set). */
  readonly falseAlarmScale: number;
  /** Multiplies every sensor's position error σ. */
  readonly positionErrorScale: number;
}

export interface SyntheticConfig {
  readonly seed: number;
  /** Start of the simulated period, ms since the Unix epoch (UTC). */
  readonly dayStartMs: number;
  readonly durationMs: number;
  /** The stretch of the line that is monitored, in km along it (clamped to the line). */
  readonly fromKm: number;
  readonly toKm: number;
  /** Which side of the line, looking from its first vertex to its last, is occupied ('right' for the illustrative line). */
  readonly occupiedSide: 'left' | 'right';
  /** Half-width of the disengagement (withdrawal) zone around the line. */
  readonly zoneHalfWidthKm: number;
  /** Background objects (vehicles, personnel, UAVs, aircraft), one track each. */
  readonly backgroundObjects: number;
  /** Detections to aim for: background observation rates are scaled to reach it; null keeps the sensors' own rates. */
  readonly targetDetections: number | null;
  readonly violations: Readonly<Record<ViolationKind, number>>;
  /** Multiplies the spacing of fixed sensor sites along the line (2 = half as many sites). */
  readonly sensorSpacingScale: number;
  readonly uavSortiesPerDay: number;
  readonly satellitePassesPerDay: number;
  readonly noise: NoiseSettings;
  /** Upper bound on the rows of one yielded batch. */
  readonly maxBatchRows: number;
}

export type ScaleName = 'tiny' | 'demo' | 'stress';
export const SCALE_NAMES: readonly ScaleName[] = ['tiny', 'demo', 'stress'];

const DAY_MS = 86_400_000;
const DEFAULT_DAY_START_MS = Date.UTC(2026, 10, 22);
const DEFAULT_NOISE: NoiseSettings = { detectionProbability: null, falseAlarmsPerHour: null, falseAlarmScale: 1, positionErrorScale: 1 };

/**
 * The named scales: `tiny` (a 120 km stretch over six hours, for tests), `demo` (about 200k
 * detections and 30 incidents along the whole line) and `stress` (10 million detections and about
 * 50,000 tracks in one day along the whole line). Spread the result to adjust any parameter.
 */
export function scaleConfig(name: ScaleName, seed = 1): SyntheticConfig {
  const common = {
    seed,
    dayStartMs: DEFAULT_DAY_START_MS,
    occupiedSide: 'right',
    zoneHalfWidthKm: 15,
    sensorSpacingScale: 1,
    noise: DEFAULT_NOISE,
  } as const;
  switch (name) {
    case 'tiny':
      return {
        ...common,
        durationMs: DAY_MS / 4,
        fromKm: 200,
        toKm: 320,
        backgroundObjects: 150,
        targetDetections: null,
        violations: viol(1, 1, 1, 1, 1, 1, 1),
        uavSortiesPerDay: 8,
        satellitePassesPerDay: 8,
        noise: { ...DEFAULT_NOISE, falseAlarmScale: 0.25 },
        maxBatchRows: 20_000,
      };
    case 'demo':
      return {
        ...common,
        durationMs: DAY_MS,
        fromKm: 0,
        toKm: Infinity,
        backgroundObjects: 1_200,
        targetDetections: 200_000,
        violations: viol(7, 5, 4, 6, 4, 3, 2),
        uavSortiesPerDay: 3,
        satellitePassesPerDay: 4,
        noise: { ...DEFAULT_NOISE, falseAlarmScale: 0.2 },
        maxBatchRows: 1_000_000,
      };
    case 'stress':
      return {
        ...common,
        durationMs: DAY_MS,
        fromKm: 0,
        toKm: Infinity,
        backgroundObjects: 48_600,
        targetDetections: 10_000_000,
        violations: viol(40, 30, 24, 40, 30, 25, 10),
        uavSortiesPerDay: 3,
        satellitePassesPerDay: 4,
        maxBatchRows: 1_000_000,
      };
    default: {
      const unreachable: never = name;
      throw new Error(`unknown scale ${String(unreachable)}`);
    }
  }
}

function viol(artillery: number, mortar: number, mlrs: number, uav: number, heavyWeapons: number, vehicleCrossing: number, explosion: number): Readonly<Record<ViolationKind, number>> {
  return {
    'artillery-fire': artillery,
    'mortar-fire': mortar,
    'mlrs-fire': mlrs,
    'uav-incursion': uav,
    'heavy-weapons-in-zone': heavyWeapons,
    'vehicle-crossing': vehicleCrossing,
    'unattributed-explosion': explosion,
  };
}
