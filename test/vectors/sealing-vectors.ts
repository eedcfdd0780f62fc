// Round-resolution vectors (test/vectors/sealing): times compared as instants, dangling and foreign
// `supersedes`, and copies of one reveal. vector-builder.ts writes them with the other generated
// vectors; test/shared/sealing/sealing-vectors.test.ts runs them.
import { utf8Encode } from '../../shared/encoding/bytes';
import { signStatement } from '../../shared/objects/sign-object';
import type { ObjectId, Timestamp } from '../../shared/objects/types';
import { LogWriter, NOW, assessmentBody, assessmentPayload, commitmentPayload, incidentPayload, phasePayload, rosterFixture, sha256, ts } from './commission';

type VectorFiles = Map<string, Uint8Array>;

interface SealingCase {
  readonly name: string;
  readonly description: string;
  readonly objects: readonly string[];
  readonly expect: { readonly ballots: Readonly<Record<string, string>>; readonly issues: readonly string[] };
}

const DANGLING = '00'.repeat(32) as ObjectId;

export async function sealingVectors(files: VectorFiles): Promise<void> {
  const { keys } = await rosterFixture();
  const log = new LogWriter(keys);
  const incident = await log.sign('MISSION', incidentPayload(log));
  const fraBody = await assessmentBody(incident.id, 'FRA');
  const deuBody = await assessmentBody(incident.id, 'DEU', { finding: 'violation', confidence: 70 });
  const fraCommitment = await log.sign('FRA-2', await commitmentPayload(log, 'FRA-2', 'FRA', fraBody));
  const deuCommitment = await log.sign('DEU', await commitmentPayload(log, 'DEU', 'DEU', deuBody));
  const phase = await log.sign('CHAIR', phasePayload(log, incident.id, [fraCommitment.id, deuCommitment.id], { revealDeadline: ts('2026-11-23T12:00:00Z') }));
  const deuReveal = await log.sign('DEU', assessmentPayload(log, 'DEU', deuBody));

  // Every FRA reveal below is seq 2 after its commitment unless stated: each case holds one of them.
  const fraPosition = log.position('FRA-2');
  const fraReveal = (created: Timestamp, extra: { supersedes?: ObjectId } = {}, body = fraBody) =>
    signStatement({ ...assessmentPayload(log, 'FRA-2', body, { created, ...extra }), ...fraPosition }, keys['FRA-2'], sha256);
  const onTime = ts('2026-11-22T15:00:00Z');
  const late = await fraReveal(ts('2026-11-23T12:00:00.500Z'));
  const atDeadline = await fraReveal(ts('2026-11-23T12:00:00.000Z'));
  const atPhase = await fraReveal(ts('2026-11-22T12:00:00.000Z'));
  const dangling = await fraReveal(onTime, { supersedes: DANGLING });
  const danglingAgain = await signStatement(
    { ...assessmentPayload(log, 'FRA-2', { ...fraBody, confidence: 60 }, { created: onTime, supersedes: DANGLING }), seq: fraPosition.seq + 1, prev: dangling.id },
    keys['FRA-2'],
    sha256,
  );
  const supersedesDeu = await fraReveal(onTime, { supersedes: deuReveal.id });
  const copyA = await fraReveal(onTime);
  const copyB = await signStatement(copyA.payload, keys['FRA-3'], sha256);

  const objects: Record<string, Uint8Array> = {
    incident: incident.bytes,
    'commitment-FRA': fraCommitment.bytes,
    'commitment-DEU': deuCommitment.bytes,
    phase: phase.bytes,
    'reveal-DEU': deuReveal.bytes,
    'reveal-FRA-500ms-after-deadline': late.bytes,
    'reveal-FRA-at-deadline': atDeadline.bytes,
    'reveal-FRA-at-phase': atPhase.bytes,
    'reveal-FRA-supersedes-dangling': dangling.bytes,
    'reveal-FRA-supersedes-dangling-again': danglingAgain.bytes,
    'reveal-FRA-supersedes-DEU': supersedesDeu.bytes,
    'reveal-FRA-by-FRA-2': copyA.bytes,
    'reveal-FRA-by-FRA-3': copyB.bytes,
  };
  for (const [name, bytes] of Object.entries(objects)) files.set(`sealing/objects/${name}.json`, bytes);

  const round = ['incident', 'commitment-FRA', 'commitment-DEU', 'phase', 'reveal-DEU'];
  const counted = { FRA: 'counted', DEU: 'counted' };
  const cases: SealingCase[] = [
    {
      name: 'late-by-milliseconds',
      description: 'FRA reveals at 12:00:00.500Z, the deadline is 12:00:00Z: later as instants (though earlier as text), so reported late-reveal; it still counts',
      objects: [...round, 'reveal-FRA-500ms-after-deadline'],
      expect: { ballots: counted, issues: ['late-reveal'] },
    },
    {
      name: 'at-deadline-spelled-otherwise',
      description: 'FRA reveals at 12:00:00.000Z, the deadline is 12:00:00Z: the same instant, not after it, so not late',
      objects: [...round, 'reveal-FRA-at-deadline'],
      expect: { ballots: counted, issues: [] },
    },
    {
      name: 'at-phase-spelled-otherwise',
      description: 'FRA reveals at 12:00:00.000Z, the phase opened at 12:00:00Z: the same instant, not before it, so not early',
      objects: [...round, 'reveal-FRA-at-phase'],
      expect: { ballots: counted, issues: [] },
    },
    {
      name: 'supersedes-dangling',
      description: "FRA's reveal supersedes an object nobody holds: it supersedes nothing and counts",
      objects: [...round, 'reveal-FRA-supersedes-dangling'],
      expect: { ballots: counted, issues: [] },
    },
    {
      name: 'supersedes-dangling-twice',
      description: 'two FRA reveals supersede the same object nobody holds: neither replaces the other, a double-assessment',
      objects: [...round, 'reveal-FRA-supersedes-dangling', 'reveal-FRA-supersedes-dangling-again'],
      expect: { ballots: { FRA: 'equivocated', DEU: 'counted' }, issues: ['equivocation'] },
    },
    {
      name: 'supersedes-another-delegation',
      description: "FRA's reveal names DEU's reveal as superseded: not an assessment of the same delegation, so it supersedes nothing and DEU's reveal still counts",
      objects: [...round, 'reveal-FRA-supersedes-DEU'],
      expect: { ballots: counted, issues: [] },
    },
    {
      name: 'copies-of-one-reveal',
      description: "FRA's reveal signed once with FRA-2 and once with FRA-3: two envelopes, one payload, so one statement and no equivocation",
      objects: [...round, 'reveal-FRA-by-FRA-2', 'reveal-FRA-by-FRA-3'],
      expect: { ballots: counted, issues: [] },
    },
  ];
  const manifest = {
    trusted: '../dsse/rosters/genesis.json',
    rosters: ['../dsse/rosters/v2.json'],
    now: new Date(NOW).toISOString().replace('.000Z', 'Z'),
    incident: incident.id,
    round: 1,
    cases: cases.map((entry) => ({ ...entry, objects: entry.objects.map((name) => `objects/${name}.json`) })),
  };
  files.set('sealing/manifest.json', utf8Encode(`${JSON.stringify(manifest, null, 2)}\n`));
}
