import type { PlaybackSnapshot, TimeRangeS, WindowMode } from './playback-clock';

/** The parts of a snapshot that change only when someone acts, not with every frame: what the panel's controls show. */
export interface PlaybackControls {
  readonly window: TimeRangeS;
  readonly brush: TimeRangeS | undefined;
  readonly range: TimeRangeS;
  readonly playing: boolean;
  readonly speed: number;
  readonly loop: boolean;
  readonly mode: WindowMode;
  readonly trailS: number;
}

/** `previous` itself when `snapshot` changes none of the controls, so that a frame re-renders nothing. */
export function controlsOf(snapshot: PlaybackSnapshot, previous?: PlaybackControls): PlaybackControls {
  if (previous && sameControls(snapshot, previous)) return previous;
  const { window, brush, range, playing, speed, loop, mode, trailS } = snapshot;
  return { window, brush, range, playing, speed, loop, mode, trailS };
}

function sameControls(snapshot: PlaybackSnapshot, controls: PlaybackControls): boolean {
  return (
    sameRange(snapshot.window, controls.window) &&
    sameRange(snapshot.brush, controls.brush) &&
    snapshot.playing === controls.playing &&
    snapshot.speed === controls.speed &&
    snapshot.loop === controls.loop &&
    snapshot.mode === controls.mode &&
    snapshot.trailS === controls.trailS
  );
}

export function sameRange(a: TimeRangeS | undefined, b: TimeRangeS | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.fromS === b.fromS && a.toS === b.toS);
}
