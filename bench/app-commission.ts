// The deterministic commission of `npm run bench:app`: N incidents × 40 voting delegations (plus a
// chair, the producer and two parties). Every round is committed by all 40, opened by the chair and
// revealed, with varied findings (bench/app-commission-plan.ts); every fifth is closed by the chair
// and countersigned by five delegations. Written as packs of 1,000 incidents each holding
// everything about them, as a commission's sync would carry them, and cached between runs in
// .bench-cache/ keyed by size and builder version. The delegations' logs are signed in parallel.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { planClosing } from '../shared/audit/closing-record';
import { computeVerdict } from '../shared/audit/verdict';
import { memberKeyOf, type SigningKey } from '../shared/crypto/signing-key';
import { ready } from '../shared/crypto/sodium';
import { countersign, signRoster, signStatement } from '../shared/objects/sign-object';
import type { SignedObject } from '../shared/objects/signed-object';
import { formatTimestamp } from '../shared/objects/timestamp';
import type { ClosingPayload, MemberId, ObjectId, RosterMember, Sha256Hex, Timestamp } from '../shared/objects/types';
import type { PackObjectKind } from '../shared/pack/pack-index';
import { verifyRosterChain } from '../shared/roster/verify-roster-chain';
import { nodeSha256 } from '../main/crypto/node-sha256';
import { writePackFile, type PackInput } from '../main/packs/pack-file';
import { benchKey, BUILDER_VERSION, categoryOf, CHAIR, HOUR_MS, incidentCreatedMs, INCIDENT_SPACING_MS, isClosed, PARTIES, PRODUCER, scenarioOf, VOTING } from './app-commission-plan';
import { KIND_ASSESSMENT, type SignedLog, type SignerInput } from './app-commission-signer';

const INCIDENTS_PER_PACK = 1_000;
const COUNTERSIGNERS = 5;
/** The verification time of the closings (after every statement of the commission). */
const NOW = Date.UTC(2026, 10, 1);

export interface BenchCommission {
  readonly size: number;
  readonly dir: string;
  readonly rosterFile: string;
  readonly packs: readonly string[];
  /** Signed statements in the packs (the roster excluded). */
  readonly statements: number;
  readonly packBytes: number;
  /** Seconds the build took when it was built (not when read from the cache). */
  readonly buildSeconds: number;
}

/** The commission of `size` incidents: from the cache when built before with this builder version, else built now. */
export async function benchCommission(size: number, cacheRoot: string, log: (line: string) => void): Promise<BenchCommission> {
  const dir = resolve(cacheRoot, `app-commission-v${BUILDER_VERSION}-${size}`);
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')) as BenchCommission;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const start = performance.now();
  const built = await build(size, dir, log);
  const commission: BenchCommission = { ...built, buildSeconds: (performance.now() - start) / 1000 };
  await writeFile(manifest, `${JSON.stringify(commission, null, 2)}\n`);
  return commission;
}

async function build(size: number, dir: string, log: (line: string) => void): Promise<Omit<BenchCommission, 'buildSeconds'>> {
  await ready();
  const chairKey = await benchKey(CHAIR);
  const producerKey = await benchKey(PRODUCER);
  const roster = await signRoster(await rosterPayload(chairKey, producerKey), [chairKey], nodeSha256);
  const rosterFile = join(dir, 'roster.json');
  await writeFile(rosterFile, roster.bytes);

  log(`bench commission ${size}: signing ${size} incidents`);
  const incidents: SignedObject<'incident'>[] = [];
  for (let i = 0; i < size; i++) incidents.push(await signIncident(i, producerKey, incidents.at(-1)?.id ?? null));

  log(`bench commission ${size}: signing ${VOTING.length} delegations' logs (${(size * VOTING.length * 2).toLocaleString('en')} statements) on ${workerCount()} threads`);
  const logs = await signDelegationLogs(incidents.map((incident) => incident.id));

  log(`bench commission ${size}: the chair opens ${size} rounds and closes ${Math.ceil(size / 5)}`);
  const byIncident = statementsByIncident(size, logs);
  const chain = await verifyRosterChain({ trusted: roster.bytes, now: NOW, sha256: nodeSha256 });
  if (!chain.ok) throw new Error(`bench roster: ${chain.error.message}`);
  const chairLog: { seq: number; prev: ObjectId | null } = { seq: 0, prev: null };
  const chairSign = async <P extends Parameters<typeof signStatement>[0]>(build: (position: { author: MemberId; seq: number; prev: ObjectId | null }) => P) => {
    chairLog.seq += 1;
    const signed = await signStatement(build({ author: CHAIR, seq: chairLog.seq, prev: chairLog.prev }), chairKey, nodeSha256);
    chairLog.prev = signed.id;
    return signed;
  };
  const phases: SignedObject<'phase'>[] = [];
  for (let i = 0; i < size; i++) {
    const commitments = logs.map((l) => l.commitments[i]!).sort();
    phases.push(
      await chairSign((position) => ({
        kind: 'phase',
        ...position,
        created: formatTimestamp(incidentCreatedMs(i) + 2 * HOUR_MS),
        incident: incidents[i]!.id,
        round: 1,
        action: 'open-reveal',
        commitments,
      })),
    );
  }
  const closings = new Map<number, SignedObject<'closing'>[]>();
  for (let i = 0; i < size; i++) {
    if (!isClosed(i)) continue;
    const own = byIncident[i]!;
    const objects = [incidents[i]!.bytes, phases[i]!.bytes, ...own.map((o) => o.bytes)];
    const created = formatTimestamp(incidentCreatedMs(i) + 6 * HOUR_MS);
    const { resolution, outcome } = await computeVerdict({ chain: chain.value, incident: incidents[i]!.id, round: 1, objects, asOf: created, sha256: nodeSha256 });
    const assessments = new Set(own.filter((o) => o.kind === 'assessment').map((o) => o.id));
    const plan = planClosing(chain.value.current, resolution, outcome, (id) => assessments.has(id), phases[i]!.payload.commitments);
    if (!plan.ok) throw new Error(`bench closing of incident ${i}: ${plan.reason}`);
    const closing = await chairSign((position): ClosingPayload => ({ kind: 'closing', ...position, created, ...plan.content }));
    let copy = closing;
    for (let k = 0; k < COUNTERSIGNERS; k++) copy = await countersign(copy, await benchKey(VOTING[(i + k) % VOTING.length]!), nodeSha256);
    closings.set(i, [closing, copy]);
  }

  const packs: string[] = [];
  let packBytes = 0;
  let statements = 0;
  for (let from = 0; from < size; from += INCIDENTS_PER_PACK) {
    const to = Math.min(size, from + INCIDENTS_PER_PACK);
    const inputs: PackInput[] = [];
    for (let i = from; i < to; i++) {
      inputs.push({ kind: 'incident', bytes: incidents[i]!.bytes }, { kind: 'phase', bytes: phases[i]!.bytes });
      for (const o of byIncident[i]!) inputs.push({ kind: o.kind, bytes: o.bytes });
      for (const c of closings.get(i) ?? []) inputs.push({ kind: 'closing', bytes: c.bytes });
    }
    const path = join(dir, `incidents-${String(from + 1).padStart(6, '0')}-${String(to).padStart(6, '0')}.pack`);
    const written = await writePackFile(path, 'sync', inputs);
    packs.push(path);
    packBytes += written.bytes;
    statements += written.objects;
  }
  log(`bench commission ${size}: ${statements.toLocaleString('en')} statements in ${packs.length} packs, ${(packBytes / 1024 ** 2).toFixed(0)} MiB`);
  return { size, dir, rosterFile, packs, statements, packBytes };
}

async function rosterPayload(chairKey: SigningKey, producerKey: SigningKey) {
  const members: RosterMember[] = [
    { id: CHAIR, name: 'Commission Chair (bench)', role: 'chair', weight: 0, keys: [memberKeyOf(chairKey)] },
    { id: PRODUCER, name: 'Technical Monitoring Mission (bench)', role: 'producer', weight: 0, keys: [memberKeyOf(producerKey)] },
  ];
  for (const id of VOTING) members.push({ id, name: `Delegation ${id} (bench)`, role: 'voting', weight: 1, keys: [memberKeyOf(await benchKey(id))] });
  for (const id of PARTIES) members.push({ id, name: `Party ${id} (bench)`, role: 'party', weight: 0, keys: [memberKeyOf(await benchKey(id))] });
  return {
    kind: 'roster' as const,
    commission: 'Bench commission',
    version: 1,
    prev: null,
    issued: '2024-12-01T00:00:00Z' as Timestamp,
    expires: '2036-01-01T00:00:00Z' as Timestamp,
    members,
    rule: {
      method: 'majority' as const,
      threshold: { numerator: 2, denominator: 3 },
      thresholdComparison: 'at-least' as const,
      weighted: false,
      quorum: { numerator: 1, denominator: 2 },
      silenceProcedure: false,
    },
    updateThreshold: 1,
    lineGeometry: '0'.repeat(64) as Sha256Hex,
  };
}

function signIncident(i: number, key: SigningKey, prev: ObjectId | null): Promise<SignedObject<'incident'>> {
  const start = BASE_WINDOW_MS(i);
  const km = (i * 137) % 1400;
  return signStatement(
    {
      kind: 'incident',
      author: PRODUCER,
      seq: i + 1,
      prev,
      created: formatTimestamp(incidentCreatedMs(i)),
      incident: `INC-B-${String(i + 1).padStart(6, '0')}`,
      window: { start: formatTimestamp(start), end: formatTimestamp(start + INCIDENT_SPACING_MS / 2) },
      location: { lonE6: 33_000_000 + km * 5_000, latE6: 46_500_000 + km * 2_000, uncertaintyM: 500 + (i % 10) * 250 },
      chainageM: km * 1000 + (i % 1000),
      category: categoryOf(i),
      summary: `Bench incident ${i + 1}: ${scenarioOf(i)} (${categoryOf(i)} near km ${km}).`,
      observations: [{ modality: 'radar', count: 1 + (i % 50), distanceBand: 'unknown' }],
      evidence: [],
    },
    key,
    nodeSha256,
  );
}

const BASE_WINDOW_MS = (i: number) => incidentCreatedMs(i) - HOUR_MS;

const workerCount = () => Math.max(1, Math.min(cpus().length, 8));

/** Signs the 40 delegations' logs on as many worker threads as there are cores, each taking the next delegation. */
async function signDelegationLogs(incidents: readonly ObjectId[]): Promise<SignedLog[]> {
  const threads = workerCount();
  const logs: SignedLog[] = [];
  await Promise.all(
    Array.from({ length: threads }, (_, t) => {
      const input: SignerInput = { delegations: VOTING.map((_, d) => d).filter((d) => d % threads === t), incidents };
      return new Promise<void>((resolve, reject) => {
        const worker = signerWorker(input);
        worker.on('message', (log: SignedLog) => logs.push(log));
        worker.once('error', reject);
        worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`signing worker exited with ${code}`))));
      });
    }),
  );
  return logs.sort((a, b) => a.delegation - b.delegation);
}

function signerWorker(input: SignerInput): Worker {
  const entry = join(__dirname, 'app-commission-signer.ts');
  if (!__filename.endsWith('.ts')) throw new Error('bench/app-commission.ts signs from its TypeScript source (run it with tsx)');
  const tsx = createRequire(__filename).resolve('tsx/cjs/api');
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`, { eval: true, workerData: input });
}

interface LogStatement {
  readonly kind: PackObjectKind & ('commitment' | 'assessment');
  readonly bytes: Uint8Array;
  readonly id: ObjectId;
}

/** Each incident's commitments and reveals from the delegations' logs (ids computed only where a closing needs them). */
function statementsByIncident(size: number, logs: readonly SignedLog[]): LogStatement[][] {
  const byIncident: LogStatement[][] = Array.from({ length: size }, () => []);
  for (const log of logs) {
    for (let k = 0; k + 1 < log.offsets.length; k++) {
      const bytes = log.bytes.subarray(log.offsets[k]!, log.offsets[k + 1]!);
      const i = log.incidentOf[k]!;
      byIncident[i]!.push({ kind: log.kinds[k] === KIND_ASSESSMENT ? 'assessment' : 'commitment', bytes, id: isClosed(i) ? hashId(bytes) : ('' as ObjectId) });
    }
  }
  return byIncident;
}

function hashId(bytes: Uint8Array): ObjectId {
  return createHash('sha256').update(bytes).digest('hex') as ObjectId;
}
