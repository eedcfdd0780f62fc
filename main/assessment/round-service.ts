import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { closesRound, planClosing } from '../../shared/audit/closing-record';
import { computeVerdict, type RoundVerdict } from '../../shared/audit/verdict';
import { bodyOfDraft, draftProblems, type AssessmentDraft, type DraftProblem, type SavedDraft } from '../../shared/assessment/draft';
import { currentRound, notCurrentReason, roundsHeld } from '../../shared/commission/current-round';
import { latestCommitments, type KeyStatusView, type WorkstationPreferences } from '../../shared/commission/participation';
import { roundFinality } from '../../shared/commission/round-finality';
import { ready } from '../../shared/crypto/sodium';
import type { CertificateReceipt, RevealDeadlines, SignedReceipt } from '../../shared/ipc/contract';
import { RefusedError, NotFoundError } from '../../shared/ipc/errors';
import { shortHex } from '../../shared/objects/issues';
import type { SignedObject, StatementKind } from '../../shared/objects/signed-object';
import { formatTimestamp, timestampMs } from '../../shared/objects/timestamp';
import type { AssessmentPayload, ClosingPayload, CommitmentPayload, MemberId, ObjectId, PhasePayload, RosterMember } from '../../shared/objects/types';
import type { RosterChain } from '../../shared/roster/verified-roster';
import { checkStatementBytes, type AnyVerifiedStatement, type VerifiedStatement } from '../../shared/roster/verify-statement';
import { commitmentDigest, randomSalt } from '../../shared/sealing/commitment-digest';
import { roundOf } from '../../shared/sealing/resolve-round';
import { SEALED_ASSESSMENT_FORMAT } from '../../shared/sealing/sealed-assessment';
import { nodeSha256 } from '../crypto/node-sha256';
import { parseKeyFile } from '../keys/key-file';
import { Signer, SignerError, type UnsequencedPayload } from '../keys/signer';
import type { EmitMainEvent } from '../services/main-events';
import type { ImportService } from '../services/import-service';
import { readWorkstationSettings, writeWorkstationSettings, type WorkstationSettings } from '../services/workstation-settings';
import { exportCertificate } from '../store/export-pack';
import { StoreReader } from '../store/store-reader';
import type { Store } from '../store/store';
import { trustedRosterChain } from '../store/trusted-rosters';
import { AssessmentFiles } from './assessment-files';

export interface RoundServiceOptions {
  readonly store: Store;
  readonly dataDir: string;
  readonly imports: ImportService;
  readonly emit: EmitMainEvent;
  readonly now?: () => number;
}

/** A round as the store holds it: its verified statements, its verdict as of now, and the incident's current round. */
interface StoredRound {
  readonly chain: RosterChain;
  readonly statements: readonly AnyVerifiedStatement[];
  readonly verdict: RoundVerdict;
  readonly current: CurrentRound;
}

interface CurrentRound {
  readonly round: number;
  /** The current round was closed with a decision: the incident's rounds have ended. */
  readonly decided: boolean;
}

/**
 * The delegation's and the chair's round, signed in main (DESIGN §2–§3): the one Signer of this
 * workstation holds the unlocked key, and every statement it signs is stored through the same
 * verified import as anything from outside. Drafts and sealed bodies stay in this workstation's
 * private folder (AssessmentFiles). The renderer names incidents and rounds, never a key or a path.
 */
export class RoundService {
  private readonly store: Store;
  private readonly files: AssessmentFiles;
  private readonly imports: ImportService;
  private readonly emit: EmitMainEvent;
  private readonly now: () => number;
  private readonly settingsFile: string;
  private readonly outbox: string;
  private readonly dataDir: string;
  private signer: Signer;
  private lockTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly highestSeq;

  constructor(options: RoundServiceOptions) {
    this.store = options.store;
    this.files = new AssessmentFiles(options.dataDir);
    this.imports = options.imports;
    this.emit = options.emit;
    this.now = options.now ?? Date.now;
    this.settingsFile = join(options.dataDir, 'workstation.json');
    this.outbox = join(options.dataDir, 'outbox');
    this.dataDir = options.dataDir;
    this.highestSeq = this.store.db.prepare('SELECT max(seq) FROM statements WHERE keyid = ?').pluck();
    this.signer = this.newSigner(15);
  }

  /** Reads the idle-lock preference; call once after construction. */
  async init(): Promise<void> {
    this.signer = this.newSigner((await this.files.readPreferences()).idleLockMinutes);
  }

  private newSigner(idleLockMinutes: number): Signer {
    return new Signer({
      highestStoredSeq: (keyid) => (this.highestSeq.get(Buffer.from(keyid, 'hex')) as number | null) ?? undefined,
      idleLockMs: idleLockMinutes * 60_000,
    });
  }

  private settings(): WorkstationSettings {
    return readWorkstationSettings(this.settingsFile);
  }

  private actingMember(): MemberId {
    const acting = this.settings().actingAs;
    if (acting === null) throw new RefusedError('this workstation acts for no delegation: choose one first');
    return acting;
  }

  // — The key —

  async keyStatus(): Promise<KeyStatusView> {
    const settings = this.settings();
    const status = this.signer.status();
    if (status.unlocked) return { state: 'unlocked', member: status.member, keyid: status.keyid, locksAt: formatTimestamp(status.locksAt) };
    if (settings.keyFile === null) return { state: 'no-key', member: settings.actingAs };
    try {
      const file = parseKeyFile(JSON.parse(await readFile(settings.keyFile, 'utf8')));
      return { state: 'locked', member: file.member as MemberId, keyid: file.keyid as never, lockedBy: status.lockedBy };
    } catch {
      return { state: 'no-key', member: settings.actingAs };
    }
  }

  async unlockKey(passphrase: string): Promise<KeyStatusView> {
    const settings = this.settings();
    if (settings.keyFile === null) throw new RefusedError('no key file is installed for this delegation: join a commission with a key first');
    try {
      const status = await this.signer.unlock(settings.keyFile, passphrase);
      if (status.unlocked && status.member !== settings.actingAs) {
        this.signer.lock();
        throw new RefusedError(`the key file belongs to ${status.member}, but this workstation acts for ${settings.actingAs ?? 'no delegation'}`);
      }
    } catch (error) {
      if (error instanceof SignerError) throw new RefusedError(error.message);
      throw error;
    }
    return this.keyChanged();
  }

  async lockKey(): Promise<KeyStatusView> {
    this.signer.lock();
    return this.keyChanged();
  }

  /** Pushes the key's status, and again when its idle lock falls due. */
  private async keyChanged(): Promise<KeyStatusView> {
    const status = await this.keyStatus();
    this.emit('keyStatus', status);
    if (this.lockTimer !== undefined) clearTimeout(this.lockTimer);
    this.lockTimer = undefined;
    if (status.state === 'unlocked') {
      this.lockTimer = setTimeout(() => void this.keyChanged(), Math.max(0, timestampMs(status.locksAt) - this.now()) + 50);
      this.lockTimer.unref?.();
    }
    return status;
  }

  // — Preferences and the acting delegation —

  preferences(): Promise<WorkstationPreferences> {
    return this.files.readPreferences();
  }

  async setPreferences(preferences: WorkstationPreferences): Promise<WorkstationPreferences> {
    const before = await this.files.readPreferences();
    await this.files.writePreferences(preferences);
    if (before.idleLockMinutes !== preferences.idleLockMinutes) {
      // A new idle time applies from the next unlock: the key is locked now rather than kept longer than the user chose.
      this.signer.lock();
      this.signer = this.newSigner(preferences.idleLockMinutes);
      await this.keyChanged();
    }
    this.emit('workstationChanged', { reason: 'preferences' });
    if (preferences.revealAutomatically) await this.revealDue();
    return preferences;
  }

  /** The demo only: its keys are public by construction, so any delegation may be played on one workstation. */
  async switchDelegation(member: MemberId): Promise<void> {
    const settings = this.settings();
    if (!settings.demo) throw new RefusedError('only the demo commission lets one workstation act for another delegation: a real commission gives each delegation its own key');
    const chain = await this.chain();
    if (!chain.current.index.members.has(member)) throw new RefusedError(`roster v${chain.current.version} has no member ${member}`);
    const keyFile = join(this.dataDir, 'demo', 'keys', `${member}.key`);
    await readFile(keyFile).catch(() => {
      throw new RefusedError(`the demo holds no key for ${member}`);
    });
    this.signer.lock();
    await writeWorkstationSettings(this.settingsFile, { ...settings, actingAs: member, keyFile });
    await this.keyChanged();
    this.emit('workstationChanged', { reason: 'delegation' });
  }

  // — Drafts —

  getDraft(incident: ObjectId, round: number): Promise<SavedDraft | null> {
    return this.files.readDraft(this.actingMember(), incident, round);
  }

  async saveDraft(draft: AssessmentDraft): Promise<{ draft: SavedDraft; problems: DraftProblem[] }> {
    const member = this.actingMember();
    await this.requireIncident(draft.incident);
    const chain = await this.chain();
    const saved = await this.files.writeDraft(member, draft, formatTimestamp(this.now()));
    return { draft: saved, problems: draftProblems(draft, member, chain.current) };
  }

  async discardDraft(incident: ObjectId, round: number): Promise<null> {
    await this.files.discardDraft(this.actingMember(), incident, round);
    return null;
  }

  async showOthersFindings(incident: ObjectId, round: number): Promise<null> {
    await this.requireIncident(incident);
    await this.files.recordLook(this.actingMember(), incident, round, formatTimestamp(this.now()));
    this.emit('workstationChanged', { reason: 'delegation' });
    return null;
  }

  // — Commit and reveal —

  /** Seals the round's draft: the body (salt included) is kept here before the commitment to its digest is signed and stored. */
  async commitAssessment(incident: ObjectId, round: number): Promise<SignedReceipt> {
    const member = this.actingMember();
    const stored = await this.round(incident, round);
    this.requireCurrent(stored, incident, round);
    const draft = await this.files.readDraft(member, incident, round);
    if (draft === null) throw new RefusedError(`no draft of ${member} for this incident's round ${round}: write one first`);
    const problems = draftProblems(draft, member, stored.chain.current);
    if (problems.length > 0) throw new RefusedError(`the draft cannot be sealed: ${problems.map((p) => p.message).join('; ')}`);
    if (stored.verdict.resolution.ballots.phase !== undefined) {
      throw new RefusedError(`the chair has opened the reveal of round ${round}: a commitment made now would not count (a new round is needed to change an assessment)`);
    }
    this.requireOpen(stored, incident, round);
    await ready();
    const body = bodyOfDraft(draft, member, randomSalt())!;
    const digest = await commitmentDigest(body, nodeSha256);
    const signed = await this.sign<UnsequencedPayload<CommitmentPayload>>({ kind: 'commitment', author: member, created: this.timestamp(), incident, round, delegation: member, digest });
    await this.files.writeSealed({ format: SEALED_ASSESSMENT_FORMAT, commitment: signed.id, digest, body });
    return this.storeOwn(signed);
  }

  /** Reveals the sealed body of the commitment the chair's phase lists for this delegation. */
  async revealAssessment(incident: ObjectId, round: number): Promise<SignedReceipt> {
    const member = this.actingMember();
    const stored = await this.round(incident, round);
    this.requireCurrent(stored, incident, round);
    this.requireOpen(stored, incident, round);
    const phase = this.bindingPhase(stored);
    if (phase === undefined) throw new RefusedError(`the chair has not opened the reveal of round ${round} yet: your assessment stays sealed until then`);
    const listed = new Set(phase.object.payload.commitments);
    const mine = this.ofRound(stored, 'commitment', incident, round).find((c) => c.object.payload.delegation === member && listed.has(c.object.id));
    if (mine === undefined) throw new RefusedError(`the reveal of round ${round} opened without a commitment of ${member}: ${member} cannot vote in this round`);
    const sealed = await this.files.readSealed(member, mine.object.payload.digest, nodeSha256);
    if (sealed === undefined) throw new RefusedError(`the sealed assessment of commitment ${shortHex(mine.object.id)} is not on this workstation (it was sealed elsewhere): reveal it there`);
    const reveals = this.ofRound(stored, 'assessment', incident, round).filter((a) => a.object.payload.body.delegation === member);
    const digests = await Promise.all(reveals.map((r) => commitmentDigest(r.object.payload.body, nodeSha256)));
    if (digests.includes(sealed.digest)) throw new RefusedError(`${member} has revealed this assessment already`);
    const latest = latestReveal(reveals);
    return this.storeOwn(
      await this.sign<UnsequencedPayload<AssessmentPayload>>({ kind: 'assessment', author: member, created: this.timestamp(), body: sealed.body, ...(latest ? { supersedes: latest.object.id } : {}) }),
    );
  }

  /** With "reveal automatically": reveals every round whose phase lists this delegation's commitment sealed here. Never throws. */
  async revealDue(): Promise<number> {
    const settings = this.settings();
    if (settings.actingAs === null || !this.signer.status().unlocked || !(await this.files.readPreferences()).revealAutomatically) return 0;
    const awaited = this.store.db.prepare('SELECT incident, round FROM round_awaited WHERE member = ?').all(settings.actingAs) as { incident: ObjectId; round: number }[];
    let revealed = 0;
    for (const { incident, round } of awaited) {
      try {
        await this.revealAssessment(incident, round);
        revealed += 1;
      } catch {
        // Not revealable here (sealed elsewhere, already revealed): the desk shows why.
      }
    }
    return revealed;
  }

  // — The chair —

  async openReveal(incident: ObjectId, round: number, deadlines: RevealDeadlines): Promise<SignedReceipt> {
    const chair = this.actingMember();
    const stored = await this.round(incident, round);
    this.requireRole(stored.chain, chair, 'chair', 'open a reveal');
    this.requireCurrent(stored, incident, round);
    this.requireOpen(stored, incident, round);
    if (stored.verdict.resolution.ballots.phase !== undefined) throw new RefusedError(`the reveal of round ${round} is open already (phase ${shortHex(stored.verdict.resolution.ballots.phase)})`);
    const rule = stored.chain.current.payload.rule;
    if (deadlines.silenceDeadline !== null && !rule.silenceProcedure) throw new RefusedError('the decision rule has no silence procedure: a silence deadline would mean nothing');
    const now = this.now();
    for (const [name, value] of [
      ['reveal deadline', deadlines.revealDeadline],
      ['silence deadline', deadlines.silenceDeadline],
    ] as const) {
      if (value !== null && timestampMs(value) <= now) throw new RefusedError(`the ${name} ${value} has passed already`);
    }
    const commitments = latestCommitments(this.ofRound(stored, 'commitment', incident, round), stored.chain.current.payload.members)
      .map((c) => c.object.id)
      .sort();
    if (commitments.length === 0) throw new RefusedError(`no delegation has committed in round ${round} yet: there is nothing to reveal`);
    return this.storeOwn(
      await this.sign<UnsequencedPayload<PhasePayload>>({
        kind: 'phase',
        author: chair,
        created: formatTimestamp(now),
        incident,
        round,
        action: 'open-reveal',
        commitments,
        ...(deadlines.revealDeadline === null ? {} : { revealDeadline: deadlines.revealDeadline }),
        ...(deadlines.silenceDeadline === null ? {} : { silenceDeadline: deadlines.silenceDeadline }),
      }),
    );
  }

  async closeRound(incident: ObjectId, round: number): Promise<SignedReceipt> {
    const chair = this.actingMember();
    const stored = await this.round(incident, round);
    this.requireRole(stored.chain, chair, 'chair', 'close a round');
    this.requireCurrent(stored, incident, round);
    this.requireOpen(stored, incident, round);
    const kinds = new Map(stored.statements.map((s) => [s.object.id, s.object.kind]));
    const listed = this.bindingPhase(stored)?.object.payload.commitments ?? [];
    const plan = planClosing(stored.chain.current, stored.verdict.resolution, stored.verdict.outcome, (id) => kinds.get(id) === 'assessment', listed);
    if (!plan.ok) throw new RefusedError(`round ${round} cannot be closed: ${plan.reason}`);
    return this.storeOwn(await this.sign<UnsequencedPayload<ClosingPayload>>({ kind: 'closing', author: chair, created: stored.verdict.outcome.asOf, ...plan.content }));
  }

  /** Writes the round's verdict certificate to the outbox: final with its closing record, provisional without. */
  async exportCertificate(incident: ObjectId, round: number): Promise<CertificateReceipt> {
    await this.requireIncident(incident);
    await mkdir(this.outbox, { recursive: true, mode: 0o700 });
    const number = this.store.db.prepare('SELECT incident_number FROM incidents WHERE id = ?').pluck().get(incident) as string;
    const file = `certificate-${number}-round${round}-${formatTimestamp(this.now()).replace(/[:]/g, '')}.pack`;
    const written = await exportCertificate(this.store, incident, round, this.timestamp(), join(this.outbox, file));
    return { file, outbox: this.outbox, closed: written.closed, objects: written.objects };
  }

  // — Helpers —

  private timestamp() {
    return formatTimestamp(this.now());
  }

  private async chain(): Promise<RosterChain> {
    const chain = await trustedRosterChain(this.store.db, this.now());
    if (chain === undefined) throw new RefusedError('no commission roster is installed yet');
    if (!chain.ok) throw new RefusedError(`the pinned roster does not verify: ${chain.error.message}`);
    return chain.value;
  }

  private async requireIncident(incident: ObjectId): Promise<void> {
    if (this.store.db.prepare("SELECT 1 FROM objects WHERE id = ? AND kind = 'incident'").pluck().get(incident) === undefined) {
      throw new NotFoundError(`incident ${shortHex(incident)} is not in this store`);
    }
  }

  private async round(incident: ObjectId, round: number): Promise<StoredRound> {
    await this.requireIncident(incident);
    await ready();
    const chain = await this.chain();
    const reader = new StoreReader(this.store.db);
    const bodies = [reader.signedBody(incident)!, ...reader.roundObjectsWithKeyNeighbours(incident)];
    const statements: AnyVerifiedStatement[] = [];
    for (const bytes of bodies) {
      const checked = await checkStatementBytes(bytes, chain, nodeSha256);
      if (checked.ok) statements.push(checked.statement);
    }
    const verdict = await computeVerdict({ chain, incident, round, objects: bodies, asOf: this.timestamp(), sha256: nodeSha256 });
    const current = await this.currentRound(chain, incident, bodies, statements, round === roundsHeld(statements, incident).at(-1) ? verdict : undefined);
    return { chain, statements, verdict, current };
  }

  /** The incident's current round (shared/commission/current-round.ts): its highest round holding a statement, or the next one when that round is closed without a decision. */
  private async currentRound(chain: RosterChain, incident: ObjectId, bodies: readonly Uint8Array[], statements: readonly AnyVerifiedStatement[], highestVerdict?: RoundVerdict): Promise<CurrentRound> {
    const highest = roundsHeld(statements, incident).at(-1);
    const statement = statements.find((s): s is VerifiedStatement<'incident'> => s.object.kind === 'incident' && s.object.id === incident);
    if (highest === undefined || statement === undefined) return { round: highest ?? 1, decided: false };
    // Only a round with a closing record can be final: the others are current without a finality check.
    if (!statements.some((s) => closesRound(s.object, incident, highest))) return { round: highest, decided: false };
    const { outcome } = highestVerdict ?? (await computeVerdict({ chain, incident, round: highest, objects: bodies, asOf: this.timestamp(), sha256: nodeSha256 }));
    const reader = new StoreReader(this.store.db);
    const finality = await roundFinality({ chain, incident: statement, round: highest, objects: bodies, tally: outcome, stored: (ids) => reader.statementBodies(ids), sha256: nodeSha256 });
    const state = { round: highest, outcome: outcome.verdict.outcome, finality: finality.status };
    const round = currentRound(state);
    return { round, decided: round === highest && state.finality === 'final' && state.outcome === 'decided' };
  }

  private ofRound<K extends 'commitment' | 'assessment' | 'phase'>(stored: StoredRound, kind: K, incident: ObjectId, round: number): VerifiedStatement<K>[] {
    return stored.statements.filter((s) => {
      const of = roundOf(s.object);
      return s.object.kind === kind && of?.incident === incident && of.round === round;
    }) as unknown as VerifiedStatement<K>[];
  }

  private bindingPhase(stored: StoredRound): VerifiedStatement<'phase'> | undefined {
    const id = stored.verdict.resolution.ballots.phase;
    return stored.statements.find((s): s is VerifiedStatement<'phase'> => s.object.kind === 'phase' && s.object.id === id);
  }

  /** The desk signs in the incident's current round only (a statement of another round would still verify: this is the workstation's convention, not a rule). */
  private requireCurrent(stored: StoredRound, incident: ObjectId, round: number): void {
    const current = stored.current;
    if (round === current.round) return;
    throw new RefusedError(notCurrentReason(round, current.round, { roundClosed: stored.statements.some((s) => closesRound(s.object, incident, round)), currentDecided: current.decided }));
  }

  private requireOpen(stored: StoredRound, incident: ObjectId, round: number): void {
    const closing = stored.statements.find((s) => closesRound(s.object, incident, round));
    if (closing !== undefined) throw new RefusedError(`round ${round} is closed (closing record ${shortHex(closing.object.id)}): nothing more can be signed in it`);
  }

  private requireRole(chain: RosterChain, member: MemberId, role: RosterMember['role'], action: string): void {
    const found = chain.current.index.members.get(member);
    if (found?.role !== role)
      throw new RefusedError(`only the ${role} may ${action}; this workstation acts for ${member}, ${found ? `a ${found.role} member` : 'not a member'} of roster v${chain.current.version}`);
  }

  private async sign<P extends UnsequencedPayload>(payload: P): Promise<SignedObject<P['kind']>> {
    try {
      return await this.signer.sign(payload);
    } catch (error) {
      if (error instanceof SignerError) throw new RefusedError(error.message);
      throw error;
    } finally {
      void this.keyChanged();
    }
  }

  private async storeOwn<K extends StatementKind>(signed: SignedObject<K>): Promise<SignedReceipt> {
    await this.imports.storeSigned([{ kind: signed.kind, bytes: signed.bytes, id: signed.id }]);
    return { kind: signed.kind as SignedReceipt['kind'], id: signed.id, seq: signed.payload.seq };
  }
}

function latestReveal(reveals: readonly VerifiedStatement<'assessment'>[]): VerifiedStatement<'assessment'> | undefined {
  const superseded = new Set(reveals.flatMap((r) => (r.object.payload.supersedes ? [r.object.payload.supersedes] : [])));
  return reveals.filter((r) => !superseded.has(r.object.id)).sort((a, b) => (a.object.id < b.object.id ? -1 : 1))[0];
}
