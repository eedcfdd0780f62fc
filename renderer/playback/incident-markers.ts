import type { IncidentSummary } from '../../shared/commission/views';
import { timestampMs } from '../../shared/objects/timestamp';
import type { TimelineMarker } from './Timeline';

/** The incidents whose windows meet the record's window, as timeline markers in seconds since its start (the record itself left out). */
export function incidentMarkers(record: IncidentSummary, incidents: readonly IncidentSummary[]): TimelineMarker[] {
  const startMs = timestampMs(record.windowStart);
  const endMs = timestampMs(record.windowEnd);
  return incidents
    .filter((i) => i.id !== record.id && timestampMs(i.windowEnd) >= startMs && timestampMs(i.windowStart) <= endMs)
    .map((i) => ({ id: i.id, label: i.number, fromS: (timestampMs(i.windowStart) - startMs) / 1000, toS: (timestampMs(i.windowEnd) - startMs) / 1000 }))
    .sort((a, b) => a.fromS - b.fromS);
}
