import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDraft, type AssessmentDraft } from '../../../shared/assessment/draft';
import { DEMO_PASSPHRASE } from '../../../shared/demo/demo-commission';
import { ApiError, type MainEventName } from '../../../shared/ipc/contract';
import type { MemberId, ObjectId } from '../../../shared/objects/types';
import { createApiHandlers, type AppServices } from '../../../main/api/handlers';
import { unlockKeyFile } from '../../../main/keys/key-file';
import { loadPackFile } from '../../../main/packs/pack-file';
import { verifyCertificatePack } from '../../../main/packs/certificate-pack';
import { openReaderRole, openWriterRole, type OpenedRole, type ReaderServices, type WriterServices } from '../../../main/worker/store-roles';
import { removeTempDirs, tempDir } from '../store/fixtures/store-fixtures';

const RESOURCES = resolve(__dirname, '../../../resources');
const ROUND = 1;

let dataDir: string;
let writer: OpenedRole<WriterServices>;
let reader: OpenedRole<ReaderServices>;
let api: ReturnType<typeof createApiHandlers>;
const events: { event: MainEventName; payload: unknown }[] = [];
/** Every reply and event the renderer could see, as JSON: no key material may ever appear in it. */
const seenByRenderer: string[] = [];

beforeAll(async () => {
  dataDir = tempDir('truceline-rounds-');
  writer = await openWriterRole(
    { dataDir, resourcesDir: RESOURCES },
    (event, payload) => {
      events.push({ event, payload });
      seenByRenderer.push(JSON.stringify(payload));
    },
    () => undefined,
  );
  reader = openReaderRole({ dataDir, resourcesDir: RESOURCES });
  const handlers = createApiHandlers(
    { host: 'chromium', resourcesDir: RESOURCES, version: 'test', testMode: true },
    // The services themselves in place of their workers' clients (which answer with promises); switching commission is tested in test/main/workspaces.
    { ...writer.services, ...reader.services, workspaces: {} } as unknown as AppServices,
  );
  // Every call's reply (or error message) is recorded as the renderer would receive it.
  api = new Proxy(handlers, {
    get:
      (target, name: keyof typeof handlers) =>
      async (...args: unknown[]) => {
        try {
          const value = await (target[name] as (...a: unknown[]) => Promise<unknown>)(...args);
          seenByRenderer.push(JSON.stringify(value ?? null));
          return value;
        } catch (error) {
          seenByRenderer.push(String((error as Error).message));
          throw error;
        }
      },
  });
}, 120_000);

afterAll(() => {
  reader?.close();
  writer?.close();
  removeTempDirs();
});

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/** An incident of the demo nobody has committed to yet. */
async function freshIncident(): Promise<ObjectId> {
  for (const summary of await reader.services.commission.incidents()) {
    const detail = await reader.services.commission.incident(summary.id);
    const untouched = detail.tally.members.every((m) => m.standing === 'recused' || m.standing === 'observer' || (m.standing === 'awaited' && m.reason.includes('nothing')));
    if (untouched && detail.participation?.phase === null) return summary.id;
  }
  throw new Error('the demo has no incident without commitments');
}

function draftOf(incident: ObjectId, overrides: Partial<AssessmentDraft> = {}): AssessmentDraft {
  return {
    ...emptyDraft(incident, ROUND),
    finding: 'violation',
    attribution: 'RUS' as MemberId,
    confidence: 80,
    categories: ['artillery-fire'],
    rationale: 'Radar and acoustic tracks agree.',
    ...overrides,
  };
}

async function actAs(member: string): Promise<void> {
  await api.switchDelegation(member as MemberId);
  await api.unlockKey(DEMO_PASSPHRASE);
}

async function participation(incident: ObjectId) {
  return (await api.getIncident(incident)).participation!;
}

describe('a delegation assesses, seals and reveals, and the chair opens and closes the round, all signed in main', () => {
  let incident: ObjectId;
  beforeAll(async () => {
    incident = await freshIncident();
  }, 120_000);

  it('starts locked, and a wrong passphrase is refused in one line that names no secret', async () => {
    expect((await api.getKeyStatus()).state).toBe('locked');
    const error = await refusal(api.unlockKey('not the passphrase'));
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(/wrong passphrase/);
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain('not the passphrase');
    expect((await api.getKeyStatus()).state).toBe('locked');
  });

  it('refuses to seal while the key is locked, and keeps the draft', async () => {
    await api.saveDraft(draftOf(incident));
    const error = await refusal(api.commitAssessment(incident, ROUND));
    expect(error.message).toMatch(/locked/);
    expect((await participation(incident)).step).toBe('draft');
    expect((await api.getDraft(incident, ROUND))?.rationale).toBe('Radar and acoustic tracks agree.');
  });

  it('reports what keeps a draft from being sealed, with the validators every verifier uses', async () => {
    const notAParty = await api.saveDraft(draftOf(incident, { attribution: 'DEU' as MemberId }));
    expect(notAParty.problems.map((p) => p.field)).toEqual(['attribution']);
    const inconsistent = await api.saveDraft(draftOf(incident, { finding: 'no-violation' }));
    expect(inconsistent.problems[0]?.message).toMatch(/undetermined/);
    const unfinished = await api.saveDraft(draftOf(incident, { finding: null, confidence: 101 }));
    expect(unfinished.problems.map((p) => p.field).sort()).toEqual(['confidence', 'finding']);
    await api.unlockKey(DEMO_PASSPHRASE);
    expect((await refusal(api.commitAssessment(incident, ROUND))).message).toMatch(/cannot be sealed/);
  });

  it('seals: the commitment is stored and pushed, the body is kept only here, and sealing again supersedes before the reveal', async () => {
    expect((await api.saveDraft(draftOf(incident, { confidence: 60 }))).problems).toEqual([]);
    const before = events.length;
    const first = await api.commitAssessment(incident, ROUND);
    expect(first.kind).toBe('commitment');
    expect(events.slice(before).some((e) => e.event === 'storeChanged')).toBe(true);
    let mine = await participation(incident);
    expect(mine.step).toBe('committed');
    expect(mine.commitments).toEqual([expect.objectContaining({ id: first.id, sealedHere: true, listed: false })]);

    await api.saveDraft(draftOf(incident, { confidence: 85 }));
    const second = await api.commitAssessment(incident, ROUND);
    expect(second.seq).toBe(first.seq + 1);
    mine = await participation(incident);
    expect(mine.commitments.map((c) => c.id)).toEqual([first.id, second.id]);
    // The sealed body never enters the store: no stored object holds its rationale.
    const sealedFolder = join(dataDir, 'assessing', 'FRA', 'sealed');
    expect(readdirSync(sealedFolder).length).toBe(2);
  });

  it('hides nothing from the chair but lets only the chair open the reveal, listing each delegation’s latest commitment', async () => {
    expect((await refusal(api.openReveal(incident, ROUND, { revealDeadline: null, silenceDeadline: null }))).message).toMatch(/only the chair/);
    await actAs('CHAIR');
    const chair = (await participation(incident)).chair!;
    expect(chair.canOpenReveal).toBe(true);
    expect(chair.commitmentsReceived).toHaveLength(1);
    expect((await refusal(api.openReveal(incident, ROUND, { revealDeadline: '2020-01-01T00:00:00Z' as never, silenceDeadline: null }))).message).toMatch(/has passed/);
    expect((await refusal(api.openReveal(incident, ROUND, { revealDeadline: null, silenceDeadline: '2999-01-01T00:00:00Z' as never }))).message).toMatch(/no silence procedure/);
    const phase = await api.openReveal(incident, ROUND, { revealDeadline: '2999-01-01T00:00:00Z' as never, silenceDeadline: null });
    expect(phase.kind).toBe('phase');
    expect((await refusal(api.openReveal(incident, ROUND, { revealDeadline: null, silenceDeadline: null }))).message).toMatch(/open already/);
  });

  it('reveals the listed commitment once; the tally counts it; a commitment now would not count', async () => {
    await actAs('FRA');
    let mine = await participation(incident);
    expect(mine.step).toBe('reveal');
    expect(mine.commitments.filter((c) => c.listed)).toHaveLength(1);
    expect((await refusal(api.commitAssessment(incident, ROUND))).message).toMatch(/would not count/);
    const reveal = await api.revealAssessment(incident, ROUND);
    expect(reveal.kind).toBe('assessment');
    mine = await participation(incident);
    expect(mine.step).toBe('revealed');
    expect(mine.ballot).toBe('counted');
    const tally = (await api.getIncident(incident)).tally;
    expect(tally.members.find((m) => m.member === 'FRA')).toMatchObject({ finding: 'violation', confidence: 85 });
    expect((await refusal(api.revealAssessment(incident, ROUND))).message).toMatch(/revealed this assessment already/);
  });

  it('a delegation whose commitment the phase does not list cannot vote, and is told so', async () => {
    await actAs('DEU');
    const mine = await participation(incident);
    expect(mine.step).toBe('excluded');
    expect((await refusal(api.revealAssessment(incident, ROUND))).message).toMatch(/cannot vote/);
  });

  it('the chair cannot close a pending round, and closes it once the tally decides; the certificate verifies to the same verdict', async () => {
    await actAs('CHAIR');
    expect((await participation(incident)).chair?.canClose).toBe(false);
    expect((await refusal(api.closeRound(incident, ROUND))).message).toMatch(/cannot be closed/);
  });
});

describe('a whole round: every voting delegation seals and reveals, the chair closes it, and the certificate verifies to the verdict on screen', () => {
  it('closes only a decided round, once, and exports a final certificate', async () => {
    const incident = await freshIncident();
    const voting = (await api.getCommission()).members.filter((m) => m.role === 'voting').map((m) => m.id);
    for (const [i, member] of voting.entries()) {
      await actAs(member);
      const finding = i < 7 ? 'violation' : 'no-violation';
      expect((await api.saveDraft(draftOf(incident, { finding, attribution: finding === 'violation' ? ('RUS' as MemberId) : 'undetermined' }))).problems).toEqual([]);
      await api.commitAssessment(incident, ROUND);
    }
    await actAs('CHAIR');
    expect((await participation(incident)).chair?.commitmentsReceived).toHaveLength(voting.length);
    await api.openReveal(incident, ROUND, { revealDeadline: null, silenceDeadline: null });
    for (const member of voting) {
      await actAs(member);
      await api.revealAssessment(incident, ROUND);
    }
    await actAs('CHAIR');
    const decided = await api.getIncident(incident);
    expect(decided.outcome).toMatchObject({ outcome: 'decided', finding: 'violation', attribution: 'RUS' });
    expect(decided.participation?.chair?.canClose).toBe(true);
    const closing = await api.closeRound(incident, ROUND);
    expect(closing.kind).toBe('closing');
    expect((await api.getIncident(incident)).finality.status).toBe('final');
    expect((await refusal(api.closeRound(incident, ROUND))).message).toMatch(/closed/);

    const receipt = await api.exportCertificate(incident, ROUND);
    expect(receipt.closed).toBe(true);
    const pack = await loadPackFile(join(receipt.outbox, receipt.file));
    const result = await verifyCertificatePack(pack, new Uint8Array(readFileSync(join(dataDir, 'demo', 'roster.json'))), Date.now());
    expect(result.status).toBe('final');
    expect(result.status === 'final' && result.outcome.verdict).toEqual(decided.tally.verdict);
  }, 120_000);
});

describe('the renderer never receives key material', () => {
  it('no reply or event carries the secret key, its seed or the passphrase', async () => {
    const opened = await unlockKeyFile(JSON.parse(readFileSync(join(dataDir, 'demo', 'keys', 'FRA.key'), 'utf8')), DEMO_PASSPHRASE);
    const seed = opened.secretKey.slice(0, 32);
    const forms = [Buffer.from(seed).toString('hex'), Buffer.from(seed).toString('base64'), Buffer.from(opened.secretKey).toString('base64'), Buffer.from(opened.secretKey).toString('hex')];
    const everything = seenByRenderer.join('\n');
    expect(seenByRenderer.length).toBeGreaterThan(20);
    for (const form of forms) expect(everything).not.toContain(form);
    expect(everything).not.toContain(DEMO_PASSPHRASE);
    expect(existsSync(join(dataDir, 'demo', 'keys', 'FRA.key'))).toBe(true);
  });
});
