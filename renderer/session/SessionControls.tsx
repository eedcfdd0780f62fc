import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_INCIDENT_QUERY } from '../../shared/commission/incident-list';
import type { IncidentSummary } from '../../shared/commission/views';
import type { TrucelineApi } from '../../shared/ipc/contract';
import type { SessionScreenMode, SessionView } from '../../shared/session/session-view';
import { ModalDialog } from '../app/ModalDialog';
import { openSessionWindow } from './open-session-window';

const SCREEN_LABELS: Readonly<Record<SessionScreenMode, string>> = { live: 'Live', blank: 'Blank the room screen', freeze: 'Freeze the room screen' };

/** The desk's side of the room session: the agenda, stepping through it, blank/freeze, and opening the session window. */
export function SessionControls({ api }: { api: TrucelineApi }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="session-button">
        Room session
      </button>
      {open && <SessionPanel api={api} onClose={() => setOpen(false)} />}
    </>
  );
}

function SessionPanel({ api, onClose }: { api: TrucelineApi; onClose: () => void }) {
  const [view, setView] = useState<SessionView | null>(null);
  const [text, setText] = useState('');
  const [found, setFound] = useState<readonly IncidentSummary[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  const run = useCallback(async (change: Promise<SessionView>) => {
    try {
      setView(await change);
      setProblem(null);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }, []);

  useEffect(() => void run(api.getSessionView()), [api, run]);
  useEffect(() => {
    let current = true;
    api.listIncidents({ ...DEFAULT_INCIDENT_QUERY, text: text.trim() === '' ? null : text.trim(), sort: 'number', limit: 12 }).then(
      (page) => current && setFound(page.items),
      () => current && setFound([]),
    );
    return () => {
      current = false;
    };
  }, [api, text]);

  const items = view?.board.map((item) => item.id) ?? [];
  const index = view?.position.index ?? 0;
  const openWindow = () => openSessionWindow().catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  return (
    <ModalDialog title="Room session" onClose={onClose} testId="session-panel">
      <p>
        <button type="button" data-autofocus onClick={openWindow} data-testid="open-session-window">
          Open session window
        </button>{' '}
        The room screen shows public state only: facts, who has committed, findings once revealed.
      </p>
      <h3>Agenda</h3>
      <ol data-testid="session-agenda">
        {view?.board.map((item, position) => (
          <li key={item.id} aria-current={position === index ? 'step' : undefined}>
            <button type="button" onClick={() => void run(api.stepAgenda(position))}>
              {item.number ?? 'not in this store'}
            </button>{' '}
            <button type="button" aria-label={`Remove ${item.number ?? 'item'}`} onClick={() => void run(api.setAgenda(items.filter((id) => id !== item.id)))}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <p>
        <button type="button" disabled={index <= 0} onClick={() => void run(api.stepAgenda(index - 1))}>
          Previous
        </button>{' '}
        <button type="button" disabled={index + 1 >= items.length} onClick={() => void run(api.stepAgenda(index + 1))} data-testid="session-next">
          Next
        </button>{' '}
        {(['live', 'blank', 'freeze'] as const).map((mode) => (
          <button key={mode} type="button" aria-pressed={view?.screen === mode} onClick={() => void run(api.setSessionScreen(mode))} data-testid={`session-screen-${mode}`}>
            {SCREEN_LABELS[mode]}
          </button>
        ))}
      </p>
      <label>
        Find incidents to add <input type="search" value={text} onChange={(event) => setText(event.target.value)} data-testid="session-find" />
      </label>
      <ul data-testid="session-found">
        {found.map((incident) => (
          <li key={incident.id}>
            <button type="button" disabled={items.includes(incident.id)} onClick={() => void run(api.setAgenda([...items, incident.id]))}>
              Add {incident.number}
            </button>{' '}
            {incident.summary}
          </li>
        ))}
      </ul>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </ModalDialog>
  );
}
