import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AssessmentDraft, SavedDraft } from '../../shared/assessment/draft';
import type { WorkstationPreferences } from '../../shared/commission/participation';
import type { Sha256 } from '../../shared/crypto/sha256';
import type { MemberId, ObjectId, Sha256Hex, Timestamp } from '../../shared/objects/types';
import { parseSealedAssessment, sealedAssessmentText, type SealedAssessment } from '../../shared/sealing/sealed-assessment';
import { writeFileDurably } from '../keys/durable-file';

export const DEFAULT_PREFERENCES: WorkstationPreferences = { revealAutomatically: false, idleLockMinutes: 15 };

/**
 * What this workstation keeps of a delegation's assessing and never shares: drafts, sealed bodies
 * (secret until the reveal: whoever reads one knows the finding its commitment hides), and the
 * record of having looked at others' findings before committing. All under the private data
 * folder, one folder per delegation, written durably (a crash leaves the old or the new file).
 */
export class AssessmentFiles {
  constructor(private readonly dataDir: string) {}

  private folder(kind: 'drafts' | 'sealed' | 'looks', member: MemberId): string {
    return join(this.dataDir, 'assessing', member, kind);
  }

  private roundFile(kind: 'drafts' | 'looks', member: MemberId, incident: ObjectId, round: number): string {
    return join(this.folder(kind, member), `${incident}-r${round}.json`);
  }

  private sealedFile(member: MemberId, digest: Sha256Hex): string {
    return join(this.folder('sealed', member), `${digest}.json`);
  }

  private async write(path: string, folder: string, value: unknown): Promise<void> {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await writeFileDurably(path, `${JSON.stringify(value, null, 2)}\n`);
  }

  async readDraft(member: MemberId, incident: ObjectId, round: number): Promise<SavedDraft | null> {
    const text = await readOptional(this.roundFile('drafts', member, incident, round));
    if (text === undefined) return null;
    try {
      return JSON.parse(text) as SavedDraft;
    } catch {
      return null;
    }
  }

  async writeDraft(member: MemberId, draft: AssessmentDraft, saved: Timestamp): Promise<SavedDraft> {
    const stored: SavedDraft = { ...draft, delegation: member, saved };
    await this.write(this.roundFile('drafts', member, draft.incident, draft.round), this.folder('drafts', member), stored);
    return stored;
  }

  async discardDraft(member: MemberId, incident: ObjectId, round: number): Promise<void> {
    await rm(this.roundFile('drafts', member, incident, round), { force: true });
  }

  hasDraft(member: MemberId, incident: ObjectId, round: number): boolean {
    return existsSync(this.roundFile('drafts', member, incident, round));
  }

  /** Kept before the commitment is stored, so that a stored commitment always has its body here to reveal. */
  async writeSealed(sealed: SealedAssessment): Promise<void> {
    const member = sealed.body.delegation;
    await this.write(this.sealedFile(member, sealed.digest), this.folder('sealed', member), JSON.parse(sealedAssessmentText(sealed)));
  }

  /** The sealed body of a commitment's digest, checked against the digest; undefined when this workstation does not hold it. */
  async readSealed(member: MemberId, digest: Sha256Hex, sha256: Sha256): Promise<SealedAssessment | undefined> {
    const text = await readOptional(this.sealedFile(member, digest));
    if (text === undefined) return undefined;
    return parseSealedAssessment(JSON.parse(text), sha256);
  }

  holdsSealed(member: MemberId, digest: Sha256Hex): boolean {
    return existsSync(this.sealedFile(member, digest));
  }

  /** Records, once, that the delegation looked at others' revealed findings before committing. */
  async recordLook(member: MemberId, incident: ObjectId, round: number, at: Timestamp): Promise<void> {
    const path = this.roundFile('looks', member, incident, round);
    if (existsSync(path)) return;
    await this.write(path, this.folder('looks', member), { incident, round, member, lookedAt: at });
  }

  lookedAt(member: MemberId, incident: ObjectId, round: number): Timestamp | null {
    try {
      return (JSON.parse(readFileSync(this.roundFile('looks', member, incident, round), 'utf8')) as { lookedAt: Timestamp }).lookedAt;
    } catch {
      return null;
    }
  }

  async readPreferences(): Promise<WorkstationPreferences> {
    const text = await readOptional(join(this.dataDir, 'preferences.json'));
    if (text === undefined) return DEFAULT_PREFERENCES;
    try {
      const raw = JSON.parse(text) as Partial<WorkstationPreferences>;
      return {
        revealAutomatically: raw.revealAutomatically === true,
        idleLockMinutes: Number.isInteger(raw.idleLockMinutes) && raw.idleLockMinutes! >= 1 ? raw.idleLockMinutes! : DEFAULT_PREFERENCES.idleLockMinutes,
      };
    } catch {
      return DEFAULT_PREFERENCES;
    }
  }

  async writePreferences(preferences: WorkstationPreferences): Promise<void> {
    await this.write(join(this.dataDir, 'preferences.json'), this.dataDir, preferences);
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
