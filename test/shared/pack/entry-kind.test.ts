import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalize } from '../../../shared/encoding/canonical-json';
import type { SignedObject } from '../../../shared/objects/signed-object';
import { classifyPackEntry, MAX_SIGNED_OBJECT_BYTES, SIGNED_OBJECT_PREFIX } from '../../../shared/pack/entry-kind';
import { PACK_OBJECT_KINDS, type PackObjectKind } from '../../../shared/pack/pack-index';
import { incidentPayload, LogWriter, rosterFixture, sha256 } from '../../vectors/commission';
import { sha256Hex, textBytes } from './tar-fixtures';

let roster: SignedObject<'roster'>;
let incident: SignedObject<'incident'>;

beforeAll(async () => {
  const fixture = await rosterFixture();
  roster = fixture.genesis;
  incident = await new LogWriter(fixture.keys).sign('MISSION', incidentPayload(new LogWriter(fixture.keys)));
});

const classify = (bytes: Uint8Array, listed: PackObjectKind, size = bytes.length) => classifyPackEntry({ id: sha256Hex(bytes), listed, size }, bytes, sha256);

describe('classifyPackEntry', () => {
  it('every canonical envelope starts with the signed-object prefix', () => {
    const prefix = new TextDecoder().decode(SIGNED_OBJECT_PREFIX);
    for (const object of [roster, incident]) expect(new TextDecoder().decode(object.bytes).startsWith(prefix)).toBe(true);
    expect(new TextDecoder().decode(canonicalize({ signatures: [], payloadType: 'x', payload: '' }))).toMatch(/^\{"payload":""/);
  });

  it('takes a signed object’s kind from its bytes when the index agrees', async () => {
    expect(await classify(incident.bytes, 'incident')).toMatchObject({ kind: 'incident', object: { id: incident.id } });
    expect(await classify(roster.bytes, 'roster')).not.toHaveProperty('mismatch');
  });

  it('refuses every other index kind for a signed object, naming the object and both kinds', async () => {
    for (const object of [roster, incident]) {
      for (const listed of PACK_OBJECT_KINDS.filter((kind) => kind !== object.kind)) {
        const entry = await classify(object.bytes, listed);
        expect(entry.kind).toBe(object.kind);
        expect(entry).toMatchObject({ mismatch: { code: 'index-kind-mismatch' } });
        const message = 'mismatch' in entry ? entry.mismatch!.message : '';
        expect(message).toContain(object.id);
        expect(message).toContain(`lists it as ${/^[aeiou]/.test(listed) ? 'an' : 'a'} ${listed}, but its signed bytes make it a${object.kind === 'incident' ? 'n' : ''} ${object.kind}`);
      }
    }
  });

  it('keeps raw bytes a chunk, and refuses a signed kind for them', async () => {
    const raw = textBytes('PNG…');
    expect(await classify(raw, 'chunk')).toEqual({ kind: 'chunk' });
    for (const listed of PACK_OBJECT_KINDS.filter((kind) => kind !== 'chunk')) {
      expect(await classify(raw, listed)).toEqual({
        kind: 'chunk',
        mismatch: { code: 'index-kind-mismatch', message: expect.stringMatching(/but its bytes are not a signed object, so it is a chunk$/) },
      });
    }
  });

  it('refuses a signed kind for an entry too large to be a signed object, without its bytes', async () => {
    const size = MAX_SIGNED_OBJECT_BYTES + 1;
    const entry = await classifyPackEntry({ id: 'f'.repeat(64), listed: 'assessment', size }, undefined, sha256);
    expect(entry).toMatchObject({ kind: 'chunk', mismatch: { message: expect.stringContaining(`its ${size} bytes are over the ${MAX_SIGNED_OBJECT_BYTES}`) } });
  });

  it('leaves an envelope-shaped entry that does not decode to verification when the index calls it signed, and a chunk otherwise', async () => {
    const broken = textBytes('{"payload":"not base64!","payloadType":"application/vnd.truceline.incident+json","signatures":[]}');
    const entry = await classify(broken, 'incident');
    expect(entry.kind).toBeUndefined();
    expect(entry).toHaveProperty('issue.code');
    expect(await classify(broken, 'chunk')).toEqual({ kind: 'chunk' });
  });

  it('does not decode an entry that does not start like an envelope (whitespace first)', async () => {
    const spaced = new Uint8Array([0x20, ...incident.bytes]);
    expect(await classify(spaced, 'chunk')).toEqual({ kind: 'chunk' });
    expect(await classify(spaced, 'incident')).toMatchObject({ kind: 'chunk', mismatch: { code: 'index-kind-mismatch' } });
  });
});
