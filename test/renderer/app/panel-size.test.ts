import { describe, expect, it } from 'vitest';
import { keyedWidth, parsePanelState, RESIZE_STEP_PX } from '../../../renderer/app/panel-size';

const BOUNDS = { min: 200, max: 640, initial: 320 };

describe('a side panel width', () => {
  it('reads a stored width clamped to its bounds, and the initial width open from anything unreadable', () => {
    expect(parsePanelState('{"width":400,"collapsed":true}', BOUNDS)).toEqual({ width: 400, collapsed: true });
    expect(parsePanelState('{"width":5000}', BOUNDS)).toEqual({ width: 640, collapsed: false });
    expect(parsePanelState('{"width":"wide"}', BOUNDS)).toEqual({ width: 320, collapsed: false });
    expect(parsePanelState('not json', BOUNDS)).toEqual({ width: 320, collapsed: false });
    expect(parsePanelState(null, BOUNDS)).toEqual({ width: 320, collapsed: false });
  });

  it('moves with the arrow keys towards the map or away from it, further with Shift, to its ends with Home and End', () => {
    expect(keyedWidth(320, 'ArrowRight', false, 1, BOUNDS)).toBe(320 + RESIZE_STEP_PX);
    expect(keyedWidth(320, 'ArrowRight', false, -1, BOUNDS)).toBe(320 - RESIZE_STEP_PX);
    expect(keyedWidth(320, 'ArrowLeft', true, 1, BOUNDS)).toBe(320 - 4 * RESIZE_STEP_PX);
    expect(keyedWidth(630, 'ArrowRight', true, 1, BOUNDS)).toBe(640);
    expect(keyedWidth(320, 'Home', false, 1, BOUNDS)).toBe(200);
    expect(keyedWidth(320, 'End', false, 1, BOUNDS)).toBe(640);
    expect(keyedWidth(320, 'Enter', false, 1, BOUNDS)).toBeUndefined();
  });
});
