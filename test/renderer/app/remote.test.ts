import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/ipc/contract';
import { readableError } from '../../../renderer/app/remote';

describe('readable API errors', () => {
  it('drops the operation name the main process puts in front', () => {
    expect(readableError(new ApiError('internal', 'getCommission: no commission roster is installed yet'))).toBe(
      'no commission roster is installed yet',
    );
  });

  it('keeps a message that does not start with an operation', () => {
    expect(readableError(new Error('roster: expired'))).toBe('roster: expired');
  });

  it('keeps to one line', () => {
    expect(readableError(new Error('listIncidents: the store is locked\n    at open (store.ts:1)'))).toBe('the store is locked');
  });

  it('says something when there is no message', () => {
    expect(readableError(new Error(''))).toBe('the local service gave no reason');
  });
});
