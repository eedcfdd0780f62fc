import type { PlaybackClock, StepUnit } from './playback-clock';

export type PlaybackKeyAction =
  | { readonly kind: 'toggle' }
  | { readonly kind: 'step'; readonly unit: StepUnit; readonly direction: 1 | -1 }
  | { readonly kind: 'speed'; readonly direction: 1 | -1 }
  | { readonly kind: 'start' }
  | { readonly kind: 'end' };

export interface KeyPress {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
}

/**
 * Space plays or pauses, ←/→ step a frame (Shift: a second, Alt or Ctrl: a minute), +/− change
 * the speed to the next preset, Home/End jump. Anything with ⌘/Meta is the system's.
 */
export function playbackKeyAction(press: KeyPress): PlaybackKeyAction | undefined {
  if (press.metaKey) return undefined;
  switch (press.key) {
    case ' ':
      return press.altKey || press.ctrlKey ? undefined : { kind: 'toggle' };
    case 'ArrowLeft':
    case 'ArrowRight':
      return { kind: 'step', unit: press.altKey || press.ctrlKey ? 'minute' : press.shiftKey ? 'second' : 'frame', direction: press.key === 'ArrowRight' ? 1 : -1 };
    case '+':
    case '=':
      return press.ctrlKey || press.altKey ? undefined : { kind: 'speed', direction: 1 };
    case '-':
    case '_':
    case '−':
      return press.ctrlKey || press.altKey ? undefined : { kind: 'speed', direction: -1 };
    case 'Home':
      return { kind: 'start' };
    case 'End':
      return { kind: 'end' };
    default:
      return undefined;
  }
}

export function applyPlaybackKeyAction(clock: PlaybackClock, action: PlaybackKeyAction): void {
  switch (action.kind) {
    case 'toggle':
      return clock.toggle();
    case 'step':
      return clock.step(action.unit, action.direction);
    case 'speed':
      return clock.stepSpeed(action.direction);
    case 'start':
      return clock.jumpToStart();
    case 'end':
      return clock.jumpToEnd();
    default:
      return exhaustive(action);
  }
}

function exhaustive(value: never): never {
  throw new Error(`unhandled playback key action ${JSON.stringify(value)}`);
}

/** The parts of the focused element that decide whether it takes a key itself. */
export interface KeyTarget {
  readonly tagName: string;
  readonly type?: string;
  readonly isContentEditable?: boolean;
}

const PRESSABLE_INPUTS = new Set(['button', 'checkbox', 'color', 'file', 'image', 'reset', 'submit']);
const SLIDER_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End']);

/**
 * Whether the focused element uses `key` itself, so playback must leave it alone: every key in
 * text fields, selects and radio groups; arrows and Home/End on sliders; Space on buttons,
 * checkboxes and links.
 */
export function keyBelongsToFocus(target: KeyTarget | null | undefined, key: string): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  const type = (target.type ?? 'text').toLowerCase();
  if (tag === 'INPUT' && type === 'range') return SLIDER_KEYS.has(key);
  if (tag === 'INPUT') return !PRESSABLE_INPUTS.has(type) || key === ' ';
  if (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') return key === ' ';
  return false;
}
