import type { CommissionView } from '../../shared/commission/views';
import type { MemberId, ObjectId } from '../../shared/objects/types';
import type { ReadableDb } from '../store/database';
import { pinnedRoster } from '../store/roster-trust';
import { StoreReader } from '../store/store-reader';
import type { CommissionSource } from './commission-service';
import type { WorkstationSettings } from './workstation-settings';

/** The commission's objects as the store holds them: exact bytes, read through a read-only path. */
export class StoreCommissionSource implements CommissionSource {
  private readonly reader: StoreReader;

  constructor(
    private readonly db: ReadableDb,
    private readonly settings: () => WorkstationSettings,
  ) {
    this.reader = new StoreReader(db);
  }

  trustedRoster(): Uint8Array | undefined {
    return pinnedRoster(this.db)?.bytes;
  }

  objectsOfKind(kind: 'roster' | 'incident'): readonly Uint8Array[] {
    return this.reader.bodiesOfKind(kind);
  }

  roundObjects(incident: ObjectId): readonly Uint8Array[] {
    return this.reader.roundObjectsWithKeyNeighbours(incident);
  }

  statements(ids: readonly ObjectId[]): readonly Uint8Array[] {
    return this.reader.statementBodies(ids);
  }

  chunkPresent(sha256: string): boolean {
    return this.reader.chunkPresent(sha256);
  }

  counts(): CommissionView['store'] {
    return this.reader.counts();
  }

  actingAs(): MemberId | null {
    return this.settings().actingAs;
  }

  isDemo(): boolean {
    return this.settings().demo;
  }
}
