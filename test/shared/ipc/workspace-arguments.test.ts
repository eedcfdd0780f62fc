import { describe, expect, it } from 'vitest';
import { ARGUMENT_VALIDATORS } from '../../../shared/ipc/contract';

const ROSTER_ID = 'ab'.repeat(32);

describe('arguments of the commission operations', () => {
  it('takes a roster file as padded base64 of at most 8 MiB', () => {
    expect(ARGUMENT_VALIDATORS.inspectRosterPack(['eyJ9'])).toEqual(['eyJ9']);
    for (const bad of [[''], ['eyJ'], ['ey J9'], ['eyJ9\n'], [42], [], ['eyJ9', 'eyJ9'], ['A'.repeat(4 * Math.ceil((8 * 1024 * 1024 + 1) / 3))]]) {
      expect(() => ARGUMENT_VALIDATORS.inspectRosterPack(bad)).toThrow(expect.objectContaining({ code: 'invalid-arguments' }) as Error);
    }
  });

  it('joins with the file, the roster id that was compared and a member id', () => {
    expect(ARGUMENT_VALIDATORS.joinCommission(['eyJ9', ROSTER_ID, 'FRA'])).toEqual(['eyJ9', ROSTER_ID, 'FRA']);
    expect(() => ARGUMENT_VALIDATORS.joinCommission(['eyJ9', ROSTER_ID.toUpperCase(), 'FRA'])).toThrow(/roster id must be 64 lowercase hex/);
    expect(() => ARGUMENT_VALIDATORS.joinCommission(['eyJ9', ROSTER_ID, 'fra'])).toThrow(/member id/);
    expect(() => ARGUMENT_VALIDATORS.joinCommission(['eyJ9', ROSTER_ID])).toThrow(/expected 3 arguments/);
  });

  it('switches to the demo or to a roster id, nothing else', () => {
    expect(ARGUMENT_VALIDATORS.useWorkspace(['demo'])).toEqual(['demo']);
    expect(ARGUMENT_VALIDATORS.useWorkspace([ROSTER_ID])).toEqual([ROSTER_ID]);
    for (const bad of [['../demo'], ['DEMO'], [null], []]) expect(() => ARGUMENT_VALIDATORS.useWorkspace(bad)).toThrow(expect.objectContaining({ code: 'invalid-arguments' }) as Error);
  });

  it('takes a key file of at most 16 KiB and a passphrase it never echoes', () => {
    expect(ARGUMENT_VALIDATORS.importKeyFile(['eyJ9', 'secret words'])).toEqual(['eyJ9', 'secret words']);
    expect(() => ARGUMENT_VALIDATORS.importKeyFile(['A'.repeat(4 * Math.ceil((16 * 1024 + 1) / 3)), 'secret words'])).toThrow(/larger than 16 KiB/);
    const refusal = (() => {
      try {
        ARGUMENT_VALIDATORS.generateKey(['x'.repeat(2000)]);
      } catch (error) {
        return error as Error;
      }
    })();
    expect(refusal?.message).toMatch(/passphrase must be text/);
    expect(refusal?.message).not.toContain('xxxx');
  });
});
