import { useEffect, useState } from 'react';
import type { IncidentSummary } from '../../shared/commission/views';
import type { TrucelineApi } from '../../shared/ipc/contract';
import { LOADING, readableError, type Remote } from '../app/remote';
import { latestMonitoringRecord, MONITORING_RECORD_QUERY } from './monitoring-record';

/** The store's latest monitoring record, asked again when the store changed (`generation` grows). */
export function useLatestMonitoringRecord(api: TrucelineApi, generation: number): Remote<IncidentSummary | undefined> {
  const [found, setFound] = useState<Remote<IncidentSummary | undefined>>(LOADING);
  useEffect(() => {
    let current = true;
    api.listIncidents(MONITORING_RECORD_QUERY).then(
      (page) => current && setFound({ state: 'ready', value: latestMonitoringRecord(page.items) }),
      (error: unknown) => current && setFound({ state: 'failed', error: readableError(error) }),
    );
    return () => {
      current = false;
    };
  }, [api, generation]);
  return found;
}
