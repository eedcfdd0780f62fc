import { useEffect, useState } from 'react';
import { DEFAULT_INCIDENT_QUERY } from '../../shared/commission/incident-list';
import type { IncidentSummary } from '../../shared/commission/views';
import type { TrucelineApi } from '../../shared/ipc/contract';
import type { SessionAgenda } from './use-session-agenda';

/** The agenda under the session strip: its items (go to one, remove one) and a search to add incidents. */
export function AgendaEditor({ api, session }: { api: TrucelineApi; session: SessionAgenda }) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<readonly IncidentSummary[]>([]);

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

  const { view, items, index } = session;
  return (
    <div id="session-dock-agenda" className="session-dock-agenda">
      <div>
        <h3>Agenda</h3>
        {items.length === 0 && <p className="muted">Find incidents and add them; the room shows one at a time.</p>}
        <ol data-testid="session-agenda">
          {view?.board.map((item, position) => (
            <li key={item.id} aria-current={position === index ? 'step' : undefined}>
              <button type="button" onClick={() => session.step(position)}>
                {item.number ?? 'not in this store'}
              </button>{' '}
              <button type="button" aria-label={`Remove ${item.number ?? 'item'}`} onClick={() => session.setItems(items.filter((id) => id !== item.id))}>
                Remove
              </button>
            </li>
          ))}
        </ol>
        <p className="muted">The room screen shows public state only: facts, who has committed, findings once revealed.</p>
      </div>
      <div>
        <label>
          Find incidents to add <input type="search" value={text} onChange={(event) => setText(event.target.value)} data-testid="session-find" />
        </label>
        <ul data-testid="session-found">
          {found.map((incident) => (
            <li key={incident.id}>
              <button type="button" disabled={items.includes(incident.id)} onClick={() => session.setItems([...items, incident.id])}>
                Add {incident.number}
              </button>{' '}
              {incident.summary}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
