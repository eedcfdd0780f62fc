import { DEFAULT_INCIDENT_QUERY, type IncidentQuery } from '../../shared/commission/incident-list';
import type { IncidentSummary } from '../../shared/commission/views';
import { timestampMs } from '../../shared/objects/timestamp';
import type { Remote } from '../app/remote';

// A monitoring record is the producer's whole day along a stretch of the line, signed as an
// incident of category "other" whose summary starts "Monitoring record" and whose evidence comes in
// more than one pair of chunks (truceline generate's day.pack).

const RECORD_SUMMARY = /^monitoring record\b/i;

/** What the queue is asked for: the newest incidents that can be monitoring records (the text matches number, category or summary). */
export const MONITORING_RECORD_QUERY: IncidentQuery = { ...DEFAULT_INCIDENT_QUERY, category: 'other', text: 'Monitoring record', sort: 'time-desc', limit: 20 };

export function isMonitoringRecord(incident: IncidentSummary): boolean {
  return incident.category === 'other' && RECORD_SUMMARY.test(incident.summary) && incident.evidence.listed > 2;
}

/** The monitoring record whose day is the latest (the newest window end, then the newest start), if any. */
export function latestMonitoringRecord(incidents: readonly IncidentSummary[]): IncidentSummary | undefined {
  const later = (a: IncidentSummary, b: IncidentSummary) => timestampMs(a.windowEnd) - timestampMs(b.windowEnd) || timestampMs(a.windowStart) - timestampMs(b.windowStart);
  let latest: IncidentSummary | undefined;
  for (const incident of incidents) if (isMonitoringRecord(incident) && (!latest || later(incident, latest) > 0)) latest = incident;
  return latest;
}

/** The Day button's state: the record it opens, or the one line that says why it cannot. */
export type DayButtonState = { readonly record: IncidentSummary } | { readonly reason: string };

export function dayButtonState(found: Remote<IncidentSummary | undefined>): DayButtonState {
  switch (found.state) {
    case 'loading':
      return { reason: 'Looking for the monitoring record…' };
    case 'failed':
      return { reason: `No day to play: the monitoring records could not be listed (${found.error}).` };
    case 'ready':
      return found.value ? { record: found.value } : { reason: 'No day to play: the store holds no monitoring record (import a day.pack).' };
  }
}
