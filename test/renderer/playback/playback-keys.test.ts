import { describe, expect, it } from 'vitest';
import { PlaybackClock, type FrameScheduler } from '../../../renderer/playback/playback-clock';
import { applyPlaybackKeyAction, keyBelongsToFocus, playbackKeyAction, type KeyPress } from '../../../renderer/playback/playback-keys';

const press = (key: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({ key, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, ...modifiers });
const NO_FRAMES: FrameScheduler = { requestFrame: () => 1, cancelFrame: () => undefined };

describe('playback keys', () => {
  it('maps space, the arrows with their modifiers, +/− and Home/End', () => {
    expect(playbackKeyAction(press(' '))).toEqual({ kind: 'toggle' });
    expect(playbackKeyAction(press('ArrowRight'))).toEqual({ kind: 'step', unit: 'frame', direction: 1 });
    expect(playbackKeyAction(press('ArrowLeft', { shiftKey: true }))).toEqual({ kind: 'step', unit: 'second', direction: -1 });
    expect(playbackKeyAction(press('ArrowRight', { altKey: true }))).toEqual({ kind: 'step', unit: 'minute', direction: 1 });
    expect(playbackKeyAction(press('ArrowLeft', { ctrlKey: true, shiftKey: true }))).toEqual({ kind: 'step', unit: 'minute', direction: -1 });
    expect(playbackKeyAction(press('+'))).toEqual({ kind: 'speed', direction: 1 });
    expect(playbackKeyAction(press('='))).toEqual({ kind: 'speed', direction: 1 });
    expect(playbackKeyAction(press('-'))).toEqual({ kind: 'speed', direction: -1 });
    expect(playbackKeyAction(press('Home'))).toEqual({ kind: 'start' });
    expect(playbackKeyAction(press('End'))).toEqual({ kind: 'end' });
  });

  it('leaves other keys, ⌘ combinations and Ctrl +/− (browser zoom) alone', () => {
    expect(playbackKeyAction(press('a'))).toBeUndefined();
    expect(playbackKeyAction(press('ArrowUp'))).toBeUndefined();
    expect(playbackKeyAction(press('ArrowRight', { metaKey: true }))).toBeUndefined();
    expect(playbackKeyAction(press('+', { ctrlKey: true }))).toBeUndefined();
    expect(playbackKeyAction(press('-', { ctrlKey: true }))).toBeUndefined();
  });

  it('drives the clock', () => {
    const clock = new PlaybackClock({ window: { fromS: 0, toS: 600 }, playheadS: 100, speed: 2, frameRate: 50, time: { now: () => 0 }, frames: NO_FRAMES });
    const apply = (key: string, modifiers?: Partial<KeyPress>) => applyPlaybackKeyAction(clock, playbackKeyAction(press(key, modifiers))!);
    apply('ArrowRight');
    expect(clock.snapshot().playheadS).toBeCloseTo(100.04, 10);
    apply('ArrowLeft', { shiftKey: true });
    apply('ArrowLeft', { altKey: true });
    expect(clock.snapshot().playheadS).toBeCloseTo(39.04, 10);
    apply('+');
    expect(clock.snapshot().speed).toBe(5);
    apply('-');
    apply('-');
    expect(clock.snapshot().speed).toBe(1);
    apply(' ');
    expect(clock.snapshot().playing).toBe(true);
    apply(' ');
    expect(clock.snapshot().playing).toBe(false);
    apply('End');
    expect(clock.snapshot().playheadS).toBe(600);
    apply('Home');
    expect(clock.snapshot().playheadS).toBe(0);
  });

  it('leaves keys to text fields and selects, arrows and Home/End to sliders, and Space to buttons and checkboxes', () => {
    expect(keyBelongsToFocus({ tagName: 'INPUT', type: 'text' }, 'ArrowLeft')).toBe(true);
    expect(keyBelongsToFocus({ tagName: 'INPUT', type: 'range' }, 'Home')).toBe(true);
    expect(keyBelongsToFocus({ tagName: 'INPUT', type: 'range' }, 'ArrowLeft')).toBe(true);
    expect(keyBelongsToFocus({ tagName: 'INPUT', type: 'range' }, ' ')).toBe(false);
    expect(keyBelongsToFocus({ tagName: 'INPUT', type: 'range' }, '+')).toBe(false);
    expect(keyBelongsToFocus({ tagName: 'input' }, ' ')).toBe(true);
    expect(keyBelongsToFocus({ tagName: 'TEXTAREA' }, '+')).toBe(true);
    expect(keyBelongsToFocus({ tagName: 'SELECT' }, 'ArrowRight')).toBe(true);
    expect(keyBelongsToFocus({ tagName: 'DIV', isContentEditable: true }, ' ')).toBe(true);
    expect(keyBelongsToFocus({ tagName: 'INPUT', type: 'checkbox' }, ' ')).toBe(true);
    expect(keyBelongsToFocus({ tagName: 'INPUT', type: 'checkbox' }, 'ArrowRight')).toBe(false);
    expect(keyBelongsToFocus({ tagName: 'BUTTON' }, ' ')).toBe(true);
    expect(keyBelongsToFocus({ tagName: 'BUTTON' }, 'ArrowRight')).toBe(false);
    expect(keyBelongsToFocus({ tagName: 'BODY' }, ' ')).toBe(false);
    expect(keyBelongsToFocus(null, ' ')).toBe(false);
  });
});
