import type { SyncOverview, SyncTargetStatus } from '../../shared/sync/sync-status';
import type { EmitMainEvent } from '../services/main-events';

/**
 * Every sync target's state in one place (peer packs, a shared folder, a hub): each transport
 * reports its own target here, and the registry pushes the whole overview as `syncStatus`, so the
 * desk's sync panel and header badge tell the truth without polling.
 */
export class SyncRegistry {
  private readonly targets = new Map<string, SyncTargetStatus>();
  private revision = 0;

  constructor(private readonly emit: EmitMainEvent) {}

  overview(): SyncOverview {
    return { revision: this.revision, targets: [...this.targets.values()].sort((a, b) => a.id.localeCompare(b.id)) };
  }

  /** Sets a target's whole status, or changes some fields of it. */
  report(status: SyncTargetStatus): void;
  report(id: string, change: Partial<Omit<SyncTargetStatus, 'id' | 'kind'>>): void;
  report(target: SyncTargetStatus | string, change?: Partial<Omit<SyncTargetStatus, 'id' | 'kind'>>): void {
    if (typeof target === 'string') {
      const current = this.targets.get(target);
      if (current === undefined) return;
      this.targets.set(target, { ...current, ...change });
    } else {
      this.targets.set(target.id, target);
    }
    this.changed();
  }

  remove(id: string): void {
    if (this.targets.delete(id)) this.changed();
  }

  private changed(): void {
    this.revision += 1;
    this.emit('syncStatus', this.overview());
  }
}
