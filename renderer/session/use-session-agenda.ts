import { useCallback, useEffect, useState } from 'react';
import type { TrucelineApi } from '../../shared/ipc/contract';
import type { ObjectId } from '../../shared/objects/types';
import type { SessionScreenMode, SessionView } from '../../shared/session/session-view';

export interface SessionAgenda {
  readonly view: SessionView | null;
  /** The agenda's incidents, in order. */
  readonly items: readonly ObjectId[];
  /** The item the desk stepped to: while the room is frozen its view keeps the old one. */
  readonly index: number;
  readonly problem: string | null;
  step(index: number): void;
  setItems(items: readonly ObjectId[]): void;
  setScreen(mode: SessionScreenMode): void;
  report(error: unknown): void;
}

/** The chair's side of the session: the view main answers, and the changes the chair asks for; `onStepped` hears of every step taken. */
export function useSessionAgenda(api: TrucelineApi, onStepped: (incident: ObjectId) => void): SessionAgenda {
  const [view, setView] = useState<SessionView | null>(null);
  const [stepped, setStepped] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const report = useCallback((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)), []);
  const run = useCallback(
    async (change: Promise<SessionView>): Promise<SessionView | null> => {
      try {
        const next = await change;
        setView(next);
        setStepped(null);
        setProblem(null);
        return next;
      } catch (error) {
        report(error);
        return null;
      }
    },
    [report],
  );

  useEffect(() => void run(api.getSessionView()), [api, run]);

  const items = view?.board.map((item) => item.id) ?? [];
  const index = stepped ?? view?.position.index ?? 0;
  return {
    view,
    items,
    index,
    problem,
    report,
    step: (to) => {
      const incident = items[to];
      void run(api.stepAgenda(to)).then((next) => {
        if (next === null || incident === undefined) return;
        if (next.screen === 'freeze') setStepped(to);
        onStepped(incident);
      });
    },
    setItems: (next) => void run(api.setAgenda(next)),
    setScreen: (mode) => void run(api.setSessionScreen(mode)),
  };
}
