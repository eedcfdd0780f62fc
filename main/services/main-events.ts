import type { MainEventName, MainEvents } from '../../shared/ipc/contract';

/** What a service calls to tell the renderer something unasked; the host delivers it (Electron IPC, Server-Sent Events). */
export type EmitMainEvent = <K extends MainEventName>(event: K, payload: MainEvents[K]) => void;

export type MainEventListener = <K extends MainEventName>(event: K, payload: MainEvents[K]) => void;

/** Fans the services' events out to whichever hosts deliver them. */
export class MainEventHub {
  private readonly listeners = new Set<MainEventListener>();

  readonly emit: EmitMainEvent = (event, payload) => {
    for (const listener of [...this.listeners]) {
      try {
        listener(event, payload);
      } catch {
        // A window or stream that is going away must not break the service that emitted.
      }
    }
  };

  subscribe(listener: MainEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
