import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCertificatePack } from '../../../main/packs/certificate-pack';
import { loadPack, PackFileError } from '../../../main/packs/pack-file';
import { nodeSha256 } from '../../../main/crypto/node-sha256';
import { auditObjects } from '../../../shared/audit/audit-objects';
import { fromBase64, toBase64 } from '../../../shared/encoding/base64';
import { canonicalize } from '../../../shared/encoding/canonical-json';
import type { SignedObject } from '../../../shared/objects/signed-object';
import { PACK_OBJECT_KINDS } from '../../../shared/pack/pack-index';
import { signRoster } from '../../../shared/objects/sign-object';
import { closedRound, type ClosedRound } from '../../vectors/closed-round';
import { NOW, rosterPayload, ts } from '../../vectors/commission';
import { commission, incidentBundle, packBytes, signedEntry } from '../store/fixtures/store-fixtures';
import { craftPack, type RawEntry } from './tamper-fixtures';

// The adversary's suite (issue 8): every way a relay can alter a verdict certificate or an
// incident bundle must either be refused or leave what it proves unchanged. A verdict may only
// ever come out equal to the original's; a certificate stripped of its closing record may come out
// provisional (labelled so, the same verdict), never final with another verdict.

type Judgement = 'refused' | 'no-verdict' | 'same-final' | 'same-provisional' | 'different';

let round: ClosedRound;
let original: Uint8Array;
let expected: string;
const counts = new Map<string, Record<Judgement, number>>();

function tally(suite: string, judgement: Judgement): void {
  const entry = counts.get(suite) ?? { refused: 0, 'no-verdict': 0, 'same-final': 0, 'same-provisional': 0, different: 0 };
  entry[judgement]++;
  counts.set(suite, entry);
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** What `truceline verify CERT --roster TRUSTED` concludes about a certificate's verdict. */
async function judge(bytes: Uint8Array, trusted: SignedObject<'roster'> = round.genesis, now = NOW): Promise<Judgement> {
  let pack;
  try {
    pack = await loadPack('certificate.pack', once(bytes));
  } catch (error) {
    if (error instanceof PackFileError) return 'refused';
    throw error;
  }
  // Only a pack whose index says "certificate" is read for a verdict; any other claims none.
  if (pack.index.kind !== 'certificate') return 'no-verdict';
  const result = await verifyCertificatePack(pack, trusted.bytes, now);
  if (result.status === 'refused') return 'refused';
  if (canonicalize(result.outcome.verdict).join() !== expected) return 'different';
  return result.status === 'final' ? 'same-final' : 'same-provisional';
}

async function judged(suite: string, bytes: Uint8Array, trusted?: SignedObject<'roster'>, now?: number): Promise<Judgement> {
  const judgement = await judge(bytes, trusted, now);
  tally(suite, judgement);
  return judgement;
}

function entriesOf(objects: readonly SignedObject[]): RawEntry[] {
  return objects.map((object) => ({ bytes: object.bytes, kind: object.kind }));
}

beforeAll(async () => {
  round = await closedRound();
  original = craftPack('certificate', entriesOf(round.objects));
  expected = canonicalize({ outcome: 'decided', finding: 'violation', attribution: 'EAST' }).join();
});

afterAll(() => {
  const lines = [...counts].map(
    ([suite, c]) =>
      `  ${suite.padEnd(34)} ${String(c.refused).padStart(6)} refused  ${c['no-verdict']} no verdict  ${String(c['same-final']).padStart(4)} same verdict (final)  ${String(c['same-provisional']).padStart(4)} same verdict (provisional)  ${c.different} different`,
  );
  console.log(`certificate tamper suite (${original.length}-byte certificate):\n${lines.join('\n')}`);
});

describe('a verdict certificate under attack', () => {
  it('is final with its verdict as made', async () => {
    expect(await judge(original)).toBe('same-final');
    expect(await judge(original, round.v2)).toBe('same-final');
  });

  it('every single-byte flip of every byte (two flips per byte) is refused or proves the same verdict', async () => {
    for (const mask of [0x01, 0x80]) {
      for (let at = 0; at < original.length; at++) {
        const tampered = original.slice();
        tampered[at]! ^= mask;
        expect(await judged('byte flips', tampered), `byte ${at} ^ ${mask}`).not.toBe('different');
      }
    }
  }, 600_000);

  it('an evidence chunk added to it is refused (a certificate holds signed objects only), and relabelling it as a sync pack claims no verdict', async () => {
    const entries = [...entriesOf(round.objects), { bytes: new TextEncoder().encode('anything at all'), kind: 'chunk' }];
    expect(await judged('additions', craftPack('certificate', entries))).toBe('refused');
    expect(await judged('additions', craftPack('sync', entriesOf(round.objects)))).toBe('no-verdict');
  });

  it('truncation at every 512-byte block is refused', async () => {
    for (let end = 0; end < original.length; end += 512) expect(await judged('truncation', original.slice(0, end))).toBe('refused');
  });

  it('reordered entries and duplicated entries are refused or prove the same verdict', async () => {
    const entries = entriesOf(round.objects);
    for (let i = 0; i < entries.length; i++) {
      const reordered = [...entries.slice(i), ...entries.slice(0, i)].reverse();
      expect(await judged('reorder', craftPack('certificate', reordered))).not.toBe('different');
      expect(await judged('reorder', craftPack('certificate', reordered, { indexOrder: 'as-given' }))).not.toBe('different');
      expect(await judged('duplicate entry', craftPack('certificate', [...entries, entries[i]!]))).toBe('refused');
    }
  });

  it('relabelling any object in the index as any other kind is refused', async () => {
    const entries = entriesOf(round.objects);
    for (let i = 0; i < entries.length; i++) {
      for (const kind of PACK_OBJECT_KINDS.filter((k) => k !== entries[i]!.kind)) {
        const relabelled = entries.map((entry, j) => (j === i ? { ...entry, kind } : entry));
        expect(await judged('index relabelling', craftPack('certificate', relabelled)), `${entries[i]!.kind} as ${kind}`).toBe('refused');
      }
    }
  });

  it('removing any single object is refused, except what the verdict never rests on', async () => {
    for (const object of round.objects) {
      const judgement = await judged('single removal', craftPack('certificate', entriesOf(round.objects.filter((o) => o.id !== object.id))));
      const allowed = object.id === round.genesis.id ? 'same-final' : object.id === round.closing.id ? 'same-provisional' : 'refused';
      expect(judgement, `without ${object.kind} ${object.id}`).toBe(allowed);
    }
  });

  it('removing any pair of commitments is refused', async () => {
    const ids = round.commitments.map((c) => c.id);
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        expect(await judged('pair removal', craftPack('certificate', entriesOf(round.objects.filter((o) => o.id !== ids[i] && o.id !== ids[j]))))).toBe('refused');
      }
    }
  });

  it('swapping the signatures of two statements is refused', async () => {
    const statements = round.objects.filter((o) => o.kind !== 'roster');
    for (let i = 0; i < statements.length; i++) {
      for (let j = i + 1; j < statements.length; j++) {
        const [a, b] = [statements[i]!, statements[j]!];
        const swapped = [
          { ...a.envelope, signatures: b.envelope.signatures },
          { ...b.envelope, signatures: a.envelope.signatures },
        ].map((envelope) => canonicalize(envelope));
        const others = round.objects.filter((o) => o.id !== a.id && o.id !== b.id);
        expect(await judged('swapped signatures', craftPack('certificate', [...entriesOf(others), { bytes: swapped[0]!, kind: a.kind }, { bytes: swapped[1]!, kind: b.kind }]))).toBe('refused');
      }
    }
  });

  it('a stripped, re-enveloped or forged countersignature cannot make a different verdict', async () => {
    const closing = round.closing;
    const others = round.objects.filter((o) => o.id !== closing.id);
    const variants = [
      { ...closing.envelope, signatures: closing.envelope.signatures.slice(0, 2) },
      { ...closing.envelope, signatures: [...closing.envelope.signatures].reverse() },
      { ...closing.envelope, signatures: [...closing.envelope.signatures, closing.envelope.signatures[1]!] },
      { ...closing.envelope, signatures: [closing.envelope.signatures[0]!, { ...closing.envelope.signatures[1]!, sig: toBase64(fromBase64(closing.envelope.signatures[2]!.sig)!) }] },
    ];
    const judgements = [];
    for (const envelope of variants) judgements.push(await judged('countersignatures', craftPack('certificate', [...entriesOf(others), { bytes: canonicalize(envelope), kind: 'closing' }])));
    expect(judgements).toEqual(['same-final', 'refused', 'refused', 'refused']);
  });

  it('rollback, expired, foreign rosters and removed keys never yield another verdict', async () => {
    // Rollback: a second roster v1 (other members) signed by genesis members, offered to a verifier pinning v2.
    const rogue = await signRoster(rosterPayload(round.keys, { expires: ts('2027-12-01T00:00:00Z') }), [round.keys.CHAIR, round.keys['FRA-1'], round.keys.DEU, round.keys.POL], nodeSha256);
    expect(await judged('rosters', craftPack('certificate', [...entriesOf(round.objects.filter((o) => o.id !== round.genesis.id)), { bytes: rogue.bytes, kind: 'roster' }]), round.v2)).toBe('refused');
    // Expired: the verdict stands, the chain shows EXPIRED.
    expect(await judged('rosters', original, round.genesis, Date.parse('2028-01-01T00:00:00Z'))).toBe('same-final');
    // Foreign: a commission whose roster the certificate's statements do not name.
    const foreign = await signRoster(rosterPayload(round.keys, { commission: 'Another commission' }), [round.keys.CHAIR, round.keys['FRA-1'], round.keys.DEU, round.keys.POL], nodeSha256);
    expect(await judged('rosters', original, foreign)).toBe('refused');
    // Removed key: a round closed under genesis with FRA's reveal signed by FRA-1; v2 (which the
    // pinned genesis approves) removes FRA-1, so with v2 in the pack FRA's statements count for nothing.
    const underGenesis = await closedRound({ fraKey: 'FRA-1', genesisOnly: true });
    const saved = { round, expected };
    round = underGenesis;
    expect(await judge(craftPack('certificate', entriesOf(underGenesis.objects)))).toBe('same-final');
    expect(await judged('rosters', craftPack('certificate', [...entriesOf(underGenesis.objects), { bytes: underGenesis.v2.bytes, kind: 'roster' }]))).toBe('refused');
    ({ round, expected } = saved);
  });
});

describe('an incident bundle under attack', () => {
  it('every single-byte flip is refused or yields the very same objects', async () => {
    const c = await commission();
    const bundle = await incidentBundle(c, 7, { rows: 30, tracks: 2 });
    const entries = [signedEntry(c.genesis), signedEntry(c.v2), signedEntry(bundle.incident), ...bundle.chunks];
    const bytes = await packBytes('incident-bundle', entries);
    const accept = async (candidate: Uint8Array): Promise<string | undefined> => {
      let pack;
      try {
        pack = await loadPack('bundle.pack', once(candidate));
      } catch (error) {
        if (error instanceof PackFileError) return undefined;
        throw error;
      }
      if (pack.problems.length > 0) return undefined;
      const audit = await auditObjects({
        trustedRoster: c.genesis.bytes,
        objects: [...pack.objects.values()].map((o) => o.bytes),
        chunks: pack.chunks,
        bundled: new Set(pack.objects.keys()),
        now: NOW,
        sha256: nodeSha256,
      });
      if (!audit.ok || audit.value.objects.some((o) => o.verdict === 'rejected') || audit.value.issues.length > 0) return undefined;
      return [...audit.value.objects.map((o) => o.id)].sort().join();
    };
    const same = await accept(bytes);
    expect(same).toBeDefined();
    let refused = 0;
    for (let at = 0; at < bytes.length; at++) {
      const tampered = Buffer.from(bytes);
      tampered[at]! ^= 0x01;
      const result = await accept(tampered);
      if (result === undefined) refused++;
      else expect(result, `byte ${at}`).toBe(same);
    }
    tally('bundle byte flips', 'refused');
    counts.get('bundle byte flips')!.refused = refused;
    counts.get('bundle byte flips')!['same-final'] = bytes.length - refused;
  }, 600_000);
});
