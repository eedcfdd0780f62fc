import { LOOPBACK_SESSION_EVENTS_PATH, loopbackPath, unwrapReply, type ApiReply, type TrucelineTransport, type MainEventListeners } from '../../shared/ipc/contract';
import type { SessionView } from '../../shared/session/session-view';

/**
 * All the session window can ask of the workstation: its public view, and changes to it. The
 * window's bundle imports nothing of the desk's API (test/renderer/session/session-bundle.test.ts);
 * on the Chromium host it calls one operation and listens to a stream that carries nothing else.
 */
export interface SessionClient {
  getSessionView(): Promise<SessionView>;
  onSessionView(listener: (view: SessionView) => void): () => void;
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
  };
}
