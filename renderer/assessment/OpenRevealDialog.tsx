import { useState, type FormEvent } from 'react';
import type { ChairRoundView } from '../../shared/commission/participation';
import type { IncidentDetail } from '../../shared/commission/views';
import { emitAppEvent } from '../app/app-events';
import { ModalDialog } from '../app/ModalDialog';
import { formatUtcTimestamp } from '../incidents/incident-format';
import { useDesk } from './desk-context';
import { useAction } from './use-action';
import { timestampOfUtcInput } from './utc-datetime';

export interface OpenRevealDialogProps {
  readonly incident: IncidentDetail;
  readonly round: number;
  readonly chair: ChairRoundView;
  readonly onClose: () => void;
}

/** The chair's phase: the commitments it lists, and optional deadlines, entered and sent in UTC. */
export function OpenRevealDialog({ incident, round, chair, onClose }: OpenRevealDialogProps) {
  const desk = useDesk();
  const nameOf = (member: string) => desk.commission?.members.find((m) => m.id === member)?.name ?? member;
  const [revealText, setRevealText] = useState('');
  const [silenceText, setSilenceText] = useState('');
  const open = useAction();
  const reveal = timestampOfUtcInput(revealText);
  const silence = timestampOfUtcInput(silenceText);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reveal.ok || !silence.ok) return;
    void open
      .run('open-reveal', () => desk.api.openReveal(incident.id, round, { revealDeadline: reveal.timestamp, silenceDeadline: silence.timestamp }))
      .then((ok) => {
        if (!ok) return;
        emitAppEvent('reveal-opened', incident.number);
        desk.reload();
        onClose();
      });
  };

  return (
    <ModalDialog title={`Open the reveal of ${incident.number}, round ${round}`} onClose={onClose} testId="open-reveal-dialog" className="open-reveal-dialog">
      <form onSubmit={submit}>
        <p>The reveal lists the latest commitment of each delegation below. A delegation that has not sealed by now cannot vote in this round; the listed ones can reveal only what they sealed.</p>
        <ul className="commitments-list" aria-label="Commitments the reveal lists">
          {chair.commitmentsReceived.map((c) => (
            <li key={c.commitment}>
              {nameOf(c.member)} <span className="muted">sealed {formatUtcTimestamp(c.created)}</span>
            </li>
          ))}
        </ul>
        <p className="muted">Deadlines are optional and in UTC (Coordinated Universal Time), not this computer's time zone.</p>
        <label className="field">
          <span>Reveal deadline (UTC)</span>
          <input type="datetime-local" value={revealText} data-testid="reveal-deadline" data-autofocus aria-invalid={!reveal.ok} onChange={(e) => setRevealText(e.target.value)} />
        </label>
        {!reveal.ok && <p className="field-problem">{reveal.message}</p>}
        <label className="field">
          <span>Silence deadline (UTC)</span>
          <input type="datetime-local" value={silenceText} data-testid="silence-deadline" aria-invalid={!silence.ok} onChange={(e) => setSilenceText(e.target.value)} />
        </label>
        {!silence.ok && <p className="field-problem">{silence.message}</p>}
        <p className="muted field-hint">Silence procedure, where the commission's rule has one: a voting member that has not revealed by this time counts as not objecting.</p>
        {open.error && (
          <p className="field-problem" role="alert" data-testid="open-reveal-error">
            {open.error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="open-reveal-confirm" disabled={!reveal.ok || !silence.ok || open.busy !== undefined}>
            {open.busy ? 'Opening…' : `Open the reveal (${chair.commitmentsReceived.length} commitment${chair.commitmentsReceived.length === 1 ? '' : 's'})`}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
