import { useEffect, useMemo, useState } from 'react';
import type { DetectionFilter } from './detection-filter';
import { EvidenceFilters } from './EvidenceFilters';
import { formatPlayheadSeconds } from './format-playhead';
import { evidenceTotals, LiveCountTargets } from './live-count-targets';
import { countPanel, createPanelCounts, everyClassOf } from './live-counts';
import type { PlaybackClock } from './playback-clock';
import type { EvidenceSegments } from './evidence-segments';
import { Timeline, type TimelineMarker } from './Timeline';
import { TransportControls } from './TransportControls';
import { usePlaybackControls } from './use-playback-controls';
import { usePlaybackKeys } from './use-playback-keys';
import './playback.css';

export interface PlaybackPanelProps {
  /** Owned by the caller; the panel only calls its methods and subscribes. */
  readonly clock: PlaybackClock;
  /** One bucket for an incident's chunk; many, arriving one by one, for a monitoring record's day. */
  readonly evidence: EvidenceSegments;
  /** Controlled by the caller. */
  readonly filter: DetectionFilter;
  readonly onFilterChange: (filter: DetectionFilter) => void;
  readonly title?: string;
  /** Incidents marked on the timeline (a monitoring day's). */
  readonly markers?: readonly TimelineMarker[];
}

/**
 * The playback panel under the map: transport, timeline, live counts and filters. It renders when
 * someone acts (controls, filter, evidence); while playing, the timeline's overlay, the time and
 * the counts are written straight to their canvas and elements on each frame.
 */
export function PlaybackPanel({ clock, evidence, filter, onFilterChange, title, markers }: PlaybackPanelProps) {
  const controls = usePlaybackControls(clock);
  usePlaybackKeys(clock);
  const [targets] = useState(() => new LiveCountTargets());
  const totals = useMemo(() => evidenceTotals(evidence.segments.map((segment) => segment.countIndex)), [evidence]);
  const { classMask, sensorKindMask, minConfidence } = filter;

  useEffect(() => {
    const current: DetectionFilter = { classMask, sensorKindMask, minConfidence };
    const everyClass = everyClassOf(current);
    const counts = createPanelCounts();
    targets.reset();
    const update = ({ visible }: { readonly visible: { readonly fromS: number; readonly toS: number } }) => targets.show(countPanel(evidence, visible, current, everyClass, counts));
    update(clock.snapshot());
    return clock.subscribe(update);
  }, [clock, evidence, targets, classMask, sensorKindMask, minConfidence]);

  const { brush } = controls;
  const rangeText = (fromS: number, toS: number) => `${formatPlayheadSeconds(evidence.windowStartMs, fromS)} – ${formatPlayheadSeconds(evidence.windowStartMs, toS)}`;
  return (
    <section className="playback-panel" aria-label="Evidence playback" data-testid="playback-panel">
      <TransportControls clock={clock} controls={controls} windowStartMs={evidence.windowStartMs} />
      <div className="playback-range-line">
        {title && <h2 className="playback-title">{title}</h2>}
        <span className="muted" data-testid="playback-range">
          {brush ? 'Brushed ' : 'Window '}
          {rangeText(controls.range.fromS, controls.range.toS)}
        </span>
        <button type="button" className="link" data-testid="playback-clear-brush" disabled={!brush} onClick={() => clock.clearBrush()}>
          Clear brush
        </button>
        <span className="hint">Click or drag to seek · Shift-drag, or drag the top strip, to brush · Double-click clears</span>
      </div>
      <Timeline clock={clock} evidence={evidence} filter={filter} controls={controls} {...(markers ? { markers } : {})} />
      <div className="playback-footer">
        <p className="playback-counts" title="In the window: detections in the shown time range that pass the filters, of all the evidence's detections that pass them">
          <strong data-testid="playback-count-total" ref={targets.totalRef} />
          <span className="muted" data-testid="playback-count-filtered" ref={targets.noteRef} />
        </p>
        <EvidenceFilters filter={filter} onFilterChange={onFilterChange} targets={targets} totals={totals} />
      </div>
    </section>
  );
}
