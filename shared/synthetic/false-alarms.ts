import type { LonLat } from '../geo/types';
import { CLASS_CODE, type DetectionClass } from './codes';
import { pointInDisc } from './background-activity';
import type { DetectionSource } from './detection-source';
import { KM_PER_DEG_LAT, kmPerDegLon } from './local-geometry';
import { GROUND_HEIGHT_M, STREAM, type EmissionContext } from './observation';
import { satellitePositionAt, uavPositionAt, type SatellitePass, type TimeWindow, type UavPatrol } from './patrols';
import type { RowBuffer } from './row-buffer';
import { ROLE_SPECS, type SensorSite } from './sensors';

const AIR_CLASSES: ReadonlySet<number> = new Set([CLASS_CODE.uav, CLASS_CODE.aircraft, CLASS_CODE.artillery, CLASS_CODE.mortar, CLASS_CODE.mlrs]);

interface FalseAlarmSensor {
  readonly index: number;
  readonly ratePerMs: number;
  readonly rangeKm: number;
  readonly kindCode: number;
  /** Classes a false alarm of this sensor is reported as. */
  readonly classes: readonly number[];
  readonly airborne: boolean;
  readonly reportsAltitude: boolean;
  /** When the sensor is looking; null: always. */
  readonly windows: readonly TimeWindow[] | null;
  readonly positionAt: (timeMs: number) => LonLat | null;
}

/**
 * Detections with no object behind them: for every sensor, a Poisson number per window of time
 * (keyed by sensor and window, so the windows must be the engine's fixed slices), uniform over the
 * time the sensor is looking and over its coverage.
 */
export class FalseAlarmSource implements DetectionSource {
  readonly startMs: number;
  readonly endMs: number;
  private readonly sensors: readonly FalseAlarmSensor[];

  constructor(
    sites: readonly SensorSite[],
    kindCodes: Uint8Array,
    patrols: readonly UavPatrol[],
    passes: readonly SatellitePass[],
    period: TimeWindow,
    private readonly sliceMs: number,
  ) {
    this.startMs = period.startMs;
    this.endMs = period.endMs;
    this.sensors = sites
      .filter((site) => site.falseAlarmsPerHour > 0)
      .map((site): FalseAlarmSensor => {
        const spec = ROLE_SPECS[site.role];
        const classes = [
          ...(Object.keys(spec.objectReach) as DetectionClass[]),
          ...(spec.fireReach > 0 && site.kind === 'radar' ? (['artillery', 'mortar', 'mlrs'] as const) : []),
          'unknown' as const,
        ];
        const patrol = patrols.find((candidate) => candidate.sensorIndex === site.index);
        const ownPasses = passes.filter((pass) => pass.sensorIndex === site.index);
        const fixed: LonLat = [site.lon, site.lat];
        return {
          index: site.index,
          ratePerMs: site.falseAlarmsPerHour / 3_600_000,
          rangeKm: site.rangeKm,
          kindCode: kindCodes[site.index]!,
          classes: classes.map((name) => CLASS_CODE[name]),
          airborne: site.kind === 'radar' || site.kind === 'optical',
          reportsAltitude: site.kind !== 'acoustic' && site.kind !== 'seismic',
          windows: patrol !== undefined ? patrol.sorties : site.kind === 'satellite' ? ownPasses : null,
          positionAt:
            patrol !== undefined
              ? (t) => uavPositionAt(patrol, t)
              : site.kind === 'satellite'
                ? (t) => {
                    const pass = ownPasses.find((candidate) => t >= candidate.startMs && t < candidate.endMs);
                    return pass === undefined ? null : satellitePositionAt(pass, t);
                  }
                : () => fixed,
        };
      });
  }

  emitRows(fromMs: number, toMs: number, rows: RowBuffer, context: EmissionContext): number {
    const { random, seed } = context;
    const slice = Math.floor((fromMs - this.startMs) / this.sliceMs);
    let written = 0;
    for (const sensor of this.sensors) {
      const windows = sensor.windows ?? [{ startMs: fromMs, endMs: toMs }];
      for (let w = 0; w < windows.length; w++) {
        const start = Math.max(fromMs, windows[w]!.startMs);
        const end = Math.min(toMs, windows[w]!.endMs);
        if (end <= start) continue;
        random.reset(seed ^ STREAM.falseAlarm, sensor.index, slice, w);
        const count = random.poisson(sensor.ratePerMs * (end - start));
        for (let n = 0; n < count; n++) {
          const timeMs = Math.floor(random.between(start, end));
          const centre = sensor.positionAt(timeMs);
          if (centre === null) continue;
          const [east, north] = pointInDisc(random, sensor.rangeKm);
          const classCode = sensor.classes[Math.floor(random.float() * sensor.classes.length)]!;
          const altitudeM = !sensor.reportsAltitude ? NaN : GROUND_HEIGHT_M + (sensor.airborne && AIR_CLASSES.has(classCode) ? random.between(50, 4000) : 0);
          rows.push(
            timeMs,
            centre[0] + east / kmPerDegLon(centre[1]),
            centre[1] + north / KM_PER_DEG_LAT,
            altitudeM,
            sensor.index,
            sensor.kindCode,
            classCode,
            0.1 + 0.45 * random.float(),
            -1,
            -1,
            -1,
          );
          rows.falseAlarms++;
          written++;
        }
      }
    }
    return written;
  }

  emitTracks(): void {}
}
