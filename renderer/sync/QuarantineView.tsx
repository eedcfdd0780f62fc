import { useCallback, useEffect, useState } from 'react';
import type { MainEventListeners, TrucelineApi } from '../../shared/ipc/contract';
import type { QuarantineItem, QuarantinePage } from '../../shared/sync/peer-packs';
import { emitAppEvent } from '../app/app-events';
import { readableError } from '../app/remote';
import { quarantineWords } from './quarantine-words';

const PAGE = 50;

/** Items of a page under their code, in the page's order (by code). */
function byCode(items: readonly QuarantineItem[]): { code: string; items: QuarantineItem[] }[] {
  const groups: { code: string; items: QuarantineItem[] }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last?.code === item.code) last.items.push(item);
    else groups.push({ code: item.code, items: [item] });
  }
  return groups;
}

/** What imports refused: the reason in plain words first, then the code, the store's line and the object's hash; the user may clear it. */
export function QuarantineView({ api, events }: { readonly api: TrucelineApi; readonly events: MainEventListeners }) {
  const [page, setPage] = useState<QuarantinePage>();
  const [offset, setOffset] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api.listQuarantine(offset, PAGE).then(
      (next) => {
        setPage(next);
        emitAppEvent('quarantine-loaded');
      },
      (e: unknown) => setError(readableError(e)),
    );
  }, [api, offset]);
  useEffect(load, [load]);
  useEffect(() => events.onStoreChanged(load), [events, load]);

  const clear = () => {
    setConfirming(false);
    api.clearQuarantine().then(
      () => (offset === 0 ? load() : setOffset(0)),
      (e: unknown) => setError(readableError(e)),
    );
  };

  const counts = new Map(page?.codes.map((c) => [c.code, c.count]));
  return (
    <section className="sync-section" aria-labelledby="quarantine-title" data-testid="quarantine">
      <h3 id="quarantine-title">Quarantine {page && <span className="muted">({page.total.toLocaleString('en-GB')})</span>}</h3>
      {error && (
        <p className="error-line" role="alert">
          {error}
        </p>
      )}
      {page && page.total === 0 && <p className="empty">Nothing is in the quarantine: every object received so far verified.</p>}
      {page && page.total > 0 && (
        <>
          <p className="muted">Objects that arrived but did not verify. They were not stored and change nothing on screen; clearing the list forgets them.</p>
          {byCode(page.items).map((group) => (
            <div key={`${group.code}-${group.items[0]!.id}`} className="quarantine-group" data-code={group.code}>
              <p className="quarantine-words">
                {quarantineWords(group.code)}{' '}
                <span className="muted">
                  ({group.code} · {counts.get(group.code) ?? group.items.length})
                </span>
              </p>
              <ul className="quarantine-items">
                {group.items.map((item) => (
                  <li key={item.id}>
                    <div>{item.reason}</div>
                    <div className="muted">
                      {item.objectId !== null && <code title={item.objectId}>{item.objectId}</code>} · received {item.receivedAt.replace('T', ' ').replace('Z', ' UTC')}
                      {item.bytesKept ? ' · its bytes are kept for inspection' : ''}
                    </div>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <div className="import-actions">
            <span>
              {page.offset + 1}–{page.offset + page.items.length} of {page.total.toLocaleString('en-GB')}
            </span>
            <button type="button" onClick={() => setOffset(Math.max(0, offset - PAGE))} disabled={offset === 0}>
              Previous
            </button>
            <button type="button" onClick={() => setOffset(offset + PAGE)} disabled={page.offset + page.items.length >= page.total}>
              Next
            </button>
            {confirming ? (
              <>
                <button type="button" onClick={clear} data-testid="quarantine-clear-confirm">
                  Clear {page.total.toLocaleString('en-GB')} refused object{page.total === 1 ? '' : 's'}
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  Keep them
                </button>
              </>
            ) : (
              <button type="button" onClick={() => setConfirming(true)} data-testid="quarantine-clear">
                Clear the quarantine…
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
