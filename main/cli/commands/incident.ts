import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { EvidenceRef, IncidentPayload, Sha256Hex } from '../../../shared/objects/types';
import { writePackFile, type PackInput } from '../../packs/pack-file';
import { EXIT, ioError, usageError } from '../cli-error';
import type { Command } from '../command';
import { describeFsError, readJsonInput, report, requireString, stringList } from '../io';
import { FORCE_HELP, FORCE_OPTION, outputFile } from '../output-path';
import { PASSPHRASE_HELP, PASSPHRASE_OPTIONS } from '../passphrase';
import { signNextStatement, unlockStatementKey } from '../signing';

/** The incident manifest: the payload's fields less the author's log fields, and evidence without hashes. */
type IncidentManifest = Omit<IncidentPayload, 'kind' | 'author' | 'seq' | 'prev' | 'created' | 'evidence'> & {
  readonly evidence: readonly Pick<EvidenceRef, 'name' | 'role' | 'mediaType'>[];
};

async function hashFile(path: string): Promise<{ sha256: Sha256Hex; size: number }> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return { sha256: hash.digest('hex') as Sha256Hex, size: (await stat(path)).size };
  } catch (error) {
    throw ioError(`evidence file ${path}: ${describeFsError(error)}`);
  }
}

export const incidentCreateCommand: Command = {
  path: ['incident', 'create'],
  summary: 'sign an incident (producer key) and bundle it with its evidence files into an incident pack',
  usage: '--manifest FILE --evidence FILE… --key KEYFILE --out PACK',
  help: {
    manifest: 'incident JSON: incident, window, location, chainageM, category, summary, observations, evidence [{name, role, mediaType}]',
    evidence: 'an evidence file; its file name must match an evidence name in the manifest (repeat)',
    key: "the producer's secret key file",
    out: 'incident pack to write',
    ...FORCE_HELP,
    ...PASSPHRASE_HELP,
  },
  options: { manifest: { type: 'string' }, evidence: { type: 'string', multiple: true }, key: { type: 'string' }, out: { type: 'string' }, ...FORCE_OPTION, ...PASSPHRASE_OPTIONS },
  run: async (context) => {
    const out = await outputFile(context);
    const manifest = (await readJsonInput(requireString(context, 'manifest'), 'incident manifest')) as IncidentManifest;
    if (typeof manifest !== 'object' || manifest === null || !Array.isArray(manifest.evidence)) throw usageError('incident manifest: needs an "evidence" array');
    const files = new Map(stringList(context, 'evidence').map((path) => [basename(path), path]));
    const evidence: EvidenceRef[] = [];
    const chunks: PackInput[] = [];
    for (const entry of manifest.evidence) {
      const path = files.get(entry.name);
      if (path === undefined) throw usageError(`incident manifest: evidence "${entry.name}" has no --evidence file of that name`);
      files.delete(entry.name);
      const { sha256, size } = await hashFile(path);
      evidence.push({ ...entry, sha256, size });
      chunks.push({ kind: 'chunk', id: sha256, size, file: path });
    }
    const [unlisted] = files.keys();
    if (unlisted !== undefined) throw usageError(`--evidence ${unlisted}: not listed in the manifest's evidence`);

    const producer = await unlockStatementKey(context, requireString(context, 'key'));
    const incident = await signNextStatement<IncidentPayload>(producer, (log) => ({ ...manifest, kind: 'incident', ...log, evidence }));
    const written = await writePackFile(out, 'incident-bundle', [{ kind: 'incident', bytes: incident.bytes }, ...chunks]);
    report(context, { id: incident.id, incident: manifest.incident, out, objects: written.objects, bytes: written.bytes }, () => [
      `incident ${manifest.incident} ${incident.id}`,
      `  signed by ${producer.member} (seq ${incident.payload.seq}); ${evidence.length} evidence files; pack ${out} (${written.bytes} bytes)`,
    ]);
    return EXIT.ok;
  },
};
