import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalize } from '../../../shared/encoding/canonical-json';
import { authorLogs } from '../../../shared/log/author-log';
import { explainEquivocation, findEquivocations, type Equivocation } from '../../../shared/log/equivocation';
import { equivocationProof, exportEquivocationProof, verifyEquivocationProof } from '../../../shared/log/equivocation-proof';
import { signStatement } from '../../../shared/objects/sign-object';
import type { SignedObject, StatementKind } from '../../../shared/objects/signed-object';
import type { MemberId, ObjectId } from '../../../shared/objects/types';
import type { RosterChain } from '../../../shared/roster/verified-roster';
import { verifyRosterChain } from '../../../shared/roster/verify-roster-chain';
import { verifyStatement, type AnyVerifiedStatement } from '../../../shared/roster/verify-statement';
import { LogWriter, NOW, assessmentBody, assessmentPayload, commitmentPayload, rosterFixture, sha256, type RosterFixture } from '../../vectors/commission';

const INCIDENT = 'e1'.repeat(32) as ObjectId;

describe('per-author logs and equivocation', () => {
  let fixture: RosterFixture;
  let chain: RosterChain;
  const verified = (objects: readonly SignedObject<StatementKind>[]): AnyVerifiedStatement[] =>
    objects.map((object) => {
      const result = verifyStatement(object as never, chain);
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    });

  beforeAll(async () => {
    fixture = await rosterFixture();
    const result = await verifyRosterChain({ trusted: fixture.genesis.bytes, candidates: [fixture.v2.bytes], now: NOW, sha256 });
    if (!result.ok) throw new Error(result.error.message);
    chain = result.value;
  });

  it('an honest log with a supersession chain has no equivocation; gaps are reported', async () => {
    const log = new LogWriter(fixture.keys);
    const body = await assessmentBody(INCIDENT, 'FRA');
    const commitment = await log.sign('FRA-2', await commitmentPayload(log, 'FRA-2', 'FRA', body));
    const first = await log.sign('FRA-2', assessmentPayload(log, 'FRA-2', body));
    const second = await log.sign('FRA-2', assessmentPayload(log, 'FRA-2', { ...body, confidence: 90 }, { supersedes: first.id }));
    const third = await log.sign('FRA-3', assessmentPayload(log, 'FRA-3', { ...body, confidence: 95 }, { supersedes: second.id }));
    const statements = verified([commitment, first, second, third]);
    expect(findEquivocations(statements)).toEqual([]);
    const logs = authorLogs(verified([commitment, second, third]));
    const fra2 = logs.find((entry) => entry.keyid === fixture.keys['FRA-2'].keyid)!;
    expect(fra2.entries.map((entry) => entry.seq)).toEqual([1, 3]);
    expect(fra2.gaps).toEqual([{ from: 2, to: 2 }]);
    expect(logs.map((entry) => entry.author)).toEqual(['FRA', 'FRA']);
  });

  it('same key, same seq: same-seq (and, for two assessments of one round, double-assessment)', async () => {
    const log = new LogWriter(fixture.keys);
    const body = await assessmentBody(INCIDENT, 'DEU');
    const position = log.position('DEU');
    const a = await log.sign('DEU', assessmentPayload(log, 'DEU', body));
    const b = await log.sign('DEU', { ...assessmentPayload(log, 'DEU', { ...body, confidence: 10 }), ...position });
    const found = findEquivocations(verified([a, b]));
    expect(found.map((entry) => entry.claim.kind)).toEqual(['same-seq', 'double-assessment']);
    expect(found[0]!.statements.map((s) => s.object.id)).toEqual([a.id, b.id].sort());
    expect(found[0]!.explanation).toContain('DEU equivocated');
  });

  it('a seq + 1 statement whose prev is not the seq statement: broken-chain', async () => {
    const log = new LogWriter(fixture.keys);
    const a = await log.sign('POL', await commitmentPayload(log, 'POL', 'POL', await assessmentBody(INCIDENT, 'POL')));
    const b = await log.sign('POL', { ...(await commitmentPayload(log, 'POL', 'POL', await assessmentBody(INCIDENT, 'POL', { round: 2 }))), prev: '00'.repeat(32) as ObjectId });
    const found = findEquivocations(verified([b, a]));
    expect(found).toHaveLength(1);
    expect(found[0]!.claim).toEqual({ kind: 'broken-chain', keyid: fixture.keys.POL.keyid, seq: 1 });
    expect(found[0]!.statements.map((s) => s.object.id)).toEqual([a.id, b.id]);
  });

  it('two assessments for one round from two keys of one delegation that do not supersede one another: double-assessment', async () => {
    const log = new LogWriter(fixture.keys);
    const body = await assessmentBody(INCIDENT, 'FRA');
    const a = await log.sign('FRA-2', assessmentPayload(log, 'FRA-2', body));
    const b = await log.sign('FRA-3', assessmentPayload(log, 'FRA-3', { ...body, finding: 'abstain', attribution: 'undetermined' }));
    const c = await log.sign('FRA-3', assessmentPayload(log, 'FRA-3', { ...body, round: 2 }));
    const found = findEquivocations(verified([a, b, c]));
    expect(found.map((entry) => entry.claim)).toEqual([{ kind: 'double-assessment', incident: INCIDENT, round: 1, supersedes: null }]);
  });

  it('is independent of input order and repetition', async () => {
    const log = new LogWriter(fixture.keys);
    const body = await assessmentBody(INCIDENT, 'DEU');
    const position = log.position('DEU');
    const objects = [
      await log.sign('DEU', assessmentPayload(log, 'DEU', body)),
      await log.sign('DEU', { ...assessmentPayload(log, 'DEU', { ...body, confidence: 1 }), ...position }),
      await log.sign('DEU', { ...assessmentPayload(log, 'DEU', { ...body, confidence: 2 }), ...position }),
    ];
    const statements = verified(objects);
    const reference = findEquivocations(statements);
    expect(reference).toHaveLength(4);
    expect(findEquivocations([...statements].reverse().concat(statements))).toEqual(reference);
  });
});

describe('equivocation proofs', () => {
  let fixture: RosterFixture;
  let chain: RosterChain;
  let found: Equivocation;
  let honestPair: readonly [SignedObject<'assessment'>, SignedObject<'assessment'>];

  beforeAll(async () => {
    fixture = await rosterFixture();
    const result = await verifyRosterChain({ trusted: fixture.genesis.bytes, candidates: [fixture.v2.bytes], now: NOW, sha256 });
    if (!result.ok) throw new Error(result.error.message);
    chain = result.value;
    const log = new LogWriter(fixture.keys);
    const body = await assessmentBody(INCIDENT, 'DEU');
    const position = log.position('DEU');
    const a = await log.sign('DEU', assessmentPayload(log, 'DEU', body));
    const b = await log.sign('DEU', { ...assessmentPayload(log, 'DEU', { ...body, confidence: 10 }), ...position });
    const statements = [a, b].map((object) => {
      const checked = verifyStatement(object, chain);
      if (!checked.ok) throw new Error(checked.error.message);
      return checked.value;
    });
    found = findEquivocations(statements)[0]!;
    const first = await log.sign('ITA', assessmentPayload(log, 'ITA', await assessmentBody(INCIDENT, 'ITA')));
    const second = await log.sign('ITA', assessmentPayload(log, 'ITA', await assessmentBody(INCIDENT, 'ITA', { confidence: 5 }), { supersedes: first.id }));
    honestPair = [first, second];
  });

  const mutate = (change: (proof: Record<string, unknown>) => void): Uint8Array => {
    const proof = JSON.parse(JSON.stringify(equivocationProof(found))) as Record<string, unknown>;
    change(proof);
    return canonicalize(proof);
  };

  it('an exported proof verifies and is attributed to the author with the chain', async () => {
    const result = await verifyEquivocationProof(exportEquivocationProof(found), { sha256, chain });
    expect(result).toMatchObject({ ok: true, value: { author: 'DEU', attributed: true, claim: found.claim, explanation: found.explanation } });
  });

  it.each([
    [
      'an edited explanation',
      (p: Record<string, unknown>): void => {
        p['explanation'] = 'DEU lied';
      },
      'inconsistent',
    ],
    [
      'a claim with another seq',
      (p: Record<string, unknown>): void => {
        (p['claim'] as Record<string, unknown>)['seq'] = 2;
      },
      'inconsistent',
    ],
    [
      'another author',
      (p: Record<string, unknown>): void => {
        p['author'] = 'FRA';
      },
      'inconsistent',
    ],
    [
      'the statements swapped',
      (p: Record<string, unknown>): void => {
        p['statements'] = [...(p['statements'] as unknown[])].reverse();
      },
      'inconsistent',
    ],
    [
      'the same statement twice',
      (p: Record<string, unknown>): void => {
        p['statements'] = [(p['statements'] as unknown[])[0], (p['statements'] as unknown[])[0]];
      },
      'inconsistent',
    ],
    [
      'a key that did not sign',
      (p: Record<string, unknown>): void => {
        p['keys'] = [{ keyid: fixture.keys.POL.keyid, publicKey: Buffer.from(fixture.keys.POL.publicKey).toString('base64') }];
      },
      'unknown-key',
    ],
    [
      'a keyid that is not the hash of the key',
      (p: Record<string, unknown>): void => {
        (p['keys'] as Record<string, unknown>[])[0]!['keyid'] = fixture.keys.POL.keyid;
      },
      'keyid-mismatch',
    ],
    [
      'an unknown field',
      (p: Record<string, unknown>): void => {
        p['verdict'] = 'guilty';
      },
      'unknown-field',
    ],
    [
      'another type',
      (p: Record<string, unknown>): void => {
        p['type'] = 'application/json';
      },
      'bad-format',
    ],
  ] as const)('refuses %s', async (_label, change, code) => {
    expect(await verifyEquivocationProof(mutate(change), { sha256, chain })).toMatchObject({ ok: false, error: { code } });
  });

  it('refuses a proof that is not canonical bytes', async () => {
    const pretty = new TextEncoder().encode(JSON.stringify(equivocationProof(found), null, 2));
    expect(await verifyEquivocationProof(pretty, { sha256 })).toMatchObject({ ok: false, error: { code: 'not-canonical' } });
  });

  it('cannot frame an honest delegation: a superseding pair is refused', async () => {
    const [x, y] = honestPair[0].id < honestPair[1].id ? honestPair : [honestPair[1], honestPair[0]];
    const claim = { kind: 'double-assessment', incident: INCIDENT, round: 1, supersedes: null } as const;
    const framed = canonicalize({
      type: 'application/vnd.truceline.equivocation-proof+json',
      claim,
      author: 'ITA',
      keys: [{ keyid: fixture.keys.ITA.keyid, publicKey: Buffer.from(fixture.keys.ITA.publicKey).toString('base64') }],
      statements: [x.envelope, y.envelope],
      explanation: explainEquivocation(claim, 'ITA' as MemberId, [x.id, y.id]),
    });
    expect(await verifyEquivocationProof(framed, { sha256, chain })).toMatchObject({ ok: false, error: { code: 'inconsistent' } });
  });

  it('with a chain, refuses keys the roster never listed for the author', async () => {
    const log = new LogWriter(fixture.keys);
    const body = await assessmentBody(INCIDENT, 'FRA');
    const position = log.position('OUTSIDER');
    const a = await log.sign('OUTSIDER', assessmentPayload(log, 'OUTSIDER', body));
    const b = await log.sign('OUTSIDER', { ...assessmentPayload(log, 'OUTSIDER', { ...body, confidence: 3 }), ...position });
    const [x, y] = a.id < b.id ? [a, b] : [b, a];
    const claim = { kind: 'same-seq', keyid: fixture.keys.OUTSIDER.keyid, seq: 1 } as const;
    const forged = canonicalize({
      type: 'application/vnd.truceline.equivocation-proof+json',
      claim,
      author: 'FRA',
      keys: [{ keyid: fixture.keys.OUTSIDER.keyid, publicKey: Buffer.from(fixture.keys.OUTSIDER.publicKey).toString('base64') }],
      statements: [x.envelope, y.envelope],
      explanation: explainEquivocation(claim, 'FRA' as MemberId, [x.id, y.id]),
    });
    expect(await verifyEquivocationProof(forged, { sha256 })).toMatchObject({ ok: true, value: { attributed: false } });
    expect(await verifyEquivocationProof(forged, { sha256, chain })).toMatchObject({ ok: false, error: { code: 'unknown-key', field: 'keys' } });
  });
});

describe('copies of one statement (same payload bytes, other envelopes) are never an equivocation', () => {
  let fixture: RosterFixture;
  let chain: RosterChain;
  beforeAll(async () => {
    fixture = await rosterFixture();
    const result = await verifyRosterChain({ trusted: fixture.genesis.bytes, candidates: [fixture.v2.bytes], now: NOW, sha256 });
    if (!result.ok) throw new Error(result.error.message);
    chain = result.value;
  });
  const verified = (objects: readonly SignedObject<StatementKind>[]): AnyVerifiedStatement[] =>
    objects.map((object) => {
      const result = verifyStatement(object as never, chain);
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    });

  /** FRA's reveal signed with FRA-2 and, as a second envelope of the same payload, with FRA-3. */
  async function copies(): Promise<{ a: SignedObject<'assessment'>; b: SignedObject<'assessment'>; log: LogWriter }> {
    const log = new LogWriter(fixture.keys);
    const a = await log.sign('FRA-2', assessmentPayload(log, 'FRA-2', await assessmentBody(INCIDENT, 'FRA')));
    const b = await signStatement(a.payload, fixture.keys['FRA-3'], sha256);
    return { a, b, log };
  }

  it('two envelopes of one assessment payload are one statement: no double-assessment', async () => {
    const { a, b } = await copies();
    expect(a.id).not.toBe(b.id);
    expect(findEquivocations(verified([a, b]))).toEqual([]);
  });

  it('a prev naming another copy of the seq statement follows it: no broken-chain', async () => {
    const { a, b, log } = await copies();
    const next = await log.sign('FRA-2', { ...assessmentPayload(log, 'FRA-2', await assessmentBody(INCIDENT, 'FRA', { round: 2 })), prev: b.id });
    expect(next.payload.seq).toBe(a.payload.seq + 1);
    expect(findEquivocations(verified([a, b, next]))).toEqual([]);
    expect(findEquivocations(verified([a, next])).map((found) => found.claim.kind)).toEqual(['broken-chain']);
  });

  it('refuses a proof made of two copies of one payload', async () => {
    const { a, b } = await copies();
    const [x, y] = a.id < b.id ? [a, b] : [b, a];
    const claim = { kind: 'double-assessment', incident: INCIDENT, round: 1, supersedes: null } as const;
    const key = (name: 'FRA-2' | 'FRA-3') => ({ keyid: fixture.keys[name].keyid, publicKey: Buffer.from(fixture.keys[name].publicKey).toString('base64') });
    const proof = canonicalize({
      type: 'application/vnd.truceline.equivocation-proof+json',
      claim,
      author: 'FRA',
      keys: [key('FRA-2'), key('FRA-3')].sort((p, q) => (p.keyid < q.keyid ? -1 : 1)),
      statements: [x.envelope, y.envelope],
      explanation: explainEquivocation(claim, 'FRA' as MemberId, [x.id, y.id]),
    });
    const result = await verifyEquivocationProof(proof, { sha256, chain });
    expect(result).toMatchObject({ ok: false, error: { code: 'inconsistent', field: 'statements' } });
  });
});
