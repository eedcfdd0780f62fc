import { describe, expect, it } from 'vitest';
import { DETECTION_CLASSES } from '../../../shared/evidence/evidence-vocabulary';
import { CLASS_COLORS, classCssColor } from '../../../renderer/playback/class-colors';

/** WCAG relative luminance of an sRGB colour. */
function luminance([r, g, b]: readonly number[]): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
}

describe('CLASS_COLORS', () => {
  it('gives every detection class its own colour', () => {
    expect(CLASS_COLORS).toHaveLength(DETECTION_CLASSES.length);
    expect(new Set(CLASS_COLORS.map((color) => color.join(','))).size).toBe(DETECTION_CLASSES.length);
  });

  it('keeps every colour at least 3:1 against the map land colour', () => {
    const land = luminance([46, 58, 70]);
    for (const color of CLASS_COLORS) expect((luminance(color) + 0.05) / (land + 0.05)).toBeGreaterThanOrEqual(3);
  });

  it('writes CSS colours and refuses an unknown class', () => {
    expect(classCssColor(0)).toBe('rgb(230, 159, 0)');
    expect(classCssColor(3, 0.5)).toBe('rgba(86, 180, 233, 0.5)');
    expect(() => classCssColor(DETECTION_CLASSES.length)).toThrow(/detection class 8 has no colour/);
  });
});
