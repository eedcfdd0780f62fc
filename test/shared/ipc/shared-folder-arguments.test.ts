import { describe, expect, it } from 'vitest';
import { ARGUMENT_VALIDATORS } from '../../../shared/ipc/contract';
import { MAX_SHARED_FOLDER_PATH } from '../../../shared/sync/shared-folder';

const invalid = expect.objectContaining({ code: 'invalid-arguments' }) as Error;

describe('arguments of the shared folder operations', () => {
  it('attaches a folder by the full path the user typed, or null for a native dialog', () => {
    for (const path of ['/srv/commission', '/home/fra/Sync/Truceline commission', 'C:\\Users\\fra\\Sync', 'D:/Sync', '\\\\nas\\commission', `/${'a'.repeat(MAX_SHARED_FOLDER_PATH - 1)}`]) {
      expect(ARGUMENT_VALIDATORS.attachSharedFolder([path])).toEqual([path]);
    }
    expect(ARGUMENT_VALIDATORS.attachSharedFolder([null])).toEqual([null]);
  });

  it('refuses a relative path, control characters, an overlong path and anything that is not one string or null', () => {
    expect(() => ARGUMENT_VALIDATORS.attachSharedFolder(['Sync/commission'])).toThrow(/full path/);
    expect(() => ARGUMENT_VALIDATORS.attachSharedFolder(['../../etc'])).toThrow(/full path/);
    expect(() => ARGUMENT_VALIDATORS.attachSharedFolder(['/srv/a\u0000b'])).toThrow(/control characters/);
    expect(() => ARGUMENT_VALIDATORS.attachSharedFolder(['/srv/a\nb'])).toThrow(/control characters/);
    expect(() => ARGUMENT_VALIDATORS.attachSharedFolder([`/${'a'.repeat(MAX_SHARED_FOLDER_PATH)}`])).toThrow(/at most 4096 characters/);
    for (const bad of [[], [''], [42], [['/srv']], [{ path: '/srv' }], ['/srv', '/tmp'], [undefined]]) expect(() => ARGUMENT_VALIDATORS.attachSharedFolder(bad)).toThrow(invalid);
  });

  it('detaches with no arguments', () => {
    expect(ARGUMENT_VALIDATORS.detachSharedFolder([])).toEqual([]);
    expect(() => ARGUMENT_VALIDATORS.detachSharedFolder(['/srv/commission'])).toThrow(invalid);
  });
});
