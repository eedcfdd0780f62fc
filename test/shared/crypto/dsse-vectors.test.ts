import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeSha256 } from '../../../main/crypto/node-sha256';
import { pae } from '../../../shared/crypto/dsse';
import { signingKeyFromSeed } from '../../../shared/crypto/signing-key';
import { ready } from '../../../shared/crypto/sodium';
import { toBase64 } from '../../../shared/encoding/base64';
import { toHex } from '../../../shared/encoding/hex';
import type { RosterChain } from '../../../shared/roster/verified-roster';
import { verifyRosterChain } from '../../../shared/roster/verify-roster-chain';
import { checkStatementBytes } from '../../../shared/roster/verify-statement';

const DIR = join(__dirname, '../../vectors/dsse');
const read = (path: string): Buffer => readFileSync(join(DIR, path));

interface Manifest {
  readonly trusted: string;
  readonly rosters: readonly string[];
  readonly now: string;
  readonly envelopes: readonly { readonly file: string; readonly id: string; readonly expect: string; readonly description: string }[];
}

const manifest = JSON.parse(read('manifest.json').toString('utf8')) as Manifest;

describe('DSSE golden vectors (test/vectors/dsse)', () => {
  let chain: RosterChain;
  beforeAll(async () => {
    await ready();
    const result = await verifyRosterChain({ trusted: read(manifest.trusted), candidates: manifest.rosters.map(read), now: Date.parse(manifest.now), sha256: nodeSha256 });
    if (!result.ok) throw new Error(result.error.message);
    chain = result.value;
  });

  it('keys.json: each public key and keyid follows from its seed', async () => {
    const keys = JSON.parse(read('keys.json').toString('utf8')) as { seed: string; publicKey: string; keyid: string }[];
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys) {
      const derived = await signingKeyFromSeed(Buffer.from(key.seed, 'hex'), nodeSha256);
      expect(toBase64(derived.publicKey)).toBe(key.publicKey);
      expect(derived.keyid).toBe(key.keyid);
    }
  });

  it('pae.json: the pre-authentication encoding, byte for byte', () => {
    const cases = JSON.parse(read('pae.json').toString('utf8')) as { payloadType: string; payload: string; paeHex: string }[];
    expect(cases[0]!.paeHex).toBe(Buffer.from('DSSEv1 29 http://example.com/HelloWorld 11 hello world').toString('hex'));
    for (const entry of cases) expect(toHex(pae(entry.payloadType, new TextEncoder().encode(entry.payload)))).toBe(entry.paeHex);
  });

  it('the chain of the vectors is genesis then v2', () => {
    expect(chain.rosters.map((roster) => roster.version)).toEqual([1, 2]);
    expect(chain.issues).toEqual([]);
  });

  it('has valid envelopes and at least twenty invalid ones', () => {
    // The four of the worked example, then those of the rules an empty rationale, ZWNJ, a 127-character subtype and equal instants pin down.
    expect(manifest.envelopes.filter((entry) => entry.expect === 'verified').length).toBe(8);
    expect(manifest.envelopes.filter((entry) => entry.expect !== 'verified').length).toBeGreaterThanOrEqual(20);
  });

  it.each(manifest.envelopes.map((entry) => [entry.file, entry] as const))('%s', async (_file, entry) => {
    const bytes = read(entry.file);
    expect(toHex(await nodeSha256(bytes))).toBe(entry.id);
    const result = await checkStatementBytes(bytes, chain, nodeSha256);
    if (entry.expect === 'verified') {
      expect(result).toMatchObject({ ok: true, id: entry.id });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.issue.code).toBe(entry.expect);
        expect(result.issue.object).toBe(entry.id);
        expect(result.issue.message).toContain(entry.id.slice(0, 8));
        expect(result.issue.message).not.toMatch(/\n/);
      }
    }
  });
});
