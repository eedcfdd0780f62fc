import { describe, expect, it } from 'vitest';
import { CliError } from '../../../main/cli/cli-error';
import { resolveIncident, type IncidentCandidate } from '../../../main/cli/resolve-incident';
import type { ObjectId } from '../../../shared/objects/types';

const id = (prefix: string) => prefix.padEnd(64, '0') as ObjectId;
const A = { id: id('ab1'), number: 'INC-2026-000001' };
const B = { id: id('ab2'), number: 'INC-2026-000002' };
const B2 = { id: id('c1'), number: 'INC-2026-000002', supersedes: B.id };
const B3 = { id: id('c2'), number: 'INC-2026-000002', supersedes: B2.id };
const B4 = { id: id('d1'), number: 'INC-2026-000002', supersedes: B.id };

function usage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(1);
    return (error as CliError).message;
  }
  throw new Error('expected a usage error');
}

describe('resolveIncident', () => {
  const all: IncidentCandidate[] = [A, B, B2];

  it('takes a whole id, a unique prefix, or an incident number', () => {
    expect(resolveIncident(A.id, all, 'in the packs')).toBe(A.id);
    expect(resolveIncident('ab1', all, 'in the packs')).toBe(A.id);
    expect(resolveIncident('INC-2026-000001', all, 'in the packs')).toBe(A.id);
  });

  it('refuses an ambiguous prefix, saying how many matched', () => {
    expect(usage(() => resolveIncident('ab', all, 'in the packs'))).toBe('incident ab: matches 2 incidents in the packs; give more of the object id');
  });

  it('resolves a number several versions carry to the one no other supersedes', () => {
    expect(resolveIncident('INC-2026-000002', all, 'in the packs')).toBe(B2.id);
    expect(resolveIncident('INC-2026-000002', [B3, B, B2], 'in the packs')).toBe(B3.id);
    expect(usage(() => resolveIncident('INC-2026-000002', [B, B2, B4], 'in the store'))).toBe(
      'incident INC-2026-000002: 3 incident statements in the store carry that number and 2 of them are superseded by none; give the object id',
    );
  });

  it('names nothing else', () => {
    expect(usage(() => resolveIncident('INC-2026-000009', all, 'in the packs'))).toBe('incident INC-2026-000009: no verified incident in the packs has that id or number');
    expect(usage(() => resolveIncident(id('ee'), all, 'in the packs'))).toMatch(/no verified incident/);
    expect(resolveIncident(id('ee'), all, 'in the packs', { acceptAbsentId: true })).toBe(id('ee'));
    expect(usage(() => resolveIncident('ee', [], 'in the packs', { acceptAbsentId: true }))).toMatch(/no verified incident/);
  });
});
