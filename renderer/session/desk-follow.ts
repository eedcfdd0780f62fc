import { useEffect } from 'react';
import type { ObjectId } from '../../shared/objects/types';

type Listener = (incident: ObjectId) => void;
const listeners = new Set<Listener>();

/** The chair stepped the agenda to this incident: the desk shows it, so that its playback controls play what the room shows. */
export function showOnDesk(incident: ObjectId): void {
  for (const listener of listeners) listener(incident);
}

/** The desk's side: select the incident the chair stepped to. */
export function useDeskFollow(select: Listener): void {
  useEffect(() => {
    listeners.add(select);
    return () => {
      listeners.delete(select);
    };
  }, [select]);
}
