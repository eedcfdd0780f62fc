/**
 * Where the desk page, on the Chromium host, asks for the address of a new session window: a POST
 * with the desk's cookie answers `{ "url": … }`, a one-time link to the session origin.
 */
export const LOOPBACK_SESSION_SCREEN_PATH = '/session-screen';

export interface SessionScreenReply {
  readonly url: string;
}
