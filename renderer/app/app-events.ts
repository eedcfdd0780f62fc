/** Named moments end-to-end tests wait on; counted only when the app runs in test mode. */
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
  /** The main process said the store changed; the commission and the queue are read again. */
  | 'store-changed'
  | 'deadline-passed'
  /** The main process said an inbox import run ended. */
  | 'import-finished'
  /** The main process said an audit of the store ended (done or failed). */
  | 'audit-finished'
  /** Detail: the key's state (no-key, locked, unlocked), read or pushed by the main process. */
  | 'key-status'
  /** The main process said this workstation's settings changed (the acting delegation, preferences); the commission is read again. */
  | 'workstation-changed'
  /** Detail: the member id; the demo now acts as that delegation. */
  | 'delegation-switched'
  | 'preferences-saved'
  /** Detail: the incident number; main saved the draft and checked it. */
  | 'draft-saved'
  /** Detail: the incident number, for each of the actions below once main signed or recorded it. */
  | 'assessment-committed'
  | 'assessment-revealed'
  | 'others-findings-shown'
  | 'reveal-opened'
  | 'round-closed'
  | 'certificate-exported'
  /** Detail: the peer's name; main wrote a sync pack for it. */
  | 'peer-pack-exported'
  /** The quarantine was read (after a change) or cleared. */
  | 'quarantine-loaded';

/** An event as counted: its name, or `name:detail` for an event about one thing. */
export type CountedAppEvent = AppEventName | `${AppEventName}:${string}`;

declare global {
  interface Window {
    /** How many times each event happened since the page loaded. */
    __trucelineEvents?: Partial<Record<CountedAppEvent, number>>;
  }
}

let enabled = false;

export function enableAppEvents(): void {
  enabled = true;
  window.__trucelineEvents = {};
}

/** Counts the event under its name, or `name:detail`, so that a test can wait for the next one. */
export function emitAppEvent(name: AppEventName, detail?: string): void {
  const counts = window.__trucelineEvents;
  if (!enabled || !counts) return;
  const counted: CountedAppEvent = detail === undefined ? name : `${name}:${detail}`;
  counts[counted] = (counts[counted] ?? 0) + 1;
}
