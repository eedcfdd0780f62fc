import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { ObjectId } from '../../shared/objects/types';
import { DraftStore, type DraftApi, type DraftSnapshot } from './draft-store';

/** The draft the detail panel has open, so that playback's "Cite" edits that same draft. */
export class OpenDraft {
  private store: DraftStore | undefined;
  private readonly listeners = new Set<() => void>();

  readonly current = (): DraftStore | undefined => this.store;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(store: DraftStore | undefined): void {
    if (store === this.store) return;
    this.store = store;
    for (const listener of this.listeners) listener();
  }
}

export const OpenDraftContext = createContext<OpenDraft | undefined>(undefined);

const NONE = () => () => undefined;

/** The draft open in the detail panel; undefined when none is (no incident, or a round the delegation can no longer edit). */
export function useOpenDraft(): DraftStore | undefined {
  const open = useContext(OpenDraftContext);
  return useSyncExternalStore(open?.subscribe ?? NONE, open?.current ?? (() => undefined));
}

/**
 * One store per incident and round (and `version`, which changes when main's copy may have changed
 * under it, e.g. after sealing), loaded when it opens, closed when it changes (saving what waits),
 * and published as the open draft while it is open.
 */
export function useDraftStore(api: DraftApi, incident: ObjectId | undefined, round: number, version: string): DraftStore | undefined {
  const open = useContext(OpenDraftContext);
  const [store, setStore] = useState<DraftStore>();
  useEffect(() => {
    if (incident === undefined) return;
    const opened = new DraftStore(api, incident, round);
    setStore(opened);
    open?.set(opened);
    void opened.load();
    return () => {
      opened.close();
      if (open?.current() === opened) open.set(undefined);
    };
  }, [api, open, incident, round, version]);
  return store !== undefined && store.incident === incident && store.round === round ? store : undefined;
}

export function useDraftSnapshot(store: DraftStore): DraftSnapshot {
  return useSyncExternalStore(store.subscribe, store.snapshot);
}
