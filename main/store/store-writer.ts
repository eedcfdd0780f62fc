import type { AnySignedObject } from '../../shared/objects/signed-object';
import type { ObjectId } from '../../shared/objects/types';
import type { PackKind } from '../../shared/pack/pack-index';
import type { WritableDb } from './database';
import type { DetectionColumns } from '../../shared/evidence/detections-codec';
import { countDetectionCells } from './detection-cells';
import type { QuarantineEntry } from './quarantine';

/** tables derived from `objects` and the chunks, in the order they are cleared (children first). */
export const DERIVED_TABLES = [
  'incident_state',
  'round_tallies',
  'round_awaited',
  'member_standings',
  'equivocations',
  'round_participants',
  'roster_roles',
  'incident_evidence',
  'incidents',
  'round_objects',
  'statements',
  'rosters',
  'detection_cells',
] as const;

export interface ImportCounts {
  readonly added: number;
  readonly present: number;
  readonly rejected: number;
  readonly bytes: number;
}

/**
 * Every write to the store's tables, as prepared statements: the import and the rebuild derive
 * rows through the same code, so a rebuilt store holds exactly the rows an import wrote.
 */
function prepareStatements(db: WritableDb) {
  return {
    insertImport: db.prepare('INSERT INTO imports (source, pack_kind, started_at) VALUES (?, ?, ?)'),
    finishImport: db.prepare('UPDATE imports SET finished_at = ?, objects_added = ?, objects_present = ?, objects_rejected = ?, bytes = ? WHERE id = ?'),
    insertObject: db.prepare('INSERT INTO objects (id, kind, size, body, import_id, received_at) VALUES (?, ?, ?, ?, ?, ?)'),
    insertStatement: db.prepare('INSERT INTO statements (id, kind, author, keyid, seq, prev, created) VALUES (unhex(?), ?, ?, unhex(?), ?, unhex(?), ?)'),
    insertRoster: db.prepare('INSERT INTO rosters (id, commission, version, expires) VALUES (?, ?, ?, ?)'),
    insertIncident: db.prepare(
      'INSERT INTO incidents (id, incident_number, category, window_start, window_end, lon_e6, lat_e6, chainage_m, summary, supersedes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    insertEvidence: db.prepare('INSERT INTO incident_evidence (incident, name, role, media_type, sha256, size) VALUES (?, ?, ?, ?, ?, ?)'),
    insertRoundObject: db.prepare('INSERT INTO round_objects (incident, round, object, kind, member) VALUES (unhex(?), ?, unhex(?), ?, ?)'),
    // Cells are counted in bounded batches (detection-cells.ts): a later batch adds to a cell an earlier one wrote.
    addCell: db.prepare(
      `INSERT INTO detection_cells (chunk, hour, cell_lon, cell_lat, detections, first_ms, last_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (hour, cell_lon, cell_lat, chunk) DO UPDATE SET detections = detections + excluded.detections, first_ms = min(first_ms, excluded.first_ms), last_ms = max(last_ms, excluded.last_ms)`,
    ),
    deleteCells: db.prepare('DELETE FROM detection_cells WHERE chunk = ?'),
    quarantineSeen: db.prepare('SELECT 1 FROM quarantine WHERE object_id = ? AND code = ? LIMIT 1'),
    insertQuarantine: db.prepare('INSERT INTO quarantine (object_id, import_id, received_at, code, reason, bytes) VALUES (?, ?, ?, ?, ?, ?)'),
  };
}

/**
 * Every write to the store's tables, as prepared statements: the import and the rebuild derive
 * rows through the same code, so a rebuilt store holds exactly the rows an import wrote.
 */
export class StoreWriter {
  private readonly sql: ReturnType<typeof prepareStatements>;

  constructor(readonly db: WritableDb) {
    this.sql = prepareStatements(db);
  }

  beginImport(source: string, packKind: PackKind, startedAt: number): number {
    return Number(this.sql.insertImport.run(source, packKind, startedAt).lastInsertRowid);
  }

  finishImport(importId: number, finishedAt: number, counts: ImportCounts): void {
    this.sql.finishImport.run(finishedAt, counts.added, counts.present, counts.rejected, counts.bytes, importId);
  }

  /** The object's row and every row derived from it. */
  addSignedObject(object: AnySignedObject, importId: number | null, receivedAt: number): void {
    this.sql.insertObject.run(object.id, object.kind, object.bytes.length, object.bytes, importId, receivedAt);
    this.deriveRows(object);
  }

  addChunk(id: string, size: number, importId: number | null, receivedAt: number): void {
    this.sql.insertObject.run(id, 'chunk', size, null, importId, receivedAt);
  }

  deriveRows(object: AnySignedObject): void {
    if (object.kind === 'roster') {
      const { commission, version, expires } = object.payload;
      this.sql.insertRoster.run(object.id, commission, version, expires);
      return;
    }
    const { author, seq, prev, created } = object.payload;
    this.sql.insertStatement.run(object.id, object.kind, author, object.envelope.signatures[0]!.keyid, seq, prev, created);
    switch (object.kind) {
      case 'incident': {
        const p = object.payload;
        this.sql.insertIncident.run(object.id, p.incident, p.category, p.window.start, p.window.end, p.location.lonE6, p.location.latE6, p.chainageM, p.summary, p.supersedes ?? null);
        for (const e of p.evidence) this.sql.insertEvidence.run(object.id, e.name, e.role, e.mediaType, e.sha256, e.size);
        return;
      }
      case 'commitment':
      case 'phase':
      case 'closing':
        this.addRoundObject(object.payload.incident, object.payload.round, object.id, object.kind, author);
        return;
      case 'assessment':
        this.addRoundObject(object.payload.body.incident, object.payload.body.round, object.id, object.kind, author);
        return;
      default: {
        const unreachable: never = object;
        throw new Error(`unexpected object ${String(unreachable)}`);
      }
    }
  }

  /** Replaces the chunk's rows of the detection index with the cells of its decoded detections. */
  setDetectionCells(chunk: string, columns: DetectionColumns, maxCellsInMemory?: number): void {
    this.sql.deleteCells.run(chunk);
    countDetectionCells(
      columns,
      (cells) => {
        for (let i = 0; i < cells.hour.length; i++) {
          this.sql.addCell.run(chunk, cells.hour[i], cells.cellLon[i], cells.cellLat[i], cells.detections[i], cells.firstMs[i], cells.lastMs[i]);
        }
      },
      maxCellsInMemory,
    );
  }

  clearDetectionCells(chunk: string): void {
    this.sql.deleteCells.run(chunk);
  }

  /** Records a rejected object; an object already quarantined with the same code is not recorded twice. */
  quarantine(entry: QuarantineEntry, importId: number, receivedAt: number): void {
    if (entry.objectId !== undefined && this.sql.quarantineSeen.get(entry.objectId, entry.code) !== undefined) return;
    this.sql.insertQuarantine.run(entry.objectId ?? null, importId, receivedAt, entry.code, entry.reason, entry.bytes ?? null);
  }

  clearDerived(): void {
    for (const table of DERIVED_TABLES) this.db.exec(`DELETE FROM ${table}`);
  }

  private addRoundObject(incident: ObjectId, round: number, object: ObjectId, kind: string, member: string): void {
    this.sql.insertRoundObject.run(incident, round, object, kind, member);
  }
}
