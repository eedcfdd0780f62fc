/** Named moments end-to-end tests wait on; recorded only when the app runs in test mode. */
export type AppEventName =
  | 'basemap-loaded'
  | 'map-rendered'
  | 'commission-loaded'
  | 'incidents-loaded'
  /** Detail: the incident number. */
  | 'incident-selected'
  /** Detail: the incident number; its detail panel shows the loaded incident. */
  | 'incident-detail-shown'
  /** Detail: the incident number; the map finished flying to it. */
  | 'map-focused'
  /** An inbox import run ended and the queue was asked to reload. */
  | 'import-finished';

/** An event as recorded: its name, or `name:detail` for an event about one thing. */
export type RecordedAppEvent = AppEventName | `${AppEventName}:${string}`;

declare global {
  interface Window {
    __trucelineEvents?: RecordedAppEvent[];
  }
}

let enabled = false;

export function enableAppEvents(): void {
  enabled = true;
  window.__trucelineEvents = [];
}

/** Records each distinct event once, so that per-frame events do not grow the list. */
export function emitAppEvent(name: AppEventName, detail?: string): void {
  const recorded: RecordedAppEvent = detail === undefined ? name : `${name}:${detail}`;
  if (!enabled || window.__trucelineEvents?.includes(recorded)) return;
  window.__trucelineEvents?.push(recorded);
}
