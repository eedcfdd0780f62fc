import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CommissionView, IncidentDetail } from '../../shared/commission/views';
import type { TrucelineApi } from '../../shared/ipc/contract';
import type { ObjectId } from '../../shared/objects/types';
import { LOADING, readableError, type Remote } from '../app/remote';

export interface CommissionData {
  readonly commission: Remote<CommissionView>;
  /** Grows with every reload: the queue asks its pages again. */
  readonly generation: number;
  readonly reload: () => void;
}

/** Asks again each time `request` changes identity; never answers with what an earlier request returned. */
function useRemote<T>(request: (() => Promise<T>) | undefined): Remote<T> {
  const [answer, setAnswer] = useState<{ readonly request: () => Promise<T>; readonly remote: Remote<T> }>();
  useEffect(() => {
    if (!request) return;
    let current = true;
    request().then(
      (value) => current && setAnswer({ request, remote: { state: 'ready', value } }),
      (error: unknown) => current && setAnswer({ request, remote: { state: 'failed', error: readableError(error) } }),
    );
    return () => {
      current = false;
    };
  }, [request]);
  return answer !== undefined && answer.request === request ? answer.remote : LOADING;
}

export function useCommissionData(api: TrucelineApi): CommissionData {
  const [generation, setGeneration] = useState(0);
  // `generation` is in the dependencies so that a reload makes new requests.
  const fetchCommission = useCallback(() => api.getCommission(), [api, generation]);
  const commission = useRemote(fetchCommission);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { commission, generation, reload };
}

/**
 * Undefined when nothing is selected. Asked again when `generation` grows (the store changed): the
 * incident shown stays on screen while its fresh copy is on its way, so a pushed change never blanks it.
 */
export function useIncidentDetail(api: TrucelineApi, id: ObjectId | undefined, generation = 0): Remote<IncidentDetail> | undefined {
  // `generation` is in the dependencies so that a reload makes a new request.
  const fetchDetail = useCallback(() => api.getIncident(id!), [api, id, generation]);
  const detail = useRemote(id === undefined ? undefined : fetchDetail);
  const [shown, setShown] = useState<IncidentDetail | undefined>();
  useEffect(() => {
    if (detail.state === 'ready') setShown(detail.value);
  }, [detail]);
  if (id === undefined) return undefined;
  if (detail.state === 'loading' && shown?.id === id) return { state: 'ready', value: shown };
  return detail;
}

/** The detail as playback needs it: a new value only when the incident or its evidence changes, not when its tally does. */
export function useEvidenceSource(detail: Remote<IncidentDetail> | undefined): IncidentDetail | undefined {
  const value = detail?.state === 'ready' ? detail.value : undefined;
  const key = value ? `${value.id} ${value.evidenceList.map((e) => `${e.sha256}:${e.present}`).join(',')}` : '';
  // The key says when the evidence changed; the value's identity alone changes with every reload.
  return useMemo(() => value, [key]);
}
