import type { IncidentSummary } from '../../shared/commission/views';

export interface VerificationBadgeProps {
  readonly evidence: IncidentSummary['evidence'];
}

/** Every listed incident passed signature and hash checks (the queue lists no other); the badge says how much of its evidence is here. */
export function VerificationBadge({ evidence }: VerificationBadgeProps) {
  const missing = evidence.listed - evidence.present;
  const title =
    `Signature verified against the commission roster; evidence SHA-256 checked: ` + `${evidence.present} of ${evidence.listed} listed files present${missing > 0 ? `, ${missing} missing` : ''}`;
  return (
    <span className={`verification-badge${missing > 0 ? ' partial' : ''}`} title={title} data-testid="verification">
      ✓ verified · evidence {evidence.present}/{evidence.listed}
      {missing > 0 && ` · ${missing} missing`}
    </span>
  );
}
