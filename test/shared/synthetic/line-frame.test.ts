import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLineFrame } from '../../../shared/synthetic/line-frame';
import { Sfc32 } from '../../../shared/synthetic/prng';
import { LINE_VERTICES } from './synthetic-fixture';

const frame = createLineFrame(LINE_VERTICES, 'right');

describe('line frame', () => {
  it('names the right-hand side of the illustrative line as occupied, as the settlements file does', () => {
    const rows = readFileSync(resolve(__dirname, '../../../resources/basemap/frontline_settlements_geonames.csv'), 'utf8').trim().split('\n').slice(1);
    let agree = 0;
    let total = 0;
    for (const row of rows) {
      const [, lat, lon, , , kmToFront, side] = row.split(',');
      if (Number(kmToFront) < 5) continue;
      const where = frame.locate([Number(lon), Number(lat)]);
      if (where.km <= 0.01 || where.km >= frame.lengthKm - 0.01) continue;
      total++;
      if (where.named === side) agree++;
    }
    expect(total).toBeGreaterThan(100);
    expect(agree / total).toBeGreaterThan(0.95);
  });

  it('puts offset points on the side of their sign, at that distance, away from the folds of the line', () => {
    const random = new Sfc32(5);
    let onSide = 0;
    const trials = 2_000;
    for (let i = 0; i < trials; i++) {
      const km = random.between(0, frame.lengthKm);
      const offset = random.between(0.5, 10) * (random.chance(0.5) ? 1 : -1);
      const where = frame.locate(frame.pointAt(km, offset));
      if ((where.side === 'left') === offset > 0) onSide++;
    }
    expect(onSide / trials).toBeGreaterThan(0.98);
  });

  it('places a point 5 km off a straight stretch 5 km from the line, at the same chainage', () => {
    const where = frame.locate(frame.pointAt(100, -5));
    expect(where.offsetKm).toBeCloseTo(5, 0);
    expect(where.km).toBeGreaterThan(97);
    expect(where.km).toBeLessThan(103);
    expect(where.named).toBe('occupied');
    expect(frame.offsetSign('occupied')).toBe(-1);
    expect(createLineFrame(LINE_VERTICES, 'left').offsetSign('occupied')).toBe(1);
  });
});
