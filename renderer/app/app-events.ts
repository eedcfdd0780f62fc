/** Named moments end-to-end tests wait on; recorded only when the app runs in test mode. */
export type AppEventName = 'basemap-loaded' | 'map-rendered';

declare global {
  interface Window {
    __trucelineEvents?: AppEventName[];
  }
}

let enabled = false;

export function enableAppEvents(): void {
  enabled = true;
  window.__trucelineEvents = [];
}

export function emitAppEvent(name: AppEventName): void {
  if (!enabled || window.__trucelineEvents?.includes(name)) return;
  window.__trucelineEvents?.push(name);
}
