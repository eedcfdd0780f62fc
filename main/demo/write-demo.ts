import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDemoCommission, DEMO_PASSPHRASE, type DemoCommission } from '../../shared/demo/demo-commission';
import type { LonLat } from '../../shared/geo/types';
import type { Sha256Hex } from '../../shared/objects/types';
import { nodeSha256 } from '../crypto/node-sha256';
import { sealSecretKey } from '../keys/key-file';
import { recordLogStateDurably } from '../keys/log-state-file';
import { writePackFile } from '../packs/pack-file';

export interface WrittenDemo {
  readonly dir: string;
  readonly rosterFile: string;
  /** Incident bundles first, then the rounds: the order to import them in. */
  readonly packs: readonly string[];
  readonly keysDir: string;
  readonly actingAs: string;
  readonly incidents: number;
  readonly statements: number;
}

const LINE_FILE = 'ceasefire_line_illustrative.geojson';

/** Reads the shipped ceasefire line and its hash (the roster names the line by hash). */
export async function readShippedLine(resourcesDir: string): Promise<{ vertices: LonLat[]; sha256: Sha256Hex }> {
  const bytes = await readFile(join(resourcesDir, 'basemap', LINE_FILE));
  const geojson = JSON.parse(bytes.toString('utf8')) as { features: { geometry: { coordinates: LonLat[] } }[] };
  return { vertices: geojson.features[0]!.geometry.coordinates, sha256: createHash('sha256').update(bytes).digest('hex') as Sha256Hex };
}

/**
 * Writes the demo commission as a commission would hand it out: the roster, one incident bundle
 * per incident, the delegations' rounds as a sync pack, and the demo keys sealed with the demo
 * passphrase (each with its log position, so a delegate can go on signing from the demo state).
 */
export async function writeDemoCommission(dir: string, resourcesDir: string, seed = 1): Promise<WrittenDemo> {
  const line = await readShippedLine(resourcesDir);
  const demo: DemoCommission = await createDemoCommission(line.vertices, line.sha256, nodeSha256, seed);
  const packsDir = join(dir, 'packs');
  const keysDir = join(dir, 'keys');
  await mkdir(packsDir, { recursive: true });
  await mkdir(keysDir, { recursive: true });

  const rosterFile = join(dir, 'roster.json');
  await writeFile(rosterFile, demo.roster.bytes);
  const packs: string[] = [];
  for (const { incident, chunks } of demo.incidents) {
    const path = join(packsDir, `${incident.payload.incident}.pack`);
    await writePackFile(path, 'incident-bundle', [{ kind: 'incident', bytes: incident.bytes }, ...chunks.map((c) => ({ kind: 'chunk' as const, bytes: c.bytes }))]);
    packs.push(path);
  }
  const roundsPack = join(packsDir, 'rounds.pack');
  await writePackFile(roundsPack, 'sync', [{ kind: 'roster', bytes: demo.roster.bytes }, ...demo.statements.map((s) => ({ kind: s.kind, bytes: s.bytes }))]);
  packs.push(roundsPack);

  const lastByAuthor = new Map<string, { id: string; seq: number }>();
  for (const s of [...demo.incidents.map((i) => i.incident), ...demo.statements]) {
    const last = lastByAuthor.get(s.payload.author);
    if (!last || s.payload.seq > last.seq) lastByAuthor.set(s.payload.author, { id: s.id, seq: s.payload.seq });
  }
  for (const [member, key] of demo.keys) {
    const file = join(keysDir, `${member}.key`);
    const sealed = await sealSecretKey(key.secretKey, { member, keyid: key.keyid, passphrase: DEMO_PASSPHRASE, strength: 'interactive' });
    await writeFile(file, `${JSON.stringify(sealed, null, 2)}\n`, { mode: 0o600 });
    const last = lastByAuthor.get(member);
    if (last) await recordLogStateDurably(file, { keyid: key.keyid, seq: last.seq, id: last.id as never });
  }
  return { dir, rosterFile, packs, keysDir, actingAs: demo.actingAs, incidents: demo.incidents.length, statements: demo.statements.length };
}
