import { screen, type BrowserWindow, type BrowserWindowConstructorOptions, type Rectangle, type WebPreferences } from 'electron';

/** The path of the session page: its window may call getSessionView and receives sessionView events, nothing else. */
export const SESSION_PAGE_PATH = '/session.html';

const WINDOWED = { width: 1280, height: 720 } as const;

/** The first display other than the primary one (a projector), if any. */
function externalDisplay(): Rectangle | null {
  const primary = screen.getPrimaryDisplay();
  return screen.getAllDisplays().find((display) => display.id !== primary.id)?.bounds ?? null;
}

/** The session window: full screen on an external display when there is one, else a window beside the desk. */
export function sessionWindowOptions(webPreferences: WebPreferences): BrowserWindowConstructorOptions {
  const external = externalDisplay();
  return { title: 'Truceline — session', backgroundColor: '#000000', autoHideMenuBar: true, ...(external ? { ...external, fullscreen: true } : WINDOWED), webPreferences };
}

/** Moves the session window onto a display plugged in later, and back into a window when it goes. */
export function followDisplays(window: BrowserWindow): void {
  const place = () => {
    if (window.isDestroyed()) return;
    const external = externalDisplay();
    if (external) {
      window.setBounds(external);
      window.setFullScreen(true);
    } else {
      window.setFullScreen(false);
      window.setSize(WINDOWED.width, WINDOWED.height);
      window.center();
    }
  };
  screen.on('display-added', place);
  screen.on('display-removed', place);
  window.on('closed', () => {
    screen.off('display-added', place);
    screen.off('display-removed', place);
  });
}
