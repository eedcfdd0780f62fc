import type { BadgeTone } from './sync-format';

/** The app bar's sync state at the size of an icon, for a compact bar that has no room for the host badge's words: a shape per state, the words in its name and tooltip. */
export function SyncStatusIcon({ badge }: { readonly badge: { readonly text: string; readonly tone: BadgeTone } }) {
  const name = `Sync: ${badge.text}`;
  return <span className="sync-status-icon" role="img" aria-label={name} title={name} data-sync={badge.tone} data-testid="sync-status-icon" />;
}
