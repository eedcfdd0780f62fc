import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { IncidentCounts, IncidentQuery } from '../../shared/commission/incident-list';
import type { IncidentSummary } from '../../shared/commission/views';
import type { TrucelineApi } from '../../shared/ipc/contract';
import { LOADING, readableError, type Remote } from '../app/remote';

/** Rows asked for at a time: the first page of the demo holds every incident. */
export const QUEUE_PAGE_ROWS = 200;

export type QueueFilterQuery = Omit<IncidentQuery, 'offset' | 'limit'>;

export interface QueueTotals {
  /** Incidents that pass every filter. */
  readonly total: number;
  /** Verified incidents in the store. */
  readonly all: number;
  readonly counts: IncidentCounts;
}

export interface IncidentPages {
  readonly totals: Remote<QueueTotals>;
  /** The query changed (or the store did) and its first page is on its way. */
  readonly busy: boolean;
  /** The row at a queue position, once its page has arrived. */
  readonly rowAt: (index: number) => IncidentSummary | undefined;
  /** Every row that has arrived, in queue order (what the map marks). */
  readonly loaded: readonly IncidentSummary[];
  /** The queue position of a row that has arrived. */
  readonly indexOf: (id: string) => number | undefined;
  /** Asks for the pages that hold rows [start, end) and have not been asked for. */
  readonly ensure: (start: number, end: number) => void;
}

const NO_ROWS: ReadonlyMap<number, IncidentSummary> = new Map();

interface Loaded {
  readonly key: string;
  readonly totals: Remote<QueueTotals>;
  readonly rows: ReadonlyMap<number, IncidentSummary>;
}

/**
 * The queue as pages asked of the main process: the first page with the totals and counts when the
 * query changes (or `generation` does: the store changed), further pages as the list scrolls to them.
 * Answers to an earlier query are dropped.
 */
export function useIncidentPages(api: TrucelineApi, query: QueueFilterQuery, generation: number): IncidentPages {
  const key = `${generation}:${JSON.stringify(query)}`;
  const [loaded, setLoaded] = useState<Loaded>({ key, totals: { state: 'loading' }, rows: new Map() });
  const asked = useRef<{ key: string; pages: Set<number> }>({ key, pages: new Set() });
  const current = useRef(key);
  current.current = key;

  const fetchPage = useCallback(
    (page: number) => {
      if (asked.current.key !== key) asked.current = { key, pages: new Set() };
      if (asked.current.pages.has(page)) return;
      asked.current.pages.add(page);
      api.listIncidents({ ...query, offset: page * QUEUE_PAGE_ROWS, limit: QUEUE_PAGE_ROWS }).then(
        (answer) => {
          if (current.current !== key) return;
          setLoaded((before) => {
            const rows = new Map(before.key === key ? before.rows : []);
            answer.items.forEach((item, i) => rows.set(answer.offset + i, item));
            return { key, totals: { state: 'ready', value: { total: answer.total, all: answer.all, counts: answer.counts } }, rows };
          });
        },
        (error: unknown) => {
          if (current.current !== key) return;
          asked.current.pages.delete(page);
          if (page === 0) setLoaded({ key, totals: { state: 'failed', error: readableError(error) }, rows: new Map() });
        },
      );
    },
    // `key` stands for the query and the generation.
    [api, key],
  );

  useEffect(() => fetchPage(0), [fetchPage]);

  const ensure = useCallback(
    (start: number, end: number) => {
      for (let page = Math.floor(Math.max(0, start) / QUEUE_PAGE_ROWS); page * QUEUE_PAGE_ROWS < end; page++) fetchPage(page);
    },
    [fetchPage],
  );

  const busy = loaded.key !== key;
  const rows = busy ? NO_ROWS : loaded.rows;
  const rowAt = useCallback((index: number) => rows.get(index), [rows]);
  const indexOf = useCallback(
    (id: string) => {
      for (const [index, row] of rows) if (row.id === id) return index;
      return undefined;
    },
    [rows],
  );
  const list = useMemo(() => [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row), [rows]);
  const totals: Remote<QueueTotals> = busy ? LOADING : loaded.totals;
  return { totals, busy, rowAt, indexOf, loaded: list, ensure };
}
