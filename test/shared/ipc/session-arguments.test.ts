import { describe, expect, it } from 'vitest';
import { ARGUMENT_VALIDATORS } from '../../../shared/ipc/contract';

const ID = 'a'.repeat(64);

describe('session operations: arguments', () => {
  it('accepts an agenda of incident ids, a position, a screen mode and the playback', () => {
    expect(ARGUMENT_VALIDATORS.setAgenda([[ID, ID]])).toEqual([[ID, ID]]);
    expect(ARGUMENT_VALIDATORS.stepAgenda([2])).toEqual([2]);
    expect(ARGUMENT_VALIDATORS.setSessionScreen(['freeze'])).toEqual(['freeze']);
    expect(ARGUMENT_VALIDATORS.mirrorPlayback([{ playheadSeconds: 3.5, playing: true, speed: 4 }])).toEqual([{ playheadSeconds: 3.5, playing: true, speed: 4 }]);
  });

  it('refuses anything else with one line', () => {
    expect(() => ARGUMENT_VALIDATORS.setAgenda([['/tmp/x']])).toThrow('agenda item must be 64 lowercase hex characters');
    expect(() => ARGUMENT_VALIDATORS.setAgenda([Array(101).fill(ID)])).toThrow('at most 100 incident ids');
    expect(() => ARGUMENT_VALIDATORS.stepAgenda([-1])).toThrow('the agenda position must be an integer from 0 to 99');
    expect(() => ARGUMENT_VALIDATORS.setSessionScreen(['off'])).toThrow("the room screen's mode must be one of live, blank, freeze");
    expect(() => ARGUMENT_VALIDATORS.mirrorPlayback([{ playheadSeconds: 1, playing: true, speed: 1, path: '/tmp' }])).toThrow('the playback has unknown fields: path');
    expect(() => ARGUMENT_VALIDATORS.mirrorPlayback([{ playheadSeconds: 1, playing: 'yes', speed: 1 }])).toThrow('playback.playing must be true or false');
    expect(() => ARGUMENT_VALIDATORS.getSessionView([1])).toThrow('expected no arguments, got 1');
  });
});
