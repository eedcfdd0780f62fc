import type { Basemap } from '../basemap/types';
import type { IncidentPage, IncidentQuery } from '../commission/incident-list';
import type { CommissionView, ImportStatus, IncidentDetail, StoreAuditStatus } from '../commission/views';
import type { MemberId, ObjectId, Timestamp } from '../objects/types';
import type { AssessmentDraft, DraftProblem, SavedDraft } from '../assessment/draft';
import type { KeyStatusView, WorkstationPreferences } from '../commission/participation';
import type { HubConnectRequest, HubStatus } from '../sync/hub';
import type { SyncOverview, SyncTargetStatus } from '../sync/sync-status';
import type { OpenFolderResult, PeerExportReceipt, PeerExportScope, PeerPacksView, QuarantinePage, WorkspaceFolder } from '../sync/peer-packs';
import type { PlaybackMirror, SessionScreenMode, SessionView } from '../session/session-view';
import { MAX_ROSTER_PACK_BYTES, type KeySetupView, type RosterPackSummary, type WorkspaceId, type WorkspaceView } from '../commission/workspaces';
import {
  base64Length,
  expectDeadlines,
  expectDraft,
  expectJoinCommission,
  expectKeyFileImport,
  expectRosterPackFile,
  expectWorkspaceId,
  expectIncidentQuery,
  expectIncidentRound,
  expectMemberId,
  expectNoArguments,
  expectObjectId,
  expectPassphrase,
  expectPreferences,
  expectHubConnect,
  expectFolderPathOrNull,
  expectPeerExport,
  expectPeerOrNull,
  expectQuarantinePage,
  expectWorkspaceFolder,
  expectAgenda,
  expectAgendaIndex,
  expectSessionScreen,
  expectPlaybackMirror,
} from './validate';

import type { ApiReply } from './errors';

export { ApiError, RefusedError, BusyError, InvalidArgumentsError, NotFoundError, UnavailableError, errorReply, unwrapReply, type ApiErrorCode, type ApiReply } from './errors';

export type HostKind = 'electron' | 'chromium';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly host: HostKind;
  /** True only when the app was started for end-to-end tests; enables the test event hook. */
  readonly testMode: boolean;
}

/**
 * The one map of operations the renderer may ask of the main process. The main-side handlers,
 * the preload bridge and the loopback client are all typed from it, so a renamed or missing
 * operation fails to compile everywhere.
 */
export interface ApiOperations {
  getAppInfo: { args: readonly []; result: AppInfo };
  getBasemap: { args: readonly []; result: Basemap };
  getCommission: { args: readonly []; result: CommissionView };
  /** One page of the queue with its total and counts per filter value. */
  listIncidents: { args: readonly [query: IncidentQuery]; result: IncidentPage };
  getIncident: { args: readonly [id: ObjectId]; result: IncidentDetail };
  /** Starts importing every pack waiting in the inbox folder (the renderer never names a path). */
  importInbox: { args: readonly []; result: ImportStatus };
  getImportStatus: { args: readonly []; result: ImportStatus };
  /** Starts re-verifying every stored byte in the background ("Audit this store"). */
  auditStore: { args: readonly []; result: StoreAuditStatus };
  getStoreAudit: { args: readonly []; result: StoreAuditStatus };

  // The delegation's signing key: held and used in main only; the renderer sees its status.
  getKeyStatus: { args: readonly []; result: KeyStatusView };
  /** The passphrase crosses once, to main; a wrong one is refused with one line. */
  unlockKey: { args: readonly [passphrase: string]; result: KeyStatusView };
  lockKey: { args: readonly []; result: KeyStatusView };
  getPreferences: { args: readonly []; result: WorkstationPreferences };
  setPreferences: { args: readonly [preferences: WorkstationPreferences]; result: WorkstationPreferences };
  /** The demo only (its keys are public by construction): act as another delegation of the demo commission. */
  switchDelegation: { args: readonly [member: MemberId]; result: CommissionView };

  // Assessing: drafts stay on this workstation; sealing, revealing, opening and closing sign in main.
  getDraft: { args: readonly [incident: ObjectId, round: number]; result: SavedDraft | null };
  /** Saves the draft and says what would keep it from being sealed (nothing signable can fail later). */
  saveDraft: { args: readonly [draft: AssessmentDraft]; result: { readonly draft: SavedDraft; readonly problems: readonly DraftProblem[] } };
  discardDraft: { args: readonly [incident: ObjectId, round: number]; result: null };
  /** Seals the round's draft: signs a commitment to its digest, stores it, keeps the body here until the reveal. */
  commitAssessment: { args: readonly [incident: ObjectId, round: number]; result: SignedReceipt };
  /** Signs the reveal of the sealed assessment the chair's phase lists. */
  revealAssessment: { args: readonly [incident: ObjectId, round: number]; result: SignedReceipt };
  /** Records that this delegation chose to see others' revealed findings before committing. */
  showOthersFindings: { args: readonly [incident: ObjectId, round: number]; result: null };
  /** The chair opens the reveal, listing each delegation's latest commitment. */
  openReveal: { args: readonly [incident: ObjectId, round: number, deadlines: RevealDeadlines]; result: SignedReceipt };
  /** The chair closes the round with a closing record naming every object the verdict rests on. */
  closeRound: { args: readonly [incident: ObjectId, round: number]; result: SignedReceipt };
  /** Writes the round's verdict certificate pack to the outbox folder. */
  exportCertificate: { args: readonly [incident: ObjectId, round: number]; result: CertificateReceipt };

  // Sync: every target's state (each transport adds its own operations below).
  getSyncStatus: { args: readonly []; result: SyncOverview };
  /** Saves the hub settings (credentials stay in main, in the workspace's 0600 file) and connects; answers the hub's status: its address, never a credential. */
  connectHub: { args: readonly [settings: HubConnectRequest]; result: HubStatus };
  /** Disconnects from the hub and forgets its settings and credentials. */
  disconnectHub: { args: readonly []; result: null };
  /** Peers this workstation exchanged packs with, and what waits to go out to each. */
  listPeers: { args: readonly []; result: PeerPacksView };
  /** Writes a sync pack for a peer to the outbox (and, on Electron, where the user chose in the save dialog); null when the user cancelled the dialog. */
  exportForPeer: { args: readonly [peer: string, scope: PeerExportScope]; result: PeerExportReceipt | null };
  /** Imports packs from a peer (named, or null): the files chosen in a native dialog on Electron, the inbox's on the Chromium host. */
  importPacks: { args: readonly [peer: string | null]; result: ImportStatus };
  /** Opens the open commission's inbox or outbox in the desktop's file manager, or says why not. */
  openFolder: { args: readonly [folder: WorkspaceFolder]; result: OpenFolderResult };
  /** A page of the objects imports refused, ordered by code. */
  listQuarantine: { args: readonly [offset: number, limit: number]; result: QuarantinePage };
  clearQuarantine: { args: readonly []; result: { readonly cleared: number } };
  /**
   * Attaches a folder that Syncthing, rsync or a network share replicates (docs/SYNC.md) and syncs with it in the background: the full path the user
   * typed (the Chromium host), or null for a native folder dialog (Electron). Null when the user cancelled the dialog.
   */
  attachSharedFolder: { args: readonly [path: string | null]; result: SyncTargetStatus | null };
  /** Stops syncing with the shared folder and forgets it; nothing in the folder is touched. */
  detachSharedFolder: { args: readonly []; result: null };

  // Commissions: the demo, and real commissions joined from their roster file or pack, each in a store of its own.
  listWorkspaces: { args: readonly []; result: readonly WorkspaceView[] };
  /** Verifies a roster file or pack (its bytes as base64; the page never names a path) and shows the fingerprint to compare out of band; installs nothing. */
  inspectRosterPack: { args: readonly [fileBase64: string]; result: RosterPackSummary };
  /** Joins the commission whose roster fingerprint the user compared, acting for `member`, and switches to it. */
  joinCommission: { args: readonly [fileBase64: string, rosterId: ObjectId, member: MemberId]; result: WorkspaceView };
  /** Switches to the demo or to a commission joined before; the page reloads everything on `workstationChanged`. */
  useWorkspace: { args: readonly [id: WorkspaceId]; result: WorkspaceView };
  /** A new device key for the acting delegation, sealed with the passphrase (sent once, never echoed). */
  generateKey: { args: readonly [passphrase: string]; result: KeySetupView };
  /** Installs the delegation's sealed key file (its bytes as base64) after checking it opens with the passphrase. */
  importKeyFile: { args: readonly [fileBase64: string, passphrase: string]; result: KeySetupView };

  // The session screen for a room: public state only (shared/session/session-view.ts); the desk drives it.
  /** The only operation the session window calls. */
  getSessionView: { args: readonly []; result: SessionView };
  /** The chair's agenda for the session: incidents in order; the first goes on screen. */
  setAgenda: { args: readonly [items: readonly ObjectId[]]; result: SessionView };
  /** Puts the agenda's item at `index` (from 0) on the room screen. */
  stepAgenda: { args: readonly [index: number]; result: SessionView };
  /** Live, blank (black with the commission's name) or freeze (the room keeps its picture). */
  setSessionScreen: { args: readonly [mode: SessionScreenMode]; result: SessionView };
  /** The desk's playback, mirrored on the room screen. */
  mirrorPlayback: { args: readonly [playback: PlaybackMirror]; result: SessionView };
}

/** A statement this workstation signed and stored (queued for sync with everything else the store holds). */
export interface SignedReceipt {
  readonly kind: 'commitment' | 'assessment' | 'phase' | 'closing';
  readonly id: ObjectId;
  readonly seq: number;
}

export interface RevealDeadlines {
  readonly revealDeadline: Timestamp | null;
  readonly silenceDeadline: Timestamp | null;
}

export interface CertificateReceipt {
  /** The pack's file name in the outbox folder. */
  readonly file: string;
  readonly outbox: string;
  /** The certificate carries the round's closing record: final for anyone who verifies it. */
  readonly closed: boolean;
  readonly objects: number;
}

export type OperationName = keyof ApiOperations;
export type OperationArgs<K extends OperationName> = ApiOperations[K]['args'];
export type OperationResult<K extends OperationName> = ApiOperations[K]['result'];

export type TrucelineApi = {
  readonly [K in OperationName]: (...args: OperationArgs<K>) => Promise<OperationResult<K>>;
};

/**
 * What the Electron preload and the loopback client hand the renderer: the reply itself, which the
 * renderer unwraps (an Error thrown across Electron's context bridge would lose its code).
 */
export type TrucelineTransport = {
  readonly [K in OperationName]: (...args: OperationArgs<K>) => Promise<ApiReply<OperationResult<K>>>;
};

/** Run-time validation of the arguments the untrusted renderer sends, one validator per operation. */
export const ARGUMENT_VALIDATORS: { readonly [K in OperationName]: (raw: readonly unknown[]) => OperationArgs<K> } = {
  getAppInfo: expectNoArguments,
  getBasemap: expectNoArguments,
  getCommission: expectNoArguments,
  listIncidents: (raw) => [expectIncidentQuery(raw)],
  getIncident: (raw) => [expectObjectId(raw, 'incident id')],
  importInbox: expectNoArguments,
  getImportStatus: expectNoArguments,
  auditStore: expectNoArguments,
  getStoreAudit: expectNoArguments,
  getKeyStatus: expectNoArguments,
  unlockKey: (raw) => [expectPassphrase(raw)],
  lockKey: expectNoArguments,
  getPreferences: expectNoArguments,
  setPreferences: (raw) => [expectPreferences(raw)],
  switchDelegation: (raw) => [expectMemberId(raw)],
  getDraft: expectIncidentRound,
  saveDraft: (raw) => [expectDraft(raw)],
  discardDraft: expectIncidentRound,
  commitAssessment: expectIncidentRound,
  revealAssessment: expectIncidentRound,
  showOthersFindings: expectIncidentRound,
  openReveal: expectDeadlines,
  closeRound: expectIncidentRound,
  exportCertificate: expectIncidentRound,
  getSyncStatus: expectNoArguments,
  connectHub: (raw) => [expectHubConnect(raw)],
  disconnectHub: expectNoArguments,
  listPeers: expectNoArguments,
  exportForPeer: expectPeerExport,
  importPacks: (raw) => [expectPeerOrNull(raw)],
  openFolder: (raw) => [expectWorkspaceFolder(raw)],
  listQuarantine: expectQuarantinePage,
  clearQuarantine: expectNoArguments,
  attachSharedFolder: (raw) => [expectFolderPathOrNull(raw)],
  detachSharedFolder: expectNoArguments,
  listWorkspaces: expectNoArguments,
  inspectRosterPack: (raw) => [expectRosterPackFile(raw)],
  joinCommission: expectJoinCommission,
  useWorkspace: (raw) => [expectWorkspaceId(raw)],
  generateKey: (raw) => [expectPassphrase(raw)],
  importKeyFile: expectKeyFileImport,
  getSessionView: expectNoArguments,
  setAgenda: (raw) => [expectAgenda(raw)],
  stepAgenda: (raw) => [expectAgendaIndex(raw)],
  setSessionScreen: (raw) => [expectSessionScreen(raw)],
  mirrorPlayback: (raw) => [expectPlaybackMirror(raw)],
};

const DEFAULT_REQUEST_BYTES = 1 << 20;
const FILE_OPERATIONS: readonly string[] = ['inspectRosterPack', 'joinCommission'] satisfies readonly OperationName[];

/** The largest request body an operation takes where the transport has a limit (loopback): a roster pack travels inside as base64. */
export function requestBodyLimit(operation: string): number {
  return FILE_OPERATIONS.includes(operation) ? base64Length(MAX_ROSTER_PACK_BYTES) + DEFAULT_REQUEST_BYTES : DEFAULT_REQUEST_BYTES;
}

export const OPERATION_NAMES = Object.keys(ARGUMENT_VALIDATORS) as readonly OperationName[];

export function isOperationName(value: unknown): value is OperationName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ARGUMENT_VALIDATORS, value);
}

/** What the main process tells the renderer unasked, typed end to end like the operations; the renderer never polls. */
export interface MainEvents {
  /** Objects were stored (an import committed, quarantine included): whatever shows the store reads it again. */
  storeChanged: StoreChange;
  /** An import run started, advanced, finished a pack or ended; `revision` orders these against call replies. */
  importProgress: ImportStatus;
  /** An audit of the store started, advanced or ended; `revision` orders these against call replies. */
  storeAudit: StoreAuditStatus;
  /** The signing key was unlocked, locked by the user, or locked itself when idle. */
  keyStatus: KeyStatusView;
  /** A sync target's state changed (peer packs, shared folder, hub). */
  syncStatus: SyncOverview;
  /** A round's tally changed with time alone (a silence deadline passed): whatever shows it reads it again. */
  deadlinePassed: { readonly at: Timestamp };
  /** This workstation's own settings changed (the acting delegation, preferences): read the commission again. */
  workstationChanged: WorkstationChange;
  /** The room screen's public view changed (the only event the session window listens to). */
  sessionView: SessionView;
}

export interface WorkstationChange {
  readonly reason: 'delegation' | 'preferences' | 'commission';
}

export interface StoreChange {
  readonly objectsAdded: number;
  readonly objectsQuarantined: number;
}

export type MainEventName = keyof MainEvents;
export type Unsubscribe = () => void;

/** One explicit subscribe function per event (`onStoreChanged`, …); there is no generic subscribe. */
export type MainEventListeners = {
  readonly [K in MainEventName as `on${Capitalize<K>}`]: (listener: (payload: MainEvents[K]) => void) => Unsubscribe;
};

const MAIN_EVENTS: { readonly [K in MainEventName]: true } = {
  storeChanged: true,
  importProgress: true,
  storeAudit: true,
  keyStatus: true,
  workstationChanged: true,
  deadlinePassed: true,
  syncStatus: true,
  sessionView: true,
};
export const MAIN_EVENT_NAMES = Object.keys(MAIN_EVENTS) as readonly MainEventName[];

/** Electron IPC channel of a main-process event (main → renderer, `webContents.send`). */
export function eventChannel(event: MainEventName): string {
  return `truceline-event:${event}`;
}

/** Loopback path of the Server-Sent Events stream that carries every main-process event (the Chromium host). */
export const LOOPBACK_EVENTS_PATH = '/events';

/** Loopback path of the session window's own stream: `sessionView` events and nothing else. */
export const LOOPBACK_SESSION_EVENTS_PATH = '/session/events';

/** Electron IPC channel of an operation. */
export function ipcChannel(operation: OperationName): string {
  return `truceline:${operation}`;
}

/** Loopback HTTP path of an operation (the Chromium host). */
export function loopbackPath(operation: OperationName): string {
  return `/api/${operation}`;
}
