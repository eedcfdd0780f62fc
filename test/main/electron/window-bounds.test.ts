import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clampToDisplays, parseSavedWindow, readSavedWindow, writeSavedWindow } from '../../../main/electron/window-bounds';

const LAPTOP = { x: 0, y: 0, width: 1440, height: 870 };
const PROJECTOR = { x: 1440, y: 0, width: 1920, height: 1080 };

describe('the desk window placed where it was closed', () => {
  it('keeps bounds that fit on a display as they were', () => {
    expect(clampToDisplays({ x: 1500, y: 40, width: 1600, height: 900 }, [LAPTOP, PROJECTOR])).toEqual({ x: 1500, y: 40, width: 1600, height: 900 });
  });

  it('moves a window hanging off a display back inside it and shrinks one larger than it', () => {
    expect(clampToDisplays({ x: 1000, y: -50, width: 1100, height: 700 }, [LAPTOP])).toEqual({ x: 340, y: 0, width: 1100, height: 700 });
    expect(clampToDisplays({ x: 10, y: 10, width: 3000, height: 2000 }, [LAPTOP])).toEqual({ x: 0, y: 0, width: 1440, height: 870 });
  });

  it('goes to the default place when its display is gone', () => {
    expect(clampToDisplays({ x: 1600, y: 100, width: 1280, height: 800 }, [LAPTOP])).toBeUndefined();
  });

  it('grows a tiny saved window to the smallest the layout is made for', () => {
    expect(clampToDisplays({ x: 100, y: 100, width: 300, height: 200 }, [LAPTOP])).toEqual({ x: 100, y: 100, width: 1024, height: 700 });
  });

  it('reads back what it wrote, and nothing from a damaged or missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'window-bounds-'));
    expect(readSavedWindow(dir)).toBeUndefined();
    writeSavedWindow(dir, { bounds: { x: 1, y: 2, width: 1300, height: 800 }, maximized: true });
    expect(readSavedWindow(dir)).toEqual({ bounds: { x: 1, y: 2, width: 1300, height: 800 }, maximized: true });
    writeFileSync(join(dir, 'window-state.json'), '{"bounds":{"x":1}');
    expect(readSavedWindow(dir)).toBeUndefined();
    expect(parseSavedWindow('{"bounds":{"x":1,"y":2,"width":"wide","height":3}}')).toBeUndefined();
  });
});
