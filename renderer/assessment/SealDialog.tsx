import type { FormEvent } from 'react';
import type { IncidentDetail } from '../../shared/commission/views';
import type { MemberId } from '../../shared/objects/types';
import { emitAppEvent } from '../app/app-events';
import { ModalDialog } from '../app/ModalDialog';
import { categoryLabel } from '../incidents/incident-format';
import { FINDING_LABELS } from '../incidents/outcome-style';
import { useDesk } from './desk-context';
import type { DraftStore } from './draft-store';
import { RESEAL_MEANING, SEAL_MEANING } from './step-text';
import { useAction } from './use-action';
import { useDraftSnapshot } from './use-draft-store';

export interface SealDialogProps {
  readonly store: DraftStore;
  readonly incident: IncidentDetail;
  readonly resealing: boolean;
  readonly nameOf: (member: MemberId) => string;
  readonly onClose: () => void;
}

/** Says what sealing means, shows what is sealed, and signs the commitment on confirmation. */
export function SealDialog({ store, incident, resealing, nameOf, onClose }: SealDialogProps) {
  const desk = useDesk();
  const { draft } = useDraftSnapshot(store);
  const seal = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void seal
      .run('seal', async () => {
        const problems = await store.flush();
        if (problems === null) throw new Error(store.snapshot().error ?? 'the draft could not be saved');
        if (problems.length > 0) throw new Error(`the draft cannot be sealed yet: ${problems[0]!.message}`);
        await desk.api.commitAssessment(store.incident, store.round);
      })
      .then((sealed) => {
        if (!sealed) return;
        emitAppEvent('assessment-committed', incident.number);
        desk.reload();
        onClose();
      });
  };

  return (
    <ModalDialog title={resealing ? 'Seal your assessment again' : 'Seal your assessment'} onClose={onClose} testId="seal-dialog" className="seal-dialog">
      <form onSubmit={submit}>
        <p className="seal-meaning" data-testid="seal-meaning">
          {SEAL_MEANING}
        </p>
        {resealing && <p className="seal-meaning">{RESEAL_MEANING}</p>}
        <dl className="facts seal-summary">
          <dt>Incident</dt>
          <dd>
            {incident.number}, round {store.round}
          </dd>
          <dt>Finding</dt>
          <dd>{draft.finding ? FINDING_LABELS[draft.finding] : '—'}</dd>
          {draft.finding === 'violation' && (
            <>
              <dt>Attribution</dt>
              <dd>{draft.attribution === 'undetermined' ? 'undetermined' : nameOf(draft.attribution)}</dd>
            </>
          )}
          <dt>Confidence</dt>
          <dd>{draft.confidence === null ? '—' : `${draft.confidence} %`}</dd>
          <dt>Categories</dt>
          <dd>{draft.categories.length === 0 ? 'none' : draft.categories.map(categoryLabel).join(', ')}</dd>
          <dt>Citations</dt>
          <dd>{draft.citations.length === 0 ? 'none' : `${draft.citations.length} chunk${draft.citations.length === 1 ? '' : 's'}`}</dd>
        </dl>
        {seal.error && (
          <p className="field-problem" role="alert" data-testid="seal-error">
            {seal.error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="seal-confirm" disabled={seal.busy !== undefined}>
            {seal.busy ? 'Sealing…' : resealing ? 'Seal again' : 'Seal'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
