import { LOOPBACK_SESSION_EVENTS_PATH, loopbackPath, unwrapReply, type ApiReply, type TrucelineTransport, type MainEventListeners } from '../../shared/ipc/contract';
import type { Basemap } from '../../shared/basemap/types';
import { evidencePath } from '../../shared/ipc/evidence-route';
import type { ObjectId } from '../../shared/objects/types';
import type { SessionView } from '../../shared/session/session-view';

/**
 * All the session window can ask of the workstation: its public view, and changes to it; the
 * basemap (public geography shipped with the app) and the verified bytes of the current item's
 * evidence chunks (signed, synced data every delegation holds; main checks each against the signed
 * list). The window's bundle imports nothing of the desk's API
 * (test/renderer/session/session-bundle.test.ts).
 */
export interface SessionClient {
  getSessionView(): Promise<SessionView>;
  onSessionView(listener: (view: SessionView) => void): () => void;
  getBasemap(): Promise<Basemap>;
  fetchEvidenceChunk(incident: ObjectId, sha256: string): Promise<ArrayBuffer>;
}

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the Chromium host. */
    readonly truceline?: TrucelineTransport;
    /** Set by the Electron preload; absent in the Chromium host. */
    readonly trucelineEvents?: MainEventListeners;
  }
}

export function connectSession(): SessionClient {
  const preload = window.truceline;
  const events = window.trucelineEvents;
  if (preload && events) {
    return {
      getSessionView: async () => unwrapReply('getSessionView', await preload.getSessionView()),
      onSessionView: (listener) => events.onSessionView(listener),
      getBasemap: async () => unwrapReply('getBasemap', await preload.getBasemap()),
      fetchEvidenceChunk,
    };
  }
  return loopbackSessionClient();
}

function loopbackSessionClient(): SessionClient {
  return {
    async getSessionView() {
      const response = await fetch(loopbackPath('getSessionView'), { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: '[]' });
      if (!response.ok) throw new Error(`the workstation service answered ${response.status}`);
      return unwrapReply('getSessionView', (await response.json()) as ApiReply<SessionView>);
    },
    onSessionView(listener) {
      const stream = new EventSource(LOOPBACK_SESSION_EVENTS_PATH);
      stream.addEventListener('sessionView', (message: MessageEvent<string>) => listener(JSON.parse(message.data) as SessionView));
      return () => stream.close();
    },
    async getBasemap() {
      const response = await fetch(loopbackPath('getBasemap'), { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: '[]' });
      if (!response.ok) throw new Error(`the workstation service answered ${response.status}`);
      return unwrapReply('getBasemap', (await response.json()) as ApiReply<Basemap>);
    },
    fetchEvidenceChunk,
  };
}

async function fetchEvidenceChunk(incident: ObjectId, sha256: string): Promise<ArrayBuffer> {
  const response = await fetch(evidencePath(incident, sha256), { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) throw new Error(`evidence chunk ${sha256.slice(0, 12)}…: the workstation service answered ${response.status}`);
  return response.arrayBuffer();
}
