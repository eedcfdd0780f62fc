import { LOOPBACK_SESSION_SCREEN_PATH, type SessionScreenReply } from '../../shared/ipc/session-screen-route';

const SESSION_PAGE = './session.html';
const SESSION_WINDOW_NAME = 'truceline-session';

/**
 * Opens the room's window. On Electron main gives that window only the session view; on the
 * Chromium host the desk asks its server for a one-time link to the session origin, whose cookie
 * opens nothing but the public session routes.
 */
export async function openSessionWindow(): Promise<void> {
  window.open(window.truceline ? SESSION_PAGE : await sessionScreenLink(), SESSION_WINDOW_NAME, 'popup');
}

async function sessionScreenLink(): Promise<string> {
  const response = await fetch(LOOPBACK_SESSION_SCREEN_PATH, { method: 'POST', credentials: 'same-origin' });
  if (!response.ok) throw new Error(`the workstation service refused a session window: ${response.status} ${await response.text()}`);
  return ((await response.json()) as SessionScreenReply).url;
}
