import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A window's place on the desktop, in the display coordinates Electron uses. */
export interface WindowBounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface SavedWindow {
  readonly bounds: WindowBounds;
  readonly maximized: boolean;
}

/** The smallest desk window the layout is made for. */
export const MIN_WINDOW = { width: 1024, height: 700 } as const;

const FILE_NAME = 'window-state.json';

const isBounds = (value: unknown): value is WindowBounds =>
  typeof value === 'object' && value !== null && ['x', 'y', 'width', 'height'].every((key) => Number.isFinite((value as Record<string, unknown>)[key]));

/** The window as it was last closed, or undefined when nothing readable was saved. */
export function parseSavedWindow(text: string): SavedWindow | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { bounds, maximized } = value as Record<string, unknown>;
    return isBounds(bounds) ? { bounds, maximized: maximized === true } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Saved bounds placed on a display that is there now: on the one it overlaps most, shrunk to fit its work area and moved inside it.
 * Undefined when it overlaps none (its display was unplugged): the window then opens at its default place.
 */
export function clampToDisplays(bounds: WindowBounds, workAreas: readonly WindowBounds[]): WindowBounds | undefined {
  const overlap = (area: WindowBounds) =>
    Math.max(0, Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x)) *
    Math.max(0, Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y));
  const best = [...workAreas].sort((a, b) => overlap(b) - overlap(a))[0];
  if (!best || overlap(best) === 0) return undefined;
  const width = Math.min(Math.max(bounds.width, Math.min(MIN_WINDOW.width, best.width)), best.width);
  const height = Math.min(Math.max(bounds.height, Math.min(MIN_WINDOW.height, best.height)), best.height);
  const x = Math.min(Math.max(bounds.x, best.x), best.x + best.width - width);
  const y = Math.min(Math.max(bounds.y, best.y), best.y + best.height - height);
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
}

export function readSavedWindow(dir: string): SavedWindow | undefined {
  try {
    return parseSavedWindow(readFileSync(join(dir, FILE_NAME), 'utf8'));
  } catch {
    return undefined;
  }
}

export function writeSavedWindow(dir: string, saved: SavedWindow): void {
  try {
    writeFileSync(join(dir, FILE_NAME), JSON.stringify(saved));
  } catch {
    // Only the window's place is lost: it opens at the default size next time.
  }
}
