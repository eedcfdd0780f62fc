import { useEffect, useMemo, useState } from 'react';
import type { Basemap } from '../../shared/basemap/types';
import type { MemberId } from '../../shared/objects/types';
import type { PublicStanding, SessionBoardItem, SessionTally, SessionView } from '../../shared/session/session-view';
import { categoryLabel, formatUtcWindow } from '../incidents/incident-format';
import { OUTCOME_COLORS, cssColor, outcomeClassOf, outcomeLabel, type NameOf } from '../incidents/outcome-style';
import type { SessionClient } from './session-client';
import { SessionMap } from './SessionMap';
import { useSessionEvidence, type SessionItemEvidence } from './use-session-evidence';

/** The room screen: what the agenda's current incident is, where its round stands, and the board of the session. */
export function SessionScreen({ client }: { client: SessionClient }) {
  const [view, setView] = useState<SessionView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const unsubscribe = client.onSessionView(setView);
    client.getSessionView().then(setView, (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
    return unsubscribe;
  }, [client]);
  const [basemap, setBasemap] = useState<Basemap | null>(null);
  useEffect(() => {
    client.getBasemap().then(setBasemap, () => setBasemap(null));
  }, [client]);
  const current = view?.screen === 'blank' ? null : (view?.current ?? null);
  const item = useMemo<SessionItemEvidence | undefined>(
    () => (current === null ? undefined : { incident: current.incident, evidence: current.evidence, windowStart: current.facts.windowStart, windowEnd: current.facts.windowEnd }),
    [current],
  );
  const playback = useSessionEvidence(client, item);

  if (problem !== null) return <main className="session session--problem">{problem}</main>;
  if (view === null) return <main className="session">Connecting to the workstation…</main>;
  if (view.screen === 'blank') {
    return (
      <main className="session session--blank" data-screen="blank">
        <h1>{view.commission}</h1>
      </main>
    );
  }
  const names = new Map(view.current?.tally.standings.map((s) => [s.member, s.name] as const) ?? []);
  const nameOf: NameOf = (member: MemberId) => names.get(member) ?? member;
  return (
    <main className="session" data-screen={view.screen}>
      <header className="session__header">
        <h1>{view.commission}</h1>
        <p className="session__position">{view.position.count === 0 ? 'No agenda yet' : `Item ${view.position.index + 1} of ${view.position.count}`}</p>
      </header>
      {view.current === null ? (
        <p className="session__empty">{view.position.count === 0 ? 'The chair has not set an agenda.' : 'This incident is not in this workstation’s store.'}</p>
      ) : (
        <div className="session__current">
          <div className="session__left">
            <section className="session__facts" aria-label="Incident">
              <h2>
                {view.current.facts.number} · {categoryLabel(view.current.facts.category)}
              </h2>
              <p className="session__summary">{view.current.facts.summary}</p>
              <dl>
                <dt>Window (UTC)</dt>
                <dd>{formatUtcWindow(view.current.facts.windowStart, view.current.facts.windowEnd)}</dd>
                <dt>Location</dt>
                <dd>
                  {view.current.facts.lat.toFixed(4)}° N, {view.current.facts.lon.toFixed(4)}° E · km {view.current.facts.chainageKm.toFixed(1)}
                </dd>
                <dt>Evidence playback</dt>
                <dd data-testid="session-playback">
                  {view.playback.playing ? '▶ playing' : '❚❚ paused'} at {formatPlayhead(view.playback.playheadSeconds)} · ×{view.playback.speed}
                </dd>
              </dl>
            </section>
            <Board board={view.board} current={view.position.index} nameOf={nameOf} />
          </div>
          <TallySection tally={view.current.tally} nameOf={nameOf} />
          {basemap !== null && <SessionMap basemap={basemap} incident={view.current.facts} playback={playback} mirror={view.playback} frozen={view.screen === 'freeze'} />}
        </div>
      )}
      {view.current === null && <Board board={view.board} current={view.position.index} nameOf={nameOf} />}
    </main>
  );
}

function TallySection({ tally, nameOf }: { tally: SessionTally; nameOf: NameOf }) {
  const shape = { outcome: tally.outcome, ...(tally.finding ? { finding: tally.finding } : {}), ...(tally.attribution ? { attribution: tally.attribution } : {}) };
  return (
    <section className="session__tally" aria-label="Tally">
      <h2>
        Round {tally.round}: <OutcomeBadge label={outcomeLabel(shape, nameOf)} outcomeClass={outcomeClassOf(shape)} />
        {tally.final ? ' · final' : ' · provisional'}
      </h2>
      <p className="session__counts">
        {tally.counts.committed} committed · {tally.counts.revealed} revealed · {tally.counts.notYet} not yet — of {tally.counts.voting} voting
      </p>
      <table className="session__standings">
        <thead>
          <tr>
            <th scope="col">Delegation</th>
            <th scope="col">Standing</th>
          </tr>
        </thead>
        <tbody>
          {tally.standings.map((standing) => (
            <tr key={standing.member} data-state={standing.state}>
              <th scope="row">{standing.name}</th>
              <td>{standingText(standing, nameOf)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Board({ board, current, nameOf }: { board: readonly SessionBoardItem[]; current: number; nameOf: NameOf }) {
  if (board.length === 0) return null;
  return (
    <section className="session__board" aria-label="Agenda">
      <h2>Agenda</h2>
      <ol>
        {board.map((item, index) => (
          <li key={index} aria-current={index === current ? 'step' : undefined}>
            <span className="session__board-number">{item.number ?? 'not in this store'}</span>
            {item.outcome === null ? null : <OutcomeBadge label={outcomeLabel(boardShape(item), nameOf) + (item.final ? ' · final' : '')} outcomeClass={outcomeClassOf(boardShape(item))} />}
          </li>
        ))}
      </ol>
    </section>
  );
}

function OutcomeBadge({ label, outcomeClass }: { label: string; outcomeClass: keyof typeof OUTCOME_COLORS }) {
  return (
    <span className="session__badge" style={{ borderColor: cssColor(OUTCOME_COLORS[outcomeClass]) }}>
      {label}
    </span>
  );
}

function boardShape(item: SessionBoardItem) {
  return { outcome: item.outcome ?? 'pending', ...(item.finding ? { finding: item.finding } : {}), ...(item.attribution ? { attribution: item.attribution } : {}) };
}

function standingText(standing: PublicStanding, nameOf: NameOf): string {
  switch (standing.state) {
    case 'not-yet':
      return 'not yet';
    case 'committed':
      return 'committed';
    case 'disputed':
      return 'disputed ballot';
    case 'revealed': {
      const attribution = standing.attribution === null ? '' : `, attributed to ${standing.attribution === 'undetermined' ? 'undetermined' : nameOf(standing.attribution)}`;
      const confidence = standing.confidence === null ? '' : ` (confidence ${Math.round(standing.confidence * 100)} %)`;
      return `revealed: ${standing.finding}${attribution}${confidence}`;
    }
  }
}

function formatPlayhead(seconds: number): string {
  const whole = Math.floor(seconds);
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}
