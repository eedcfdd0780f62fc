import { closesRound, roundCertificateIds } from '../../shared/audit/closing-record';
import { computeVerdict, type RoundVerdict } from '../../shared/audit/verdict';
import type { SignedObject } from '../../shared/objects/signed-object';
import { checkStatementBytes } from '../../shared/roster/verify-statement';
import { ready } from '../../shared/crypto/sodium';
import { shortHex } from '../../shared/objects/issues';
import type { ObjectId, Timestamp } from '../../shared/objects/types';
import type { PackKind, PackObjectKind } from '../../shared/pack/pack-index';
import { withArticle } from '../../shared/pack/entry-kind';
import type { PackObjectSource } from '../../shared/pack/pack-writer';
import type { RosterChain } from '../../shared/roster/verified-roster';
import { nodeSha256 } from '../crypto/node-sha256';
import { fileChunks, writePackSources } from '../packs/pack-file';
import type { ReadableDb } from './database';
import { trustedRosterChain } from './trusted-rosters';
import type { Store } from './store';
import { StoreReader } from './store-reader';

export class ExportError extends Error {
  override readonly name = 'ExportError';
  constructor(
    readonly code: 'not-found' | 'ambiguous' | 'no-roster' | 'io',
    message: string,
  ) {
    super(message);
  }
}

export interface ExportResult {
  readonly path: string;
  readonly kind: PackKind;
  readonly objects: number;
  readonly bytes: number;
  /** Objects that belong in the pack but the store lacks (evidence never received, a chunk file gone). */
  readonly notes: readonly string[];
}

interface ObjectRow {
  readonly id: string;
  readonly kind: PackObjectKind;
  readonly size: number;
}

/**
 * An incident's object, its evidence chunks and the roster chain: what a reviewer needs to check it
 * offline; with the stored statements that show a fork of the key that signed the incident.
 */
export async function exportIncident(store: Store, incident: string, out: string): Promise<ExportResult & { readonly incident: ObjectId }> {
  const id = resolveIncident(store.db, incident);
  const chain = await trustedChain(store);
  const evidence = store.db.prepare('SELECT name, sha256 FROM incident_evidence WHERE incident = ? ORDER BY name').all(id) as { name: string; sha256: string }[];
  const rows = [...chainRows(store.db, chain), ...objectRows(store.db, withForkWitnesses(store, [id]))];
  const notes: string[] = [];
  for (const e of evidence) {
    const [row] = objectRows(store.db, [e.sha256]);
    // Evidence is a chunk: an id that names a signed object is not this evidence, whatever is stored under it.
    if (row?.kind === 'chunk') rows.push(row);
    else notes.push(`incident ${shortHex(id)}: evidence ${e.name} (${shortHex(e.sha256)}) is not in the store${row ? ` (that id is ${withArticle(row.kind)}, not a chunk)` : ''}`);
  }
  return { ...(await writeStorePack(store, out, 'incident-bundle', rows, notes)), incident: id };
}

export type SincePoint = { readonly importId: number } | { readonly timeMs: number };

/**
 * Every object received after an import (or from a time on), with the roster chain: a sync pack for
 * a peer; with the stored statements, received earlier, that show a fork of a key that signed one of them.
 */
export async function exportSince(store: Store, since: SincePoint, out: string): Promise<ExportResult & { readonly fromImport: number }> {
  const fromImport =
    'importId' in since ? since.importId + 1 : ((store.db.prepare('SELECT min(id) FROM imports WHERE started_at >= ?').pluck().get(since.timeMs) as number | null) ?? Number.MAX_SAFE_INTEGER);
  const chain = await trustedChain(store);
  const received = store.db.prepare('SELECT id, kind, size FROM objects WHERE import_id >= ? ORDER BY id').all(fromImport) as ObjectRow[];
  const witnesses = objectRows(store.db, new StoreReader(store.db).forkWitnesses(received.map((row) => row.id)));
  return { ...(await writeStorePack(store, out, 'sync', [...chainRows(store.db, chain), ...received, ...witnesses], [])), fromImport };
}

/**
 * A sync pack of the given stored objects (what a peer lacks), with the roster chain, and the stored
 * statements that show a fork of a key that signed one of them.
 */
export async function exportObjects(store: Store, objects: readonly { readonly id: string; readonly kind: PackObjectKind; readonly size: number }[], out: string): Promise<ExportResult> {
  const chain = await trustedChain(store);
  const rows: ObjectRow[] = objects.map(({ id, kind, size }) => ({ id, kind, size }));
  const witnesses = objectRows(store.db, new StoreReader(store.db).forkWitnesses(rows.map((row) => row.id)));
  return writeStorePack(store, out, 'sync', [...chainRows(store.db, chain), ...rows, ...witnesses], []);
}

export interface CertificateExport extends ExportResult {
  readonly incident: ObjectId;
  readonly round: number;
  readonly chain: RosterChain;
  readonly verdict: RoundVerdict;
  /** Whether the certificate carries the round's closing record (every stored copy of it): then it is final for a verifier. */
  readonly closed: boolean;
}

/** The verified closing records of the round among the objects, every copy. */
async function roundClosings(bodies: readonly Uint8Array[], chain: RosterChain, incident: ObjectId, round: number): Promise<SignedObject<'closing'>[]> {
  const closings: SignedObject<'closing'>[] = [];
  for (const bytes of bodies) {
    const checked = await checkStatementBytes(bytes, chain, nodeSha256);
    if (!checked.ok) continue;
    const { object } = checked.statement;
    if (closesRound(object, incident, round)) closings.push(object);
  }
  return closings;
}

/**
 * The verdict of a round, computed from the stored objects of the incident's rounds and the
 * statements of their keys that can show a fork made elsewhere, and the minimal pack from which
 * anyone can recompute it: what `certificateObjectIds` names, both statements of every equivocation
 * behind a ballot among them, and nothing else.
 */
export async function exportCertificate(store: Store, incident: string, round: number, asOf: Timestamp, out: string): Promise<CertificateExport> {
  const id = resolveIncident(store.db, incident);
  const chain = await trustedChain(store);
  const incidentBody = new Uint8Array(store.db.prepare('SELECT body FROM objects WHERE id = ?').pluck().get(id) as Buffer);
  const bodies = [incidentBody, ...new StoreReader(store.db).roundObjectsWithKeyNeighbours(id)];
  const verdict = await computeVerdict({ chain, incident: id, round, objects: bodies, asOf, sha256: nodeSha256 });
  const notes: string[] = [];
  const closings = await roundClosings(bodies, chain, id, round);
  const records = new Set(closings.map((closing) => closing.envelope.payload));
  if (records.size > 1) notes.push(`the store holds ${records.size} different closing records of this round; the certificate carries none and is provisional`);
  const closed = records.size === 1;
  const ids = roundCertificateIds(chain, id, verdict.resolution, closed ? closings : []);
  const result = await writeStorePack(store, out, 'certificate', objectRows(store.db, ids), notes);
  return { ...result, incident: id, round, chain, verdict, closed };
}

/** An incident by object id, a unique prefix of it, or its incident number when one object carries it. */
export function resolveIncident(db: ReadableDb, wanted: string): ObjectId {
  const byPrefix = /^[0-9a-f]{1,64}$/.test(wanted) ? (db.prepare("SELECT id FROM incidents WHERE id >= ? AND id < ? || 'g' LIMIT 2").pluck().all(wanted, wanted) as ObjectId[]) : [];
  const matches = byPrefix.length > 0 ? byPrefix : (db.prepare('SELECT id FROM incidents WHERE incident_number = ? LIMIT 2').pluck().all(wanted) as ObjectId[]);
  if (matches.length === 0) throw new ExportError('not-found', `incident ${wanted}: no stored incident has that id or number`);
  if (matches.length > 1) throw new ExportError('ambiguous', `incident ${wanted}: matches several stored incidents; give more of the object id`);
  return matches[0]!;
}

/** Stored incidents whose incident number is `wanted` or whose object id starts with it, for a caller that resolves the name itself. */
export function incidentsNamed(db: ReadableDb, wanted: string): { id: ObjectId; number: string; supersedes: ObjectId | null }[] {
  return db.prepare("SELECT id, incident_number AS number, supersedes FROM incidents WHERE incident_number = ? OR (id >= ? AND id < ? || 'g') ORDER BY id").all(wanted, wanted, wanted) as {
    id: ObjectId;
    number: string;
    supersedes: ObjectId | null;
  }[];
}

async function trustedChain(store: Store): Promise<RosterChain> {
  await ready();
  const result = await trustedRosterChain(store.db, Date.now());
  if (!result) throw new ExportError('no-roster', `${store.dir}: the store trusts no roster yet (import a pack with --roster first)`);
  if (!result.ok) throw new ExportError('no-roster', `pinned roster: ${result.error.message}`);
  return result.value;
}

function withForkWitnesses(store: Store, ids: readonly string[]): string[] {
  return [...ids, ...new StoreReader(store.db).forkWitnesses(ids)];
}

function chainRows(db: ReadableDb, chain: RosterChain): ObjectRow[] {
  return objectRows(
    db,
    chain.rosters.map((roster) => roster.id),
  );
}

function objectRows(db: ReadableDb, ids: readonly string[]): ObjectRow[] {
  const select = db.prepare('SELECT id, kind, size FROM objects WHERE id = ?');
  return ids.flatMap((id) => {
    const row = select.get(id) as ObjectRow | undefined;
    return row ? [row] : [];
  });
}

/**
 * Writes a pack of stored objects through a temporary file renamed into place. Signed objects are
 * read from the database one at a time and chunks streamed from the chunk folder as the writer
 * reaches them; every object is hashed again on the way, so a chunk damaged on disk fails the
 * export instead of travelling under its name.
 */
async function writeStorePack(store: Store, out: string, kind: PackKind, rows: readonly ObjectRow[], notes: string[]): Promise<ExportResult> {
  const body = store.db.prepare('SELECT body FROM objects WHERE id = ?').pluck();
  const unique = new Map<string, ObjectRow>();
  for (const row of rows) unique.set(row.id, row);
  const sources: PackObjectSource[] = [];
  for (const row of unique.values()) {
    if (row.kind === 'chunk' && (await store.chunks.sizeOf(row.id)) !== row.size) {
      notes.push(`chunk ${shortHex(row.id)}: its file is missing from the chunk folder or has the wrong size; left out`);
      continue;
    }
    sources.push({
      id: row.id as PackObjectSource['id'],
      kind: row.kind,
      size: row.size,
      open: () => (row.kind === 'chunk' ? fileChunks(store.chunks.pathOf(row.id)) : new Uint8Array(body.get(row.id) as Buffer)),
    });
  }
  const { bytes } = await writePackSources(out, kind, sources);
  return { path: out, kind, objects: sources.length, bytes, notes };
}
