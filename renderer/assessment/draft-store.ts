import { emptyDraft, type AssessmentDraft, type DraftProblem, type SavedDraft } from '../../shared/assessment/draft';
import type { TrucelineApi } from '../../shared/ipc/contract';
import type { ObjectId, Timestamp } from '../../shared/objects/types';
import { readableError } from '../app/remote';
import { draftPart } from './draft-form';

export const AUTOSAVE_DELAY_MS = 500;

export type DraftApi = Pick<TrucelineApi, 'getDraft' | 'saveDraft' | 'discardDraft'>;

export interface DraftSnapshot {
  readonly status: 'loading' | 'ready' | 'failed';
  readonly draft: AssessmentDraft;
  /** What main said would keep the draft from being sealed; null until main has checked it. */
  readonly problems: readonly DraftProblem[] | null;
  readonly savedAt: Timestamp | null;
  /** Edits main has not saved yet (waiting for the pause in typing, on their way, or refused). */
  readonly unsaved: boolean;
  /** One line: why the draft could not be loaded, or why the last save failed. */
  readonly error: string | null;
}

export type DraftChange = (draft: AssessmentDraft) => AssessmentDraft;

/**
 * The acting delegation's draft of one round, which the form and playback's "Cite" both edit:
 * loaded from main, saved back a pause after the last edit, one save at a time, and checked by
 * main on every save. Edits made before the draft is loaded are applied to it once it is.
 */
export class DraftStore {
  private state: DraftSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly early: DraftChange[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;
  private edits = 0;
  private savedEdits = 0;
  private closed = false;

  constructor(
    private readonly api: DraftApi,
    readonly incident: ObjectId,
    readonly round: number,
    private readonly delayMs = AUTOSAVE_DELAY_MS,
  ) {
    this.state = { status: 'loading', draft: emptyDraft(incident, round), problems: null, savedAt: null, unsaved: false, error: null };
  }

  readonly snapshot = (): DraftSnapshot => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  async load(): Promise<void> {
    let saved: SavedDraft | null;
    try {
      saved = await this.api.getDraft(this.incident, this.round);
    } catch (error) {
      if (!this.closed) this.update({ status: 'failed', error: readableError(error) });
      return;
    }
    if (this.closed) return;
    this.update({ status: 'ready', draft: saved ? draftPart(saved) : this.state.draft, savedAt: saved?.saved ?? null });
    const early = this.early.splice(0);
    for (const change of early) this.edit(change);
    // A stored draft is checked again: the roster may have changed since it was saved.
    if (saved && early.length === 0) void this.save();
  }

  edit(change: DraftChange): void {
    if (this.closed) return;
    if (this.state.status !== 'ready') {
      this.early.push(change);
      return;
    }
    this.edits++;
    this.update({ draft: change(this.state.draft), unsaved: true });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, this.delayMs);
  }

  /** Saves at once what is not saved yet; main's problems of the draft as saved, or null when saving failed. */
  async flush(): Promise<readonly DraftProblem[] | null> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inFlight) await this.inFlight;
    if (this.savedEdits < this.edits) await this.save();
    return this.state.error === null ? this.state.problems : null;
  }

  /** Deletes the draft on this workstation; throws main's refusal. */
  async discard(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.early.length = 0;
    if (this.inFlight) await this.inFlight;
    await this.api.discardDraft(this.incident, this.round);
    this.savedEdits = ++this.edits;
    this.update({ draft: emptyDraft(this.incident, this.round), problems: null, savedAt: null, unsaved: false, error: null });
  }

  /** Stops listening; an edit still waiting for its pause is saved now, never lost. */
  close(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.save();
    }
    this.closed = true;
    this.listeners.clear();
  }

  private save(): Promise<void> {
    if (this.inFlight) return this.inFlight.then(() => (this.savedEdits < this.edits ? this.save() : undefined));
    const edits = this.edits;
    const saving = this.api.saveDraft(draftPart(this.state.draft)).then(
      ({ draft, problems }) => {
        this.savedEdits = Math.max(this.savedEdits, edits);
        this.update({ problems, savedAt: draft.saved, unsaved: this.savedEdits < this.edits, error: null });
      },
      (error: unknown) => this.update({ unsaved: true, error: readableError(error) }),
    );
    this.inFlight = saving.finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private update(change: Partial<DraftSnapshot>): void {
    if (this.closed) return;
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
