import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidObjectError, signRoster, signStatement } from '../../../shared/objects/sign-object';
import type { IssueCode } from '../../../shared/objects/issues';
import type { AnyPayload, StatementPayload } from '../../../shared/objects/types';
import { parseTimestamp } from '../../../shared/objects/timestamp';
import { LogWriter, assessmentBody, assessmentPayload, commitmentPayload, incidentPayload, keyring, phasePayload, rosterPayload, sha256, type KeyName, type Keyring } from '../../vectors/commission';

type Mutation = readonly [label: string, key: KeyName, build: () => AnyPayload, code: IssueCode, field: string];

function withoutKey<T extends object>(value: T, key: keyof T): Partial<T> {
  const copy: Partial<T> = { ...value };
  delete copy[key];
  return copy;
}

async function refusal(payload: AnyPayload, keys: Keyring, key: KeyName): Promise<InvalidObjectError> {
  try {
    if (payload.kind === 'roster') await signRoster(payload, [keys[key]], sha256);
    else await signStatement(payload as StatementPayload, keys[key], sha256);
  } catch (error) {
    if (error instanceof InvalidObjectError) return error;
    throw error;
  }
  throw new Error('the payload was accepted');
}

describe('payload validation (through the builders, which refuse to sign what verification would refuse)', () => {
  let keys: Keyring;
  let cases: Mutation[];
  beforeAll(async () => {
    keys = await keyring();
    const log = new LogWriter(keys);
    const incident = incidentPayload(log);
    const incidentId = 'e1'.repeat(32) as never;
    const body = await assessmentBody(incidentId, 'FRA');
    const assessment = assessmentPayload(log, 'FRA-2', body);
    const commitment = await commitmentPayload(log, 'FRA-2', 'FRA', body);
    const phase = phasePayload(log, incidentId, []);
    const roster = rosterPayload(keys);
    const [firstMember, ...otherMembers] = roster.members;
    const u = <T>(value: unknown): T => value as T;
    cases = [
      ['a seq that is not an integer', 'MISSION', () => ({ ...incident, seq: 1.5 }), 'out-of-range', 'seq'],
      ['a seq given as a string', 'MISSION', () => ({ ...incident, seq: u('1') }), 'wrong-type', 'seq'],
      ['prev with seq 1', 'MISSION', () => ({ ...incident, prev: u('ab'.repeat(32)) }), 'inconsistent', 'prev'],
      ['no prev after seq 1', 'MISSION', () => ({ ...incident, seq: 2 }), 'inconsistent', 'prev'],
      ['a created time with an offset', 'MISSION', () => ({ ...incident, created: u('2026-11-20T08:00:00+01:00') }), 'bad-format', 'created'],
      ['31 November', 'MISSION', () => ({ ...incident, created: u('2026-11-31T08:00:00Z') }), 'bad-format', 'created'],
      ['a window ending before it starts', 'MISSION', () => ({ ...incident, window: { start: incident.window.end, end: incident.window.start } }), 'inconsistent', 'window.end'],
      ['a longitude beyond 180°', 'MISSION', () => ({ ...incident, location: { ...incident.location, lonE6: 180_000_001 } }), 'out-of-range', 'location.lonE6'],
      ['an unknown category', 'MISSION', () => ({ ...incident, category: u('shelling') }), 'bad-format', 'category'],
      ['a bearing of 360', 'MISSION', () => ({ ...incident, observations: [{ ...incident.observations[0]!, bearingDeg: 360 }] }), 'out-of-range', 'observations[0].bearingDeg'],
      ['an evidence name with a path', 'MISSION', () => ({ ...incident, evidence: [{ ...incident.evidence[0]!, name: '../etc/passwd' }] }), 'bad-format', 'evidence[0].name'],
      ['an uppercase media type', 'MISSION', () => ({ ...incident, evidence: [{ ...incident.evidence[0]!, mediaType: 'Image/PNG' }] }), 'bad-format', 'evidence[0].mediaType'],
      ['two evidence files with one name', 'MISSION', () => ({ ...incident, evidence: [incident.evidence[0]!, incident.evidence[0]!] }), 'duplicate-value', 'evidence[1]'],
      ['an evidence size beyond 2^53', 'MISSION', () => ({ ...incident, evidence: [{ ...incident.evidence[0]!, size: 2 ** 53 }] }), 'out-of-range', 'evidence[0].size'],
      ['1,025 evidence files', 'MISSION', () => ({ ...incident, evidence: Array.from({ length: 1025 }, (_, i) => ({ ...incident.evidence[0]!, name: `f${i}` })) }), 'too-many', 'evidence'],
      ['a summary over 4,000 bytes of UTF-8', 'MISSION', () => ({ ...incident, summary: 'é'.repeat(2001) }), 'too-long', 'summary'],
      ['a summary with a NUL', 'MISSION', () => ({ ...incident, summary: 'a\u0000b' }), 'bad-format', 'summary'],
      ['an undefined optional field', 'MISSION', () => ({ ...incident, supersedes: undefined }), 'wrong-type', 'supersedes'],
      ['a commitment for another delegation', 'FRA-2', () => ({ ...commitment, delegation: u('DEU') }), 'inconsistent', 'delegation'],
      ['a digest in uppercase', 'FRA-2', () => ({ ...commitment, digest: u(commitment.digest.toUpperCase()) }), 'bad-format', 'digest'],
      ['round 0', 'FRA-2', () => ({ ...commitment, round: 0 }), 'out-of-range', 'round'],
      ['a confidence of 101', 'FRA-2', () => ({ ...assessment, body: { ...body, confidence: 101 } }), 'out-of-range', 'body.confidence'],
      ['an attribution with a no-violation finding', 'FRA-2', () => ({ ...assessment, body: { ...body, finding: 'no-violation' } }), 'inconsistent', 'body.attribution'],
      ['a short salt', 'FRA-2', () => ({ ...assessment, body: { ...body, salt: 'ab'.repeat(16) } }), 'bad-format', 'body.salt'],
      ['a repeated category', 'FRA-2', () => ({ ...assessment, body: { ...body, categories: ['mlrs-fire', 'mlrs-fire'] } }), 'duplicate-value', 'body.categories[1]'],
      ['a body for another delegation', 'FRA-2', () => ({ ...assessment, body: { ...body, delegation: u('DEU') } }), 'inconsistent', 'body.delegation'],
      ['a citation of a chunk that is not a hash', 'FRA-2', () => ({ ...assessment, body: { ...body, citations: [{ chunk: u('x') }] } }), 'bad-format', 'body.citations[0].chunk'],
      ['an extra field in the body', 'FRA-2', () => ({ ...assessment, body: u({ ...body, weight: 3 }) }), 'unknown-field', 'body.weight'],
      ['a phase with another action', 'CHAIR', () => ({ ...phase, action: u('close') }), 'bad-format', 'action'],
      ['a phase listing one commitment twice', 'CHAIR', () => ({ ...phase, commitments: u(['cd'.repeat(32), 'cd'.repeat(32)]) }), 'duplicate-value', 'commitments[1]'],
      ['a phase deadline that is not a time', 'CHAIR', () => ({ ...phase, revealDeadline: u('tomorrow') }), 'bad-format', 'revealDeadline'],
      ['a roster expiring before it is issued', 'CHAIR', () => ({ ...roster, expires: roster.issued }), 'inconsistent', 'expires'],
      ['a genesis roster with a prev', 'CHAIR', () => ({ ...roster, prev: u('ab'.repeat(32)) }), 'inconsistent', 'prev'],
      ['a threshold above the number of members with keys', 'CHAIR', () => ({ ...roster, updateThreshold: 10 }), 'out-of-range', 'updateThreshold'],
      ['a member id in lowercase', 'CHAIR', () => ({ ...roster, members: [{ ...firstMember!, id: u('chair') }, ...otherMembers] }), 'bad-format', 'members[0].id'],
      ['two members with one id', 'CHAIR', () => ({ ...roster, members: [firstMember!, firstMember!, ...otherMembers] }), 'duplicate-value', 'members[1]'],
      [
        'a key listed for two members',
        'CHAIR',
        () => ({ ...roster, members: [firstMember!, { ...otherMembers[0]!, keys: firstMember!.keys }, ...otherMembers.slice(1)] }),
        'duplicate-value',
        'members[1].keys[0].keyid',
      ],
      ['a name with a right-to-left override', 'CHAIR', () => ({ ...roster, members: [{ ...firstMember!, name: 'Chair\u202eriahC' }, ...otherMembers] }), 'bad-format', 'members[0].name'],
      ['a majority rule without a threshold', 'CHAIR', () => ({ ...roster, rule: { method: 'majority', weighted: false, silenceProcedure: false } }), 'missing-field', 'rule.threshold'],
      ['a consensus rule with a threshold', 'CHAIR', () => ({ ...roster, rule: { ...roster.rule, threshold: { numerator: 2, denominator: 3 } } }), 'inconsistent', 'rule.threshold'],
      ['a fraction above one', 'CHAIR', () => ({ ...roster, rule: { ...roster.rule, quorum: { numerator: 4, denominator: 3 } } }), 'out-of-range', 'rule.quorum.numerator'],
      [
        'a public key of 31 bytes',
        'CHAIR',
        () => ({ ...roster, members: [{ ...firstMember!, keys: [{ ...firstMember!.keys[0]!, publicKey: Buffer.alloc(31).toString('base64') }] }, ...otherMembers] }),
        'bad-format',
        'members[0].keys[0].publicKey',
      ],
      ['a blank summary', 'MISSION', () => ({ ...incident, summary: ' \n\t\u3000' }), 'bad-format', 'summary'],
      ['a summary of joiners only', 'MISSION', () => ({ ...incident, summary: '\u200c\u200d' }), 'bad-format', 'summary'],
      ['a summary with a zero-width space', 'MISSION', () => ({ ...incident, summary: 'Twelve\u200bimpacts' }), 'bad-format', 'summary'],
      ['a summary with a soft hyphen', 'MISSION', () => ({ ...incident, summary: 'cross\u00ading' }), 'bad-format', 'summary'],
      ['a whitespace-only rationale', 'FRA-2', () => ({ ...assessment, body: { ...body, rationale: '\n  ' } }), 'bad-format', 'body.rationale'],
      ['a rationale with a right-to-left override', 'FRA-2', () => ({ ...assessment, body: { ...body, rationale: 'east\u202e of the line' } }), 'bad-format', 'body.rationale'],
      ['a rationale with a first-strong isolate', 'FRA-2', () => ({ ...assessment, body: { ...body, rationale: 'east \u2068x\u2069' } }), 'bad-format', 'body.rationale'],
      ['a member name with a zero-width non-joiner', 'CHAIR', () => ({ ...roster, members: [{ ...firstMember!, name: 'Chair\u200c' }, ...otherMembers] }), 'bad-format', 'members[0].name'],
      ['a commission name with a line separator', 'CHAIR', () => ({ ...roster, commission: 'Joint\u2028Commission' }), 'bad-format', 'commission'],
      [
        'a media subtype of 128 characters',
        'MISSION',
        () => ({ ...incident, evidence: [{ ...incident.evidence[0]!, mediaType: `application/${'x'.repeat(128)}` }] }),
        'bad-format',
        'evidence[0].mediaType',
      ],
      [
        'a media type of 127 and 128 characters',
        'MISSION',
        () => ({ ...incident, evidence: [{ ...incident.evidence[0]!, mediaType: `${'a'.repeat(127)}/${'x'.repeat(128)}` }] }),
        'too-long',
        'evidence[0].mediaType',
      ],
      [
        'confidence 101 and a repeated category: confidence comes first',
        'FRA-2',
        () => ({ ...assessment, body: { ...body, confidence: 101, categories: ['mlrs-fire', 'mlrs-fire'] } }),
        'out-of-range',
        'body.confidence',
      ],
      [
        'a bad window and a blank summary: the window comes first',
        'MISSION',
        () => ({ ...incident, summary: ' ', window: { start: incident.window.end, end: incident.window.start } }),
        'inconsistent',
        'window.end',
      ],
      ['two unknown members: the first in code-unit order is named', 'MISSION', () => u({ ...incident, zz: 1, aa: 2 }), 'unknown-field', 'aa'],
      ['a missing and an unknown member: the missing one is reported', 'FRA-2', () => u({ ...withoutKey(commitment, 'digest'), extra: 1 }), 'missing-field', 'digest'],
      ['an unknown member and a bad body: the outer member is reported', 'FRA-2', () => u({ ...assessment, extra: 1, body: { ...body, confidence: 101 } }), 'unknown-field', 'extra'],
      ['a commission label and a bad version: commission comes first', 'CHAIR', () => ({ ...roster, commission: ' ', version: 0 }), 'bad-format', 'commission'],
      ['257 members', 'CHAIR', () => ({ ...roster, members: Array.from({ length: 257 }, (_, i) => ({ ...firstMember!, id: u(`M${i}`), keys: [] })) }), 'too-many', 'members'],
    ];
  });

  it('accepts the valid payloads of every kind', async () => {
    const log = new LogWriter(keys);
    const incident = await signStatement(incidentPayload(log), keys.MISSION, sha256);
    expect(incident.kind).toBe('incident');
    await expect(signRoster(rosterPayload(keys), [keys.CHAIR], sha256)).resolves.toMatchObject({ kind: 'roster' });
  });

  it('accepts an empty rationale, joiners in texts, a 127-character subtype and a window of one instant spelled two ways', async () => {
    const log = new LogWriter(keys);
    const incidentId = 'e1'.repeat(32) as never;
    const body = await assessmentBody(incidentId, 'FRA');
    for (const rationale of ['', 'هم\u200cخوانی', 'family \u{1F468}\u200d\u{1F469}\u200d\u{1F467}']) {
      await expect(signStatement(assessmentPayload(log, 'FRA-2', { ...body, rationale }), keys['FRA-2'], sha256)).resolves.toMatchObject({ kind: 'assessment' });
    }
    const incident = incidentPayload(log);
    const evidence = [{ ...incident.evidence[0]!, mediaType: `application/${'x'.repeat(127)}` }];
    const window = { start: incident.window.start, end: incident.window.start.replace('Z', '.000Z') as never };
    await expect(signStatement({ ...incident, evidence, window }, keys.MISSION, sha256)).resolves.toMatchObject({ kind: 'incident' });
  });

  it('has a case for each field rule', () => {
    expect(cases.length).toBeGreaterThan(40);
  });

  it('refuses each invalid payload with the code and field, in one line naming the kind', async () => {
    for (const [label, key, build, code, field] of cases) {
      const error = await refusal(build(), keys, key);
      expect({ label, code: error.issue.code, field: error.issue.field }).toEqual({ label, code, field });
      expect(error.message).not.toMatch(/\n/);
      expect(error.message.startsWith(`${build().kind} (unsigned): ${field} `)).toBe(true);
    }
  });
});

describe('timestamps', () => {
  it.each([
    ['2026-11-22T19:00:00Z', Date.UTC(2026, 10, 22, 19)],
    ['2026-11-22T19:00:00.250Z', Date.UTC(2026, 10, 22, 19, 0, 0, 250)],
    ['2028-02-29T00:00:00Z', Date.UTC(2028, 1, 29)],
  ])('%s is valid', (text, ms) => {
    expect(parseTimestamp(text)).toBe(ms);
  });

  it.each([
    '2026-11-22T19:00Z',
    '2026-11-22t19:00:00z',
    '2026-11-22T19:00:00.25Z',
    '2026-11-22T24:00:00Z',
    '2026-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-22T19:00:60Z',
    '1969-12-31T23:59:59Z',
    '2026-11-22 19:00:00Z',
    '2026-11-00T00:00:00Z',
  ])('%s is refused', (text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });
});
