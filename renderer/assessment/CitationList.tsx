import { useState } from 'react';
import type { EvidenceView } from '../../shared/commission/views';
import type { Citation, Sha256Hex } from '../../shared/objects/types';
import { shortHash } from '../incidents/incident-format';
import { citeChunk, uncite, unciteChunk, type CitedField } from './citations';

export interface CitationListProps {
  readonly citations: readonly Citation[];
  readonly evidence: readonly EvidenceView[];
  readonly onChange: (change: (citations: readonly Citation[]) => readonly Citation[]) => void;
}

const FIELDS: readonly { readonly field: CitedField; readonly label: string }[] = [
  { field: 'detections', label: 'detection' },
  { field: 'tracks', label: 'track' },
];

/** The draft's citations by chunk name and ids, each removable, and "cite a chunk" from the incident's evidence list. */
export function CitationList({ citations, evidence, onChange }: CitationListProps) {
  const nameOf = (chunk: Sha256Hex) => evidence.find((e) => e.sha256 === chunk)?.name ?? shortHash(chunk);
  const uncited = evidence.filter((e) => !citations.some((c) => c.chunk === e.sha256));
  const [chosen, setChosen] = useState('');
  const choice = uncited.find((e) => e.sha256 === chosen) ?? uncited[0];
  return (
    <div className="citations" data-testid="draft-citations">
      {citations.length === 0 ? (
        <p className="muted">Nothing cited yet: pick a detection or a track in playback and choose "Cite in my assessment", or cite a whole chunk below.</p>
      ) : (
        <ul>
          {citations.map((c) => {
            const ids = FIELDS.flatMap(({ field, label }) => (c[field] ?? []).map((id) => ({ field, label, id })));
            return (
              <li key={c.chunk} data-chunk={c.chunk}>
                <span className="file-name" title={c.chunk}>
                  {nameOf(c.chunk)}
                </span>
                {ids.length === 0 && <span className="muted"> whole chunk</span>}
                <button type="button" className="link" onClick={() => onChange((all) => unciteChunk(all, c.chunk))} aria-label={`Remove ${nameOf(c.chunk)} from the citations`}>
                  remove
                </button>
                {ids.length > 0 && (
                  <ul className="cited-ids">
                    {ids.map(({ field, label, id }) => (
                      <li key={`${field}-${id}`}>
                        {label} <code>{id}</code>{' '}
                        <button type="button" className="link" onClick={() => onChange((all) => uncite(all, c.chunk, field, id))} aria-label={`Remove ${label} ${id} of ${nameOf(c.chunk)}`}>
                          remove
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {choice && (
        <div className="cite-chunk">
          <label>
            <span>Cite a chunk</span>
            <select value={choice.sha256} onChange={(e) => setChosen(e.target.value)}>
              {uncited.map((e) => (
                <option key={e.sha256} value={e.sha256}>
                  {e.name}
                  {e.present ? '' : ' (missing here)'}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => onChange((all) => citeChunk(all, choice.sha256))}>
            Cite the whole chunk
          </button>
        </div>
      )}
    </div>
  );
}
