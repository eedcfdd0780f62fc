import type { ImportResultView, ImportStatus } from '../../shared/commission/views';
import { describeProgress, progressFraction } from './import-format';

/** The pack being imported now, with its phase and progress. */
export function ImportProgress({ current, testId }: { readonly current: NonNullable<ImportStatus['current']>; readonly testId?: string }) {
  return (
    <div className="import-progress" data-testid={testId}>
      <div>
        {current.file} — {current.phase}
      </div>
      <progress max={1} value={progressFraction(current)} />
      <div className="muted">{describeProgress(current)}</div>
    </div>
  );
}

/** What each pack of the last run added, found present or refused, and why. */
export function ImportResults({ results, testId }: { readonly results: readonly ImportResultView[]; readonly testId: string }) {
  return (
    <ul className="import-results" data-testid={testId}>
      {results.map((result) => (
        <ImportResult key={result.file} result={result} />
      ))}
    </ul>
  );
}

function ImportResult({ result }: { readonly result: ImportResultView }) {
  if (result.error !== null) {
    return (
      <li className="import-failed">
        <strong>{result.file}</strong>: not imported — {result.error}
      </li>
    );
  }
  return (
    <li>
      <strong>{result.file}</strong>: {result.added} added, {result.present} already stored, {result.rejected} rejected
      {result.rejections.length > 0 && (
        <ul>
          {result.rejections.map((r, i) => (
            <li key={`${r.id ?? 'pack'}-${i}`} className="rejection">
              {r.code}: {r.reason}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
