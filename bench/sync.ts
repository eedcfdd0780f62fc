// npm run bench:sync — catch-up between two stores of the bench commission (bench/app-commission.ts:
// N incidents × 40 delegations) that differ by 1%: one holds everything, the other lacks a random
// 1% of the objects (bench/sync-stores.ts, cached in .bench-cache/). Side by side in one run:
//   the import of exactly the missing objects from a pack into a copy of the lacking store (the
//   reference), which also makes the full store;
//   a catch-up (main/sync/catch-up.ts) between the full store and another copy of the lacking one,
//   both sides in this process over an in-process transport: bytes on the wire (both ways, frames
//   included) against the missing objects' own bytes (goal ≤ 1.1×), and its time against the
//   reference import (goal ≤ 1.5×); then both stores hold the same ids.
// --incidents 1000 (or several: --incidents 1000,10000) picks the sizes; default 10,000.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { catchUp, type CatchUpReport } from '../main/sync/catch-up';
import { memoryTransportPair } from '../main/sync/message-transport';
import { importPack } from '../main/store/import-pack';
import { openStore, type Store } from '../main/store/store';
import { syncBenchBase, type SyncBenchBase } from './sync-stores';

const ROOT = resolve(__dirname, '..');
const CACHE = join(ROOT, '.bench-cache');

interface Measure {
  readonly base: SyncBenchBase;
  readonly referenceImportMs: number;
  readonly catchUpMs: number;
  readonly full: CatchUpReport;
  readonly lacking: CatchUpReport;
  readonly sameIds: boolean;
}

function sizes(): number[] {
  const at = process.argv.indexOf('--incidents');
  const value = at >= 0 ? process.argv[at + 1] : undefined;
  return (value ?? '10000').split(',').map((size) => {
    const n = Number(size);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--incidents ${size}: not a positive whole number`);
    return n;
  });
}

function copyStore(from: string, to: string): Store {
  cpSync(from, to, { recursive: true });
  return openStore(to, { create: false });
}

function idsDigest(store: Store): { count: number; digest: string } {
  const hash = createHash('sha256');
  let count = 0;
  for (const id of store.db.prepare('SELECT id FROM objects ORDER BY id').pluck().iterate() as IterableIterator<string>) {
    hash.update(id);
    count += 1;
  }
  return { count, digest: hash.digest('hex') };
}

async function measure(size: number, log: (line: string) => void): Promise<Measure> {
  const base = await syncBenchBase(size, CACHE, log);
  const dir = mkdtempSync(join(tmpdir(), 'truceline-bench-sync-'));
  try {
    log(`bench:sync ${size}: copying the lacking store twice`);
    const full = copyStore(base.baseStore, join(dir, 'full'));
    const lacking = copyStore(base.baseStore, join(dir, 'lacking'));
    try {
      log(`bench:sync ${size}: the reference: importing the ${base.missingObjects} missing objects from a pack`);
      const importStart = performance.now();
      const reference = await importPack(full, base.missingPack);
      const referenceImportMs = performance.now() - importStart;
      if (reference.added !== base.missingObjects) throw new Error(`the reference import added ${reference.added} of ${base.missingObjects} objects`);

      log(`bench:sync ${size}: catch-up between the full store and the lacking one`);
      const [a, b] = memoryTransportPair();
      const start = performance.now();
      const [fullReport, lackingReport] = await Promise.all([catchUp(full, a, { role: 'initiator', peer: 'lacking' }), catchUp(lacking, b, { role: 'responder', peer: 'full' })]);
      const catchUpMs = performance.now() - start;
      a.close();
      b.close();
      const left = idsDigest(full);
      const right = idsDigest(lacking);
      return { base, referenceImportMs, catchUpMs, full: fullReport, lacking: lackingReport, sameIds: left.count === right.count && left.digest === right.digest };
    } finally {
      full.close();
      lacking.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(2)} MiB`;

function table(measures: readonly Measure[]): string {
  const wire = (m: Measure) => m.full.wire.bytesSent + m.full.wire.bytesReceived;
  const reconcile = (m: Measure) => m.full.reconcile.bytesSent + m.full.reconcile.bytesReceived;
  const rows: [string, (m: Measure) => string, string][] = [
    ['objects (the lacking store lacks)', (m) => `${m.base.allObjects.toLocaleString('en')} (${m.base.missingObjects.toLocaleString('en')})`, ''],
    ['missing objects’ own bytes', (m) => mib(m.base.missingBytes), ''],
    ['bytes on the wire, both ways', (m) => `${mib(wire(m))} = **${(wire(m) / m.base.missingBytes).toFixed(3)}×**`, '≤ 1.1×'],
    [
      '  of which reconciliation',
      (m) =>
        `${(reconcile(m) / 1024).toFixed(1)} KiB in ${m.full.reconcile.messagesSent + m.full.reconcile.messagesReceived} messages = ${(reconcile(m) / m.base.missingObjects).toFixed(1)} B per missing object`,
      '',
    ],
    ['reference: importPack of exactly the missing objects', (m) => seconds(m.referenceImportMs), ''],
    ['catch-up, both sides in one process', (m) => `${seconds(m.catchUpMs)} = **${(m.catchUpMs / m.referenceImportMs).toFixed(2)}×**`, '≤ 1.5×'],
    [
      '  the lacking side: reading its ids and reconciling / receiving / importing',
      (m) => [m.lacking.phasesMs.reconcile, m.lacking.phasesMs.transfer, m.lacking.phasesMs.import].map(seconds).join(' / '),
      '',
    ],
    [
      '  catch-up beyond its own import, against the reference',
      (m) => `${seconds(m.catchUpMs - m.lacking.phasesMs.import)} = ${((m.catchUpMs - m.lacking.phasesMs.import) / m.referenceImportMs).toFixed(2)}×`,
      '',
    ],
    ['objects sent / added', (m) => `${m.full.sent.objects.toLocaleString('en')} / ${(m.lacking.imported?.added ?? 0).toLocaleString('en')}`, ''],
    ['converged (totals), same ids after', (m) => `${m.full.converged && m.lacking.converged ? 'yes' : 'NO'}, ${m.sameIds ? 'yes' : 'NO'}`, 'yes, yes'],
  ];
  const header = ['measure', ...measures.map((m) => `${m.base.size.toLocaleString('en')} × 40`), 'goal'];
  return [header, header.map(() => '---'), ...rows.map(([name, value, goal]) => [name, ...measures.map(value), goal])].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

async function main(): Promise<void> {
  const wanted = sizes();
  process.stdout.write(`bench:sync on ${process.version}, ${new Date().toISOString()}; sizes ${wanted.join(', ')}\n`);
  const measures: Measure[] = [];
  for (const size of wanted) {
    const m = await measure(size, (line) => process.stderr.write(`${line}\n`));
    if (!m.sameIds) throw new Error(`bench:sync ${size}: the two stores hold different ids after the catch-up`);
    measures.push(m);
  }
  process.stdout.write(`\n${table(measures)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
