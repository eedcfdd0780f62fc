import { checkClosing, closingRecords } from '../audit/check-closing';
import { closedVerdict, closesRound, namedObjects } from '../audit/closing-record';
import type { Sha256 } from '../crypto/sha256';
import { ready } from '../crypto/sodium';
import { bytesEqual } from '../encoding/bytes';
import { canonicalize } from '../encoding/canonical-json';
import { shortHex } from '../objects/issues';
import type { SignedObject } from '../objects/signed-object';
import type { ClosedVerdict, ObjectId } from '../objects/types';
import type { RosterChain } from '../roster/verified-roster';
import { checkingSignatures, type AnyVerifiedStatement, type StatementChecker, type VerifiedStatement } from '../roster/verify-statement';
import type { TallyOutcome } from '../tally/outcome';
import type { RoundFinality } from './views';

// What the workstation may call final: a round with exactly one closing record (copies of one
// payload are one record) that verifies, whose named objects are all stored and recompute, as of
// its `created` under the roster it names, to what it states, and whose verdict is the one the
// stored objects give now. Anything else is never shown as final: no record is provisional, a
// record that does not hold is refused with the reason.

export interface RoundFinalityInput {
  readonly chain: RosterChain;
  readonly incident: VerifiedStatement<'incident'>;
  readonly round: number;
  /** The round's stored objects and their authors' neighbouring statements, exact bytes. */
  readonly objects: readonly Uint8Array[];
  /** The round as tallied now over every stored object: a closing record must agree with it. */
  readonly tally: TallyOutcome;
  /** The stored bytes of the signed objects among `ids` (named objects kept with other rounds). */
  readonly stored: (ids: readonly ObjectId[]) => readonly Uint8Array[];
  readonly sha256: Sha256;
  /** How each object's bytes are checked (default: every signature verified). */
  readonly check?: StatementChecker;
  /** Where the objects come from, as messages name it (default: the store). */
  readonly holder?: 'store' | 'packs';
}

const PROVISIONAL: RoundFinality = { status: 'provisional' };

function refused(reason: string): RoundFinality {
  return { status: 'closing-refused', reason };
}

/** "decided — violation, attributed to RUS", as a reason names a verdict. */
export function closedVerdictText(verdict: ClosedVerdict | undefined): string {
  if (verdict === undefined) return 'pending';
  switch (verdict.outcome) {
    case 'decided':
      return verdict.finding === 'violation'
        ? `decided — violation, ${verdict.attribution === 'undetermined' ? 'attribution undetermined' : `attributed to ${verdict.attribution}`}`
        : `decided — ${verdict.finding}`;
    case 'no-consensus':
      return 'no consensus';
    case 'disputed':
      return `disputed (${verdict.disputedBy.join(', ')})`;
    default: {
      const unreachable: never = verdict;
      return unreachable;
    }
  }
}

interface Checked {
  readonly statements: AnyVerifiedStatement[];
  /** Why objects that decode as closing records failed verification. */
  readonly refusedClosings: { readonly object: SignedObject<'closing'>; readonly reason: string }[];
}

async function verifiedStatements(objects: readonly Uint8Array[], chain: RosterChain, check: StatementChecker): Promise<Checked> {
  const checked: Checked = { statements: [], refusedClosings: [] };
  for (const bytes of objects) {
    const result = await check(bytes, chain);
    if (result.ok) checked.statements.push(result.statement);
    else if (result.object?.kind === 'closing') checked.refusedClosings.push({ object: result.object, reason: result.issue.message });
  }
  return checked;
}

export async function roundFinality(input: RoundFinalityInput): Promise<RoundFinality> {
  await ready();
  const incident = input.incident.object.id;
  const checker = input.check ?? checkingSignatures(input.sha256);
  const { statements, refusedClosings } = await verifiedStatements(input.objects, input.chain, checker);
  const closings = statements.filter((statement): statement is VerifiedStatement<'closing'> => closesRound(statement.object, incident, input.round));
  if (closings.length === 0) {
    const refusal = refusedClosings.find(({ object }) => closesRound(object, incident, input.round));
    return refusal === undefined ? PROVISIONAL : refused(`the round's closing record does not verify: ${refusal.reason}`);
  }
  const records = closingRecords(closings);
  if (records.length > 1) {
    const list = records.map((copies) => `${shortHex(copies[0]!.object.id)} (${closedVerdictText(copies[0]!.object.payload.verdict)})`).join(', ');
    return refused(`${records.length} different closing records close this round: ${list}; none is final`);
  }
  const copies = records[0]!;
  const record = copies[0]!.object.payload;
  const held = new Map<ObjectId, AnyVerifiedStatement>([[incident, input.incident], ...statements.map((statement) => [statement.object.id, statement] as const)]);
  const elsewhere = namedObjects(record)
    .filter(({ id }) => !held.has(id))
    .map(({ id }) => id);
  if (elsewhere.length > 0) for (const statement of (await verifiedStatements(input.stored(elsewhere), input.chain, checker)).statements) held.set(statement.object.id, statement);

  const check = await checkClosing({ chain: input.chain, copies, held, holder: input.holder ?? 'store', sha256: input.sha256, check: checker });
  if (!check.ok) return refused(check.issue.message);
  const now = closedVerdict(input.tally.verdict);
  if (now === undefined || !bytesEqual(canonicalize(now), canonicalize(record.verdict))) {
    return refused(`closing ${shortHex(copies[0]!.object.id)} states ${closedVerdictText(record.verdict)}, but the stored objects now give ${closedVerdictText(now)}`);
  }
  return { status: 'final', closedBy: record.author, closedAt: record.created, countersignedBy: check.closing.countersignedBy, votingMembers: check.closing.votingMembers };
}
