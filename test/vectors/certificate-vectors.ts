// Verdict certificate vectors (test/vectors/certificates): complete, provisional and refused
// certificates of one closed round of the test commission, and the closing record alone.
import { utf8Encode } from '../../shared/encoding/bytes';
import { signStatement } from '../../shared/objects/sign-object';
import type { SignedObject } from '../../shared/objects/signed-object';
import type { ClosingPayload } from '../../shared/objects/types';
import { packObjectFromBytes, writePack } from '../../shared/pack/pack-writer';
import { createNodeSha256 } from '../../main/crypto/node-incremental-sha256';
import { closedRound } from './closed-round';
import { NOW, sha256 } from './commission';
import type { VectorFiles } from './vector-builder';

async function certificatePack(objects: readonly SignedObject[]): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of writePack(
    'certificate',
    objects.map((o) => packObjectFromBytes(o.kind, o.bytes, createNodeSha256)),
  ))
    parts.push(part);
  return Buffer.concat(parts);
}

export interface CertificateCase {
  readonly file: string;
  readonly trusted: string;
  readonly description: string;
  readonly expect:
    | { readonly status: 'final'; readonly verdict: unknown; readonly countersignedBy: readonly string[] }
    | { readonly status: 'provisional'; readonly verdict: unknown }
    | { readonly status: 'refused'; readonly code: string };
}

export async function certificateVectors(files: VectorFiles): Promise<void> {
  const round = await closedRound();
  const without = (...ids: string[]) => round.objects.filter((o) => !ids.includes(o.id));
  const lying = await signStatement({ ...round.closing.payload, verdict: { outcome: 'no-consensus' } } satisfies ClosingPayload, round.keys.CHAIR, sha256);
  const second = await signStatement({ ...round.closing.payload, created: '2026-11-24T10:00:00Z' as ClosingPayload['created'] }, round.keys.CHAIR, sha256);
  const extraPhase = await signStatement(
    { ...round.phase.payload, seq: round.closing.payload.seq + 1, prev: round.closing.id, created: '2026-11-24T11:00:00Z' as ClosingPayload['created'] },
    round.keys.CHAIR,
    sha256,
  );
  const verdict = { outcome: 'decided', finding: 'violation', attribution: 'EAST' };
  const packs: [string, readonly SignedObject[]][] = [
    ['complete.pack', round.objects],
    ['missing-commitment.pack', without(round.commitments[0]!.id)],
    ['missing-reveal.pack', without(round.reveals[1]!.id)],
    ['missing-phase.pack', without(round.phase.id)],
    ['missing-incident.pack', without(round.incident.id)],
    ['missing-roster-v2.pack', without(round.v2.id)],
    ['no-closing.pack', without(round.closing.id)],
    ['extra-object.pack', [...round.objects, extraPhase]],
    ['closing-wrong-verdict.pack', [...without(round.closing.id), lying]],
    ['two-closings.pack', [...round.objects, second]],
  ];
  for (const [file, objects] of packs) files.set(`certificates/${file}`, await certificatePack(objects));
  files.set('certificates/closing.json', round.closing.bytes);
  files.set('certificates/rosters/genesis.json', round.genesis.bytes);
  files.set('certificates/rosters/v2.json', round.v2.bytes);
  const cases: CertificateCase[] = [
    {
      file: 'complete.pack',
      trusted: 'rosters/genesis.json',
      description: 'everything the closing record names, the record with two countersignatures',
      expect: { status: 'final', verdict, countersignedBy: ['DEU', 'POL'] },
    },
    { file: 'complete.pack', trusted: 'rosters/v2.json', description: 'the same, the verifier pinning v2: v1 is its ancestor', expect: { status: 'final', verdict, countersignedBy: ['DEU', 'POL'] } },
    { file: 'missing-commitment.pack', trusted: 'rosters/genesis.json', description: 'a commitment the phase lists is missing', expect: { status: 'refused', code: 'certificate-incomplete' } },
    { file: 'missing-reveal.pack', trusted: 'rosters/genesis.json', description: 'a reveal the closing record names is missing', expect: { status: 'refused', code: 'certificate-incomplete' } },
    { file: 'missing-phase.pack', trusted: 'rosters/genesis.json', description: 'the phase is missing', expect: { status: 'refused', code: 'certificate-incomplete' } },
    { file: 'missing-incident.pack', trusted: 'rosters/genesis.json', description: 'the incident is missing', expect: { status: 'refused', code: 'certificate-incomplete' } },
    {
      file: 'missing-roster-v2.pack',
      trusted: 'rosters/genesis.json',
      description: 'the roster the closing record names is not reachable from the pinned roster',
      expect: { status: 'refused', code: 'certificate-incomplete' },
    },
    { file: 'no-closing.pack', trusted: 'rosters/genesis.json', description: 'no closing record: the verdict is provisional', expect: { status: 'provisional', verdict } },
    {
      file: 'extra-object.pack',
      trusted: 'rosters/genesis.json',
      description: 'an object the closing record does not name (a second phase)',
      expect: { status: 'refused', code: 'certificate-extra-object' },
    },
    {
      file: 'closing-wrong-verdict.pack',
      trusted: 'rosters/genesis.json',
      description: 'the chair signed a verdict the objects do not give',
      expect: { status: 'refused', code: 'closing-inconsistent' },
    },
    { file: 'two-closings.pack', trusted: 'rosters/genesis.json', description: 'two different closing records of the round', expect: { status: 'refused', code: 'closing-conflict' } },
  ];
  files.set('certificates/manifest.json', utf8Encode(`${JSON.stringify({ now: new Date(NOW).toISOString().replace('.000Z', 'Z'), cases }, null, 2)}\n`));
}
