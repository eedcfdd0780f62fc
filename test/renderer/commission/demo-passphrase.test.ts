import { describe, expect, it } from 'vitest';
import { DEMO_PASSPHRASE as SHOWN } from '../../../renderer/commission/demo-passphrase';
import { DEMO_PASSPHRASE } from '../../../shared/demo/demo-commission';

describe('the demo passphrase on screen', () => {
  it('is the one the demo keys are sealed with', () => {
    expect(SHOWN).toBe(DEMO_PASSPHRASE);
  });
});
