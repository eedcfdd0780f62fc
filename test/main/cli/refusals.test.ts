import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, type CliRun as Run } from './cli-in-process';

// What the CLI refuses before it signs or writes anything (issue 8, item 7).

const CLI = resolve(__dirname, '../../../dist/cli/truceline.js');
const PASSPHRASE = 'refusals passphrase';
const MEMBERS = { CHAIR: 'chair', MISSION: 'producer', FRA: 'voting', DEU: 'voting', POL: 'voting', PTA: 'party' } as const;

const dir = mkdtempSync(join(tmpdir(), 'truceline-refusals-'));
const at = (name: string) => join(dir, name);

async function cli(...argv: string[]): Promise<Run> {
  return runCliInProcess(argv, { env: { TRUCELINE_PASSPHRASE: PASSPHRASE } });
}

async function ok(...argv: string[]): Promise<string> {
  const run = await cli(...argv);
  if (run.code !== 0) throw new Error(`truceline ${argv.join(' ')} exited ${run.code}: ${run.stderr}`);
  return run.stdout;
}

/** A usage error: exit 1, one line on stderr matching `message`. */
async function refused(message: RegExp, ...argv: string[]): Promise<void> {
  const run = await cli(...argv);
  expect(run.stderr).toMatch(message);
  expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
  expect(run.code).toBe(1);
}

const logOf = (member: string): string | undefined => (existsSync(at(`${member}.key.log.json`)) ? readFileSync(at(`${member}.key.log.json`), 'utf8') : undefined);

function manifest(name: string, fields: Record<string, unknown> = {}): string {
  writeFileSync(
    at(name),
    JSON.stringify({
      incident: 'INC-2026-000031',
      window: { start: '2026-11-20T10:00:00Z', end: '2026-11-20T10:30:00Z' },
      location: { lonE6: 37512345, latE6: 48012345, uncertaintyM: 500 },
      chainageM: 412000,
      category: 'artillery-fire',
      summary: 'Artillery fire across the line near km 412',
      observations: [{ modality: 'radar', count: 4, distanceBand: '5-15km' }],
      evidence: [{ name: 'detections.arrow', role: 'detections', mediaType: 'application/vnd.apache.arrow.file' }],
      ...fields,
    }),
  );
  return at(name);
}

const incidents: { first: string; second: string; third: string } = { first: '', second: '', third: '' };
const commit = (member: string, ...rest: string[]) => [
  'assess',
  'commit',
  '--roster',
  at('roster-v1.json'),
  '--key',
  at(`${member}.key`),
  '--rationale',
  'radar tracks',
  '--sealed-out',
  at(`${member}.sealed.json`),
  ...rest,
];
const abstain = ['--finding', 'abstain', '--attribution', 'undetermined', '--confidence', '0'];

beforeAll(async () => {
  for (const member of [...Object.keys(MEMBERS), 'OUTSIDER']) await ok('keygen', '--member', member, '--out', at(`${member}.key`), '--kdf', 'interactive');
  const template = {
    commission: 'Refusals Commission',
    expires: '2031-01-01T00:00:00Z',
    updateThreshold: 2,
    rule: { method: 'unanimity', weighted: false, silenceProcedure: false },
    lineGeometry: '0'.repeat(64),
    members: Object.entries(MEMBERS).map(([id, role]) => ({ id, name: `Member ${id}`, role, weight: role === 'voting' ? 1 : 0 })),
  };
  writeFileSync(at('template.json'), JSON.stringify(template));
  const publicKeys = Object.keys(MEMBERS).flatMap((m) => ['--public-key', at(`${m}.key.pub.json`)]);
  await ok('roster', 'create', '--template', at('template.json'), ...publicKeys, '--key', at('CHAIR.key'), '--key', at('FRA.key'), '--out', at('roster-v1.json'));
  writeFileSync(at('template-v2.json'), JSON.stringify({ ...template, updateThreshold: 3 }));
  await ok('roster', 'update', '--previous', at('roster-v1.json'), '--template', at('template-v2.json'), ...publicKeys, '--key', at('CHAIR.key'), '--out', at('roster-v2-a.json'));

  writeFileSync(at('detections.arrow'), 'stand-in evidence bytes');
  const create = async (pack: string, fields: Record<string, unknown> = {}) =>
    (
      JSON.parse(await ok('incident', 'create', '--manifest', manifest(`${pack}.json`, fields), '--evidence', at('detections.arrow'), '--key', at('MISSION.key'), '--out', at(pack), '--json')) as {
        id: string;
      }
    ).id;
  incidents.first = await create('incident-1.pack');
  incidents.second = await create('incident-2.pack', { supersedes: incidents.first, summary: 'Artillery fire across the line near km 412 (corrected)' });
  incidents.third = await create('incident-3.pack', { supersedes: incidents.first, summary: 'Artillery fire near km 412, another correction' });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('assess commit validates the assessment it seals against the roster', () => {
  const assess = (member: string, finding: string, attribution: string, confidence: string) =>
    commit(member, '--incident', incidents.first, '--finding', finding, '--attribution', attribution, '--confidence', confidence, '--out', at(`${member}.commit.pack`));

  it('refuses a confidence outside 0–100, an attribution to a non-party, an attribution without a violation', async () => {
    await refused(/confidence/, ...assess('FRA', 'violation', 'PTA', '150'));
    await refused(
      /^truceline assess commit: refusing to sign an assessment that could never count: body\.attribution names DEU, which is not a party in roster v1$/m,
      ...assess('FRA', 'violation', 'DEU', '80'),
    );
    await refused(/attribution must be undetermined when the finding is no-violation/, ...assess('FRA', 'no-violation', 'PTA', '80'));
    await refused(/--roster is required/, ...assess('FRA', 'violation', 'PTA', '80').filter((a, i, all) => a !== '--roster' && all[i - 1] !== '--roster'));
  });

  it('refuses a key the roster does not list, or whose member may not assess', async () => {
    await refused(/which roster v1 does not list for OUTSIDER|has no member OUTSIDER/, ...assess('OUTSIDER', 'violation', 'PTA', '80'));
    await refused(/MISSION is a producer member in roster v1; an assessment must come from a voting, party or observer member/, ...assess('MISSION', 'abstain', 'undetermined', '0'));
  });

  it('signed and wrote nothing for what it refused', () => {
    for (const member of ['FRA', 'OUTSIDER', 'MISSION']) {
      expect(existsSync(at(`${member}.sealed.json`))).toBe(false);
      expect(existsSync(at(`${member}.commit.pack`))).toBe(false);
    }
    expect(logOf('FRA')).toBeUndefined();
  });

  it('seals what can count, naming the incident by its number (the version no other supersedes)', async () => {
    await refused(
      /--incident INC-2026-000031: give the whole object id, or the incident bundle as a PACK/,
      ...commit('FRA', '--incident', 'INC-2026-000031', ...abstain, '--out', at('FRA.commit.pack')),
    );
    const run = await cli(
      ...commit(
        'FRA',
        at('incident-1.pack'),
        at('incident-2.pack'),
        '--incident',
        'INC-2026-000031',
        '--finding',
        'violation',
        '--attribution',
        'PTA',
        '--confidence',
        '80',
        '--out',
        at('FRA.commit.pack'),
      ),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const sealed = JSON.parse(readFileSync(at('FRA.sealed.json'), 'utf8')) as { commitment: string; body: { incident: string } };
    expect(sealed.body.incident).toBe(incidents.second);
    // The refused attempts and the in-memory check of the reveal took no place in the key's log.
    expect(JSON.parse(logOf('FRA')!)).toMatchObject({ seq: 1, id: sealed.commitment });
  });
});

describe('phase open', () => {
  it('refuses a key the chair does not hold in the current roster', async () => {
    const phase = (key: string) => [
      'phase',
      'open',
      at('FRA.commit.pack'),
      at('incident-2.pack'),
      '--roster',
      at('roster-v1.json'),
      '--key',
      at(key),
      '--incident',
      incidents.second.slice(0, 12),
      '--out',
      at('phase.pack'),
    ];
    await refused(/refusing to sign a phase that could never count: author FRA is a voting member in roster v1; a phase must come from a chair member/, ...phase('FRA.key'));
    await refused(/OUTSIDER/, ...phase('OUTSIDER.key'));
    expect(existsSync(at('phase.pack'))).toBe(false);
    await ok(...phase('CHAIR.key'));
  });
});

describe('roster sign and roster update', () => {
  const listed = /key [0-9a-f]{8}… of OUTSIDER is not listed in/;

  it('refuse a signer the previous roster does not list', async () => {
    await refused(listed, 'roster', 'sign', at('roster-v2-a.json'), '--previous', at('roster-v1.json'), '--key', at('OUTSIDER.key'), '--out', at('roster-v2-x.json'));
    const publicKeys = Object.keys(MEMBERS).flatMap((m) => ['--public-key', at(`${m}.key.pub.json`)]);
    await refused(listed, 'roster', 'update', '--previous', at('roster-v1.json'), '--template', at('template-v2.json'), ...publicKeys, '--key', at('OUTSIDER.key'), '--out', at('roster-v2-y.json'));
    await refused(/not listed in this genesis roster/, 'roster', 'create', '--template', at('template.json'), ...publicKeys, '--key', at('OUTSIDER.key'), '--out', at('roster-z.json'));
    for (const name of ['roster-v2-x.json', 'roster-v2-y.json', 'roster-z.json']) expect(existsSync(at(name))).toBe(false);
  });

  it('roster sign needs the previous roster, the one prev names', async () => {
    await refused(/give --previous with the roster it follows/, 'roster', 'sign', at('roster-v2-a.json'), '--key', at('DEU.key'), '--out', at('roster-v2-b.json'));
    await refused(
      /--previous .*: is roster v2 .*, but .* follows [0-9a-f]{64}/,
      'roster',
      'sign',
      at('roster-v2-a.json'),
      '--previous',
      at('roster-v2-a.json'),
      '--key',
      at('DEU.key'),
      '--out',
      at('roster-v2-b.json'),
    );
    await ok('roster', 'sign', at('roster-v2-a.json'), '--previous', at('roster-v1.json'), '--key', at('DEU.key'), '--out', at('roster-v2-b.json'));
  });
});

describe('--round', () => {
  it('is a usage error outside 1–1000 or not a number, for every command that takes it', async () => {
    const packs = [at('incident-2.pack'), at('FRA.commit.pack')];
    for (const round of ['0', '1001', 'abc', '-1', '1.5', '']) {
      const message = new RegExp(`--round "${round}": must be a whole number from 1 to 1000`);
      await refused(message, 'tally', ...packs, '--roster', at('roster-v1.json'), '--incident', incidents.second, `--round=${round}`);
      await refused(message, 'certificate', ...packs, '--roster', at('roster-v1.json'), '--incident', incidents.second, `--round=${round}`, '--out', at('cert-round.pack'));
      await refused(message, 'phase', 'open', ...packs, '--roster', at('roster-v1.json'), '--key', at('CHAIR.key'), '--incident', incidents.second, `--round=${round}`, '--out', at('p.pack'));
      await refused(message, ...commit('DEU', '--incident', incidents.second, ...abstain, `--round=${round}`, '--out', at('DEU.commit.pack')));
      await refused(message, 'store', 'export', '--db', at('no-store'), '--certificate', incidents.second, `--round=${round}`, '--out', at('e.pack'));
    }
  });
});

describe('incident numbers and prefixes', () => {
  const tallyOf = async (...argv: string[]) => JSON.parse(await ok('tally', ...argv, '--roster', at('roster-v1.json'), '--json')) as { outcome: { incident: string } };

  it('resolve to the version no other supersedes; several such versions are a usage error saying how many', async () => {
    expect((await tallyOf(at('incident-1.pack'), at('incident-2.pack'), '--incident', 'INC-2026-000031')).outcome.incident).toBe(incidents.second);
    expect((await tallyOf(at('incident-1.pack'), '--incident', 'INC-2026-000031')).outcome.incident).toBe(incidents.first);
    expect((await tallyOf(at('incident-1.pack'), at('incident-2.pack'), '--incident', incidents.first.slice(0, 10))).outcome.incident).toBe(incidents.first);
    await refused(
      /^truceline tally: incident INC-2026-000031: 3 incident statements in the packs carry that number and 2 of them are superseded by none; give the object id$/m,
      'tally',
      at('incident-1.pack'),
      at('incident-2.pack'),
      at('incident-3.pack'),
      '--roster',
      at('roster-v1.json'),
      '--incident',
      'INC-2026-000031',
    );
    await refused(
      /incident INC-2026-000099: no verified incident in the packs has that id or number/,
      'tally',
      at('incident-1.pack'),
      '--roster',
      at('roster-v1.json'),
      '--incident',
      'INC-2026-000099',
    );
  });

  it('work in store export too', async () => {
    const db = at('store');
    await ok('store', 'import', at('incident-1.pack'), at('incident-2.pack'), '--db', db, '--roster', at('roster-v1.json'));
    const exported = JSON.parse(await ok('store', 'export', '--db', db, '--incident', 'INC-2026-000031', '--out', at('exported.pack'), '--json')) as { incident: string };
    expect(exported.incident).toBe(incidents.second);
  });
});

describe('--out', () => {
  it('never overwrites a file without --force, and refuses before signing', async () => {
    writeFileSync(at('taken.pack'), 'keep me');
    const before = logOf('DEU');
    await refused(/--out .*taken\.pack: already exists; give --force to overwrite it/, ...commit('DEU', '--incident', incidents.second, ...abstain, '--out', at('taken.pack')));
    expect(logOf('DEU')).toBe(before);
    expect(existsSync(at('DEU.sealed.json'))).toBe(false);
    const packs = [at('incident-2.pack'), at('FRA.commit.pack'), at('phase.pack')];
    await refused(/taken\.pack: already exists/, 'certificate', ...packs, '--roster', at('roster-v1.json'), '--incident', incidents.second, '--out', at('taken.pack'));
    await refused(/taken\.pack: already exists/, 'store', 'export', '--db', at('store'), '--incident', incidents.second, '--out', at('taken.pack'));
    await refused(/taken\.pack: already exists/, 'keygen', '--member', 'NEW', '--out', at('new.key'), '--public-out', at('taken.pack'), '--kdf', 'interactive');
    expect(readFileSync(at('taken.pack'), 'utf8')).toBe('keep me');
    await ok('certificate', ...packs, '--roster', at('roster-v1.json'), '--incident', incidents.second, '--out', at('taken.pack'), '--force');
    expect(statSync(at('taken.pack')).size).toBeGreaterThan(1000);
  });

  it('never writes into a folder that holds anything without --force', async () => {
    await refused(/--out .*: the folder is not empty; give --force to write into it/, 'generate', '--scale', 'tiny', '--out', dir);
    await refused(/--out .*: the folder is not empty; give --force to write into it/, 'demo', '--out', dir);
  });

  it('never overwrites a secret, not even with --force', async () => {
    await refused(/FRA\.sealed\.json: already exists; a secret is never overwritten/, ...commit('FRA', '--incident', incidents.second, ...abstain, '--out', at('FRA-again.pack'), '--force'));
    await refused(/FRA\.key: already exists; a secret is never overwritten/, 'keygen', '--member', 'FRA', '--out', at('FRA.key'), '--kdf', 'interactive', '--force');
  });
});

describe('the key and its log', () => {
  const pol = () => commit('POL', '--incident', incidents.second, ...abstain, '--out', at('POL.commit.pack'));

  it('refuse a wrong passphrase with one line (exit 2), before anything is signed or written', async () => {
    const wrong = { env: { TRUCELINE_PASSPHRASE: 'not the passphrase' } };
    for (const argv of [pol(), ['roster', 'sign', at('roster-v2-a.json'), '--previous', at('roster-v1.json'), '--key', at('POL.key'), '--out', at('roster-v2-pol.json')]]) {
      const run = await runCliInProcess(argv, wrong);
      expect(run.stderr).toMatch(/^truceline (assess commit|roster sign): .*POL\.key: key file of POL: wrong passphrase, or the file was altered\n$/);
      expect(run.code).toBe(2);
    }
    for (const name of ['POL.sealed.json', 'POL.commit.pack', 'POL.key.log.json', 'roster-v2-pol.json']) expect(existsSync(at(name))).toBe(false);
  });

  it('refuse to sign over a damaged log file (exit 2), naming it', async () => {
    writeFileSync(at('POL.key.log.json'), '{"seq": ');
    const run = await cli(...pol());
    expect(run.stderr).toMatch(/^truceline assess commit: refusing to sign: .*POL\.key\.log\.json: is damaged \(not valid JSON\); restore it before signing again\n$/);
    expect(run.code).toBe(2);
    expect(existsSync(at('POL.sealed.json'))).toBe(false);
    rmSync(at('POL.key.log.json'));
    await ok(...pol());
    expect(JSON.parse(logOf('POL')!)).toMatchObject({ seq: 1 });
  });

  it('refuse a log file that went back behind a statement of the key in the packs given (a restored backup), exit 2', async () => {
    const log = logOf('CHAIR')!;
    expect(JSON.parse(log)).toMatchObject({ seq: 1 });
    rmSync(at('CHAIR.key.log.json')); // the backup was taken before the chair opened the reveal
    const packs = [at('FRA.commit.pack'), at('incident-2.pack'), at('phase.pack')];
    const run = await cli('phase', 'open', ...packs, '--roster', at('roster-v1.json'), '--key', at('CHAIR.key'), '--incident', incidents.second, '--out', at('phase-again.pack'));
    expect(run.stderr).toMatch(/^truceline phase open: refusing to sign: a pack given holds seq 1 of key [0-9a-f]{8}… but its log file stops at 0 \(.*\); signing would reuse a seq\n$/);
    expect(run.code).toBe(2);
    expect(existsSync(at('phase-again.pack'))).toBe(false);
    writeFileSync(at('CHAIR.key.log.json'), log);
  });

  it('assess reveal refuses a sealed assessment whose body was changed, or that is not one, before signing', async () => {
    const before = logOf('FRA');
    const sealed = JSON.parse(readFileSync(at('FRA.sealed.json'), 'utf8')) as { body: { confidence: number } };
    writeFileSync(at('FRA.tampered.json'), JSON.stringify({ ...sealed, body: { ...sealed.body, confidence: sealed.body.confidence - 1 } }));
    const reveal = (file: string) => ['assess', 'reveal', '--key', at('FRA.key'), '--sealed', at(file), '--out', at('FRA.reveal.pack')];
    await refused(/^truceline assess reveal: sealed assessment .*FRA\.tampered\.json: its body no longer matches the committed digest [0-9a-f]{8}…$/m, ...reveal('FRA.tampered.json'));
    writeFileSync(at('not-sealed.json'), JSON.stringify({ format: 'something-else', commitment: 'ab'.repeat(32), digest: 'cd'.repeat(32), body: sealed.body }));
    await refused(/sealed assessment .*not-sealed\.json: not a sealed assessment/, ...reveal('not-sealed.json'));
    expect(existsSync(at('FRA.reveal.pack'))).toBe(false);
    expect(logOf('FRA')).toBe(before);
  });
});

describe('--json errors', () => {
  it('are one JSON object on stderr, with the same exit codes', async () => {
    const usage = await cli('tally', at('incident-1.pack'), '--roster', at('roster-v1.json'), '--incident', incidents.first, '--round', '0', '--json');
    expect(usage.code).toBe(1);
    expect(JSON.parse(usage.stderr)).toEqual({ error: { code: 'usage', command: 'tally', message: '--round "0": must be a whole number from 1 to 1000' } });
    const io = await cli('verify', at('absent.pack'), '--roster', at('roster-v1.json'), '--json');
    expect(io.code).toBe(2);
    expect(JSON.parse(io.stderr)).toMatchObject({ error: { code: 'io', command: 'verify' } });
    const option = await cli('verify', '--frobnicate', '--json');
    expect(option.code).toBe(1);
    expect(JSON.parse(option.stderr)).toMatchObject({ error: { code: 'usage', message: expect.stringMatching(/frobnicate/) } });
    const unknown = await cli('frobnicate', '--json');
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stderr)).toMatchObject({ error: { code: 'usage', command: '' } });
  });
});

describe('a closed pipe', () => {
  it('ends the command quietly, with its own exit code', () => {
    const verify = [CLI, 'verify', at('incident-1.pack'), at('FRA.commit.pack'), '--roster', at('roster-v1.json')];
    const unpiped = spawnSync(process.execPath, verify, { encoding: 'utf8' });
    expect(unpiped.stdout.split('\n').length).toBeGreaterThan(2);
    // `true` exits without reading, so every write of the CLI meets a closed pipe.
    const script = `${[process.execPath, ...verify].map((word) => `'${word}'`).join(' ')} 2>'${at('pipe.err')}' | true; echo "\${PIPESTATUS[0]}"`;
    const piped = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(readFileSync(at('pipe.err'), 'utf8')).toBe('');
    expect(piped.stdout.trim()).toBe(String(unpiped.status));
  });
});
