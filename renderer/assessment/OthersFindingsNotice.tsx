import type { IncidentDetail } from '../../shared/commission/views';
import { emitAppEvent } from '../app/app-events';
import { useDesk } from './desk-context';
import { useAction } from './use-action';

/** Independence: others' findings stay off the screen until the delegation has sealed, unless it chooses to look, which is recorded. */
export function OthersFindingsNotice({ incident, round }: { readonly incident: IncidentDetail; readonly round: number }) {
  const desk = useDesk();
  const look = useAction();
  const show = () =>
    void look
      .run('look', () => desk.api.showOthersFindings(incident.id, round))
      .then((ok) => {
        if (!ok) return;
        emitAppEvent('others-findings-shown', incident.number);
        desk.reload();
      });
  return (
    <div className="others-hidden" data-testid="others-findings-hidden">
      <p>Other delegations' findings are not shown until you seal your assessment, so that yours is reached independently.</p>
      <button type="button" data-testid="show-others-findings" disabled={look.busy !== undefined} onClick={show}>
        Show others' findings
      </button>
      <p className="muted field-hint">Looking is recorded on this workstation as looked before sealing.</p>
      {look.error && (
        <p className="field-problem" role="alert">
          {look.error}
        </p>
      )}
    </div>
  );
}
