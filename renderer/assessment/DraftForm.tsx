import { useEffect, useId, useState, type ReactNode } from 'react';
import type { DraftField } from '../../shared/assessment/draft';
import type { IncidentDetail } from '../../shared/commission/views';
import type { Attribution, Citation, Finding, IncidentCategory, MemberId } from '../../shared/objects/types';
import { INCIDENT_CATEGORIES } from '../../shared/objects/validate-incident';
import { emitAppEvent } from '../app/app-events';
import { categoryLabel, formatUtcTimestamp } from '../incidents/incident-format';
import { canSign } from '../keys/key-status-label';
import { CitationList } from './CitationList';
import { useDesk } from './desk-context';
import { confidenceOfText, FINDING_CHOICES, KEY_LOCKED, problemsByField, sealBlockReason, withAttribution, withCategory, withConfidenceText, withFinding, withRationale } from './draft-form';
import type { DraftStore } from './draft-store';
import { NeedsKey } from './NeedsKey';
import { SealDialog } from './SealDialog';
import { useAction } from './use-action';
import { useDraftSnapshot } from './use-draft-store';

export interface DraftFormProps {
  readonly store: DraftStore;
  readonly incident: IncidentDetail;
  /** Sealing again supersedes an earlier commitment of this round. */
  readonly resealing: boolean;
  readonly onCancel?: () => void;
}

/** The delegation's draft: saved on this workstation a pause after each edit, checked by main, sealed on confirmation. */
export function DraftForm({ store, incident, resealing, onCancel }: DraftFormProps) {
  const desk = useDesk();
  const snapshot = useDraftSnapshot(store);
  const { draft, problems } = snapshot;
  const id = useId();
  const [confidenceText, setConfidenceText] = useState(() => (draft.confidence === null ? '' : String(draft.confidence)));
  const [sealOpen, setSealOpen] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const discard = useAction();
  const parties = (desk.commission?.members ?? []).filter((m) => m.role === 'party');
  const nameOf = (member: MemberId) => desk.commission?.members.find((m) => m.id === member)?.name ?? member;

  // The stored value (loaded, discarded) sets the typed text, unless the text already says it: typing "0" then "07" keeps what was typed.
  useEffect(() => {
    if (confidenceOfText(confidenceText).confidence !== draft.confidence) setConfidenceText(draft.confidence === null ? '' : String(draft.confidence));
  }, [draft.confidence]);

  useEffect(() => {
    if (snapshot.savedAt !== null) emitAppEvent('draft-saved', incident.number);
  }, [snapshot.savedAt, snapshot.problems, incident.number]);

  if (snapshot.status === 'loading') return <p className="loading">Loading your draft…</p>;
  if (snapshot.status === 'failed')
    return (
      <p className="error-line" role="alert">
        Could not load your draft: {snapshot.error}
      </p>
    );

  const byField = problemsByField(problems ?? []);
  const typed = confidenceOfText(confidenceText);
  const problemOf = (field: DraftField) => [...(byField.get(field) ?? []), ...(field === 'confidence' && typed.problem ? [typed.problem] : [])];
  const described = (field: DraftField) => (problemOf(field).length > 0 ? `${id}-${field}-problem` : undefined);
  const sealBlocked = sealBlockReason(snapshot.unsaved, problems === null ? null : problems.length, typed.problem !== null, canSign(desk.keys.status));

  return (
    <>
      <form className="draft-form" data-testid="draft-form" aria-label="Your draft assessment" onSubmit={(e) => e.preventDefault()}>
        <fieldset className="finding-choices" aria-describedby={described('finding')}>
          <legend>Finding</legend>
          {FINDING_CHOICES.map((choice) => (
            <label key={choice.value}>
              <input type="radio" name={`${id}-finding`} value={choice.value} checked={draft.finding === choice.value} onChange={() => store.edit((d) => withFinding(d, choice.value as Finding))} />
              {choice.label}
            </label>
          ))}
        </fieldset>
        <Problems id={`${id}-finding-problem`} lines={problemOf('finding')} />

        <label className="field">
          <span>Attribution</span>
          <select
            value={draft.attribution}
            disabled={draft.finding !== 'violation'}
            aria-describedby={described('attribution') ?? `${id}-attribution-hint`}
            onChange={(e) => store.edit((d) => withAttribution(d, e.target.value as Attribution))}
          >
            <option value="undetermined">Undetermined</option>
            {parties.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        {problemOf('attribution').length > 0 ? (
          <Problems id={`${id}-attribution-problem`} lines={problemOf('attribution')} />
        ) : (
          <p id={`${id}-attribution-hint`} className="muted field-hint">
            A party to the conflict, and only with a violation finding.
          </p>
        )}

        <label className="field">
          <span>Confidence (%)</span>
          <input
            type="number"
            min={0}
            max={100}
            step={1}
            inputMode="numeric"
            value={confidenceText}
            aria-invalid={problemOf('confidence').length > 0}
            aria-describedby={described('confidence')}
            onChange={(e) => {
              const text = e.target.value;
              setConfidenceText(text);
              store.edit((d) => withConfidenceText(d, text));
            }}
          />
        </label>
        <Problems id={`${id}-confidence-problem`} lines={problemOf('confidence')} />

        <fieldset className="category-choices" aria-describedby={described('categories')}>
          <legend>Categories</legend>
          {INCIDENT_CATEGORIES.map((category: IncidentCategory) => (
            <label key={category}>
              <input type="checkbox" checked={draft.categories.includes(category)} onChange={(e) => store.edit((d) => withCategory(d, category, e.target.checked))} />
              {categoryLabel(category)}
            </label>
          ))}
        </fieldset>
        <Problems id={`${id}-categories-problem`} lines={problemOf('categories')} />

        <label className="field wide">
          <span>Rationale</span>
          <textarea rows={5} value={draft.rationale} aria-describedby={described('rationale')} onChange={(e) => store.edit((d) => withRationale(d, e.target.value))} />
        </label>
        <Problems id={`${id}-rationale-problem`} lines={problemOf('rationale')} />

        <fieldset className="citation-choices" aria-describedby={described('citations')}>
          <legend>Citations</legend>
          <CitationList citations={draft.citations} evidence={incident.evidenceList} onChange={(change) => store.edit((d) => ({ ...d, citations: change(d.citations) as Citation[] }))} />
        </fieldset>
        <Problems id={`${id}-citations-problem`} lines={problemOf('citations')} />
        <Problems id={`${id}-other-problem`} lines={byField.get('other') ?? []} />

        <p className="draft-status muted" data-testid="draft-status" aria-live="polite">
          {snapshot.error ? (
            <span className="field-problem">Not saved: {snapshot.error}</span>
          ) : snapshot.unsaved ? (
            'Saving…'
          ) : snapshot.savedAt ? (
            `Saved on this workstation only, ${formatUtcTimestamp(snapshot.savedAt)}.`
          ) : (
            'Nothing saved yet.'
          )}
        </p>

        <div className="draft-actions">
          <button type="button" className="primary" data-testid="seal-button" disabled={sealBlocked !== null} aria-describedby={`${id}-seal-state`} onClick={() => setSealOpen(true)}>
            {resealing ? 'Seal again…' : 'Seal assessment…'}
          </button>
          {onCancel && (
            <button type="button" onClick={onCancel}>
              Keep my sealed assessment
            </button>
          )}
          {confirmDiscard ? (
            <span className="confirm-inline" role="group" aria-label="Discard the draft?">
              Discard this draft?{' '}
              <button
                type="button"
                data-testid="discard-confirm"
                disabled={discard.busy !== undefined}
                onClick={() => void discard.run('discard', () => store.discard()).then((ok) => ok && (setConfirmDiscard(false), desk.reload()))}
              >
                Discard
              </button>{' '}
              <button type="button" onClick={() => setConfirmDiscard(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button type="button" data-testid="discard-draft" disabled={snapshot.savedAt === null && !snapshot.unsaved} onClick={() => setConfirmDiscard(true)}>
              Discard draft
            </button>
          )}
        </div>
        <p id={`${id}-seal-state`} className="muted">
          {sealBlocked ?? (resealing ? 'Ready to seal again.' : 'Ready to seal.')}
        </p>
        {sealBlocked === KEY_LOCKED && <NeedsKey keys={desk.keys} action="seal" />}
        {discard.error && (
          <p className="field-problem" role="alert">
            {discard.error}
          </p>
        )}
      </form>
      {sealOpen && <SealDialog store={store} incident={incident} resealing={resealing} nameOf={nameOf} onClose={() => setSealOpen(false)} />}
    </>
  );
}

function Problems({ id, lines }: { readonly id: string; readonly lines: readonly string[] }): ReactNode {
  if (lines.length === 0) return null;
  return (
    <ul id={id} className="field-problems">
      {lines.map((line) => (
        <li key={line} className="field-problem">
          {line}
        </li>
      ))}
    </ul>
  );
}
