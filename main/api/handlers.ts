import { join } from 'node:path';
import type { AppInfo, HostKind, TrucelineApi } from '../../shared/ipc/contract';
import type { Basemap } from '../../shared/basemap/types';
import { loadBasemap } from '../services/basemap-service';
import type { CommissionService } from '../services/commission-service';
import type { ImportService } from '../services/import-service';
import type { AuditService } from '../services/audit-service';
import type { RoundService } from '../assessment/round-service';
import type { SyncRegistry } from '../sync/sync-registry';
import type { HubService } from '../sync/hub-service';
import type { PeerPackService } from '../sync/peer-pack-service';
import type { SharedFolderService } from '../sync/shared-folder';
import { RefusedError, UnavailableError } from '../../shared/ipc/errors';
import type { SessionService } from '../session/session-service';
import { peerPackName } from '../sync/peer-pack-names';
import { NO_DESKTOP_SHELL, type DesktopShell } from '../host/desktop-shell';
import type { Remote } from '../worker/worker-protocol';
import type { WorkspaceService } from '../workspaces/workspace-service';

export interface HostContext {
  readonly host: HostKind;
  readonly resourcesDir: string;
  readonly version: string;
  readonly testMode: boolean;
  /** Native dialogs and the file manager, where the host has them (default: none). */
  readonly shell?: DesktopShell;
  /** A native folder dialog where the host has one (Electron): the chosen folder's path, or null when cancelled. */
  readonly chooseFolder?: (title: string) => Promise<string | null>;
}

/** The services as this thread holds them: typed clients of the store's workers (or the services themselves, in tests). */
export interface AppServices {
  readonly commission: Remote<CommissionService>;
  readonly imports: Remote<ImportService>;
  readonly audit: Remote<AuditService>;
  readonly rounds: Remote<RoundService>;
  readonly sync: Remote<SyncRegistry>;
  readonly hub: Remote<HubService>;
  readonly peers: Remote<PeerPackService>;
  readonly sharedFolder: Remote<SharedFolderService>;
  /** Which commission the services work on (main thread: switching stops and starts the workers). */
  readonly workspaces: Pick<WorkspaceService, 'list' | 'inspect' | 'join' | 'use' | 'generateKey' | 'importKeyFile'>;
  /** The room screen's agenda and public view (main thread); absent where no host serves a session window. */
  readonly session?: Pick<SessionService, 'view' | 'setAgenda' | 'stepAgenda' | 'setScreen' | 'mirrorPlayback'>;
}

/** The main-process side of every operation; both hosts (Electron, Chromium) serve exactly these. */
export function createApiHandlers(context: HostContext, services: AppServices): TrucelineApi {
  let basemap: Promise<Basemap> | undefined;
  const info: AppInfo = { name: 'Truceline', version: context.version, host: context.host, testMode: context.testMode };
  const shell = context.shell ?? NO_DESKTOP_SHELL;
  const session = () => services.session ?? unavailable('this host serves no session window');
  return {
    getAppInfo: async () => info,
    getBasemap: () => (basemap ??= loadBasemap(join(context.resourcesDir, 'basemap'))),
    getCommission: () => services.commission.commission(),
    listIncidents: (query) => services.commission.listIncidents(query),
    getIncident: (id) => services.commission.incident(id),
    importInbox: () => services.imports.start(),
    getImportStatus: () => services.imports.status(),
    auditStore: () => services.audit.start(),
    getStoreAudit: () => services.audit.status(),
    getKeyStatus: () => services.rounds.keyStatus(),
    unlockKey: (passphrase) => services.rounds.unlockKey(passphrase),
    lockKey: () => services.rounds.lockKey(),
    getPreferences: () => services.rounds.preferences(),
    setPreferences: (preferences) => services.rounds.setPreferences(preferences),
    switchDelegation: async (member) => {
      await services.rounds.switchDelegation(member);
      return services.commission.commission();
    },
    getDraft: (incident, round) => services.rounds.getDraft(incident, round),
    saveDraft: (draft) => services.rounds.saveDraft(draft),
    discardDraft: (incident, round) => services.rounds.discardDraft(incident, round),
    commitAssessment: (incident, round) => services.rounds.commitAssessment(incident, round),
    revealAssessment: (incident, round) => services.rounds.revealAssessment(incident, round),
    showOthersFindings: (incident, round) => services.rounds.showOthersFindings(incident, round),
    openReveal: (incident, round, deadlines) => services.rounds.openReveal(incident, round, deadlines),
    closeRound: (incident, round) => services.rounds.closeRound(incident, round),
    exportCertificate: (incident, round) => services.rounds.exportCertificate(incident, round),
    getSyncStatus: () => services.sync.overview(),
    connectHub: (settings) => services.hub.connectHub(settings),
    disconnectHub: () => services.hub.disconnectHub(),
    listPeers: () => services.peers.view(),
    exportForPeer: async (peer, scope) => {
      const choice = await shell.chooseSavePath(peerPackName(peer, Date.now()));
      if (choice.kind === 'cancelled') return null;
      return services.peers.exportForPeer(peer, scope, choice.kind === 'chosen' ? choice.path : undefined);
    },
    importPacks: async (peer) => {
      const chosen = await shell.choosePackFiles();
      if (chosen === null) return services.peers.importInbox(peer);
      return chosen.length === 0 ? services.imports.status() : services.peers.importFiles(chosen, peer);
    },
    openFolder: async (folder) => {
      const path = await services.peers.openableFolder(folder);
      const message = await shell.openFolder(path);
      return { opened: message === null, path, message };
    },
    listQuarantine: (offset, limit) => services.peers.quarantine(offset, limit),
    clearQuarantine: () => services.peers.clearQuarantine(),
    attachSharedFolder: async (typed) => {
      if (typed === null && context.chooseFolder === undefined) throw new RefusedError('type the full path of the folder to attach');
      const path = typed ?? (await context.chooseFolder!('Attach a shared folder'));
      return path === null ? null : services.sharedFolder.attach(path);
    },
    detachSharedFolder: () => services.sharedFolder.detach(),
    listWorkspaces: () => services.workspaces.list(),
    inspectRosterPack: (fileBase64) => services.workspaces.inspect(fileBase64),
    joinCommission: (fileBase64, rosterId, member) => services.workspaces.join(fileBase64, rosterId, member),
    useWorkspace: (id) => services.workspaces.use(id),
    generateKey: (passphrase) => services.workspaces.generateKey(passphrase),
    importKeyFile: (fileBase64, passphrase) => services.workspaces.importKeyFile(fileBase64, passphrase),
    getSessionView: () => session().view(),
    setAgenda: (items) => session().setAgenda(items),
    stepAgenda: (index) => session().stepAgenda(index),
    setSessionScreen: (mode) => session().setScreen(mode),
    mirrorPlayback: (playback) => session().mirrorPlayback(playback),
  };
}

function unavailable(message: string): never {
  throw new UnavailableError(message);
}
