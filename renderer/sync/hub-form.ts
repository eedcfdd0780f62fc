import { isHubDomain, isHubServer, isHubUser, MAX_HUB_SECRET, MAX_HUB_SERVERS, type HubAuth, type HubConnectRequest } from '../../shared/sync/hub';

/** The hub form as the user fills it. */
export interface HubForm {
  /** One or more addresses, separated by spaces or commas. */
  readonly servers: string;
  readonly authKind: HubAuth['kind'];
  readonly user: string;
  readonly password: string;
  /** The credentials file's bytes as base64, once chosen. */
  readonly credsBase64: string | null;
  readonly tlsCaBase64: string | null;
  readonly leaf: boolean;
  readonly siteDomain: string;
  readonly hubDomain: string;
}

export const EMPTY_HUB_FORM: HubForm = { servers: '', authKind: 'user', user: '', password: '', credsBase64: null, tlsCaBase64: null, leaf: false, siteDomain: '', hubDomain: 'hub' };

/** The request connectHub takes, or the one line that says what to fix (checked again, strictly, in main). */
export function hubRequestOf(form: HubForm): { readonly request: HubConnectRequest } | { readonly problem: string } {
  const servers = form.servers.split(/[\s,]+/).filter((s) => s !== '');
  if (servers.length === 0) return { problem: 'give the hub’s address, e.g. nats://hub.example.org:4222' };
  if (servers.length > MAX_HUB_SERVERS) return { problem: `at most ${MAX_HUB_SERVERS} addresses` };
  const bad = servers.find((s) => !isHubServer(s));
  // An address holding credentials is never quoted back.
  if (servers.some((s) => s.includes('@') || /^[a-z]+:\/\/[^/]*:[^/]*:/.test(s)) || form.servers.includes(form.password || '\u0000'))
    return { problem: 'a hub address holds no user or password: give them in the fields below' };
  if (bad !== undefined) return { problem: `${bad.length > 60 ? `${bad.slice(0, 60)}…` : bad} is not a hub address: nats:// or tls://, a host and a port` };
  let auth: HubAuth;
  switch (form.authKind) {
    case 'none':
      auth = { kind: 'none' };
      break;
    case 'user':
      if (!isHubUser(form.user)) return { problem: 'give the user name the hub’s operator issued for this workstation' };
      if (form.password === '' || form.password.length > MAX_HUB_SECRET) return { problem: `give its password (1 to ${MAX_HUB_SECRET} characters)` };
      auth = { kind: 'user', user: form.user, password: form.password };
      break;
    case 'creds':
      if (form.credsBase64 === null) return { problem: 'choose the credentials file the hub’s operator issued for this workstation' };
      auth = { kind: 'creds', credsBase64: form.credsBase64 };
      break;
  }
  if (form.leaf && (!isHubDomain(form.siteDomain) || !isHubDomain(form.hubDomain))) return { problem: 'a leaf site needs its JetStream domain and the hub’s (letters, digits, _ and -)' };
  return { request: { servers, auth, tlsCaBase64: form.tlsCaBase64, leaf: form.leaf ? { siteDomain: form.siteDomain, hubDomain: form.hubDomain } : null } };
}
