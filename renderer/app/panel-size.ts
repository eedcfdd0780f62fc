/** A side panel's width as the desk remembers it: clamped to its bounds, stored per panel. */
export interface PanelBounds {
  readonly min: number;
  readonly max: number;
  readonly initial: number;
}

export interface PanelState {
  readonly width: number;
  readonly collapsed: boolean;
}

/** One arrow key press moves the edge this far; with Shift, four times as far. */
export const RESIZE_STEP_PX = 16;

export const clampWidth = (width: number, bounds: PanelBounds): number => Math.round(Math.min(bounds.max, Math.max(bounds.min, width)));

/** Reads a stored state; anything unreadable falls back to the panel's initial width, open. */
export function parsePanelState(stored: string | null, bounds: PanelBounds): PanelState {
  const fallback = { width: bounds.initial, collapsed: false };
  if (!stored) return fallback;
  try {
    const value: unknown = JSON.parse(stored);
    if (typeof value !== 'object' || value === null) return fallback;
    const { width, collapsed } = value as Record<string, unknown>;
    return { width: typeof width === 'number' && Number.isFinite(width) ? clampWidth(width, bounds) : bounds.initial, collapsed: collapsed === true };
  } catch {
    return fallback;
  }
}

/** The width after a key press on the resize handle, or undefined for a key the handle ignores. `grows` is +1 when ArrowRight widens the panel (a panel on the left). */
export function keyedWidth(width: number, key: string, shift: boolean, grows: 1 | -1, bounds: PanelBounds): number | undefined {
  const step = RESIZE_STEP_PX * (shift ? 4 : 1);
  switch (key) {
    case 'ArrowRight':
      return clampWidth(width + grows * step, bounds);
    case 'ArrowLeft':
      return clampWidth(width - grows * step, bounds);
    case 'Home':
      return bounds.min;
    case 'End':
      return bounds.max;
    default:
      return undefined;
  }
}
