import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommissionView, IncidentDetail } from '../../shared/commission/views';
import { RefusedError } from '../../shared/ipc/errors';
import type { ObjectId } from '../../shared/objects/types';
import { NO_PLAYBACK, publicSessionView, type PlaybackMirror, type SessionAgenda, type SessionScreenMode, type SessionView } from '../../shared/session/session-view';

/** What the session needs of the commission service: public views only. */
export interface SessionSource {
  commission(): Promise<CommissionView>;
  incident(id: ObjectId): Promise<IncidentDetail>;
}

const AGENDA_FILE = 'session-agenda.json';
const EMPTY_AGENDA: SessionAgenda = { items: [], current: 0 };

/**
 * The room screen's state: the agenda (kept in the commission's folder), blank/freeze, and the
 * desk's playback mirrored. Every change and every store change sends the room a new public view;
 * while frozen the room keeps the picture it had.
 */
export class SessionService {
  private agenda: { readonly folder: string; readonly value: SessionAgenda } | undefined;
  private screen: SessionScreenMode = 'live';
  private playback: PlaybackMirror = NO_PLAYBACK;
  private frozen: SessionView | null = null;
  private lastLive: SessionView | null = null;

  constructor(
    private readonly source: SessionSource,
    private readonly workspaceDir: () => string,
    private readonly publish: (view: SessionView) => void,
  ) {}

  async view(): Promise<SessionView> {
    if (this.frozen) return this.frozen;
    const agenda = await this.currentAgenda();
    const [commission, details] = await Promise.all([this.source.commission(), this.details(agenda.items)]);
    this.lastLive = publicSessionView({ commission, agenda, screen: this.screen, details, playback: this.playback });
    return this.lastLive;
  }

  async setAgenda(items: readonly ObjectId[]): Promise<SessionView> {
    const unique = [...new Set(items)];
    await this.saveAgenda({ items: unique, current: 0 });
    return this.changed();
  }

  async stepAgenda(index: number): Promise<SessionView> {
    const agenda = await this.currentAgenda();
    if (index >= agenda.items.length) throw new RefusedError(`the agenda has ${agenda.items.length} items; there is no item ${index + 1}`);
    await this.saveAgenda({ items: agenda.items, current: index });
    return this.changed();
  }

  async setScreen(mode: SessionScreenMode): Promise<SessionView> {
    this.frozen = null;
    this.screen = mode;
    if (mode === 'freeze') {
      this.screen = 'live';
      this.frozen = { ...(await this.view()), screen: 'freeze' };
      this.screen = 'freeze';
    }
    return this.changed();
  }

  /** Twice a second while the desk plays: the last live view with the new playhead, without reading the store again. */
  async mirrorPlayback(playback: PlaybackMirror): Promise<SessionView> {
    this.playback = playback;
    if (this.frozen !== null) return this.frozen;
    if (this.lastLive === null) return this.changed();
    const view = { ...this.lastLive, playback };
    this.lastLive = view;
    this.publish(view);
    return view;
  }

  /** The store or the commission changed: the room gets the new tally (unless frozen). */
  async refresh(): Promise<void> {
    if (this.frozen === null) await this.changed();
  }

  private async changed(): Promise<SessionView> {
    const view = await this.view();
    this.publish(view);
    return view;
  }

  private async details(items: readonly ObjectId[]): Promise<Map<ObjectId, IncidentDetail>> {
    const found = new Map<ObjectId, IncidentDetail>();
    await Promise.all(
      items.map(async (id) => {
        try {
          found.set(id, await this.source.incident(id));
        } catch (error) {
          // An item of another commission's agenda, or one the store no longer holds, shows as unavailable.
          if ((error as { code?: unknown }).code !== 'not-found') throw error;
        }
      }),
    );
    return found;
  }

  private async currentAgenda(): Promise<SessionAgenda> {
    const folder = this.workspaceDir();
    if (this.agenda?.folder !== folder) this.agenda = { folder, value: await readAgenda(join(folder, AGENDA_FILE)) };
    return this.agenda.value;
  }

  private async saveAgenda(agenda: SessionAgenda): Promise<void> {
    const folder = this.workspaceDir();
    const file = join(folder, AGENDA_FILE);
    await writeFile(`${file}.partial`, `${JSON.stringify(agenda, null, 2)}\n`);
    await rename(`${file}.partial`, file);
    this.agenda = { folder, value: agenda };
  }
}

async function readAgenda(file: string): Promise<SessionAgenda> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return EMPTY_AGENDA;
  }
  try {
    const parsed = JSON.parse(text) as { items?: unknown; current?: unknown };
    const items = Array.isArray(parsed.items) ? parsed.items.filter((id): id is ObjectId => typeof id === 'string' && /^[0-9a-f]{64}$/.test(id)) : [];
    const current = typeof parsed.current === 'number' && Number.isInteger(parsed.current) && parsed.current >= 0 && parsed.current < items.length ? parsed.current : 0;
    return { items, current };
  } catch {
    return EMPTY_AGENDA;
  }
}
