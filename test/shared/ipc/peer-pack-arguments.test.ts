import { describe, expect, it } from 'vitest';
import { ARGUMENT_VALIDATORS } from '../../../shared/ipc/contract';

const invalid = expect.objectContaining({ code: 'invalid-arguments' }) as Error;

describe('arguments of the peer pack and quarantine operations', () => {
  it('exports for a peer named in words, since the last exchange or everything', () => {
    expect(ARGUMENT_VALIDATORS.exportForPeer(['GBR field laptop', 'since-last'])).toEqual(['GBR field laptop', 'since-last']);
    expect(ARGUMENT_VALIDATORS.exportForPeer(['Équipe Nord (site 2)', 'everything'])).toEqual(['Équipe Nord (site 2)', 'everything']);
    for (const name of ['', ' GBR', 'GBR ', '../outbox', 'a/b', 'GBR\nfield', '-GBR', 'x'.repeat(65), 42, null]) {
      expect(() => ARGUMENT_VALIDATORS.exportForPeer([name, 'since-last'])).toThrow(/the peer's name must be 1 to 64 letters/);
    }
    expect(() => ARGUMENT_VALIDATORS.exportForPeer(['GBR', 'all'])).toThrow(/the scope must be one of since-last, everything/);
    expect(() => ARGUMENT_VALIDATORS.exportForPeer(['GBR'])).toThrow(invalid);
  });

  it('imports packs from a named peer or from nobody in particular, and takes no path', () => {
    expect(ARGUMENT_VALIDATORS.importPacks([null])).toEqual([null]);
    expect(ARGUMENT_VALIDATORS.importPacks(['POL site'])).toEqual(['POL site']);
    for (const bad of [[], ['/media/stick/a.pack'], [['a.pack']], [undefined], [null, '/tmp/x.pack']]) expect(() => ARGUMENT_VALIDATORS.importPacks(bad)).toThrow(invalid);
  });

  it('opens only the inbox or the outbox', () => {
    expect(ARGUMENT_VALIDATORS.openFolder(['inbox'])).toEqual(['inbox']);
    expect(ARGUMENT_VALIDATORS.openFolder(['outbox'])).toEqual(['outbox']);
    for (const bad of [['/'], ['store'], ['INBOX'], [], ['inbox', 'outbox']]) expect(() => ARGUMENT_VALIDATORS.openFolder(bad)).toThrow(invalid);
  });

  it('pages the quarantine with an offset and a limit of at most 500, and clears it with no arguments', () => {
    expect(ARGUMENT_VALIDATORS.listQuarantine([0, 50])).toEqual([0, 50]);
    for (const bad of [[-1, 50], [0, 0], [0, 501], [0.5, 50], ['0', 50], [0]]) expect(() => ARGUMENT_VALIDATORS.listQuarantine(bad)).toThrow(invalid);
    expect(ARGUMENT_VALIDATORS.clearQuarantine([])).toEqual([]);
    expect(() => ARGUMENT_VALIDATORS.clearQuarantine([true])).toThrow(invalid);
  });
});
