import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { ObjectId } from '../../shared/objects/types';
import { DraftStore, type DraftApi, type DraftSnapshot } from './draft-store';

/** The draft of the selected incident's round, while the acting delegation may still edit it; undefined otherwise. */
export const DraftContext = createContext<DraftStore | undefined>(undefined);

export function useDraftContext(): DraftStore | undefined {
  return useContext(DraftContext);
}

/** One store per incident and round, loaded when it opens and closed (saving what waits) when it changes. */
export function useDraftStore(api: DraftApi, incident: ObjectId | undefined, round: number | undefined): DraftStore | undefined {
  const [store, setStore] = useState<DraftStore>();
  useEffect(() => {
    if (incident === undefined || round === undefined) return;
    const opened = new DraftStore(api, incident, round);
    setStore(opened);
    void opened.load();
    return () => opened.close();
  }, [api, incident, round]);
  return store !== undefined && store.incident === incident && store.round === round ? store : undefined;
}

export function useDraftSnapshot(store: DraftStore): DraftSnapshot {
  return useSyncExternalStore(store.subscribe, store.snapshot);
}
