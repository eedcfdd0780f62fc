import { describe, expect, it } from 'vitest';
import type { KeyId, MemberId, Timestamp } from '../../../shared/objects/types';
import { canSign, keyStatusLabel } from '../../../renderer/keys/key-status-label';

const FRA = 'FRA' as MemberId;
const KEYID = 'k'.repeat(64) as KeyId;

describe('the key status line', () => {
  it('names the delegation and whether its key is locked', () => {
    expect(keyStatusLabel({ state: 'locked', member: FRA, keyid: KEYID, lockedBy: 'never-unlocked' })).toBe('Key: FRA · locked');
    expect(keyStatusLabel({ state: 'locked', member: FRA, keyid: KEYID, lockedBy: 'idle' })).toBe('Key: FRA · locked after idle time');
  });

  it('says when an unlocked key locks itself, in UTC', () => {
    expect(keyStatusLabel({ state: 'unlocked', member: FRA, keyid: KEYID, locksAt: '2026-11-20T14:05:00Z' as Timestamp })).toBe('Key: FRA · unlocked · locks at 14:05 UTC');
  });

  it('says when there is no key at all', () => {
    expect(keyStatusLabel({ state: 'no-key', member: null })).toBe('No key');
    expect(keyStatusLabel({ state: 'no-key', member: FRA })).toBe('No key for FRA');
  });

  it('lets signing go ahead only with an unlocked key', () => {
    expect(canSign(undefined)).toBe(false);
    expect(canSign({ state: 'locked', member: FRA, keyid: KEYID, lockedBy: 'user' })).toBe(false);
    expect(canSign({ state: 'unlocked', member: FRA, keyid: KEYID, locksAt: '2026-11-20T14:05:00Z' as Timestamp })).toBe(true);
  });
});
