import type { StoreAuditStatus } from '../../shared/commission/views';

/** "1,204 of 4,380 objects, 12.0 of 88.5 MB of evidence" */
export function describeAuditProgress(status: StoreAuditStatus): string {
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  const { objects, chunkBytes } = status;
  return `${objects.checked.toLocaleString('en')} of ${objects.total.toLocaleString('en')} objects, ${mb(chunkBytes.checked)} of ${mb(chunkBytes.total)} MB of evidence`;
}

export function auditFraction(status: StoreAuditStatus): number {
  const { objects, chunkBytes } = status;
  // Objects and evidence bytes weigh alike: an audit of a store that is mostly evidence moves with its bytes.
  const parts = [objects.total > 0 ? objects.checked / objects.total : 1, chunkBytes.total > 0 ? chunkBytes.checked / chunkBytes.total : 1];
  return (parts[0]! + parts[1]!) / 2;
}

/** One line: what the audit concluded, loud when anything failed. */
export function auditVerdict(status: StoreAuditStatus): string {
  switch (status.state) {
    case 'idle':
      return 'No audit has run since the workstation started.';
    case 'running':
      return 'Auditing…';
    case 'failed':
      return `The audit could not run: ${status.error ?? 'unknown reason'}`;
    case 'done':
      return status.findingCount === 0
        ? `Every stored byte verified: ${status.objects.total.toLocaleString('en')} objects, no mismatch.`
        : `${status.findingCount.toLocaleString('en')} stored object(s) FAIL verification: the store has been altered or damaged. Import the named objects again from a trusted pack.`;
    default: {
      const unreachable: never = status.state;
      return unreachable;
    }
  }
}
