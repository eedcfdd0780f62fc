import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainageOf, distanceKm, measureLine, pointAtKm } from '../../../shared/geo/chainage';
import type { LonLat } from '../../../shared/geo/types';

const lineFile = JSON.parse(readFileSync(resolve(__dirname, '../../../resources/basemap/ceasefire_line_illustrative.geojson'), 'utf8'));
const vertices = lineFile.features[0].geometry.coordinates as LonLat[];

describe('distanceKm', () => {
  it('measures one degree of latitude as about 111.2 km', () => {
    expect(distanceKm([30, 48], [30, 49])).toBeCloseTo(111.19, 1);
  });
  it('is zero for the same point and symmetric', () => {
    expect(distanceKm([35, 47], [35, 47])).toBe(0);
    expect(distanceKm([35, 47], [36.5, 48.2])).toBeCloseTo(distanceKm([36.5, 48.2], [35, 47]), 9);
  });
});

describe('chainage along the illustrative line', () => {
  const line = measureLine(vertices);

  it('has the 735 km length the data file states', () => {
    expect(line.lengthKm).toBeGreaterThan(735 * 0.99);
    expect(line.lengthKm).toBeLessThan(735 * 1.01);
  });

  it('puts every vertex at its own cumulative distance, 0 km off the line', () => {
    for (const [i, vertex] of vertices.entries()) {
      const c = chainageOf(line, vertex);
      expect(c.km).toBeCloseTo(line.cumulativeKm[i]!, 6);
      expect(c.offsetKm).toBeLessThan(1e-6);
    }
  });

  it('measures a point beside a straight line by its perpendicular distance and side', () => {
    // A meridian segment 2 degrees long, heading north: left is west, right is east.
    const meridian = measureLine([
      [35, 47],
      [35, 49],
    ]);
    const kmPerDegLon = 111.195 * Math.cos((48 * Math.PI) / 180);
    const west = chainageOf(meridian, [35 - 10 / kmPerDegLon, 48]);
    const east = chainageOf(meridian, [35 + 10 / kmPerDegLon, 48]);
    expect(west.offsetKm).toBeCloseTo(10, 1);
    expect(east.offsetKm).toBeCloseTo(10, 1);
    expect(west.side).toBe('left');
    expect(east.side).toBe('right');
    expect(west.km).toBeCloseTo(meridian.lengthKm / 2, 1);
  });

  it('places a point near the real line between the neighbouring vertices', () => {
    const at = pointAtKm(line, 300);
    const near: LonLat = [at[0] + 0.05, at[1] - 0.05];
    const c = chainageOf(line, near);
    expect(Math.abs(c.km - 300)).toBeLessThan(10);
    expect(c.offsetKm).toBeLessThan(distanceKm(at, near) + 1e-9);
    expect(c.offsetKm).toBeGreaterThan(0);
  });

  it('clamps points beyond the ends to 0 km and the full length', () => {
    expect(chainageOf(line, [30.0, 45.5]).km).toBe(0);
    expect(chainageOf(line, [40.5, 51.5]).km).toBeCloseTo(line.lengthKm, 6);
  });

  it('refuses a line of fewer than two vertices', () => {
    expect(() => measureLine([[30, 48]])).toThrow(/at least 2 vertices/);
  });
});
