import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDraft, type AssessmentDraft } from '../../../shared/assessment/draft';
import { DEFAULT_INCIDENT_QUERY } from '../../../shared/commission/incident-list';
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

/** An incident of the demo nobody has committed to yet, in round 1. */
async function freshIncident(): Promise<ObjectId> {
  for (const summary of await reader.services.commission.incidents()) {
    if (summary.outcome.round !== ROUND) continue;
    const detail = await reader.services.commission.incident(summary.id);
    const untouched = detail.tally.members.every((m) => m.standing === 'recused' || m.standing === 'observer' || (m.standing === 'awaited' && m.reason.includes('nothing')));
    if (untouched && detail.participation?.phase === null) return summary.id;
  }
  throw new Error('the demo has no incident without commitments');
}

function draftOf(incident: ObjectId, overrides: Partial<AssessmentDraft> = {}, round = ROUND): AssessmentDraft {
  return {
    ...emptyDraft(incident, round),
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

describe('a round closed without a decision opens the next: round 2 is sealed, opened, revealed and closed, and its certificate verifies', () => {
  let incident: ObjectId;
  beforeAll(async () => {
    // A demo 'split' incident whose round 1 every voting delegation revealed, five against four, and the chair has not closed.
    await actAs('CHAIR');
    for (const summary of await reader.services.commission.incidents()) {
      if (summary.outcome.round !== 1 || summary.outcome.outcome !== 'no-consensus' || summary.finality.status !== 'provisional') continue;
      if ((await participation(summary.id)).chair?.canClose) {
        incident = summary.id;
        return;
      }
    }
    throw new Error('the demo has no closable round 1 without consensus');
  }, 120_000);

  it('the chair closes round 1 with no consensus; round 2 is open for assessments, round 1 listed with its outcome', async () => {
    expect((await api.closeRound(incident, 1)).kind).toBe('closing');
    const detail = await api.getIncident(incident);
    expect(detail.outcome).toMatchObject({ round: 2, outcome: 'pending' });
    expect(detail.finality.status).toBe('provisional');
    expect(detail.tally.round).toBe(2);
    expect(detail.storeMismatch).toBeNull();
    expect(detail.rounds).toEqual([{ round: 1, outcome: expect.objectContaining({ round: 1, outcome: 'no-consensus' }), finality: expect.objectContaining({ status: 'final', closedBy: 'CHAIR' }) }]);
    expect(detail.participation).toMatchObject({ round: 2, phase: null, closed: false, chair: { commitmentsReceived: [], canOpenReveal: false, closed: false } });
    const queued = (await api.listIncidents({ ...DEFAULT_INCIDENT_QUERY, limit: 500 })).items.find((i) => i.id === incident);
    expect(queued).toMatchObject({ outcome: { round: 2, outcome: 'pending' }, myStanding: { step: 'no-commitments' } });
  });

  it('refuses to sign in round 1 any more, or in a round after the current one, in one line', async () => {
    expect((await refusal(api.closeRound(incident, 1))).message).toBe('round 1 is closed: round 2 is the current round');
    expect((await refusal(api.openReveal(incident, 1, { revealDeadline: null, silenceDeadline: null }))).message).toBe('round 1 is closed: round 2 is the current round');
    await actAs('FRA');
    expect((await participation(incident)).step).toBe('draft');
    await api.saveDraft(draftOf(incident, {}, 1));
    expect((await refusal(api.commitAssessment(incident, 1))).message).toBe('round 1 is closed: round 2 is the current round');
    expect((await refusal(api.revealAssessment(incident, 1))).message).toBe('round 1 is closed: round 2 is the current round');
    await api.saveDraft(draftOf(incident, {}, 3));
    expect((await refusal(api.commitAssessment(incident, 3))).message).toBe('round 3 is not open: round 2 is the current round');
    const queued = (await api.listIncidents({ ...DEFAULT_INCIDENT_QUERY, needsMyAction: true, limit: 500 })).items.find((i) => i.id === incident);
    expect(queued?.myStanding).toMatchObject({ step: 'no-commitment' });
  });

  it('round 2: every voting delegation seals and reveals, the chair opens and closes it decided, and both certificates verify to what the screen shows', async () => {
    const voting = (await api.getCommission()).members.filter((m) => m.role === 'voting').map((m) => m.id);
    for (const [i, member] of voting.entries()) {
      await actAs(member);
      expect((await participation(incident)).round).toBe(2);
      const finding = i < 7 ? 'violation' : 'no-violation';
      expect((await api.saveDraft(draftOf(incident, { finding, attribution: finding === 'violation' ? ('RUS' as MemberId) : 'undetermined' }, 2))).problems).toEqual([]);
      await api.commitAssessment(incident, 2);
    }
    await actAs('CHAIR');
    expect((await participation(incident)).chair?.commitmentsReceived).toHaveLength(voting.length);
    await api.openReveal(incident, 2, { revealDeadline: null, silenceDeadline: null });
    for (const member of voting) {
      await actAs(member);
      expect((await participation(incident)).step).toBe('reveal');
      await api.revealAssessment(incident, 2);
    }
    await actAs('CHAIR');
    const decided = await api.getIncident(incident);
    expect(decided.outcome).toMatchObject({ round: 2, outcome: 'decided', finding: 'violation', attribution: 'RUS' });
    expect(decided.participation?.chair?.canClose).toBe(true);
    await api.closeRound(incident, 2);
    const closed = await api.getIncident(incident);
    expect(closed).toMatchObject({ outcome: { round: 2, outcome: 'decided' }, finality: { status: 'final' }, storeMismatch: null });
    expect(closed.rounds.map((r) => [r.round, r.outcome.outcome, r.finality.status])).toEqual([[1, 'no-consensus', 'final']]);
    // A decided close ends the incident's rounds.
    expect((await refusal(api.openReveal(incident, 3, { revealDeadline: null, silenceDeadline: null }))).message).toBe(
      "round 3 is not open: round 2 was closed with a decision, which ends the incident's rounds",
    );
    expect((await refusal(api.closeRound(incident, 2))).message).toMatch(/^round 2 is closed/);

    const roster = new Uint8Array(readFileSync(join(dataDir, 'demo', 'roster.json')));
    const second = await api.exportCertificate(incident, 2);
    const secondResult = await verifyCertificatePack(await loadPackFile(join(second.outbox, second.file)), roster, Date.now());
    expect(secondResult.status).toBe('final');
    expect(secondResult.status === 'final' && secondResult.outcome.verdict).toEqual(decided.tally.verdict);
    const first = await api.exportCertificate(incident, 1);
    const firstResult = await verifyCertificatePack(await loadPackFile(join(first.outbox, first.file)), roster, Date.now());
    expect(firstResult.status).toBe('final');
    expect(firstResult.status === 'final' && firstResult.outcome.verdict).toEqual({ outcome: 'no-consensus' });
  }, 180_000);
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
