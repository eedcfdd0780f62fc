import type { CSSProperties, MouseEvent } from 'react';
import { DETECTION_CLASSES, SENSOR_KINDS } from '../../shared/evidence/evidence-vocabulary';
import { classCssColor } from './class-colors';
import { ALL_CLASSES_MASK, ALL_SENSOR_KINDS_MASK, type DetectionFilter } from './detection-filter';
import { DETECTION_CLASS_LABELS, SENSOR_KIND_LABELS } from './evidence-labels';
import type { LiveCountTargets } from './live-count-targets';
import { formatCount } from './live-counts';

export interface EvidenceFiltersProps {
  readonly filter: DetectionFilter;
  readonly onFilterChange: (filter: DetectionFilter) => void;
  /** Where the live per-class counts are written. */
  readonly targets: LiveCountTargets;
  /** Detections of the whole evidence per class and per sensor kind. */
  readonly totals: { readonly perClass: readonly number[]; readonly perKind: readonly number[] };
}

/** Shift-click shows only that one; a plain click toggles it. */
function toggledMask(mask: number, index: number, event: MouseEvent): number {
  return event.shiftKey ? 1 << index : mask ^ (1 << index);
}

export function EvidenceFilters({ filter, onFilterChange, targets, totals }: EvidenceFiltersProps) {
  return (
    <div className="playback-filters">
      <div className="filter-group" role="group" aria-label="Detection classes">
        <span className="control-label">Classes</span>
        {DETECTION_CLASSES.map((name, cls) => {
          const on = ((filter.classMask >>> cls) & 1) === 1;
          return (
            <button
              key={name}
              type="button"
              className="filter-toggle class-toggle"
              style={{ '--class-color': classCssColor(cls) } as CSSProperties}
              data-testid={`playback-filter-class-${name}`}
              data-empty={totals.perClass[cls] === 0}
              aria-pressed={on}
              aria-label={DETECTION_CLASS_LABELS[name]}
              title={`${DETECTION_CLASS_LABELS[name]}: ${formatCount(totals.perClass[cls] ?? 0)} in all the evidence. Click to ${on ? 'hide' : 'show'}, Shift-click to show only this class.`}
              onClick={(event) => onFilterChange({ ...filter, classMask: toggledMask(filter.classMask, cls, event) })}
            >
              <span className="swatch-dot" aria-hidden="true" />
              {DETECTION_CLASS_LABELS[name]}
              <span className="count" data-testid={`playback-count-${name}`} ref={targets.classRefs[cls]} />
            </button>
          );
        })}
        <button
          type="button"
          className="filter-toggle"
          data-testid="playback-filter-class-all"
          disabled={filter.classMask === ALL_CLASSES_MASK}
          onClick={() => onFilterChange({ ...filter, classMask: ALL_CLASSES_MASK })}
        >
          All
        </button>
      </div>
      <div className="filter-group" role="group" aria-label="Sensor kinds">
        <span className="control-label">Sensors</span>
        {SENSOR_KINDS.map((name, kind) => (
          <button
            key={name}
            type="button"
            className="filter-toggle"
            data-testid={`playback-filter-kind-${name}`}
            data-empty={totals.perKind[kind] === 0}
            aria-pressed={((filter.sensorKindMask >>> kind) & 1) === 1}
            title={`${SENSOR_KIND_LABELS[name]}: ${formatCount(totals.perKind[kind] ?? 0)} detections in all the evidence. Shift-click to show only this kind.`}
            onClick={(event) => onFilterChange({ ...filter, sensorKindMask: toggledMask(filter.sensorKindMask, kind, event) })}
          >
            {SENSOR_KIND_LABELS[name]}
          </button>
        ))}
        <button
          type="button"
          className="filter-toggle"
          data-testid="playback-filter-kind-all"
          disabled={filter.sensorKindMask === ALL_SENSOR_KINDS_MASK}
          onClick={() => onFilterChange({ ...filter, sensorKindMask: ALL_SENSOR_KINDS_MASK })}
        >
          All
        </button>
      </div>
      <label className="filter-group confidence">
        <span className="control-label">Min. confidence</span>
        <input
          type="range"
          min={0}
          max={100}
          step={1}
          data-testid="playback-min-confidence"
          aria-label="Minimum confidence, percent"
          value={filter.minConfidence}
          onChange={(event) => onFilterChange({ ...filter, minConfidence: Number(event.target.value) })}
        />
        <output className="confidence-value">{Math.ceil(filter.minConfidence)}%</output>
      </label>
    </div>
  );
}
