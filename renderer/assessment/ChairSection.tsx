import { useState } from 'react';
import type { CertificateReceipt } from '../../shared/ipc/contract';
import type { ChairRoundView, MyRoundView } from '../../shared/commission/participation';
import type { IncidentDetail } from '../../shared/commission/views';
import { emitAppEvent } from '../app/app-events';
import { formatUtcTimestamp } from '../incidents/incident-format';
import { canSign } from '../keys/key-status-label';
import { useDesk } from './desk-context';
import { NeedsKey } from './NeedsKey';
import { OpenRevealDialog } from './OpenRevealDialog';
import { outboxFilePath } from './outbox-path';
import { newRoundLine } from './step-text';
import { useAction } from './use-action';

export interface ChairSectionProps {
  readonly incident: IncidentDetail;
  readonly view: MyRoundView;
  readonly chair: ChairRoundView;
}

/** The chair's round: the commitments received, opening the reveal, closing the round, exporting its certificate. */
export function ChairSection({ incident, view, chair }: ChairSectionProps) {
  const desk = useDesk();
  const nameOf = (member: string) => desk.commission?.members.find((m) => m.id === member)?.name ?? member;
  const [openDialog, setOpenDialog] = useState(false);
  const [certificate, setCertificate] = useState<CertificateReceipt>();
  const action = useAction();
  const signs = canSign(desk.keys.status);
  const { phase } = view;
  const opened = newRoundLine(view, incident.rounds);

  const close = () =>
    void action
      .run('close', () => desk.api.closeRound(incident.id, view.round))
      .then((ok) => {
        if (!ok) return;
        emitAppEvent('round-closed', incident.number);
        desk.reload();
      });
  const exportCertificate = () =>
    void action.run('export', async () => {
      setCertificate(await desk.api.exportCertificate(incident.id, view.round));
      emitAppEvent('certificate-exported', incident.number);
    });

  return (
    <section className="detail-section chair" aria-labelledby="chair-title" data-testid="chair-round" data-round={view.round}>
      <h3 id="chair-title">Chair — round {view.round}</h3>
      {opened && (
        <p className="step-line" data-testid="round-opened">
          {opened}
        </p>
      )}
      <h4>Commitments received</h4>
      {chair.commitmentsReceived.length === 0 ? (
        <p className="muted">No delegation has sealed an assessment yet.</p>
      ) : (
        <ul className="commitments-list" data-testid="commitments-received">
          {chair.commitmentsReceived.map((c) => (
            <li key={c.commitment} data-member={c.member}>
              {nameOf(c.member)} <span className="muted">sealed {formatUtcTimestamp(c.created)}</span>
            </li>
          ))}
        </ul>
      )}
      {phase && (
        <p data-testid="phase-line">
          Reveal opened {formatUtcTimestamp(phase.created)}, listing {phase.commitments} commitment{phase.commitments === 1 ? '' : 's'}
          {phase.revealDeadline ? `; reveal deadline ${formatUtcTimestamp(phase.revealDeadline)}` : ''}
          {phase.silenceDeadline ? `; silence deadline ${formatUtcTimestamp(phase.silenceDeadline)}` : ''}.
        </p>
      )}
      <div className="assessment-actions">
        {!phase && !chair.closed && (
          <button type="button" className="primary" data-testid="open-reveal-button" disabled={!chair.canOpenReveal || !signs || action.busy !== undefined} onClick={() => setOpenDialog(true)}>
            Open the reveal…
          </button>
        )}
        {phase && !chair.closed && (
          <button type="button" className="primary" data-testid="close-round-button" disabled={!chair.canClose || !signs || action.busy !== undefined} onClick={close}>
            {action.busy === 'close' ? 'Closing…' : 'Close the round'}
          </button>
        )}
        <button type="button" data-testid="export-certificate-button" disabled={action.busy !== undefined} onClick={exportCertificate}>
          {action.busy === 'export' ? 'Exporting…' : 'Export certificate'}
        </button>
      </div>
      {chair.closed && <p data-testid="round-closed">Round {view.round} is closed: its closing record is signed.</p>}
      {!chair.closed && chair.closeBlocked !== null && (
        <p className="muted" data-testid="close-blocked">
          Cannot close yet: {chair.closeBlocked}
        </p>
      )}
      {!phase && !chair.closed && !chair.canOpenReveal && chair.commitmentsReceived.length === 0 && <p className="muted">The reveal can open once a delegation has sealed.</p>}
      {(chair.canOpenReveal || chair.canClose) && <NeedsKey keys={desk.keys} action={phase ? 'close the round' : 'open the reveal'} />}
      {action.error && (
        <p className="field-problem" role="alert" data-testid="chair-error">
          {action.error}
        </p>
      )}
      {certificate && (
        <p data-testid="certificate-written" role="status">
          Written to <code>{outboxFilePath(certificate.outbox, certificate.file)}</code> ({certificate.objects} objects;{' '}
          {certificate.closed ? 'final: it carries the closing record' : 'provisional: the round has no closing record yet'}).
        </p>
      )}
      {openDialog && <OpenRevealDialog incident={incident} round={view.round} chair={chair} onClose={() => setOpenDialog(false)} />}
    </section>
  );
}
