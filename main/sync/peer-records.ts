import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PeerExchange } from '../../shared/sync/peer-packs';

/** What this workstation remembers of one peer it exchanged packs with. */
export interface PeerRecord {
  readonly name: string;
  readonly lastExport: PeerExchange | null;
  readonly lastImport: PeerExchange | null;
}

/**
 * `<workspace>/sync/peers.json`: the peers as the desk shows them, and what packs brought in since the
 * workstation first kept this record. What each peer holds is the store's per-peer cursor (peer-cursor.ts).
 */
export interface PeerRecords {
  readonly version: 1;
  readonly peers: readonly PeerRecord[];
  /** Objects that packs from the inbox brought (stored or already present), and those refused. */
  readonly received: number;
  readonly quarantined: number;
}

export const EMPTY_PEER_RECORDS: PeerRecords = { version: 1, peers: [], received: 0, quarantined: 0 };

/**
 * Reads the record; a missing file is an empty one. A damaged one is kept aside as
 * `peers.json.damaged` and the record starts afresh (what each peer holds is kept apart, in the
 * store's cursors), and the reason is returned.
 */
export async function readPeerRecords(path: string): Promise<{ readonly records: PeerRecords; readonly damaged: string | null }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: EMPTY_PEER_RECORDS, damaged: null };
    throw error;
  }
  const records = parsePeerRecords(text);
  if (records) return { records, damaged: null };
  await rename(path, `${path}.damaged`);
  return { records: EMPTY_PEER_RECORDS, damaged: `the record of exchanges with peers (${path}) was damaged and is kept aside; the peers' last exchanges are forgotten` };
}

/** Written to a temporary file and renamed, so that a crash leaves the old record or the new one. */
export async function writePeerRecords(path: string, records: PeerRecords): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.tmp`;
  await writeFile(temporary, `${JSON.stringify(records, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}

export function parsePeerRecords(text: string): PeerRecords | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value['version'] !== 1 || !Array.isArray(value['peers']) || !isCount(value['received']) || !isCount(value['quarantined'])) return undefined;
  const peers = value['peers'] as unknown[];
  if (!peers.every(isPeerRecord)) return undefined;
  const exchange = (e: PeerExchange | null): PeerExchange | null => (e === null ? null : { at: e.at, objects: e.objects, rejected: e.rejected });
  return {
    version: 1,
    peers: peers.map((peer) => ({ name: peer.name, lastExport: exchange(peer.lastExport), lastImport: exchange(peer.lastImport) })),
    received: value['received'],
    quarantined: value['quarantined'],
  };
}

function isPeerRecord(value: unknown): value is PeerRecord {
  if (!isRecord(value) || typeof value['name'] !== 'string') return false;
  const lastExport = value['lastExport'];
  const lastImport = value['lastImport'];
  return (lastExport === null || isExchange(lastExport)) && (lastImport === null || isExchange(lastImport));
}

function isExchange(value: unknown): value is Record<string, unknown> & PeerExchange {
  return isRecord(value) && typeof value['at'] === 'string' && isCount(value['objects']) && isCount(value['rejected']);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** The record with one peer changed (added when new), peers kept in name order. */
export function withPeer(records: PeerRecords, name: string, change: (current: PeerRecord) => PeerRecord): PeerRecords {
  const current = records.peers.find((peer) => peer.name === name) ?? { name, lastExport: null, lastImport: null };
  const peers = [...records.peers.filter((peer) => peer.name !== name), change(current)].sort((a, b) => a.name.localeCompare(b.name));
  return { ...records, peers };
}
