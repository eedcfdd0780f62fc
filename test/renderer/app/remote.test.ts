import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../shared/ipc/contract';
import { readableError } from '../../../renderer/app/remote';

describe('readable API errors', () => {
  it('shows the message of a coded error as it came', () => {
    expect(readableError(new NotFoundError('incident 0123abcd… is not a verified incident of this store'))).toBe('incident 0123abcd… is not a verified incident of this store');
  });

  it('keeps to one line', () => {
    expect(readableError(new Error('the store is locked\n    at open (store.ts:1)'))).toBe('the store is locked');
  });

  it('says something when there is no message', () => {
    expect(readableError(new Error(''))).toBe('the local service gave no reason');
  });
});
