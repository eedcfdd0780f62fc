import type { IncidentDetail as IncidentDetailView } from '../../shared/commission/views';
import type { MemberId } from '../../shared/objects/types';
import { AssessmentSection } from '../assessment/AssessmentSection';
import { ChairSection } from '../assessment/ChairSection';
import { OthersFindingsNotice } from '../assessment/OthersFindingsNotice';
import { formatLonLat } from '../map/format-coordinates';
import { EarlierRounds } from './EarlierRounds';
import { EvidenceTable } from './EvidenceTable';
import { categoryLabel, formatDuration, formatKmAlongLine, formatUncertainty, formatUtcTimestamp, formatUtcWindow } from './incident-format';
import { ObservationsTable } from './ObservationsTable';
import { FinalityBadge } from './FinalityBadge';
import { FinalityLine } from './FinalityLine';
import { OutcomeBadge } from './OutcomeBadge';
import type { NameOf } from './outcome-style';
import { TallySection } from './TallySection';
import { VerificationBadge } from './VerificationBadge';

export interface IncidentDetailProps {
  readonly incident: IncidentDetailView;
  readonly actingAs: MemberId | undefined;
  readonly nameOf: NameOf;
}

export function IncidentDetail({ incident, actingAs, nameOf }: IncidentDetailProps) {
  const { participation } = incident;
  return (
    <article className="incident-detail" aria-labelledby="incident-detail-title" data-incident={incident.number}>
      <h2 id="incident-detail-title">
        {incident.number} <span className="incident-category">{categoryLabel(incident.category)}</span>
      </h2>
      <div className="detail-badges">
        <OutcomeBadge outcome={incident.outcome} nameOf={nameOf} />
        <FinalityBadge finality={incident.finality} nameOf={nameOf} />
        <VerificationBadge evidence={incident.evidence} />
      </div>
      {incident.storeMismatch !== null && (
        <p className="error-line" role="alert" data-testid="store-mismatch">
          Verified again from the stored objects, this incident does not match what the queue shows: {incident.storeMismatch}
        </p>
      )}
      <FinalityLine finality={incident.finality} nameOf={nameOf} />
      <p className="incident-summary">{incident.summary}</p>
      <dl className="facts">
        <dt>Window</dt>
        <dd>
          {formatUtcWindow(incident.windowStart, incident.windowEnd)} ({formatDuration(incident.windowStart, incident.windowEnd)})
        </dd>
        <dt>Location</dt>
        <dd>
          {formatLonLat([incident.lon, incident.lat])}, {formatUncertainty(incident.uncertaintyM)}
        </dd>
        <dt>Along the line</dt>
        <dd>{formatKmAlongLine(incident.chainageKm)}</dd>
        <dt>Reported by</dt>
        <dd>
          {nameOf(incident.producer)}, signed {formatUtcTimestamp(incident.created)}
        </dd>
      </dl>
      <section className="detail-section" aria-labelledby="observations-title">
        <h3 id="observations-title">Observations</h3>
        <ObservationsTable observations={incident.observations} />
      </section>
      <section className="detail-section" aria-labelledby="evidence-title">
        <h3 id="evidence-title">Evidence</h3>
        <EvidenceTable evidence={incident.evidenceList} />
      </section>
      {participation && <AssessmentSection incident={incident} view={participation} />}
      {participation?.chair && <ChairSection incident={incident} view={participation} chair={participation.chair} />}
      <TallySection
        tally={incident.tally}
        finality={incident.finality}
        actingAs={actingAs}
        nameOf={nameOf}
        othersFindingsVisible={participation?.othersFindingsVisible ?? true}
        showOthers={participation && <OthersFindingsNotice incident={incident} round={participation.round} />}
      />
      <EarlierRounds rounds={incident.rounds} nameOf={nameOf} />
    </article>
  );
}
