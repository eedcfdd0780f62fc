// A small deterministic commission for tests and golden vectors: every key comes from a seed
// derived from its name, so every signature and object id is reproducible byte for byte.
import { nodeSha256 } from '../../main/crypto/node-sha256';
import { ready } from '../../shared/crypto/sodium';
import { memberKeyOf, signingKeyFromSeed, type SigningKey } from '../../shared/crypto/signing-key';
import { utf8Encode } from '../../shared/encoding/bytes';
import { toHex } from '../../shared/encoding/hex';
import { nextLogPosition } from '../../shared/log/log-position';
import { signRoster, signStatement } from '../../shared/objects/sign-object';
import type { AnySignedStatement, PayloadByKind, SignedObject } from '../../shared/objects/signed-object';
import { commitmentDigest } from '../../shared/sealing/commitment-digest';
import type { AssessmentBody, DecisionRule, KeyId, MemberId, ObjectId, Role, RosterMember, RosterPayload, Sha256Hex, StatementPayload, Timestamp } from '../../shared/objects/types';

export const sha256 = nodeSha256;

export const KEY_NAMES = ['CHAIR', 'MISSION', 'FRA-1', 'FRA-2', 'FRA-3', 'DEU', 'POL', 'ITA', 'EAST', 'WEST', 'OBS', 'OUTSIDER'] as const;
export type KeyName = (typeof KEY_NAMES)[number];
export type Keyring = Readonly<Record<KeyName, SigningKey>>;

export function ts(text: string): Timestamp {
  return text as Timestamp;
}

export function member(id: string): MemberId {
  return id as MemberId;
}

export async function seedOf(label: string): Promise<Uint8Array> {
  return sha256(utf8Encode(`truceline-vectors/${label}`));
}

export async function keyring(): Promise<Keyring> {
  await ready();
  const entries = await Promise.all(KEY_NAMES.map(async (name) => [name, await signingKeyFromSeed(await seedOf(`key/${name}`), sha256)] as const));
  return Object.fromEntries(entries) as Record<KeyName, SigningKey>;
}

export const LINE_GEOMETRY = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00' as Sha256Hex;

export const CONSENSUS_RULE: DecisionRule = { method: 'consensus', weighted: false, silenceProcedure: false };

interface MemberSpec {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly keys: readonly KeyName[];
}

/** Genesis membership: FRA holds two device keys. */
export const GENESIS_MEMBERS: readonly MemberSpec[] = [
  { id: 'CHAIR', name: 'Chair of the commission', role: 'chair', keys: ['CHAIR'] },
  { id: 'MISSION', name: 'Technical monitoring mission', role: 'producer', keys: ['MISSION'] },
  { id: 'FRA', name: 'France', role: 'voting', keys: ['FRA-1', 'FRA-2'] },
  { id: 'DEU', name: 'Germany', role: 'voting', keys: ['DEU'] },
  { id: 'POL', name: 'Poland', role: 'voting', keys: ['POL'] },
  { id: 'ITA', name: 'Italy', role: 'voting', keys: ['ITA'] },
  { id: 'EAST', name: 'Eastern party', role: 'party', keys: ['EAST'] },
  { id: 'WEST', name: 'Western party', role: 'party', keys: ['WEST'] },
  { id: 'OBS', name: 'Observer delegation', role: 'observer', keys: ['OBS'] },
];

/** Version 2 rotates FRA's first key out (FRA-1 removed, FRA-3 added). */
export const V2_MEMBERS: readonly MemberSpec[] = GENESIS_MEMBERS.map((spec) => (spec.id === 'FRA' ? { ...spec, keys: ['FRA-2', 'FRA-3'] } : spec));

export function rosterMembers(specs: readonly MemberSpec[], keys: Keyring): RosterMember[] {
  return specs.map((spec) => ({
    id: member(spec.id),
    name: spec.name,
    role: spec.role,
    weight: 1,
    keys: spec.keys.map((name) => memberKeyOf(keys[name])),
  }));
}

export function rosterPayload(keys: Keyring, overrides: Partial<RosterPayload> = {}): RosterPayload {
  return {
    kind: 'roster',
    commission: 'Joint Ceasefire Commission (test vectors)',
    version: 1,
    prev: null,
    issued: ts('2026-11-01T00:00:00Z'),
    expires: ts('2027-11-01T00:00:00Z'),
    members: rosterMembers(GENESIS_MEMBERS, keys),
    rule: CONSENSUS_RULE,
    updateThreshold: 3,
    lineGeometry: LINE_GEOMETRY,
    ...overrides,
  };
}

export const NOW = Date.parse('2026-12-01T00:00:00Z');

export interface RosterFixture {
  readonly keys: Keyring;
  readonly genesis: SignedObject<'roster'>;
  readonly v2: SignedObject<'roster'>;
}

export async function rosterFixture(): Promise<RosterFixture> {
  const keys = await keyring();
  const genesis = await signRoster(rosterPayload(keys), [keys.CHAIR, keys['FRA-1'], keys.DEU, keys.POL], sha256);
  const v2 = await signRoster(
    rosterPayload(keys, {
      version: 2,
      prev: genesis.id,
      issued: ts('2026-11-15T00:00:00Z'),
      expires: ts('2027-11-15T00:00:00Z'),
      members: rosterMembers(V2_MEMBERS, keys),
    }),
    [keys.CHAIR, keys['FRA-2'], keys.DEU, keys.POL],
    sha256,
  );
  return { keys, genesis, v2 };
}

/** Signs statements for each key in turn, keeping each key's log (seq, prev) consistent. */
export class LogWriter {
  private readonly last = new Map<KeyId, AnySignedStatement>();

  constructor(readonly keys: Keyring) {}

  position(key: KeyName): { readonly seq: number; readonly prev: ObjectId | null } {
    return nextLogPosition(this.last.get(this.keys[key].keyid));
  }

  async sign<P extends StatementPayload>(key: KeyName, payload: P): Promise<SignedObject<P['kind']>> {
    const object = await signStatement(payload, this.keys[key], sha256);
    this.last.set(this.keys[key].keyid, object as AnySignedStatement);
    return object;
  }
}

export async function saltFor(label: string): Promise<string> {
  return toHex(await seedOf(`salt/${label}`));
}

export const INCIDENT_CREATED = ts('2026-11-20T08:00:00Z');
export const COMMIT_CREATED = ts('2026-11-21T10:00:00Z');
export const PHASE_CREATED = ts('2026-11-22T12:00:00Z');
export const REVEAL_CREATED = ts('2026-11-22T15:00:00Z');

export function incidentPayload(log: LogWriter, overrides: Partial<PayloadByKind['incident']> = {}): PayloadByKind['incident'] {
  return {
    kind: 'incident',
    author: member('MISSION'),
    ...log.position('MISSION'),
    created: INCIDENT_CREATED,
    incident: 'INC-2026-000123',
    window: { start: ts('2026-11-19T22:10:00Z'), end: ts('2026-11-19T22:40:00Z') },
    location: { lonE6: 37_802_500, latE6: 48_015_300, uncertaintyM: 250 },
    chainageM: 412_500,
    category: 'artillery-fire',
    summary: 'Twelve impacts south-east of the crossing point, acoustic bearing from the north-west.',
    observations: [
      { modality: 'acoustic', count: 12, bearingDeg: 315, distanceBand: '5-15km' },
      { modality: 'uav', count: 1, distanceBand: 'under-1km' },
    ],
    evidence: [
      {
        name: 'detections.arrow',
        role: 'detections',
        mediaType: 'application/vnd.apache.arrow.file',
        sha256: 'ab'.repeat(32) as Sha256Hex,
        size: 48_128,
      },
    ],
    ...overrides,
  };
}

export async function assessmentBody(incident: ObjectId, delegation: string, overrides: Partial<AssessmentBody> = {}): Promise<AssessmentBody> {
  return {
    incident,
    round: 1,
    delegation: member(delegation),
    finding: 'violation',
    attribution: member('EAST'),
    confidence: 80,
    categories: ['artillery-fire'],
    rationale: 'Acoustic bearings and the UAV imagery agree on a firing position east of the line.',
    citations: [{ chunk: 'ab'.repeat(32) as Sha256Hex, tracks: ['T-17'] }],
    salt: await saltFor(`${delegation}/${overrides.round ?? 1}`),
    ...overrides,
  };
}

export async function commitmentPayload(log: LogWriter, key: KeyName, delegation: string, body: AssessmentBody): Promise<PayloadByKind['commitment']> {
  return {
    kind: 'commitment',
    author: member(delegation),
    ...log.position(key),
    created: COMMIT_CREATED,
    incident: body.incident,
    round: body.round,
    delegation: member(delegation),
    digest: await commitmentDigest(body, sha256),
  };
}

export function assessmentPayload(log: LogWriter, key: KeyName, body: AssessmentBody, overrides: Partial<PayloadByKind['assessment']> = {}): PayloadByKind['assessment'] {
  return { kind: 'assessment', author: body.delegation, ...log.position(key), created: REVEAL_CREATED, body, ...overrides };
}

export function phasePayload(log: LogWriter, incident: ObjectId, commitments: readonly ObjectId[], overrides: Partial<PayloadByKind['phase']> = {}): PayloadByKind['phase'] {
  return {
    kind: 'phase',
    author: member('CHAIR'),
    ...log.position('CHAIR'),
    created: PHASE_CREATED,
    incident,
    round: 1,
    action: 'open-reveal',
    commitments,
    revealDeadline: ts('2026-11-23T12:00:00Z'),
    ...overrides,
  };
}
