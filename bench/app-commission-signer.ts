// A signing worker of bench/app-commission.ts: signs, for each delegation it is given, that
// delegation's whole log (a commitment and a reveal per incident, in incident order) and posts it
// back as one buffer with offsets.
import { parentPort, workerData } from 'node:worker_threads';
import { ready } from '../shared/crypto/sodium';
import { signStatement } from '../shared/objects/sign-object';
import type { ObjectId } from '../shared/objects/types';
import { formatTimestamp } from '../shared/objects/timestamp';
import { commitmentDigest } from '../shared/sealing/commitment-digest';
import { nodeSha256 } from '../main/crypto/node-sha256';
import { assessmentBody, benchKey, EQUIVOCATOR, HOUR_MS, incidentCreatedMs, scenarioOf, VOTING } from './app-commission-plan';

export interface SignerInput {
  readonly delegations: readonly number[];
  readonly incidents: readonly ObjectId[];
}

/** One delegation's log: statement k is bytes[offsets[k], offsets[k + 1]), about incident incidentOf[k]. */
export interface SignedLog {
  readonly delegation: number;
  readonly bytes: Uint8Array;
  readonly offsets: Uint32Array;
  readonly incidentOf: Uint32Array;
  /** 0 for a commitment, 1 for a reveal. */
  readonly kinds: Uint8Array;
  /** The commitment's id for each incident. */
  readonly commitments: readonly ObjectId[];
}

export const KIND_COMMITMENT = 0;
export const KIND_ASSESSMENT = 1;

async function signLog(d: number, incidents: readonly ObjectId[]): Promise<SignedLog> {
  const key = await benchKey(VOTING[d]!);
  const author = VOTING[d]!;
  const pieces: Uint8Array[] = [];
  const incidentOf: number[] = [];
  const kinds: number[] = [];
  const commitments: ObjectId[] = [];
  let seq = 0;
  let prev: ObjectId | null = null;
  const sign = async (i: number, kind: number, payload: Parameters<typeof signStatement>[0]) => {
    const signed = await signStatement(payload, key, nodeSha256);
    prev = signed.id;
    pieces.push(signed.bytes);
    incidentOf.push(i);
    kinds.push(kind);
    return signed.id;
  };
  for (const [i, incident] of incidents.entries()) {
    const body = await assessmentBody(incident, i, d);
    const digest = await commitmentDigest(body, nodeSha256);
    const created = incidentCreatedMs(i);
    seq += 1;
    commitments.push(
      await sign(i, KIND_COMMITMENT, { kind: 'commitment', author, seq, prev, created: formatTimestamp(created + 10 * 60_000 + d * 10_000), incident, round: 1, delegation: author, digest }),
    );
    seq += 1;
    await sign(i, KIND_ASSESSMENT, { kind: 'assessment', author, seq, prev, created: formatTimestamp(created + 3 * HOUR_MS + d * 10_000), body });
    if (scenarioOf(i) === 'equivocation' && author === EQUIVOCATOR) {
      // A second, contradicting reveal that does not supersede the first: equivocation.
      seq += 1;
      await sign(i, KIND_ASSESSMENT, { kind: 'assessment', author, seq, prev, created: formatTimestamp(created + 4 * HOUR_MS), body: await assessmentBody(incident, i, d, 1) });
    }
  }
  const offsets = new Uint32Array(pieces.length + 1);
  for (const [k, piece] of pieces.entries()) offsets[k + 1] = offsets[k]! + piece.length;
  const bytes = new Uint8Array(offsets[pieces.length]!);
  for (const [k, piece] of pieces.entries()) bytes.set(piece, offsets[k]!);
  return { delegation: d, bytes, offsets, incidentOf: Uint32Array.from(incidentOf), kinds: Uint8Array.from(kinds), commitments };
}

async function main(input: SignerInput): Promise<void> {
  await ready();
  for (const d of input.delegations) {
    const log = await signLog(d, input.incidents);
    parentPort!.postMessage(log, [log.bytes.buffer as ArrayBuffer, log.offsets.buffer as ArrayBuffer, log.incidentOf.buffer as ArrayBuffer, log.kinds.buffer as ArrayBuffer]);
  }
}

if (parentPort) void main(workerData as SignerInput);
