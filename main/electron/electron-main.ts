import { app, BrowserWindow, dialog, ipcMain, protocol, screen, session, type IpcMainInvokeEvent } from 'electron';
import { eventChannel, ipcChannel, OPERATION_NAMES, type TrucelineApi } from '../../shared/ipc/contract';
import { EVIDENCE_PATH_PREFIX } from '../../shared/ipc/evidence-route';
import { createApiHandlers } from '../api/handlers';
import { dispatch } from '../api/dispatch';
import { CONTENT_SECURITY_POLICY } from '../host/content-security-policy';
import { evidenceReply, type EvidenceChunks } from '../host/evidence-reply';
import { openAppServices, type OpenedServices } from '../host/app-services';
import { appPaths } from '../host/paths';
import { electronShell } from './electron-shell';
import { chooseFolder } from './choose-folder';
import { decodeUrlPath, readStaticFile } from '../host/static-files';
import type { MainEventListener } from '../services/main-events';
import { followDisplays, SESSION_PAGE_PATH, sessionWindowOptions } from './session-window';
import { clampToDisplays, readSavedWindow, writeSavedWindow } from './window-bounds';

const APP_SCHEME = 'app';
const APP_ORIGIN = `${APP_SCHEME}://truceline`;
const paths = appPaths(__dirname);

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

function isAppUrl(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}

/** The room's session page: public state only (one operation, one event). */
function isSessionUrl(url: string): boolean {
  return url === `${APP_ORIGIN}${SESSION_PAGE_PATH}` || url.startsWith(`${APP_ORIGIN}${SESSION_PAGE_PATH}?`) || url.startsWith(`${APP_ORIGIN}${SESSION_PAGE_PATH}#`);
}

const WEB_PREFERENCES = {
  preload: paths.preloadScript,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
  spellcheck: false,
} as const;

const SECURITY_HEADERS = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' } as const;

/**
 * The app's own privileged scheme (standard, secure, fetch-enabled) serves the renderer's files and,
 * under EVIDENCE_PATH_PREFIX, verified evidence chunks as binary from the store's reader worker:
 * the same path as on the loopback host, same-origin for the page (CSP connect-src 'self'), and
 * reachable only from the app's own pages, since no remote content ever loads.
 */
function serveAppProtocol(evidence: () => EvidenceChunks | undefined): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const path = url.host === 'truceline' ? decodeUrlPath(url.pathname) : undefined;
    const chunks = evidence();
    if (path?.startsWith(EVIDENCE_PATH_PREFIX) && request.method === 'GET' && chunks) {
      const reply = await evidenceReply(chunks, path);
      return new Response(reply.body, { status: reply.status, headers: { ...SECURITY_HEADERS, 'content-type': reply.contentType, 'cache-control': 'no-store' } });
    }
    const file = path === undefined ? undefined : await readStaticFile(paths.rendererDir, path);
    if (!file) return new Response('not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { ...SECURITY_HEADERS, 'content-type': file.contentType },
    });
  });
}

function lockDownSessions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // No remote content: only the app's own scheme (and devtools) may load anything.
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !(isAppUrl(details.url) || details.url.startsWith('devtools://')) });
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // The one window a page may open: the session screen for the room, from the desk.
    contents.setWindowOpenHandler(({ url }) => (isSessionUrl(url) ? { action: 'allow', overrideBrowserWindowOptions: sessionWindowOptions(WEB_PREFERENCES) } : { action: 'deny' }));
    contents.on('did-create-window', (window, { url }) => {
      if (isSessionUrl(url)) followDisplays(window);
    });
  });
}

/** The session window's operations: its public view, and the basemap (public geography shipped with the app) for its map. */
const SESSION_OPERATIONS: readonly string[] = ['getSessionView', 'getBasemap'];

function registerIpc(handlers: TrucelineApi): void {
  const fromAppFrame = (event: IpcMainInvokeEvent) => isAppUrl(event.senderFrame?.url ?? '');
  for (const operation of OPERATION_NAMES) {
    ipcMain.handle(ipcChannel(operation), (event, ...args: unknown[]) => {
      if (!fromAppFrame(event)) {
        return { ok: false, error: { code: 'forbidden', message: `${operation}: caller is not the app's own page` } };
      }
      if (isSessionUrl(event.senderFrame?.url ?? '') && !SESSION_OPERATIONS.includes(operation)) {
        return { ok: false, error: { code: 'forbidden', message: `${operation}: the session window may only read the session view and the basemap` } };
      }
      return dispatch(handlers, operation, args);
    });
  }
}

/** Each event goes on its own channel, to the app's own pages only. */
const deliverToWindows: MainEventListener = (event, payload) => {
  for (const window of BrowserWindow.getAllWindows()) {
    if (window.isDestroyed() || !isAppUrl(window.webContents.getURL())) continue;
    if (isSessionUrl(window.webContents.getURL()) && event !== 'sessionView') continue;
    window.webContents.send(eventChannel(event), payload);
  }
};

/** The desk window opens where it was closed (on a display still there), at the size it had; `stateDir` holds that. */
function openWindow(stateDir: string): BrowserWindow {
  const saved = readSavedWindow(stateDir);
  const bounds =
    saved &&
    clampToDisplays(
      saved.bounds,
      screen.getAllDisplays().map((display) => display.workArea),
    );
  const window = new BrowserWindow({
    ...(bounds ?? { width: 1440, height: 900 }),
    title: 'Truceline',
    backgroundColor: '#0f1720',
    webPreferences: WEB_PREFERENCES,
  });
  if (bounds && saved.maximized) window.maximize();
  window.on('close', () => writeSavedWindow(stateDir, { bounds: window.getNormalBounds(), maximized: window.isMaximized() }));
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

app.enableSandbox();
void app.whenReady().then(async () => {
  let services: OpenedServices | undefined;
  serveAppProtocol(() => services?.evidence);
  lockDownSessions();
  const dataDir = process.env['TRUCELINE_DATA_DIR'] ?? app.getPath('userData');
  try {
    services = await openAppServices({ dataDir, resourcesDir: paths.resourcesDir, log: (line) => process.stdout.write(`${line}\n`) });
  } catch (error) {
    // Nothing stored is touched; the user learns why in one line instead of facing an empty window.
    dialog.showErrorBox('Truceline cannot open its data', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }
  app.on('will-quit', () => services.close());
  services.events.subscribe(deliverToWindows);
  registerIpc(
    createApiHandlers(
      {
        host: 'electron',
        resourcesDir: paths.resourcesDir,
        version: app.getVersion(),
        testMode: process.env['TRUCELINE_TEST'] === '1',
        shell: electronShell,
        chooseFolder,
      },
      services,
    ),
  );
  openWindow(dataDir);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(dataDir);
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
