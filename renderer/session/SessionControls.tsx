import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TrucelineApi } from '../../shared/ipc/contract';
import type { SessionScreenMode } from '../../shared/session/session-view';
import { AgendaEditor } from './AgendaEditor';
import { showOnDesk } from './desk-follow';
import { openSessionWindow } from './open-session-window';
import { useSessionAgenda } from './use-session-agenda';
import './session-dock.css';

const SCREEN_LABELS: Readonly<Record<SessionScreenMode, string>> = { live: 'Live', blank: 'Blank', freeze: 'Freeze' };

/**
 * The app bar's Room session button and, while open, the session strip it docks as the bar's last
 * row (its More menu opens it too on a compact bar, where the button is hidden). Open and closed is
 * the app bar's when it passes `open`, else its own.
 */
export function SessionControls({ api, open: controlled, setOpen: setControlled }: { api: TrucelineApi; open?: boolean; setOpen?: (open: boolean) => void }) {
  const [own, setOwn] = useState(false);
  const open = controlled ?? own;
  const setOpen = setControlled ?? setOwn;
  return (
    <>
      <button type="button" className="app-bar-wide" aria-expanded={open} aria-controls={open ? 'session-dock' : undefined} onClick={() => setOpen(!open)} data-testid="session-button">
        Room session
      </button>
      {open && <SessionDock api={api} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * The chair's room session, docked above the desk rather than a modal, so that the desk's playback
 * controls stay usable while the room follows: a strip with the agenda position, stepping (the desk
 * shows the item stepped to), live/blank/freeze and the session window, and the agenda editor that
 * folds away under it.
 */
function SessionDock({ api, onClose }: { api: TrucelineApi; onClose: () => void }) {
  const session = useSessionAgenda(api, showOnDesk);
  const [editing, setEditing] = useState(true);
  const titleId = useId();
  const ref = useRef<HTMLElement>(null);

  // Focus moves into the strip when it opens and back to where it was when it closes (unless it went elsewhere meanwhile).
  useLayoutEffect(() => {
    const dock = ref.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dock.querySelector<HTMLElement>('button')?.focus();
    return () => {
      const focusLeft = document.activeElement === null || document.activeElement === document.body || dock.contains(document.activeElement);
      if (!focusLeft) return;
      const back = opener?.isConnected && opener.offsetParent !== null ? opener : document.querySelector<HTMLElement>('[data-testid="session-button"]');
      back?.focus();
    };
  }, []);

  const { view, items, index } = session;
  const current = view?.board[index];
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || !editing) return;
    event.stopPropagation();
    setEditing(false);
    ref.current?.querySelector<HTMLElement>('[data-testid="session-agenda-toggle"]')?.focus();
  };
  const openWindow = () => openSessionWindow().catch(session.report);

  return (
    <section ref={ref} id="session-dock" className="session-dock" aria-labelledby={titleId} data-testid="session-panel" onKeyDown={onKeyDown}>
      <div className="session-dock-strip">
        <h2 id={titleId}>Room session</h2>
        <button type="button" aria-expanded={editing} aria-controls="session-dock-agenda" onClick={() => setEditing(!editing)} data-testid="session-agenda-toggle">
          Agenda ({items.length}) {editing ? '▴' : '▾'}
        </button>
        <button type="button" disabled={index <= 0} onClick={() => session.step(index - 1)} data-testid="session-previous">
          ‹ Previous
        </button>
        <span className="session-dock-position" aria-live="polite" data-testid="session-position">
          {items.length === 0 ? 'No items yet' : `Item ${index + 1} of ${items.length}${current?.number ? `: ${current.number}` : ''}`}
        </span>
        <button type="button" disabled={index + 1 >= items.length} onClick={() => session.step(index + 1)} data-testid="session-next">
          Next ›
        </button>
        <span className="session-dock-screen" role="group" aria-label="The room screen">
          {(['live', 'blank', 'freeze'] as const).map((mode) => (
            <button key={mode} type="button" aria-pressed={view?.screen === mode} onClick={() => session.setScreen(mode)} data-testid={`session-screen-${mode}`}>
              {SCREEN_LABELS[mode]}
            </button>
          ))}
        </span>
        <button type="button" onClick={openWindow} data-testid="open-session-window">
          Open session window
        </button>
        <button type="button" className="session-dock-close" aria-label="Close the room session" title="Close the room session" onClick={onClose} data-testid="session-close">
          ×
        </button>
      </div>
      {editing && <AgendaEditor api={api} session={session} />}
      {session.problem && (
        <p className="error session-dock-problem" role="alert">
          {session.problem}
        </p>
      )}
    </section>
  );
}
