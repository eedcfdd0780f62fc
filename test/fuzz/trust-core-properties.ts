import type { PropertyRun } from './property-run';
// Property-based fuzzing of the trust core: parsing and verification never throw, never hang (each
// run has a time limit) and never accept a forgery; round resolution ignores input order. The unit
// tests run these seeded at a few hundred cases; the benchmark runs them at 10,000+.
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { bytesEqual } from '../../shared/encoding/bytes';
import { canonicalize } from '../../shared/encoding/canonical-json';
import { parseStrictJson } from '../../shared/encoding/strict-json';
import { findEquivocations } from '../../shared/log/equivocation';
import { exportEquivocationProof, verifyEquivocationProof } from '../../shared/log/equivocation-proof';
import { signRoster } from '../../shared/objects/sign-object';
import type { SignedObject } from '../../shared/objects/signed-object';
import type { RosterChain } from '../../shared/roster/verified-roster';
import { verifyRosterChain } from '../../shared/roster/verify-roster-chain';
import { checkStatementBytes, verifyStatement, type AnyVerifiedStatement } from '../../shared/roster/verify-statement';
import { resolveRound } from '../../shared/sealing/resolve-round';
import { LogWriter, NOW, assessmentBody, assessmentPayload, commitmentPayload, incidentPayload, phasePayload, rosterFixture, sha256, ts } from '../vectors/commission';

/** Longest a single generated case may take before it counts as a hang. */
export const CASE_TIME_LIMIT_MS = 5_000;

type Edit =
  | { readonly kind: 'flip'; readonly at: number; readonly delta: number }
  | { readonly kind: 'insert'; readonly at: number; readonly value: number }
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'truncate'; readonly at: number };

const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), delta: fc.integer({ min: 1, max: 255 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
);

/** Applies edits; every edit changes the bytes (a flip xors a non-zero delta). */
function applyEdits(original: Uint8Array, edits: readonly Edit[]): Uint8Array {
  let bytes = Uint8Array.from(original);
  for (const edit of edits) {
    if (bytes.length === 0) break;
    const at = edit.at % bytes.length;
    switch (edit.kind) {
      case 'flip':
        bytes[at] = bytes[at]! ^ edit.delta;
        break;
      case 'insert':
        bytes = Uint8Array.from([...bytes.subarray(0, at), edit.value, ...bytes.subarray(at)]);
        break;
      case 'delete':
        bytes = Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + 1)]);
        break;
      case 'truncate':
        bytes = bytes.slice(0, at);
        break;
      default: {
        const unreachable: never = edit;
        return unreachable;
      }
    }
  }
  return bytes;
}

interface Fixture {
  readonly chain: RosterChain;
  readonly genesis: SignedObject<'roster'>;
  readonly v2: SignedObject<'roster'>;
  readonly v3: SignedObject<'roster'>;
  readonly incident: SignedObject<'incident'>;
  readonly statements: readonly SignedObject[];
  readonly proof: Uint8Array;
}

async function buildFixture(): Promise<Fixture> {
  const { keys, genesis, v2 } = await rosterFixture();
  const v3 = await signRoster({ ...v2.payload, version: 3, prev: v2.id, issued: ts('2026-11-20T00:00:00Z') }, [keys.CHAIR, keys['FRA-3'], keys.DEU], sha256);
  const chainResult = await verifyRosterChain({ trusted: genesis.bytes, candidates: [v2.bytes], now: NOW, sha256 });
  if (!chainResult.ok) throw new Error(chainResult.error.message);
  const chain = chainResult.value;
  const log = new LogWriter(keys);
  const incident = await log.sign('MISSION', incidentPayload(log));
  const statements: SignedObject[] = [incident];
  const commitments = [];
  for (const [key, delegation] of [
    ['FRA-2', 'FRA'],
    ['DEU', 'DEU'],
    ['POL', 'POL'],
    ['EAST', 'EAST'],
  ] as const) {
    const body = await assessmentBody(incident.id, delegation, delegation === 'EAST' ? { finding: 'no-violation', attribution: 'undetermined' } : {});
    const commitment = await log.sign(key, await commitmentPayload(log, key, delegation, body));
    commitments.push({ key, body, commitment });
    statements.push(commitment);
  }
  statements.push(
    await log.sign(
      'CHAIR',
      phasePayload(
        log,
        incident.id,
        commitments.slice(0, 3).map((entry) => entry.commitment.id),
      ),
    ),
  );
  for (const { key, body } of commitments) statements.push(await log.sign(key, assessmentPayload(log, key, body)));
  const position = log.position('OBS');
  const obsBody = await assessmentBody(incident.id, 'OBS');
  const twins = [await log.sign('OBS', assessmentPayload(log, 'OBS', obsBody)), await log.sign('OBS', { ...assessmentPayload(log, 'OBS', { ...obsBody, confidence: 1 }), ...position })];
  statements.push(...twins);
  const verifiedTwins = twins.map((twin) => verifyStatement(twin, chain)).flatMap((result) => (result.ok ? [result.value] : [])) as AnyVerifiedStatement[];
  const [equivocation] = findEquivocations(verifiedTwins);
  if (equivocation === undefined) throw new Error('fixture: no equivocation');
  return { chain, genesis, v2, v3, incident, statements, proof: exportEquivocationProof(equivocation) };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return bytesEqual(a, b);
}

/** The properties, over a fixture built once (keys, rosters, a round's objects, an equivocation proof). */
export async function buildTrustCoreProperties(): Promise<Record<string, fc.IRawProperty<never, boolean>>> {
  const fixture = await buildFixture();
  const genuineRosterPayloads = new Set([fixture.genesis, fixture.v2, fixture.v3].map((roster) => roster.envelope.payload));
  const statementArbitrary = fc.constantFrom(...fixture.statements);

  const properties = {
    /** Any bytes: the strict parser returns a result, and whatever it accepts canonicalizes to a fixed point. */
    parserTotalOnBytes: fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
      const result = parseStrictJson(bytes);
      if (!result.ok) return typeof result.error.message === 'string';
      const canonical = canonicalize(result.value);
      const again = parseStrictJson(canonical);
      return again.ok && sameBytes(canonicalize(again.value), canonical);
    }),

    /** JSON text that JSON.parse reads (no duplicate keys, shallow): the strict parser reads the same value. */
    parserAgreesWithJsonParse: fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
      const text = JSON.stringify(value);
      const result = parseStrictJson(new TextEncoder().encode(text));
      return result.ok && isDeepStrictEqual(result.value, JSON.parse(text)) && sameBytes(canonicalize(result.value), canonicalize(JSON.parse(text)));
    }),

    /** Edited JSON text (e.g. a duplicated key, broken escapes): never an exception. */
    parserTotalOnEditedJson: fc.property(fc.jsonValue({ maxDepth: 6 }), fc.array(editArbitrary, { minLength: 1, maxLength: 4 }), (value, edits) => {
      const result = parseStrictJson(applyEdits(new TextEncoder().encode(JSON.stringify(value)), edits));
      return result.ok || result.error.message.length > 0;
    }),

    /** Any edit of a signed statement's bytes is refused, with a reason, never an exception. */
    noForgedStatement: fc.asyncProperty(statementArbitrary, fc.array(editArbitrary, { minLength: 1, maxLength: 3 }), async (object, edits) => {
      const edited = applyEdits(object.bytes, edits);
      const result = await checkStatementBytes(edited, fixture.chain, sha256);
      return sameBytes(edited, object.bytes) ? result.ok : !result.ok && result.issue.message.length > 0;
    }),

    /** Arbitrary bytes as a statement: a refusal, never an exception. */
    statementTotalOnBytes: fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (bytes) => {
      const result = await checkStatementBytes(bytes, fixture.chain, sha256);
      return !result.ok;
    }),

    /**
     * Edited rosters among the candidates: every accepted roster has a genuine roster's payload (an
     * edit of the signature list alone may yield an accepted copy), and a forgery next to the
     * genuine rosters cannot stop the chain (no fork or gap out of thin air).
     */
    noForgedRoster: fc.asyncProperty(fc.constantFrom(fixture.v2, fixture.v3), fc.array(editArbitrary, { minLength: 1, maxLength: 3 }), fc.boolean(), async (roster, edits, withGenuine) => {
      const forged = applyEdits(roster.bytes, edits);
      const candidates = withGenuine ? [forged, fixture.v2.bytes, fixture.v3.bytes] : [forged];
      const result = await verifyRosterChain({ trusted: fixture.genesis.bytes, candidates, now: NOW, sha256 });
      if (!result.ok) return false;
      const genuinePayloads = result.value.rosters.every((accepted) => genuineRosterPayloads.has(accepted.object.envelope.payload));
      return genuinePayloads && (!withGenuine || result.value.current.version === 3);
    }),

    /** An edited equivocation proof never verifies (unless the edit restored the original bytes). */
    noForgedEquivocationProof: fc.asyncProperty(fc.array(editArbitrary, { minLength: 1, maxLength: 3 }), async (edits) => {
      const edited = applyEdits(fixture.proof, edits);
      const result = await verifyEquivocationProof(edited, { sha256, chain: fixture.chain });
      return result.ok === sameBytes(edited, fixture.proof);
    }),

    /** Round resolution depends on the set of objects only: any order, repetition or subset order gives the same result as sorted input. */
    resolveRoundOrderIndependent: fc.asyncProperty(fc.shuffledSubarray([...fixture.statements]), fc.array(fc.nat(), { maxLength: 4 }), async (subset, repeats) => {
      const repeated = [...subset, ...repeats.flatMap((index) => (subset.length === 0 ? [] : [subset[index % subset.length]!]))];
      const sorted = [...subset].sort((a, b) => (a.id < b.id ? -1 : 1));
      const input = { chain: fixture.chain, incident: fixture.incident.id, round: 1, sha256 };
      const [shuffledResult, sortedResult] = await Promise.all([
        resolveRound({ ...input, objects: repeated.map((object) => object.bytes) }),
        resolveRound({ ...input, objects: sorted.map((object) => object.bytes) }),
      ]);
      return isDeepStrictEqual(shuffledResult, sortedResult);
    }),
  };
  return properties as unknown as Record<string, fc.IRawProperty<never, boolean>>;
}

export type { PropertyRun };

/** Runs every trust-core property (the benchmark passes numRuns ≥ 10,000); throws fast-check's report on the first counterexample or hang. */
export async function runTrustCoreProperties(numRuns: number, seed?: number): Promise<readonly PropertyRun[]> {
  const properties = await buildTrustCoreProperties();
  const runs: PropertyRun[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const start = performance.now();
    await fc.assert(property, { numRuns, timeout: CASE_TIME_LIMIT_MS, ...(seed === undefined ? {} : { seed }) });
    runs.push({ name, numRuns, ms: performance.now() - start });
  }
  return runs;
}
