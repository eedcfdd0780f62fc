import type { CommissionView } from '../../shared/commission/views';
import type { MemberId, ObjectId } from '../../shared/objects/types';
import type { ReadableDb } from '../store/database';
import { pinnedRoster } from '../store/roster-trust';
import type { CommissionSource } from './commission-service';
import type { WorkstationSettings } from './workstation-settings';

const bodies = (rows: unknown[]): Uint8Array[] => (rows as Buffer[]).map((body) => new Uint8Array(body));

/** The commission's objects as the store holds them: exact bytes, read through a read-only path. */
export class StoreCommissionSource implements CommissionSource {
  private readonly byKind;
  private readonly roundBodies;
  private readonly chunk;
  private readonly counters;

  constructor(
    private readonly db: ReadableDb,
    private readonly settings: () => WorkstationSettings,
  ) {
    this.byKind = db.prepare('SELECT body FROM objects WHERE kind = ? ORDER BY id').pluck();
    this.roundBodies = db.prepare('SELECT objects.body FROM round_objects JOIN objects ON objects.id = round_objects.object WHERE round_objects.incident = ? ORDER BY objects.id').pluck();
    this.chunk = db.prepare("SELECT 1 FROM objects WHERE id = ? AND kind = 'chunk'").pluck();
    this.counters = db.prepare(
      "SELECT (SELECT count(*) FROM objects) AS objects, (SELECT count(*) FROM objects WHERE kind = 'incident') AS incidents, (SELECT count(*) FROM quarantine) AS quarantined",
    );
  }

  trustedRoster(): Uint8Array | undefined {
    return pinnedRoster(this.db)?.bytes;
  }

  objectsOfKind(kind: 'roster' | 'incident'): readonly Uint8Array[] {
    return bodies(this.byKind.all(kind));
  }

  roundObjects(incident: ObjectId): readonly Uint8Array[] {
    return bodies(this.roundBodies.all(incident));
  }

  chunkPresent(sha256: string): boolean {
    return this.chunk.get(sha256) !== undefined;
  }

  counts(): CommissionView['store'] {
    return this.counters.get() as CommissionView['store'];
  }

  actingAs(): MemberId | null {
    return this.settings().actingAs;
  }

  isDemo(): boolean {
    return this.settings().demo;
  }
}
