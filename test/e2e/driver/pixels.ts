import { PNG } from 'pngjs';

export interface PixelStats {
  readonly total: number;
  readonly distinctColours: number;
  readonly matching: number;
}

/** Counts pixels of a PNG within `tolerance` (per channel) of an RGB colour. */
export function pixelStats(png: Buffer, rgb: readonly [number, number, number], tolerance: number): PixelStats {
  const image = PNG.sync.read(png);
  const colours = new Set<number>();
  let matching = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const r = image.data[i]!;
    const g = image.data[i + 1]!;
    const b = image.data[i + 2]!;
    colours.add((r << 16) | (g << 8) | b);
    if (Math.abs(r - rgb[0]) <= tolerance && Math.abs(g - rgb[1]) <= tolerance && Math.abs(b - rgb[2]) <= tolerance) matching++;
  }
  return { total: image.width * image.height, distinctColours: colours.size, matching };
}

/** Where a PNG has pixels within `tolerance` of any of the colours: their coordinates, in image pixels. */
export function pixelsMatching(png: Buffer, colours: readonly (readonly [number, number, number])[], tolerance: number): { x: number; y: number }[] {
  const image = PNG.sync.read(png);
  const found: { x: number; y: number }[] = [];
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
    if (colours.some((c) => Math.abs(r - c[0]) <= tolerance && Math.abs(g - c[1]) <= tolerance && Math.abs(b - c[2]) <= tolerance)) {
      found.push({ x: (i / 4) % image.width, y: Math.floor(i / 4 / image.width) });
    }
  }
  return found;
}
