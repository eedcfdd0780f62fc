import { useCallback, useEffect, useState } from 'react';
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

/** Undefined when nothing is selected. */
export function useIncidentDetail(api: TrucelineApi, id: ObjectId | undefined): Remote<IncidentDetail> | undefined {
  const fetchDetail = useCallback(() => api.getIncident(id!), [api, id]);
  const detail = useRemote(id === undefined ? undefined : fetchDetail);
  return id === undefined ? undefined : detail;
}
