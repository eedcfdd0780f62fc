import { useEffect, useState } from 'react';
import type { MyRoundView } from '../../shared/commission/participation';
import type { IncidentDetail } from '../../shared/commission/views';
import { exhaustive } from '../../shared/tally/exhaustive';
import { emitAppEvent } from '../app/app-events';
import { canSign } from '../keys/key-status-label';
import { useDesk } from './desk-context';
import { DraftForm } from './DraftForm';
import { NeedsKey } from './NeedsKey';
import { newRoundLine, RESEAL_MEANING, stepLine } from './step-text';
import { useAction } from './use-action';
import { useDraftStore } from './use-draft-store';
import type { DraftStore } from './draft-store';

export interface AssessmentSectionProps {
  readonly incident: IncidentDetail;
  readonly view: MyRoundView;
}

/** The acting delegation's own round: draft and seal, reveal, or why it cannot (never shown in the session window). */
export function AssessmentSection({ incident, view }: AssessmentSectionProps) {
  const desk = useDesk();
  // The draft stays open while the delegation may still edit it: before sealing, and to seal again before the reveal.
  const editable = view.step === 'draft' || view.step === 'committed';
  const store = useDraftStore(desk.api, editable ? incident.id : undefined, view.round, `${view.step} ${view.commitments.length}`);
  if (view.step === 'not-an-assessor') return null;
  const opened = newRoundLine(view, incident.rounds);
  return (
    <section className="detail-section assessment" aria-labelledby="assessment-title" data-testid="assessment" data-step={view.step} data-round={view.round}>
      <h3 id="assessment-title">Your assessment — round {view.round}</h3>
      {opened && (
        <p className="muted" data-testid="round-opened">
          {opened}
        </p>
      )}
      <p className={`step-line step-${view.step}`} data-testid="assessment-step" role={view.step === 'excluded' ? 'note' : undefined}>
        {stepLine(view)}
      </p>
      <StepBody incident={incident} view={view} store={store} />
    </section>
  );
}

function StepBody({ incident, view, store }: AssessmentSectionProps & { readonly store: DraftStore | undefined }) {
  switch (view.step) {
    case 'draft':
      return <Draft incident={incident} store={store} resealing={false} />;
    case 'committed':
      return <Committed incident={incident} store={store} />;
    case 'reveal':
      return <Reveal incident={incident} view={view} />;
    case 'reveal-elsewhere':
    case 'revealed':
    case 'excluded':
    case 'not-an-assessor':
      return null;
    default:
      return exhaustive(view.step, null);
  }
}

interface DraftProps {
  readonly incident: IncidentDetail;
  readonly store: DraftStore | undefined;
  readonly resealing: boolean;
  readonly onCancel?: () => void;
}

function Draft({ incident, store, resealing, onCancel }: DraftProps) {
  if (store === undefined) return <p className="loading">Opening your draft…</p>;
  return <DraftForm store={store} incident={incident} resealing={resealing} {...(onCancel ? { onCancel } : {})} />;
}

function Committed({ incident, store }: { readonly incident: IncidentDetail; readonly store: DraftStore | undefined }) {
  const [changing, setChanging] = useState(false);
  // A new seal (the step stays 'committed') closes the form again.
  const sealed = incident.participation?.commitments.length;
  useEffect(() => setChanging(false), [sealed]);
  if (changing)
    return (
      <>
        <p className="muted">{RESEAL_MEANING}</p>
        <Draft incident={incident} store={store} resealing onCancel={() => setChanging(false)} />
      </>
    );
  return (
    <>
      <div className="assessment-actions">
        <button type="button" data-testid="change-and-reseal" onClick={() => setChanging(true)}>
          Change and seal again
        </button>
      </div>
      <p className="muted">Until the chair opens the reveal you may change your assessment and seal it again: the new commitment supersedes this one.</p>
      <RevealPreference />
    </>
  );
}

function Reveal({ incident, view }: AssessmentSectionProps) {
  const desk = useDesk();
  const reveal = useAction();
  const go = () =>
    void reveal
      .run('reveal', () => desk.api.revealAssessment(incident.id, view.round))
      .then((ok) => {
        if (!ok) return;
        emitAppEvent('assessment-revealed', incident.number);
        desk.reload();
      });
  return (
    <>
      <div className="assessment-actions">
        <button type="button" className="primary prominent" data-testid="reveal-button" disabled={!canSign(desk.keys.status) || reveal.busy !== undefined} onClick={go}>
          {reveal.busy ? 'Revealing…' : 'Reveal my assessment'}
        </button>
      </div>
      <NeedsKey keys={desk.keys} action="reveal" />
      {reveal.error && (
        <p className="field-problem" role="alert" data-testid="reveal-error">
          {reveal.error}
        </p>
      )}
      <RevealPreference />
    </>
  );
}

/** "Reveal as soon as the chair opens the reveal": a setting of this workstation, used while the key is unlocked. */
function RevealPreference() {
  const desk = useDesk();
  const save = useAction();
  const { preferences } = desk;
  if (preferences === undefined) return null;
  const change = (revealAutomatically: boolean) =>
    void save
      .run('preferences', () => desk.api.setPreferences({ ...preferences, revealAutomatically }))
      .then((ok) => {
        if (!ok) return;
        emitAppEvent('preferences-saved');
        desk.reload();
      });
  return (
    <div className="reveal-preference">
      <label>
        <input type="checkbox" data-testid="reveal-automatically" checked={preferences.revealAutomatically} disabled={save.busy !== undefined} onChange={(e) => change(e.target.checked)} />
        Reveal as soon as the chair opens the reveal
      </label>
      <p className="muted field-hint">This workstation reveals for you while your key is unlocked; a locked key waits for you.</p>
      {save.error && (
        <p className="field-problem" role="alert">
          {save.error}
        </p>
      )}
    </div>
  );
}
