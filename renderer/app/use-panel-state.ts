import { useCallback, useState } from 'react';
import { clampWidth, parsePanelState, type PanelBounds, type PanelState } from './panel-size';

const storageKey = (id: string) => `truceline.desk.panel.${id}`;

function readStored(id: string): string | null {
  try {
    return window.localStorage.getItem(storageKey(id));
  } catch {
    return null;
  }
}

/** A side panel's width and whether it is collapsed, remembered in this window's localStorage. */
export function usePanelState(id: string, bounds: PanelBounds) {
  const [state, setState] = useState<PanelState>(() => parsePanelState(readStored(id), bounds));
  const update = useCallback(
    (next: Partial<PanelState>) =>
      setState((previous) => {
        const merged = { ...previous, ...next, width: clampWidth(next.width ?? previous.width, bounds) };
        try {
          window.localStorage.setItem(storageKey(id), JSON.stringify(merged));
        } catch {
          // A window without storage still resizes; it only forgets.
        }
        return merged;
      }),
    [id, bounds],
  );
  return [state, update] as const;
}
