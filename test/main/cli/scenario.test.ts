import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const CLI = resolve(__dirname, '../../../dist/cli/truceline.js');
const PASSPHRASE = 'scenario passphrase';
const VOTING = ['FRA', 'DEU', 'POL', 'CAN', 'NOR', 'JPN', 'ITA', 'ESP', 'NLD', 'GBR'];
const PARTIES = ['PTA', 'PTB'];
const OTHERS = ['CHAIR', 'MISSION', 'OBS'];

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe('a commission round through the CLI alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'truceline-scenario-'));
  const at = (name: string) => join(dir, name);
  const cli = (...args: string[]): Run => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env: { ...process.env, TRUCELINE_PASSPHRASE: PASSPHRASE }, encoding: 'utf8' });
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  const ok = (...args: string[]): string => {
    const r = cli(...args);
    if (r.status !== 0) throw new Error(`truceline ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return r.stdout;
  };
  const json = <T>(...args: string[]): T => JSON.parse(ok(...args, '--json')) as T;
  let incident = '';

  const template = (rule: object) => ({
    commission: 'Scenario Commission',
    expires: '2031-01-01T00:00:00Z',
    updateThreshold: 3,
    rule,
    lineGeometryFile: resolve(__dirname, '../../../resources/basemap/ceasefire_line_illustrative.geojson'),
    members: [
      { id: 'CHAIR', name: 'Chair', role: 'chair', weight: 0 },
      { id: 'MISSION', name: 'Monitoring mission', role: 'producer', weight: 0 },
      ...VOTING.map((id) => ({ id, name: `Delegation ${id}`, role: 'voting', weight: 1 })),
      ...PARTIES.map((id) => ({ id, name: `Party ${id}`, role: 'party', weight: 0 })),
      { id: 'OBS', name: 'Observer', role: 'observer', weight: 0 },
    ],
  });
  const publicKeys = (obsKey: string) => [...VOTING, ...PARTIES, 'CHAIR', 'MISSION'].flatMap((m) => ['--public-key', at(`${m}.key.pub.json`)]).concat(['--public-key', at(`${obsKey}.pub.json`)]);

  beforeAll(() => {
    for (const member of [...VOTING, ...PARTIES, ...OTHERS]) ok('keygen', '--member', member, '--out', at(`${member}.key`), '--kdf', 'interactive');
    ok('keygen', '--member', 'OBS', '--out', at('OBS-new.key'), '--kdf', 'interactive');

    writeFileSync(at('template-v1.json'), JSON.stringify(template({ method: 'unanimity', weighted: false, silenceProcedure: false })));
    ok('roster', 'create', '--template', at('template-v1.json'), ...publicKeys('OBS.key'), '--key', at('CHAIR.key'), '--key', at('FRA.key'), '--key', at('DEU.key'), '--out', at('roster-v1.json'));
    // Version 2 rotates the observer's key and adopts a qualified majority; three v1 members sign, one at a time.
    writeFileSync(
      at('template-v2.json'),
      JSON.stringify(template({ method: 'majority', threshold: { numerator: 2, denominator: 3 }, thresholdComparison: 'at-least', weighted: false, silenceProcedure: false })),
    );
    ok('roster', 'update', '--previous', at('roster-v1.json'), '--template', at('template-v2.json'), ...publicKeys('OBS-new.key'), '--key', at('CHAIR.key'), '--out', at('roster-v2-a.json'));
    ok('roster', 'sign', at('roster-v2-a.json'), '--previous', at('roster-v1.json'), '--key', at('POL.key'), '--out', at('roster-v2-b.json'));
    ok('roster', 'sign', at('roster-v2-b.json'), '--previous', at('roster-v1.json'), '--key', at('CAN.key'), '--out', at('roster-v2.json'));

    writeFileSync(at('detections.arrow'), 'stand-in evidence bytes');
    writeFileSync(
      at('manifest.json'),
      JSON.stringify({
        incident: 'INC-2026-000042',
        window: { start: '2026-11-20T10:00:00Z', end: '2026-11-20T10:30:00Z' },
        location: { lonE6: 37512345, latE6: 48012345, uncertaintyM: 500 },
        chainageM: 412000,
        category: 'artillery-fire',
        summary: 'Artillery fire across the line near km 412',
        observations: [{ modality: 'radar', count: 4, bearingDeg: 120, distanceBand: '5-15km' }],
        evidence: [{ name: 'detections.arrow', role: 'detections', mediaType: 'application/vnd.apache.arrow.file' }],
      }),
    );
    incident = json<{ id: string }>('incident', 'create', '--manifest', at('manifest.json'), '--evidence', at('detections.arrow'), '--key', at('MISSION.key'), '--out', at('incident.pack')).id;

    const views: Record<string, [string, string]> = Object.fromEntries([...VOTING.map((m) => [m, ['violation', 'PTA']]), ['PTA', ['no-violation', 'undetermined']], ['PTB', ['violation', 'PTA']]]);
    views['NOR'] = ['no-violation', 'undetermined'];
    for (const [member, [finding, attribution]] of Object.entries(views)) {
      ok(
        'assess',
        'commit',
        '--roster',
        at('roster-v1.json'),
        '--key',
        at(`${member}.key`),
        '--incident',
        incident,
        '--finding',
        finding,
        '--attribution',
        attribution,
        '--confidence',
        '80',
        '--category',
        'artillery-fire',
        '--rationale',
        `${member}: radar tracks and crater analysis`,
        '--sealed-out',
        at(`${member}.sealed.json`),
        '--out',
        at(`${member}.commit.pack`),
      );
    }
    const commits = Object.keys(views).map((m) => at(`${m}.commit.pack`));
    ok('phase', 'open', ...commits, at('roster-v2.json'), '--roster', at('roster-v1.json'), '--key', at('CHAIR.key'), '--incident', incident, '--out', at('phase.pack'));
    for (const member of Object.keys(views)) ok('assess', 'reveal', '--key', at(`${member}.key`), '--sealed', at(`${member}.sealed.json`), '--out', at(`${member}.reveal.pack`));
  }, 240_000);

  const roundPacks = () =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.pack') && !f.startsWith('cert') && !f.startsWith('closing-pta'))
      .map(at);

  it('follows the roster chain: v2 is approved by three v1 members', () => {
    const chain = json<{ status: string; rosters: { version: number; approvedBy: string[] }[]; issues: unknown[] }>('roster', 'verify', '--trusted', at('roster-v1.json'), at('roster-v2.json'));
    expect(chain.rosters.map((r) => r.version)).toEqual([1, 2]);
    expect(chain.rosters[1]!.approvedBy.sort()).toEqual(['CAN', 'CHAIR', 'POL']);
    expect(chain.issues).toEqual([]);
  });

  it('refuses a roster update below the threshold and a rollback', () => {
    const below = cli('roster', 'verify', '--trusted', at('roster-v1.json'), at('roster-v2-b.json'));
    expect(below.status).toBe(3);
    expect(below.stdout).toMatch(/roster v2 .*needs 3/);
    // Pinned to v2, v1 is its ancestor (named by v2's prev): accepted as such, never as the current roster.
    const ancestor = cli('roster', 'verify', '--trusted', at('roster-v2.json'), at('roster-v1.json'));
    expect(ancestor.status).toBe(0);
    expect(ancestor.stdout).toMatch(/current: roster v2/);
    expect(ancestor.stdout).toMatch(/ok {2}roster v1 \S+ \(an ancestor of the pinned roster/);
    // verify agrees: the same v1 is in the chain verified from v2.
    expect(ok('verify', at('roster-v1.json'), '--roster', at('roster-v2.json'))).toMatch(/ok {3}roster +\S+ +roster v1 is in the verified chain/);
  });

  it('tallies the round under unanimity (roster v1): no consensus, NOR objects, parties recused', () => {
    const packs = roundPacks();
    const result = json<{ outcome: { verdict: { outcome: string }; members: { member: string; standing: string }[] } }>('tally', ...packs, '--roster', at('roster-v1.json'), '--incident', incident);
    expect(result.outcome.verdict.outcome).toBe('no-consensus');
    const standing = Object.fromEntries(result.outcome.members.map((m) => [m.member, m.standing]));
    expect(standing['PTA']).toBe('recused');
    expect(standing['PTB']).toBe('recused');
  });

  it('tallies the same round under the 2/3 majority of roster v2: a violation attributed to PTA', () => {
    const result = json<{ roster: { version: number }; finality: { status: string }; outcome: { verdict: { outcome: string; finding?: string; attribution?: string } } }>(
      'tally',
      ...roundPacks(),
      at('roster-v2.json'),
      '--roster',
      at('roster-v1.json'),
      '--incident',
      incident.slice(0, 16),
    );
    expect(result.roster.version).toBe(2);
    expect(result.finality).toEqual({ status: 'provisional' });
    expect(result.outcome.verdict).toEqual({ outcome: 'decided', finding: 'violation', attribution: 'PTA' });
  });

  it('exports a provisional certificate before the chair closes the round, then a final one the chair closed and delegations countersigned', () => {
    type Verified = { ok: boolean; certificates: { status: string; outcome?: { verdict: unknown }; closing?: { author: string; countersignedBy: string[] } | null }[] };
    const violation = { outcome: 'decided', finding: 'violation', attribution: 'PTA' };
    ok('certificate', ...roundPacks(), at('roster-v2.json'), '--roster', at('roster-v1.json'), '--incident', incident, '--out', at('cert-provisional.pack'));
    const provisional = json<Verified>('verify', at('cert-provisional.pack'), '--roster', at('roster-v1.json'));
    expect(provisional.certificates).toMatchObject([{ status: 'provisional', outcome: { verdict: violation } }]);
    expect(ok('verify', at('cert-provisional.pack'), '--roster', at('roster-v1.json'))).toMatch(/PROVISIONAL verdict .*not final/);

    const closing = json<{ closing: string }>(
      'round',
      'close',
      ...roundPacks(),
      at('roster-v2.json'),
      '--roster',
      at('roster-v1.json'),
      '--key',
      at('CHAIR.key'),
      '--incident',
      incident,
      '--out',
      at('closing.pack'),
    ).closing;
    const again = cli('round', 'close', ...roundPacks(), at('roster-v2.json'), '--roster', at('roster-v1.json'), '--key', at('CHAIR.key'), '--incident', incident, '--out', at('closing-again.pack'));
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/is already closed by/);
    ok('round', 'countersign', ...roundPacks(), at('roster-v2.json'), '--roster', at('roster-v1.json'), '--key', at('FRA.key'), '--closing', closing.slice(0, 12), '--out', at('closing-fra.pack'));
    ok('round', 'countersign', ...roundPacks(), at('roster-v2.json'), '--roster', at('roster-v1.json'), '--key', at('DEU.key'), '--closing', closing, '--out', at('closing-deu.pack'));
    const party = cli('round', 'countersign', ...roundPacks(), at('roster-v2.json'), '--roster', at('roster-v1.json'), '--key', at('PTA.key'), '--closing', closing, '--out', at('closing-pta.pack'));
    expect(party.status).toBe(1);
    expect(party.stderr).toMatch(/only voting members countersign/);

    ok('certificate', ...roundPacks(), at('roster-v2.json'), '--roster', at('roster-v1.json'), '--incident', incident, '--out', at('cert.pack'));
    const verified = json<Verified>('verify', at('cert.pack'), '--roster', at('roster-v1.json'));
    expect(verified.ok).toBe(true);
    expect(verified.certificates).toMatchObject([{ status: 'final', outcome: { verdict: violation }, closing: { author: 'CHAIR', countersignedBy: ['FRA', 'DEU'] } }]);
    expect(ok('verify', at('cert.pack'), '--roster', at('roster-v2.json'))).toMatch(/FINAL verdict .*violation, attribution PTA .*countersigned by 2 of 10 voting members/);
    expect(ok('tally', ...roundPacks(), at('roster-v2.json'), '--roster', at('roster-v1.json'), '--incident', incident)).toMatch(
      /^FINAL: closed by CHAIR at .*, countersigned by 2 of 10 voting members$/m,
    );

    const bytes = readFileSync(at('cert.pack'));
    const positions = [0, 100, 148, 512, 600, 1024 + 7, bytes.length - 1, bytes.length - 600];
    for (let i = 1; i <= 12; i++) positions.push(Math.floor((bytes.length * i) / 13));
    for (const position of positions) {
      const tampered = Buffer.from(bytes);
      tampered[position]! ^= 0x01;
      writeFileSync(at('cert-tampered.pack'), tampered);
      const r = cli('verify', at('cert-tampered.pack'), '--roster', at('roster-v1.json'));
      expect(r.status, `byte ${position} flipped`).not.toBe(0);
      expect((r.stderr + r.stdout).trim().length).toBeGreaterThan(0);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('refuses what a rotated-out key signs after the rotation', () => {
    ok(
      'assess',
      'commit',
      '--roster',
      at('roster-v1.json'),
      '--key',
      at('OBS.key'),
      '--incident',
      incident,
      '--finding',
      'abstain',
      '--attribution',
      'undetermined',
      '--confidence',
      '0',
      '--rationale',
      'old key',
      '--sealed-out',
      at('OBS.sealed.json'),
      '--out',
      at('OBS-old.commit'),
    );
    const r = cli('verify', at('OBS-old.commit'), at('roster-v2.json'), '--roster', at('roster-v1.json'));
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/key-removed|removed/);
  });

  it('answers bad input with one line and the right exit code', () => {
    expect(cli('tally', at('incident.pack'), '--incident', incident).status).toBe(1);
    const missing = cli('verify', at('nope.pack'), '--roster', at('roster-v1.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli('frobnicate').status).toBe(1);
    writeFileSync(at('bad.json'), '{"a":1,"a":2}');
    const dup = spawnSync(process.execPath, [CLI, 'canonicalize'], { input: '{"a":1,"a":2}', encoding: 'utf8' });
    expect(dup.status).toBe(2);
    expect(dup.stderr).toMatch(/duplicate key/);
  });
});
