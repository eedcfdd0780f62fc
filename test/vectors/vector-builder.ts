// Builds every generated golden vector (test/vectors/dsse, roster-chain, equivocation, sealing, pack) in memory.
// generate.ts writes them to disk; test/shared/crypto/vectors-reproducible.test.ts checks that the
// checked-in files are exactly what this produces. Keys, salts and times are fixed, and Ed25519 is
// deterministic, so the output is identical on every run.
import { pae, signEnvelope } from '../../shared/crypto/dsse';
import type { SigningKey } from '../../shared/crypto/signing-key';
import { toBase64 } from '../../shared/encoding/base64';
import { utf8Encode } from '../../shared/encoding/bytes';
import { canonicalize } from '../../shared/encoding/canonical-json';
import { toHex } from '../../shared/encoding/hex';
import { findEquivocations } from '../../shared/log/equivocation';
import { exportEquivocationProof } from '../../shared/log/equivocation-proof';
import { encodeEnvelope } from '../../shared/objects/envelope';
import { signRoster } from '../../shared/objects/sign-object';
import type { SignedObject } from '../../shared/objects/signed-object';
import { PAYLOAD_TYPES, type DsseEnvelope, type ObjectId } from '../../shared/objects/types';
import { verifyRosterChain } from '../../shared/roster/verify-roster-chain';
import { verifyStatement, type AnyVerifiedStatement } from '../../shared/roster/verify-statement';
import {
  KEY_NAMES,
  LogWriter,
  NOW,
  V2_MEMBERS,
  assessmentBody,
  assessmentPayload,
  commitmentPayload,
  incidentPayload,
  member,
  phasePayload,
  rosterFixture,
  rosterMembers,
  rosterPayload,
  seedOf,
  sha256,
  ts,
  type Keyring,
} from './commission';
import { certificateVectors } from './certificate-vectors';
import { packVectors } from './pack-vectors';
import { ruleEnvelopeCases } from './rule-envelope-cases';
import { sealingVectors } from './sealing-vectors';

export type VectorFiles = Map<string, Uint8Array>;

function json(value: unknown): Uint8Array {
  return utf8Encode(`${JSON.stringify(value, null, 2)}\n`);
}

function envelopeOf(payloadType: string, payload: Uint8Array, keys: readonly SigningKey[]): DsseEnvelope {
  return signEnvelope(payloadType, payload, keys);
}

function withPayload(envelope: DsseEnvelope, payload: Uint8Array): DsseEnvelope {
  return { ...envelope, payload: toBase64(payload) };
}

function flipSignatureByte(envelope: DsseEnvelope): DsseEnvelope {
  const [first, ...rest] = envelope.signatures;
  const sig = Buffer.from(first!.sig, 'base64');
  sig[10] = sig[10]! ^ 0x01;
  return { ...envelope, signatures: [{ keyid: first!.keyid, sig: sig.toString('base64') }, ...rest] };
}

interface EnvelopeCase {
  readonly name: string;
  readonly description: string;
  /** 'verified', or the issue code verification must report. */
  readonly expect: string;
  readonly bytes: Uint8Array;
}

async function keysFile(keys: Keyring): Promise<Uint8Array> {
  const entries = await Promise.all(
    KEY_NAMES.map(async (name) => ({
      name,
      seed: toHex(await seedOf(`key/${name}`)),
      publicKey: toBase64(keys[name].publicKey),
      keyid: keys[name].keyid,
    })),
  );
  return json(entries);
}

function paeFile(): Uint8Array {
  const cases = [
    { payloadType: 'http://example.com/HelloWorld', payload: 'hello world' },
    { payloadType: PAYLOAD_TYPES.commitment, payload: '' },
    { payloadType: 'application/vnd.truceline.commitment+json', payload: '{"kind":"commitment","note":"€ and 😀"}' },
  ];
  return json(cases.map((entry) => ({ ...entry, paeHex: toHex(pae(entry.payloadType, utf8Encode(entry.payload))) })));
}

async function envelopeCases(keys: Keyring, genesis: SignedObject<'roster'>): Promise<EnvelopeCase[]> {
  const log = new LogWriter(keys);
  const incident = await log.sign('MISSION', incidentPayload(log));
  const body = await assessmentBody(incident.id, 'FRA');
  const commitment = await log.sign('FRA-2', await commitmentPayload(log, 'FRA-2', 'FRA', body));
  const phase = await log.sign('CHAIR', phasePayload(log, incident.id, [commitment.id]));
  const assessmentPayloadValue = assessmentPayload(log, 'FRA-2', body);
  const assessment = await log.sign('FRA-2', assessmentPayloadValue);
  const type = PAYLOAD_TYPES.assessment;
  const raw = (value: unknown): Uint8Array => canonicalize(value);
  const signed = (value: unknown, signers: readonly SigningKey[], payloadType: string = type): Uint8Array => encodeEnvelope(envelopeOf(payloadType, raw(value), signers));
  const text = (value: string): Uint8Array => utf8Encode(value);
  const envelopeText = (payloadType: string, payload: Uint8Array, signers: readonly SigningKey[]): string => new TextDecoder().decode(encodeEnvelope(envelopeOf(payloadType, payload, signers)));
  const fra = keys['FRA-2'];
  const tampered = { ...assessmentPayloadValue, body: { ...body, confidence: 95 } };
  const { salt: _salt, ...bodyWithoutSalt } = body;
  const deep = { ...assessmentPayloadValue, x: [[[[[[[[[]]]]]]]]] };

  return [
    { name: 'incident', description: 'incident by the mission (producer)', expect: 'verified', bytes: incident.bytes },
    { name: 'commitment', description: "FRA's commitment, signed with FRA-2", expect: 'verified', bytes: commitment.bytes },
    { name: 'phase', description: "the chair's phase opening the reveal, listing FRA's commitment", expect: 'verified', bytes: phase.bytes },
    { name: 'assessment', description: "FRA's reveal matching its commitment", expect: 'verified', bytes: assessment.bytes },
    { name: 'tampered-payload', description: 'assessment whose confidence was changed after signing', expect: 'bad-signature', bytes: encodeEnvelope(withPayload(assessment.envelope, raw(tampered))) },
    { name: 'tampered-signature', description: 'assessment with one signature bit flipped', expect: 'bad-signature', bytes: encodeEnvelope(flipSignatureByte(assessment.envelope)) },
    {
      name: 'wrong-key',
      description: "signed by DEU's key but labelled with FRA-2's keyid",
      expect: 'bad-signature',
      bytes: encodeEnvelope({
        ...envelopeOf(type, assessment.payloadBytes, [keys.DEU]),
        signatures: [{ keyid: fra.keyid, sig: envelopeOf(type, assessment.payloadBytes, [keys.DEU]).signatures[0]!.sig }],
      }),
    },
    { name: 'key-of-other-member', description: "FRA's assessment signed with DEU's key", expect: 'key-of-other-member', bytes: signed(assessmentPayloadValue, [keys.DEU]) },
    { name: 'unknown-key', description: 'signed by a key no roster lists', expect: 'unknown-key', bytes: signed(assessmentPayloadValue, [keys.OUTSIDER]) },
    { name: 'removed-key', description: 'signed with FRA-1, which roster v2 removed', expect: 'key-removed', bytes: signed(assessmentPayloadValue, [keys['FRA-1']]) },
    {
      name: 'wrong-role',
      description: 'an incident signed by a voting delegation',
      expect: 'wrong-role',
      bytes: signed(incidentPayload(log, { author: member('FRA') }), [fra], PAYLOAD_TYPES.incident),
    },
    { name: 'two-signatures', description: 'a statement carrying two signatures', expect: 'wrong-signature-count', bytes: signed(assessmentPayloadValue, [fra, keys['FRA-3']]) },
    {
      name: 'attribution-not-a-party',
      description: 'attributes the violation to a voting member',
      expect: 'attribution-not-a-party',
      bytes: signed({ ...assessmentPayloadValue, body: { ...body, attribution: 'DEU' } }, [fra]),
    },
    { name: 'non-canonical-envelope', description: 'a valid envelope pretty-printed', expect: 'not-canonical', bytes: text(JSON.stringify(assessment.envelope, null, 1)) },
    { name: 'trailing-newline', description: 'a valid envelope followed by a line feed', expect: 'not-canonical', bytes: text(`${new TextDecoder().decode(assessment.bytes)}\n`) },
    {
      name: 'non-canonical-payload',
      description: 'a signed payload with whitespace',
      expect: 'not-canonical',
      bytes: encodeEnvelope(envelopeOf(type, text(JSON.stringify(assessmentPayloadValue, null, 1)), [fra])),
    },
    {
      name: 'duplicate-key-envelope',
      description: 'envelope naming payloadType twice',
      expect: 'duplicate-key',
      bytes: text(envelopeText(type, assessment.payloadBytes, [fra]).replace('"payloadType":', `"payloadType":"${PAYLOAD_TYPES.commitment}","payloadType":`)),
    },
    {
      name: 'duplicate-key-payload',
      description: 'signed payload naming seq twice',
      expect: 'duplicate-key',
      bytes: encodeEnvelope(envelopeOf(type, text(new TextDecoder().decode(assessment.payloadBytes).replace('"seq":2', '"seq":2,"seq":7')), [fra])),
    },
    { name: 'unknown-payload-type', description: 'payloadType application/json', expect: 'unknown-payload-type', bytes: signed(assessmentPayloadValue, [fra], 'application/json') },
    {
      name: 'payload-kind-mismatch',
      description: 'an assessment payload under the commitment payload type',
      expect: 'payload-kind-mismatch',
      bytes: signed(assessmentPayloadValue, [fra], PAYLOAD_TYPES.commitment),
    },
    {
      name: 'huge-number',
      description: 'seq 9007199254740993, which a double cannot hold',
      expect: 'number-out-of-range',
      bytes: encodeEnvelope(envelopeOf(type, text(new TextDecoder().decode(assessment.payloadBytes).replace('"seq":2', '"seq":9007199254740993')), [fra])),
    },
    {
      name: 'fractional-confidence',
      description: 'confidence 80.5 where an integer is required',
      expect: 'out-of-range',
      bytes: signed({ ...assessmentPayloadValue, body: { ...body, confidence: 80.5 } }, [fra]),
    },
    {
      name: 'oversized-rationale',
      description: 'a rationale of 20,001 bytes',
      expect: 'too-long',
      bytes: signed({ ...assessmentPayloadValue, body: { ...body, rationale: 'x'.repeat(20_001) } }, [fra]),
    },
    { name: 'missing-field', description: 'assessment body without its salt', expect: 'missing-field', bytes: signed({ ...assessmentPayloadValue, body: bodyWithoutSalt }, [fra]) },
    { name: 'unknown-field', description: 'assessment with a field the format does not define', expect: 'unknown-field', bytes: signed({ ...assessmentPayloadValue, note: 'hi' }, [fra]) },
    { name: 'wrong-type', description: 'round given as a string', expect: 'wrong-type', bytes: signed({ ...assessmentPayloadValue, body: { ...body, round: '1' } }, [fra]) },
    { name: 'deep-nesting', description: 'payload nested deeper than the limit of 8', expect: 'too-deep', bytes: signed(deep, [fra]) },
    {
      name: 'bad-base64-payload',
      description: 'payload in unpadded URL-safe base64',
      expect: 'bad-format',
      bytes: encodeEnvelope({ ...assessment.envelope, payload: Buffer.from(assessment.payloadBytes).toString('base64url') }),
    },
    { name: 'no-signatures', description: 'an envelope with an empty signature list', expect: 'out-of-range', bytes: encodeEnvelope({ ...assessment.envelope, signatures: [] }) },
    {
      name: 'not-utf8',
      description: 'a byte that is not UTF-8 inside the envelope',
      expect: 'not-utf8',
      bytes: Uint8Array.from([...assessment.bytes.slice(0, 20), 0xff, ...assessment.bytes.slice(21)]),
    },
    { name: 'not-a-statement', description: 'the genesis roster given where a statement is expected', expect: 'payload-kind-mismatch', bytes: genesis.bytes },
  ];
}

async function dsseVectors(files: VectorFiles): Promise<void> {
  const { keys, genesis, v2 } = await rosterFixture();
  files.set('dsse/keys.json', await keysFile(keys));
  files.set('dsse/pae.json', paeFile());
  files.set('dsse/rosters/genesis.json', genesis.bytes);
  files.set('dsse/rosters/v2.json', v2.bytes);
  const cases = [...(await envelopeCases(keys, genesis)), ...(await ruleEnvelopeCases(keys))];
  const entries = [];
  for (const entry of cases) {
    const file = `envelopes/${entry.name}.json`;
    files.set(`dsse/${file}`, entry.bytes);
    entries.push({ file, id: toHex(await sha256(entry.bytes)), expect: entry.expect, description: entry.description });
  }
  files.set('dsse/manifest.json', json({ trusted: 'rosters/genesis.json', rosters: ['rosters/v2.json'], now: new Date(NOW).toISOString().replace('.000Z', 'Z'), envelopes: entries }));
}

async function rosterChainVectors(files: VectorFiles): Promise<void> {
  const { keys, genesis, v2 } = await rosterFixture();
  const v2Payload = v2.payload;
  const v3Payload = { ...v2Payload, version: 3, prev: v2.id, issued: ts('2026-11-20T00:00:00Z'), expires: ts('2027-11-20T00:00:00Z'), updateThreshold: 4 };
  const sign = (payload: typeof v2Payload, signers: readonly SigningKey[]): Promise<SignedObject<'roster'>> => signRoster(payload, signers, sha256);
  const repeated = (object: SignedObject<'roster'>): Uint8Array => encodeEnvelope({ ...object.envelope, signatures: [...object.envelope.signatures, object.envelope.signatures[0]!] });
  const rosters: Record<string, Uint8Array> = {
    genesis: genesis.bytes,
    v2: v2.bytes,
    v3: (await sign(v3Payload, [keys.CHAIR, keys['FRA-3'], keys.DEU])).bytes,
    'v2-fork': (await sign({ ...v2Payload, expires: ts('2027-06-01T00:00:00Z') }, [keys.CHAIR, keys['FRA-1'], keys.ITA])).bytes,
    'v2-below-threshold': (await sign(v2Payload, [keys.CHAIR, keys.DEU])).bytes,
    'v2-duplicate-member': (await sign(v2Payload, [keys['FRA-1'], keys['FRA-2'], keys.DEU])).bytes,
    'v2-repeated-signature': repeated(await sign(v2Payload, [keys.CHAIR, keys.DEU])),
    'v2-unknown-signers': (await sign(v2Payload, [keys.OUTSIDER, keys['FRA-3'], keys.CHAIR, keys.DEU])).bytes,
    'v2-copy-trimmed': encodeEnvelope({ ...v2.envelope, signatures: v2.envelope.signatures.slice(1) }),
    'v2-copy-padded': encodeEnvelope({ ...v2.envelope, signatures: [...envelopeOf(PAYLOAD_TYPES.roster, v2.payloadBytes, [keys.OUTSIDER]).signatures, ...[...v2.envelope.signatures].reverse()] }),
    'genesis-copy-reordered': encodeEnvelope({ ...genesis.envelope, signatures: [...genesis.envelope.signatures].reverse() }),
    'v2-bad-prev': (await sign({ ...v2Payload, prev: '00'.repeat(32) as ObjectId }, [keys.CHAIR, keys['FRA-1'], keys.DEU, keys.POL])).bytes,
    'v3-signed-by-removed-key': (await sign(v3Payload, [keys['FRA-1'], keys.DEU, keys.POL])).bytes,
    'genesis-alternative': (
      await sign(rosterPayload(keys, { members: rosterMembers(V2_MEMBERS, keys), commission: 'Joint Ceasefire Commission (test vectors)', issued: ts('2026-10-01T00:00:00Z') }), [
        keys.CHAIR,
        keys['FRA-3'],
        keys.DEU,
      ])
    ).bytes,
    'genesis-below-threshold': (await sign(rosterPayload(keys, { issued: ts('2026-10-15T00:00:00Z') }), [keys.CHAIR, keys.DEU])).bytes,
  };
  for (const [name, bytes] of Object.entries(rosters)) files.set(`roster-chain/${name}.json`, bytes);
  const at = (name: string): string => `${name}.json`;
  const later = '2028-01-01T00:00:00Z';
  const now = new Date(NOW).toISOString().replace('.000Z', 'Z');
  const cases = [
    { name: 'genesis only', trusted: 'genesis', candidates: [], now, expect: { current: 1, status: 'current', issues: [] } },
    { name: 'rotation to v3', trusted: 'genesis', candidates: ['v2', 'v3'], now, expect: { current: 3, status: 'current', issues: [] } },
    { name: 'input order and repetition do not matter', trusted: 'genesis', candidates: ['v3', 'genesis', 'v2', 'v3'], now, expect: { current: 3, status: 'current', issues: [] } },
    { name: 'update below threshold', trusted: 'genesis', candidates: ['v2-below-threshold'], now, expect: { current: 1, status: 'current', issues: ['roster-below-threshold'] } },
    { name: 'two keys of one member count once', trusted: 'genesis', candidates: ['v2-duplicate-member'], now, expect: { current: 1, status: 'current', issues: ['roster-below-threshold'] } },
    {
      name: 'a repeated signature counts once',
      trusted: 'genesis',
      candidates: ['v2-repeated-signature'],
      now,
      expect: { current: 1, status: 'current', issues: ['duplicate-signature', 'roster-below-threshold'] },
    },
    {
      name: 'unknown signers count for nothing',
      trusted: 'genesis',
      candidates: ['v2-unknown-signers'],
      now,
      expect: { current: 1, status: 'current', issues: ['roster-below-threshold', 'unknown-key', 'unknown-key'] },
    },
    {
      name: 're-enveloped copies of one roster are that roster, not a fork',
      trusted: 'genesis',
      candidates: ['v2-copy-padded', 'v2', 'v2-copy-trimmed', 'v3'],
      now,
      expect: { current: 3, status: 'current', issues: ['unknown-key'] },
    },
    { name: 'a copy of the pinned roster is the pinned roster', trusted: 'genesis', candidates: ['genesis-copy-reordered', 'v2'], now, expect: { current: 2, status: 'current', issues: [] } },
    { name: 'prev must name the current roster', trusted: 'genesis', candidates: ['v2-bad-prev'], now, expect: { current: 1, status: 'current', issues: ['roster-prev-mismatch'] } },
    { name: 'missing version is a gap', trusted: 'genesis', candidates: ['v3'], now, expect: { current: 1, status: 'current', issues: ['roster-version-gap'] } },
    { name: 'rollback to another version 1 refused', trusted: 'genesis', candidates: ['v2', 'genesis-alternative'], now, expect: { current: 2, status: 'current', issues: ['roster-rollback'] } },
    {
      name: 'pinned v2: its ancestor is fine, a stranger is a rollback',
      trusted: 'v2',
      candidates: ['genesis', 'genesis-alternative', 'v3'],
      now,
      expect: { current: 3, status: 'current', issues: ['roster-rollback'] },
    },
    {
      name: 'two valid successors are a fork',
      trusted: 'genesis',
      candidates: ['v2', 'v2-fork', 'v3'],
      now,
      expect: { current: 1, status: 'current', issues: ['roster-fork', 'roster-fork', 'roster-version-gap'] },
    },
    {
      name: 'a removed key cannot approve the next roster',
      trusted: 'genesis',
      candidates: ['v2', 'v3-signed-by-removed-key'],
      now,
      expect: { current: 2, status: 'current', issues: ['roster-below-threshold', 'unknown-key'] },
    },
    { name: 'expired current roster is a status', trusted: 'genesis', candidates: ['v2'], now: later, expect: { current: 2, status: 'expired', issues: ['roster-expired'] } },
    { name: 'genesis without its own threshold is refused', trusted: 'genesis-below-threshold', candidates: [], now, expect: { error: 'roster-below-threshold' } },
  ].map((entry) => ({ ...entry, trusted: at(entry.trusted), candidates: entry.candidates.map(at) }));
  files.set('roster-chain/manifest.json', json(cases));
}

async function equivocationVectors(files: VectorFiles): Promise<void> {
  const { keys, genesis, v2 } = await rosterFixture();
  const chain = await verifyRosterChain({ trusted: genesis.bytes, candidates: [v2.bytes], now: NOW, sha256 });
  if (!chain.ok) throw new Error(chain.error.message);
  const log = new LogWriter(keys);
  const incident = await log.sign('MISSION', incidentPayload(log));
  const body = await assessmentBody(incident.id, 'DEU');
  const position = log.position('DEU');
  // DEU signs two different seq-1 assessments for one round: same-seq and double-assessment.
  const first = await log.sign('DEU', assessmentPayload(log, 'DEU', body));
  const second = await log.sign('DEU', { ...assessmentPayload(log, 'DEU', { ...body, finding: 'no-violation', attribution: 'undetermined' }), ...position });
  // POL's seq-2 statement does not follow its seq-1 statement: broken-chain.
  const polBody = await assessmentBody(incident.id, 'POL');
  const third = await log.sign('POL', assessmentPayload(log, 'POL', polBody));
  const fourth = await log.sign('POL', { ...(await commitmentPayload(log, 'POL', 'POL', { ...polBody, round: 2 })), seq: 2, prev: '11'.repeat(32) as ObjectId });
  const verified = [first, second, third, fourth].map((object) => {
    const result = verifyStatement(object, chain.value);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }) as AnyVerifiedStatement[];
  const found = findEquivocations(verified);
  const entries = [];
  for (const equivocation of found) {
    const name = equivocation.claim.kind;
    const bytes = exportEquivocationProof(equivocation);
    files.set(`equivocation/${name}.json`, bytes);
    entries.push({ file: `${name}.json`, expect: 'verified', kind: equivocation.claim.kind, author: equivocation.author, objects: equivocation.statements.map((s) => s.object.id) });
  }
  const [firstProof] = entries;
  if (firstProof !== undefined) {
    const original = files.get(`equivocation/${firstProof.file}`)!;
    const proof = JSON.parse(new TextDecoder().decode(original)) as { statements: DsseEnvelope[] };
    proof.statements[1] = flipSignatureByte(proof.statements[1]!);
    files.set('equivocation/tampered-signature.json', canonicalize(proof));
    entries.push({ file: 'tampered-signature.json', expect: 'bad-signature', kind: firstProof.kind, author: firstProof.author, objects: [] });
  }
  files.set('equivocation/statements/first.json', first.bytes);
  files.set('equivocation/statements/second.json', second.bytes);
  files.set('equivocation/statements/third.json', third.bytes);
  files.set('equivocation/statements/fourth.json', fourth.bytes);
  files.set('equivocation/manifest.json', json({ trusted: '../dsse/rosters/genesis.json', rosters: ['../dsse/rosters/v2.json'], proofs: entries }));
}

export async function buildVectors(): Promise<VectorFiles> {
  const files: VectorFiles = new Map();
  await dsseVectors(files);
  await rosterChainVectors(files);
  await equivocationVectors(files);
  await sealingVectors(files);
  packVectors(files);
  await certificateVectors(files);
  return files;
}
