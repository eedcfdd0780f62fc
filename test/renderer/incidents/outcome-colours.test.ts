import { describe, expect, it } from 'vitest';
import { OUTCOME_CLASSES, OUTCOME_COLORS, OUTCOME_MARKERS, type Rgba } from '../../../renderer/incidents/outcome-style';
import { BASEMAP_COLORS } from '../../../renderer/map/basemap-layers';

// A colour-vision simulator: Machado, Oliveira & Fernandes (2009), severity 1, applied in linear sRGB;
// distances are CIE76 ΔE in CIELAB (D65). A ΔE of 15 is clearly told apart on a small map marker.
type Matrix = readonly [readonly [number, number, number], readonly [number, number, number], readonly [number, number, number]];

const SIMULATIONS: Readonly<Record<string, Matrix>> = {
  'normal vision': [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const MIN_DELTA_E = 15;

type Vec3 = readonly [number, number, number];

function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function simulate([r, g, b]: Rgba, m: Matrix): Vec3 {
  const l = [linear(r), linear(g), linear(b)];
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return [0, 1, 2].map((i) => clamp(m[i]![0] * l[0]! + m[i]![1] * l[1]! + m[i]![2] * l[2]!)) as unknown as Vec3;
}

function lab([r, g, b]: Vec3): Vec3 {
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function deltaE(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

const OUTCOMES = OUTCOME_CLASSES.map((c) => [c, OUTCOME_COLORS[c]] as const);
const SETTLEMENTS = [
  ['Ukraine-controlled settlement', BASEMAP_COLORS.settlementUkraineControlled],
  ['occupied settlement', BASEMAP_COLORS.settlementOccupied],
] as const;

/** Every pair that must be told apart: outcome with outcome, outcome with settlement (two settlement kinds also differ in their legend). */
function pairs(): [string, Rgba, string, Rgba][] {
  const all: [string, Rgba, string, Rgba][] = [];
  OUTCOMES.forEach(([a, ca], i) => OUTCOMES.slice(i + 1).forEach(([b, cb]) => all.push([a, ca, b, cb])));
  for (const [a, ca] of OUTCOMES) for (const [b, cb] of SETTLEMENTS) all.push([a, ca, b, cb]);
  all.push([SETTLEMENTS[0][0], SETTLEMENTS[0][1], SETTLEMENTS[1][0], SETTLEMENTS[1][1]]);
  return all;
}

describe('outcome colours under colour-vision simulation', () => {
  for (const [vision, matrix] of Object.entries(SIMULATIONS)) {
    it(`tells every outcome from every other and from the settlements with ${vision} (ΔE ≥ ${MIN_DELTA_E})`, () => {
      const tooClose = pairs()
        .map(([a, ca, b, cb]) => ({ pair: `${a} / ${b}`, deltaE: deltaE(lab(simulate(ca, matrix)), lab(simulate(cb, matrix))) }))
        .filter((p) => p.deltaE < MIN_DELTA_E);
      expect(tooClose).toEqual([]);
    });
  }

  it('the simulator can fail: red and green are close under deuteranopia', () => {
    const red: Rgba = [200, 80, 60, 255];
    const green: Rgba = [110, 150, 40, 255];
    expect(deltaE(lab(simulate(red, SIMULATIONS['normal vision']!)), lab(simulate(green, SIMULATIONS['normal vision']!)))).toBeGreaterThan(MIN_DELTA_E);
    expect(deltaE(lab(simulate(red, SIMULATIONS.deuteranopia!)), lab(simulate(green, SIMULATIONS.deuteranopia!)))).toBeLessThan(MIN_DELTA_E);
  });
});

describe('outcome marker shapes', () => {
  it('shows a decided round filled, an open one hollow and a contested one outlined, so that colour is not the only sign', () => {
    expect(OUTCOME_CLASSES.map((c) => [c, OUTCOME_MARKERS[c]])).toEqual([
      ['violation', 'filled'],
      ['no-violation', 'filled'],
      ['inconclusive', 'filled'],
      ['no-consensus', 'outlined'],
      ['pending', 'hollow'],
      ['disputed', 'outlined'],
    ]);
  });
});
