import type { IncidentSummary } from '../../shared/commission/views';
import type { DayButtonState } from './monitoring-record';
import './playback.css';

export interface DayButtonProps {
  readonly state: DayButtonState;
  /** Whether the record's day is what plays now. */
  readonly playing: boolean;
  readonly onOpen: (record: IncidentSummary) => void;
}

/** On the map: plays the day of the line (the latest monitoring record) without looking for it in the queue. */
export function DayButton({ state, playing, onOpen }: DayButtonProps) {
  const record = 'record' in state ? state.record : undefined;
  return (
    <div className="day-control" data-testid="day-control">
      <button
        type="button"
        data-testid="open-day"
        disabled={!record}
        aria-pressed={record ? playing : undefined}
        aria-describedby={record ? undefined : 'day-control-reason'}
        title={record ? `Play the whole day of the line: ${record.number}, ${record.windowStart} – ${record.windowEnd}` : undefined}
        onClick={() => record && onOpen(record)}
      >
        Day
      </button>
      {record ? (
        <span className="day-control-note">{record.number}</span>
      ) : (
        <span className="day-control-note" id="day-control-reason" data-testid="day-unavailable" title={'reason' in state ? state.reason : undefined}>
          {'reason' in state ? state.reason : ''}
        </span>
      )}
    </div>
  );
}
