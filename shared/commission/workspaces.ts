import type { KeyId, MemberId, ObjectId, Role, Timestamp } from '../objects/types';
import type { RosterFingerprint } from '../roster/roster-fingerprint';

/** Each commission this workstation joined lives apart, in its own store: the demo, or a commission known by the id of the roster it trusts. */
export type WorkspaceId = 'demo' | ObjectId;

export const DEMO_WORKSPACE = 'demo';

/** Files a user hands the workstation are bounded before they are read. */
export const MAX_ROSTER_PACK_BYTES = 8 * 1024 * 1024;
export const MAX_KEY_FILE_BYTES = 16 * 1024;
export const MIN_NEW_PASSPHRASE_LENGTH = 8;

/** A commission this workstation holds, as the commission switcher lists it. */
export interface WorkspaceView {
  readonly id: WorkspaceId;
  readonly commission: string;
  /** The demo commission: its keys are public by construction; never for real assessments. */
  readonly demo: boolean;
  readonly current: boolean;
  readonly actingAs: MemberId | null;
  readonly hasKey: boolean;
  /** The trusted roster's fingerprint; null for the demo. */
  readonly fingerprint: RosterFingerprint | null;
}

export interface RosterMemberView {
  readonly id: MemberId;
  readonly name: string;
  readonly role: Role;
  readonly keyids: readonly KeyId[];
}

/** What a roster file or pack holds, verified, before the user trusts it. */
export interface RosterPackSummary {
  /** The roster the workstation would pin (the commission's genesis roster when the file holds it). */
  readonly rosterId: ObjectId;
  readonly fingerprint: RosterFingerprint;
  readonly commission: string;
  /** The newest roster of the verified chain from the pinned one: its version, expiry and members. */
  readonly version: number;
  readonly expires: Timestamp;
  readonly expired: boolean;
  readonly members: readonly RosterMemberView[];
  /** Objects the file holds besides its rosters (incidents, statements, evidence): imported when joining. */
  readonly otherObjects: number;
  /** This workstation already holds this commission. */
  readonly joined: boolean;
}

/** A device key installed for the acting delegation. */
export interface KeySetupView {
  readonly member: MemberId;
  readonly keyid: KeyId;
  /** Base64 of the raw Ed25519 public key. */
  readonly publicKey: string;
  /** Where the public key file lies, to send to the secretariat for the next roster. */
  readonly publicKeyFile: string;
  /** The commission's current roster lists this key for the member: it can sign now. */
  readonly inRoster: boolean;
}
