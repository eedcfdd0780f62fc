import { describe, expect, it } from 'vitest';
import type { StoreAuditStatus } from '../../../shared/commission/views';
import { auditFraction, auditVerdict, describeAuditProgress } from '../../../renderer/audit/audit-format';

const base: StoreAuditStatus = {
  revision: 3,
  state: 'running',
  startedAt: '2026-11-30T06:00:00Z',
  finishedAt: null,
  objects: { checked: 1204, total: 4380 },
  chunkBytes: { checked: 12_000_000, total: 88_500_000 },
  findings: [],
  findingCount: 0,
  error: null,
};

describe('audit format', () => {
  it('describes progress in objects and evidence bytes', () => {
    expect(describeAuditProgress(base)).toBe('1,204 of 4,380 objects, 12.0 of 88.5 MB of evidence');
    expect(auditFraction(base)).toBeCloseTo((1204 / 4380 + 12 / 88.5) / 2);
    expect(auditFraction({ ...base, objects: { checked: 0, total: 0 }, chunkBytes: { checked: 0, total: 0 } })).toBe(1);
  });

  it('says loudly when anything fails, and plainly when nothing does', () => {
    expect(auditVerdict({ ...base, state: 'done', objects: { checked: 4380, total: 4380 } })).toBe('Every stored byte verified: 4,380 objects, no mismatch.');
    expect(auditVerdict({ ...base, state: 'done', findingCount: 2 })).toMatch(/^2 stored object\(s\) FAIL verification/);
    expect(auditVerdict({ ...base, state: 'failed', error: 'the store trusts no roster yet' })).toBe('The audit could not run: the store trusts no roster yet');
    expect(auditVerdict({ ...base, state: 'idle' })).toMatch(/No audit has run/);
  });
});
