import { useEffect, useRef, useState, type FormEvent } from 'react';
import { formatDuration, parseDuration } from './duration';
import { formatPlayheadSeconds } from './format-playhead';
import type { PlaybackClock, PlaybackSnapshot, StepUnit } from './playback-clock';
import type { PlaybackControls } from './playback-controls';
import { parseSpeed, SPEED_PRESETS } from './playback-speed';
import { speedLabel } from './speed-label';

export interface TransportControlsProps {
  readonly clock: PlaybackClock;
  readonly controls: PlaybackControls;
  readonly windowStartMs: number;
}

const STEP_KEYS: Readonly<Record<StepUnit, string>> = { frame: '←/→', second: 'Shift+←/→', minute: 'Alt+←/→' };
const STEP_TEXT: Readonly<Record<StepUnit, [string, string]>> = { frame: ['◂', '▸'], second: ['−1s', '+1s'], minute: ['−1m', '+1m'] };
const CUSTOM_SPEED = 'custom';

export function TransportControls({ clock, controls, windowStartMs }: TransportControlsProps) {
  const stepButton = (unit: StepUnit, direction: 1 | -1) => {
    const name = `${direction === 1 ? 'Forward' : 'Back'} one ${unit}`;
    return (
      <button
        type="button"
        data-testid={`playback-step-${direction === 1 ? 'forward' : 'back'}-${unit}`}
        aria-label={name}
        title={`${name} (${STEP_KEYS[unit]})`}
        onClick={() => clock.step(unit, direction)}
      >
        {STEP_TEXT[unit][direction === 1 ? 1 : 0]}
      </button>
    );
  };
  return (
    <div className="playback-transport" role="toolbar" aria-label="Playback">
      <div className="transport-buttons">
        <button type="button" data-testid="playback-start" aria-label="Jump to start" title="Jump to start (Home)" onClick={() => clock.jumpToStart()}>
          ⇤
        </button>
        {stepButton('minute', -1)}
        {stepButton('second', -1)}
        {stepButton('frame', -1)}
        <button
          type="button"
          className="play"
          data-testid="playback-play"
          data-playing={controls.playing}
          aria-label={controls.playing ? 'Pause' : 'Play'}
          title={`${controls.playing ? 'Pause' : 'Play'} (Space)`}
          onClick={() => clock.toggle()}
        >
          {controls.playing ? '❚❚' : '▶'}
        </button>
        {stepButton('frame', 1)}
        {stepButton('second', 1)}
        {stepButton('minute', 1)}
        <button type="button" data-testid="playback-end" aria-label="Jump to end" title="Jump to end (End)" onClick={() => clock.jumpToEnd()}>
          ⇥
        </button>
        <button type="button" data-testid="playback-loop" aria-label="Loop" aria-pressed={controls.loop} title="Loop: start again at the end" onClick={() => clock.setLoop(!controls.loop)}>
          ⟳
        </button>
      </div>
      <PlayheadReadout clock={clock} windowStartMs={windowStartMs} />
      <SpeedControl clock={clock} speed={controls.speed} />
      <WindowModeControl clock={clock} controls={controls} />
    </div>
  );
}

/** The playhead to the millisecond in UTC, written on each frame without a React render. */
function PlayheadReadout({ clock, windowStartMs }: { readonly clock: PlaybackClock; readonly windowStartMs: number }) {
  const ref = useRef<HTMLOutputElement>(null);
  useEffect(() => {
    let shownS = NaN;
    const write = (snapshot: PlaybackSnapshot) => {
      const element = ref.current;
      if (!element || snapshot.playheadS === shownS) return;
      shownS = snapshot.playheadS;
      element.textContent = formatPlayheadSeconds(windowStartMs, shownS);
      element.setAttribute('data-playhead-s', String(shownS));
    };
    write(clock.snapshot());
    return clock.subscribe(write);
  }, [clock, windowStartMs]);
  return <output ref={ref} className="playback-time" data-testid="playback-time" aria-label="Playhead time, UTC" />;
}

function SpeedControl({ clock, speed }: { readonly clock: PlaybackClock; readonly speed: number }) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string>();
  const isPreset = SPEED_PRESETS.includes(speed);
  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    if (typed.trim() === '') return setError(undefined);
    try {
      clock.setSpeed(parseSpeed(typed));
      setTyped('');
      setError(undefined);
    } catch (refusal) {
      setError(refusal instanceof Error ? refusal.message : String(refusal));
    }
  };
  return (
    <form className="playback-speed" onSubmit={apply}>
      <label>
        <span className="control-label">Speed</span>
        <select data-testid="playback-speed" aria-label="Speed" title="Speed (+/−)" value={isPreset ? String(speed) : CUSTOM_SPEED} onChange={(event) => clock.setSpeed(Number(event.target.value))}>
          {!isPreset && <option value={CUSTOM_SPEED}>{speedLabel(speed)}</option>}
          {SPEED_PRESETS.map((preset) => (
            <option key={preset} value={String(preset)}>
              {speedLabel(preset)}
            </option>
          ))}
        </select>
      </label>
      <input
        type="text"
        className="speed-input"
        data-testid="playback-speed-input"
        aria-label="Type a speed"
        aria-invalid={error !== undefined}
        placeholder="type: 2.5, 1 h/s"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        onBlur={() => apply()}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          setTyped('');
          setError(undefined);
        }}
      />
      {error && (
        <span className="playback-error" role="alert" data-testid="playback-speed-error">
          {error}
        </span>
      )}
    </form>
  );
}

function WindowModeControl({ clock, controls }: { readonly clock: PlaybackClock; readonly controls: PlaybackControls }) {
  const [draft, setDraft] = useState<string>();
  const [error, setError] = useState<string>();
  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    if (draft === undefined) return;
    try {
      clock.setTrail(parseDuration(draft));
      setDraft(undefined);
      setError(undefined);
    } catch (refusal) {
      setError(refusal instanceof Error ? refusal.message : String(refusal));
    }
  };
  const sliding = controls.mode === 'sliding';
  return (
    <form className="playback-mode" onSubmit={apply}>
      <span className="control-label">Show</span>
      <div className="segmented" role="group" aria-label="Window mode">
        <button type="button" data-testid="playback-mode-sliding" aria-pressed={sliding} title="Only the trail: the last part up to the playhead" onClick={() => clock.setMode('sliding')}>
          Trail
        </button>
        <button type="button" data-testid="playback-mode-cumulative" aria-pressed={!sliding} title="Everything from the start up to the playhead" onClick={() => clock.setMode('cumulative')}>
          Cumulative
        </button>
      </div>
      <input
        type="text"
        className="trail-input"
        data-testid="playback-trail"
        aria-label="Trail length"
        aria-invalid={error !== undefined}
        title="Trail length: 90 s, 5 min, 2 h"
        disabled={!sliding}
        value={draft ?? formatDuration(controls.trailS)}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => apply()}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          setDraft(undefined);
          setError(undefined);
        }}
      />
      {error && (
        <span className="playback-error" role="alert" data-testid="playback-trail-error">
          {error}
        </span>
      )}
    </form>
  );
}
