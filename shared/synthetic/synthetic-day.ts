import type { LonLat } from '../geo/types';
import { createBackgroundObject } from './background-activity';
import { BatchAssembler } from './batch-assembly';
import { DETECTION_CLASSES, SENSOR_KINDS } from './codes';
import { VIOLATION_KINDS, type SyntheticConfig, type ViolationKind } from './config';
import type { DetectionSource } from './detection-source';
import { FalseAlarmSource } from './false-alarms';
import { injectFire, injectExplosion, isFireKind } from './fire-events';
import { injectHeavyWeapons, injectUavIncursion, injectVehicleCrossing } from './ground-violations';
import { describeIncident } from './incident-report';
import type { InjectedDraft, InjectionSettings } from './injection';
import { createLineFrame } from './line-frame';
import { boundingBoxOf } from './local-geometry';
import { createMovingObjects, type MovingObjectInit } from './moving-object';
import { STREAM, type EmissionContext } from './observation';
import type { Coverage } from './observer-plan';
import { planSatellitePass, planUavRoutes, scheduleUavPatrol, type SatellitePass, type TimeWindow } from './patrols';
import { KeyedRandom, Sfc32, type RandomSource } from './prng';
import { RecordedSource } from './recorded-source';
import { RowBuffer, TrackBuffer } from './row-buffer';
import { buildSensorTable, layoutFixedSites, type SensorSite, type SiteDraft } from './sensors';
import type { DetectionBatch, SyntheticDay, SyntheticIncident, ViolationTruth } from './types';

/** Detections are produced in fixed windows of this length, so output does not depend on the batch size. */
export const SLICE_MS = 60_000;
/** Every position lies within this distance of the monitored stretch of the line. */
const REGION_MARGIN_KM = 80;
/** Object ids of injected violation v are backgroundObjects + v·ID_BLOCK + 0, 1, 2 … */
const ID_BLOCK = 1_000;
const PLACEMENT_ATTEMPTS = 60;
const MIN_INCIDENT_DETECTIONS = 3;
const SATELLITE_SWATH_HALF_WIDTH_KM = 20;
const SATELLITE_SCENE_HALF_LENGTH_KM = 60;
const DAY_MS = 86_400_000;

/**
 * Builds a deterministic synthetic monitoring period along the line given by `lineVertices`
 * (south-west to north-east, as in ceasefire_line_illustrative.geojson): the sensor layout, UAV
 * patrols and satellite passes, background activity, the injected violations with their incident
 * descriptions and ground truth. Detections are produced lazily by `batches()`.
 */
export function createSyntheticDay(lineVertices: readonly LonLat[], config: SyntheticConfig): SyntheticDay {
  validateConfig(config);
  const seed = config.seed >>> 0;
  const frame = createLineFrame(lineVertices, config.occupiedSide);
  const fromKm = Math.max(0, config.fromKm);
  const toKm = Math.min(frame.lengthKm, config.toKm);
  if (toKm - fromKm < 20) throw new RangeError(`the monitored stretch must be at least 20 km long, got ${fromKm}–${toKm} km`);
  const period: TimeWindow = { startMs: config.dayStartMs, endMs: config.dayStartMs + config.durationMs };
  const layout = new Sfc32(seed);

  const fixedSites = layoutFixedSites(frame, config, fromKm, toKm, layout);
  const routes = planUavRoutes(frame, fromKm, toKm);
  const satelliteIds = ['SAT-1', 'SAT-2'];
  const drafts: SiteDraft[] = [
    ...fixedSites,
    ...routes.map((route, i): SiteDraft => ({ role: 'patrol-uav', position: route.route[0]!, side: 'none', id: `UAV-${String(i + 1).padStart(2, '0')}` })),
    ...satelliteIds.map((id): SiteDraft => ({ role: 'imaging-satellite', position: frame.pointAt((fromKm + toKm) / 2, 0), side: 'none', id })),
  ];
  const { sites, arrays } = buildSensorTable(drafts, config);
  const patrols = routes.map((route, i) => scheduleUavPatrol(route, fixedSites.length + i, period, config.uavSortiesPerDay, layout));
  const satellitePasses = planSatellitePasses(frame, config, fromKm, toKm, period, fixedSites.length + routes.length, satelliteIds.length, layout);
  const linePoints: LonLat[] = [];
  for (let km = fromKm; km < toKm; km += 2) linePoints.push(frame.pointAt(km, 0));
  linePoints.push(frame.pointAt(toKm, 0));
  const region = boundingBoxOf(linePoints, REGION_MARGIN_KM);

  const coverage: Coverage = { sensors: arrays, patrols, satellitePasses };
  const context: EmissionContext = { seed, sensors: arrays, random: new KeyedRandom(0, 0) };
  const backgroundSettings = { frame, coverage, seed, fromKm, toKm, zoneHalfWidthKm: config.zoneHalfWidthKm, startMs: period.startMs, endMs: period.endMs };
  function* backgroundObjects(): Generator<MovingObjectInit> {
    for (let ordinal = 0; ordinal < config.backgroundObjects; ordinal++) {
      const created = createBackgroundObject(backgroundSettings, ordinal);
      if (created !== null) yield created.init;
    }
  }
  const background = createMovingObjects(backgroundObjects());

  const injection: InjectionSettings = {
    frame,
    coverage,
    context,
    fromKm,
    toKm,
    zoneHalfWidthKm: config.zoneHalfWidthKm,
    startMs: period.startMs,
    endMs: period.endMs,
    opticalPosts: fixedSites.filter((site) => site.role === 'optical-post' && site.side !== 'none').map((site) => ({ position: site.position, side: site.side as 'occupied' | 'ukraine_controlled' })),
  };
  const staged = stageViolations(config, injection, seed);
  const incidentContext = { frame, sites, patrols, seed, startMs: period.startMs, endMs: period.endMs };
  const recorded: RecordedSource[] = [];
  const incidents: SyntheticIncident[] = [];
  const violations: ViolationTruth[] = [];
  staged.forEach((draft, index) => {
    const source = new RecordedSource(draft.rows, draft.tracks, index);
    recorded.push(source);
    incidents.push(describeIncident(incidentContext, index, draft.truth, source));
    violations.push({ ...draft.truth, incidentIndex: index });
  });

  const injectedRows = recorded.reduce((sum, source) => sum + source.rows.length, 0);
  const falseAlarmsExpected = expectedFalseAlarms(sites, patrols, satellitePasses, period);
  let periodic = 0;
  let passes = 0;
  for (const object of background) {
    const expected = object.expectedDetections(arrays);
    periodic += expected.periodic;
    passes += expected.passes;
  }
  if (config.targetDetections !== null && periodic > 0) {
    const budget = config.targetDetections - injectedRows - falseAlarmsExpected - passes;
    if (budget <= 0) {
      throw new RangeError(
        `targetDetections ${config.targetDetections} leaves nothing for background activity after ${Math.round(injectedRows + falseAlarmsExpected + passes)} injected, pass and false-alarm detections`,
      );
    }
    const factor = periodic / budget;
    periodic = 0;
    for (const object of background) {
      object.rescaleIntervals(factor, seed);
      periodic += object.expectedDetections(arrays).periodic;
    }
  }

  const sources: DetectionSource[] = [...background, ...recorded].sort((a, b) => a.startMs - b.startMs);
  const falseAlarms = new FalseAlarmSource(sites, arrays.kindCode, patrols, satellitePasses, period, SLICE_MS);

  function* batches(): Generator<DetectionBatch, void, undefined> {
    const emission: EmissionContext = { seed, sensors: arrays, random: new KeyedRandom(0, 0) };
    const slice = new RowBuffer();
    const tracks = new TrackBuffer();
    const assembler = new BatchAssembler(config.maxBatchRows, period.startMs, tracks);
    const rowsSoFar = new Int32Array(sources.length);
    let next = 0;
    let active: number[] = [];
    for (let from = period.startMs; from < period.endMs; from += SLICE_MS) {
      const to = Math.min(period.endMs, from + SLICE_MS);
      while (next < sources.length && sources[next]!.startMs < to) active.push(next++);
      slice.clear();
      for (const a of active) rowsSoFar[a] = rowsSoFar[a]! + sources[a]!.emitRows(from, to, slice, emission);
      falseAlarms.emitRows(from, to, slice, emission);
      for (const a of active) sources[a]!.emitTracks(from, to, rowsSoFar[a]!, tracks, emission);
      active = active.filter((a) => sources[a]!.endMs > to);
      yield* assembler.addSlice(slice, from, to);
    }
    const last = assembler.finish(period.endMs);
    if (last !== null) yield last;
  }

  return {
    config,
    startMs: period.startMs,
    endMs: period.endMs,
    fromKm,
    toKm,
    region,
    classNames: DETECTION_CLASSES,
    sensorKindNames: SENSOR_KINDS,
    sensors: sites,
    uavPatrols: patrols,
    satellitePasses,
    incidents,
    groundTruth: {
      violations,
      backgroundObjects: background.length,
      expected: { background: periodic + passes, injected: injectedRows, falseAlarms: falseAlarmsExpected },
    },
    batches,
  };
}

function validateConfig(config: SyntheticConfig): void {
  const integer = (value: number, name: string, min: number): void => {
    if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
  };
  integer(config.seed, 'seed', 0);
  integer(config.dayStartMs, 'dayStartMs', 0);
  integer(config.durationMs, 'durationMs', 3_600_000);
  integer(config.backgroundObjects, 'backgroundObjects', 0);
  integer(config.maxBatchRows, 'maxBatchRows', 1);
  for (const kind of VIOLATION_KINDS) integer(config.violations[kind], `violations.${kind}`, 0);
  if (config.targetDetections !== null) integer(config.targetDetections, 'targetDetections', 1);
  if (!(config.fromKm < config.toKm)) throw new RangeError(`fromKm must be less than toKm, got ${config.fromKm} and ${config.toKm}`);
  if (!(config.zoneHalfWidthKm >= 5)) throw new RangeError(`zoneHalfWidthKm must be at least 5, got ${config.zoneHalfWidthKm}`);
  if (!(config.sensorSpacingScale > 0)) throw new RangeError('sensorSpacingScale must be positive');
  const { noise } = config;
  if (noise.detectionProbability !== null && !(noise.detectionProbability > 0 && noise.detectionProbability <= 1)) throw new RangeError('noise.detectionProbability must be in (0, 1]');
  if (noise.falseAlarmsPerHour !== null && !(noise.falseAlarmsPerHour >= 0)) throw new RangeError('noise.falseAlarmsPerHour must be ≥ 0');
  if (!(noise.positionErrorScale >= 0) || !(noise.falseAlarmScale >= 0)) throw new RangeError('noise scales must be ≥ 0');
}

function planSatellitePasses(
  frame: ReturnType<typeof createLineFrame>,
  config: SyntheticConfig,
  fromKm: number,
  toKm: number,
  period: TimeWindow,
  firstSatellite: number,
  satellites: number,
  random: RandomSource,
): SatellitePass[] {
  const count = Math.round((config.satellitePassesPerDay * (period.endMs - period.startMs)) / DAY_MS);
  const spacing = (period.endMs - period.startMs) / Math.max(1, count);
  return Array.from({ length: count }, (_, j) =>
    planSatellitePass(
      frame,
      firstSatellite + (j % satellites),
      random.between(fromKm, toKm),
      Math.round(period.startMs + (j + random.between(0.1, 0.9)) * spacing),
      j % 2 === 0,
      SATELLITE_SWATH_HALF_WIDTH_KM,
      SATELLITE_SCENE_HALF_LENGTH_KM,
    ),
  );
}

/** Stages every configured violation (retrying the draw until the sensors cover it), in time order. */
function stageViolations(config: SyntheticConfig, settings: InjectionSettings, seed: number): InjectedDraft[] {
  const staged: Array<{ draft: InjectedDraft; firstMs: number; ordinal: number }> = [];
  let ordinal = 0;
  for (const kind of VIOLATION_KINDS) {
    for (let n = 0; n < config.violations[kind]; n++, ordinal++) {
      const firstObjectId = config.backgroundObjects + ordinal * ID_BLOCK;
      let draft: InjectedDraft | null = null;
      for (let attempt = 0; attempt < PLACEMENT_ATTEMPTS && draft === null; attempt++) {
        const candidate = inject(kind, settings, new KeyedRandom(seed, STREAM.violation, ordinal, attempt), firstObjectId);
        if (candidate !== null && candidate.rows.length >= MIN_INCIDENT_DETECTIONS) draft = candidate;
      }
      if (draft === null) throw new Error(`could not place ${kind} #${n + 1} where the sensors see it; widen the stretch or add sensors`);
      let firstMs = Infinity;
      for (let i = 0; i < draft.rows.length; i++) firstMs = Math.min(firstMs, draft.rows.timeMs[i]!);
      staged.push({ draft, firstMs, ordinal });
    }
  }
  return staged.sort((a, b) => a.firstMs - b.firstMs || a.ordinal - b.ordinal).map((entry) => entry.draft);
}

function inject(kind: ViolationKind, settings: InjectionSettings, random: RandomSource, firstObjectId: number): InjectedDraft | null {
  if (isFireKind(kind)) return injectFire(kind, settings, random, firstObjectId);
  switch (kind) {
    case 'uav-incursion':
      return injectUavIncursion(settings, random, firstObjectId);
    case 'heavy-weapons-in-zone':
      return injectHeavyWeapons(settings, random, firstObjectId);
    case 'vehicle-crossing':
      return injectVehicleCrossing(settings, random, firstObjectId);
    case 'unattributed-explosion':
      return injectExplosion(settings, random, firstObjectId);
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown violation kind ${String(unreachable)}`);
    }
  }
}

function expectedFalseAlarms(
  sites: readonly SensorSite[],
  patrols: ReadonlyArray<{ sensorIndex: number; sorties: readonly TimeWindow[] }>,
  passes: readonly SatellitePass[],
  period: TimeWindow,
): number {
  let expected = 0;
  for (const site of sites) {
    let activeMs = period.endMs - period.startMs;
    const patrol = patrols.find((candidate) => candidate.sensorIndex === site.index);
    if (patrol !== undefined) activeMs = patrol.sorties.reduce((sum, sortie) => sum + sortie.endMs - sortie.startMs, 0);
    else if (site.kind === 'satellite') activeMs = passes.filter((pass) => pass.sensorIndex === site.index).reduce((sum, pass) => sum + pass.endMs - pass.startMs, 0);
    expected += (site.falseAlarmsPerHour * activeMs) / 3_600_000;
  }
  return expected;
}
