import { verdictLine } from './tally';
import { ready } from '../../../shared/crypto/sodium';
import { parseTimestamp } from '../../../shared/objects/timestamp';
import type { Timestamp } from '../../../shared/objects/types';
import { ExportError, exportCertificate, exportIncident, exportSince, incidentsNamed, type ExportResult, type SincePoint } from '../../store/export-pack';
import { ImportError, importPack, type ImportReport } from '../../store/import-pack';
import { progressLine, type ImportProgress } from '../../store/import-progress';
import { rebuildStore } from '../../store/rebuild';
import { openStore, StoreError, type Store } from '../../store/store';
import { storeStatus } from '../../store/store-status';
import { VerifyPool } from '../../worker/verify-pool';
import { CliError, EXIT, ioError, usageError, verificationError, type ExitCode } from '../cli-error';
import type { Command, CommandContext } from '../command';
import { optionalString, readInput, report, requireString } from '../io';
import { FORCE_HELP, FORCE_OPTION, outputFile } from '../output-path';
import { resolveIncident } from '../resolve-incident';
import { roundOption } from '../round-option';
import { AT_HELP, AT_OPTION, verificationTime } from '../trust';

const DB_OPTION = { db: { type: 'string' } } as const;
const DB_HELP = { db: 'the store folder (store.db and chunks/)' } as const;

function withStore<T>(context: CommandContext, create: boolean, body: (store: Store) => Promise<T>): Promise<T> {
  let store: Store;
  try {
    store = openStore(requireString(context, 'db'), { create });
  } catch (error) {
    if (error instanceof StoreError) throw ioError(error.message);
    throw error;
  }
  return body(store).finally(() => store.close());
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function importErrorExit(error: ImportError): ExitCode {
  switch (error.code) {
    case 'no-roster':
      return EXIT.usage;
    case 'roster':
      return EXIT.verificationFailed;
    case 'bad-pack':
    case 'io':
    case 'busy':
      return EXIT.io;
    default: {
      const unreachable: never = error.code;
      return unreachable;
    }
  }
}

/** Redraws one stderr line as events arrive, when stderr is a terminal. */
function progressBar(context: CommandContext): { readonly onProgress?: (progress: ImportProgress) => void; readonly end: () => void } {
  if (context.json || !process.stderr.isTTY) return { end: () => undefined };
  let drawn = false;
  return {
    onProgress: (progress) => {
      context.stderr(`\r\x1b[K${progressLine(progress)}`);
      drawn = true;
    },
    end: () => {
      if (drawn) context.stderr('\r\x1b[K');
      drawn = false;
    },
  };
}

function reportLines(r: ImportReport): string[] {
  const seconds = (r.elapsedMs / 1000).toFixed(1);
  return [
    `${r.source}: ${r.added} added, ${r.present} already present, ${r.rejected} rejected (${r.packKind} pack, import ${r.importId}, ${mb(r.bytesAdded)} in ${seconds} s; roster v${r.roster.version}${r.roster.status === 'expired' ? ' EXPIRED' : ''}${r.roster.pinnedNow ? ', pinned now' : ''})`,
    ...r.rejections.map((x) => `  rejected [${x.code}] ${x.reason}`),
    ...r.notes.map((note) => `  note ${note}`),
  ];
}

export const storeImportCommand: Command = {
  path: ['store', 'import'],
  summary: 'import packs into a store: every object verified, one transaction per pack, rejected objects quarantined',
  usage: 'PACK… --db DIR [--roster FILE]',
  help: { ...DB_HELP, roster: "the commission's roster to trust: required on a store's first import, later it may extend the chain" },
  options: { ...DB_OPTION, roster: { type: 'string' } },
  run: async (context) => {
    if (context.positionals.length === 0) throw usageError('give at least one PACK');
    const rosterPath = optionalString(context, 'roster');
    const roster = rosterPath === undefined ? undefined : { source: rosterPath, bytes: new Uint8Array(await readInput(rosterPath, 'roster')) };
    await ready();
    const verifier = new VerifyPool();
    try {
      return await withStore(context, true, async (store) => {
        const reports: ImportReport[] = [];
        const failures: { pack: string; code: string; message: string }[] = [];
        // The first pack that could not be imported at all decides the exit code; else rejected objects do.
        let failureExit: ExitCode | undefined;
        for (const path of context.positionals) {
          const bar = progressBar(context);
          try {
            const result = await importPack(store, path, { verifier, ...(roster ? { roster } : {}), ...(bar.onProgress ? { onProgress: bar.onProgress } : {}) });
            bar.end();
            reports.push(result);
            if (!context.json) for (const line of reportLines(result)) context.stdout(`${line}\n`);
          } catch (error) {
            bar.end();
            if (!(error instanceof ImportError)) throw error;
            failures.push({ pack: path, code: error.packErrorCode ?? error.code, message: error.message });
            if (!context.json) context.stderr(`truceline store import: ${error.message}\n`);
            failureExit ??= importErrorExit(error);
          }
        }
        const quarantined = reports.reduce((sum, r) => sum + r.rejected, 0);
        const exit = failureExit ?? (quarantined > 0 ? EXIT.verificationFailed : EXIT.ok);
        if (context.json) report(context, { ok: exit === EXIT.ok, quarantined, imports: reports, failures }, () => []);
        else context.stdout(`${quarantinedLine(quarantined, reports.length, failures.length)}\n`);
        return exit;
      });
    } finally {
      await verifier.close();
    }
  },
};

function quarantinedLine(quarantined: number, imported: number, failed: number): string {
  const packs = `${imported} pack(s) imported${failed > 0 ? `, ${failed} not imported` : ''}`;
  return quarantined === 0 ? `${packs}; nothing quarantined` : `${packs}; ${quarantined} object(s) QUARANTINED (see \`truceline store status\`)`;
}

function sincePoint(text: string): SincePoint {
  if (/^\d+$/.test(text)) return { importId: Number(text) };
  const timeMs = parseTimestamp(text);
  if (timeMs === undefined) throw usageError(`--since "${text}": give an import id (a whole number) or an RFC 3339 UTC time such as 2026-11-22T19:00:00Z`);
  return { timeMs };
}

export const storeExportCommand: Command = {
  path: ['store', 'export'],
  summary: 'export from a store: an incident bundle, a sync pack of everything since a point, or a verdict certificate',
  usage: '--db DIR (--incident ID | --since IMPORT_ID|TIME | --certificate ID [--round N] [--at TIME]) --out FILE',
  help: {
    ...DB_HELP,
    incident: 'an incident (object id, unique prefix, or incident number) with its evidence and the roster chain',
    since: 'every object received after this import id (or from this time on), for a peer',
    certificate: "the verdict certificate of an incident's round (object id, unique prefix, or incident number)",
    round: 'round of the certificate, 1–1000 (default 1)',
    ...AT_HELP,
    out: 'pack file to write',
    ...FORCE_HELP,
  },
  options: {
    ...DB_OPTION,
    incident: { type: 'string' },
    since: { type: 'string' },
    certificate: { type: 'string' },
    round: { type: 'string' },
    ...AT_OPTION,
    out: { type: 'string' },
    ...FORCE_OPTION,
  },
  run: async (context) => {
    const chosen = (['incident', 'since', 'certificate'] as const).filter((option) => optionalString(context, option) !== undefined);
    if (chosen.length !== 1) throw usageError('give exactly one of --incident, --since or --certificate');
    const round = roundOption(context);
    const out = await outputFile(context);
    return withStore(context, false, async (store) => {
      const mode = chosen[0]!;
      const storedIncident = (option: 'incident' | 'certificate') => {
        const wanted = requireString(context, option);
        return resolveIncident(wanted, incidentsNamed(store.db, wanted), 'in the store');
      };
      try {
        switch (mode) {
          case 'incident': {
            const result = await exportIncident(store, storedIncident('incident'), out);
            report(context, result, () => exportLines(result, `incident ${result.incident}`));
            return EXIT.ok;
          }
          case 'since': {
            const result = await exportSince(store, sincePoint(requireString(context, 'since')), out);
            report(context, result, () => exportLines(result, `objects from import ${result.fromImport} on`));
            return EXIT.ok;
          }
          case 'certificate': {
            const asOf: Timestamp = verificationTime(context).timestamp;
            const result = await exportCertificate(store, storedIncident('certificate'), round, asOf, out);
            const { outcome, resolution } = result.verdict;
            report(
              context,
              { path: result.path, kind: result.kind, objects: result.objects, bytes: result.bytes, notes: result.notes, outcome, issues: resolution.issues, closed: result.closed },
              () => [
                `incident ${result.incident} round ${result.round}, roster v${result.chain.current.version}, as of ${outcome.asOf}`,
                `${verdictLine(outcome)} — ${outcome.reason}`,
                result.closed ? "the certificate carries the round's closing record: final for a verifier once it checks" : 'no closing record of this round is stored: the certificate is PROVISIONAL',
                ...exportLines(result, 'verdict certificate'),
              ],
            );
            return EXIT.ok;
          }
          default: {
            const unreachable: never = mode;
            return unreachable;
          }
        }
      } catch (error) {
        if (error instanceof ExportError) throw error.code === 'not-found' || error.code === 'ambiguous' ? usageError(error.message) : ioError(error.message);
        if (error instanceof CliError) throw error;
        throw ioError(`${out}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  },
};

function exportLines(result: ExportResult, what: string): string[] {
  return [`${result.path}: ${what}, ${result.kind} pack of ${result.objects} objects, ${mb(result.bytes)}`, ...result.notes.map((note) => `  note ${note}`)];
}

export const storeStatusCommand: Command = {
  path: ['store', 'status'],
  summary: 'what a store holds: objects by kind, imports, quarantine, the trusted roster, sizes',
  usage: '--db DIR',
  help: DB_HELP,
  options: DB_OPTION,
  run: (context) =>
    withStore(context, false, async (store) => {
      const status = await storeStatus(store);
      report(context, status, () => {
        const roster = status.roster;
        return [
          `store ${status.dir}`,
          ...Object.entries(status.objects).map(([kind, o]) => `  ${kind.padEnd(11)} ${String(o.count).padStart(8)}  ${mb(o.bytes)}`),
          `  incidents indexed ${status.incidents}, detection cells ${status.detectionCells}`,
          `  imports ${status.imports.count}${status.imports.last ? ` (last: ${status.imports.last.source}, ${status.imports.last.added} added, ${status.imports.last.rejected} rejected)` : ''}`,
          `  quarantine ${status.quarantine.count}${
            status.quarantine.count > 0
              ? ` (${Object.entries(status.quarantine.byCode)
                  .map(([code, n]) => `${code} ${n}`)
                  .join(', ')})`
              : ''
          }`,
          roster === undefined
            ? '  roster: none pinned yet (the first import needs --roster)'
            : roster.current
              ? `  roster v${roster.current.version} ${roster.current.id}, expires ${roster.current.expires}${roster.current.status === 'expired' ? ' (EXPIRED)' : ''}`
              : `  roster: ${roster.problem}`,
          `  database ${mb(status.databaseBytes)}, chunks ${mb(status.chunkBytes)}`,
        ];
      });
      return EXIT.ok;
    }),
};

export const storeRebuildCommand: Command = {
  path: ['store', 'rebuild'],
  summary: 'drop and re-derive every derived table from the objects and chunks, verifying every chunk hash',
  usage: '--db DIR',
  help: DB_HELP,
  options: DB_OPTION,
  run: (context) =>
    withStore(context, false, async (store) => {
      const result = await rebuildStore(store);
      const serious = result.problems.filter((p) => p.problem !== 'not-indexed');
      report(context, result, () => [
        `rebuilt ${store.dir} in ${(result.elapsedMs / 1000).toFixed(1)} s: ${Object.entries(result.objects)
          .map(([kind, n]) => `${n} ${kind}`)
          .join(', ')}`,
        `  rows: ${Object.entries(result.rows)
          .map(([table, n]) => `${table} ${n}`)
          .join(', ')}`,
        `  chunks verified ${result.chunksVerified} (${mb(result.chunkBytesVerified)}); stray files removed ${result.strayFilesRemoved}`,
        ...result.problems.map((p) => `  ${p.problem === 'not-indexed' ? 'note' : 'PROBLEM'} ${p.detail}`),
      ]);
      if (serious.length > 0) throw verificationError(`${serious.length} object(s) failed their checks; the first: ${serious[0]!.detail}`);
      return EXIT.ok;
    }),
};

export const STORE_COMMANDS: readonly Command[] = [storeImportCommand, storeExportCommand, storeStatusCommand, storeRebuildCommand];
