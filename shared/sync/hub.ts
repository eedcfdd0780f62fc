import { toHex } from '../encoding/hex';
import { utf8Encode } from '../encoding/bytes';
import { PACK_OBJECT_KINDS, type PackObjectKind } from '../pack/pack-index';
import type { SyncTargetStatus } from './sync-status';

// A commission hub on NATS JetStream (DESIGN §5): what the desk sends to connect, and the names of
// the commission's stream, object store bucket and consumers on it. The hub is never trusted: every
// object it delivers is verified on arrival like any pack's.

/** How this workstation proves who it is to the hub: per-workstation credentials, never shown again once sent. */
export type HubAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'user'; readonly user: string; readonly password: string }
  /** A NATS credentials file (JWT and nkey seed) as the hub's operator issued it, its bytes as base64. */
  | { readonly kind: 'creds'; readonly credsBase64: string };

/** A site running its own leaf node: its JetStream domain keeps this workstation's objects while the link to the hub is down. */
export interface HubLeafSite {
  readonly siteDomain: string;
  readonly hubDomain: string;
}

/** What the desk sends to connect to a hub (connectHub). */
export interface HubConnectRequest {
  /** `nats://host:port` or `tls://host:port`, tried in turn. */
  readonly servers: readonly string[];
  readonly auth: HubAuth;
  /** The CA certificate (PEM) that signed the hub's TLS certificate, as base64; null to use the system's or no TLS. */
  readonly tlsCaBase64: string | null;
  readonly leaf: HubLeafSite | null;
}

export const MAX_HUB_SERVERS = 8;
export const MAX_HUB_SECRET = 1024;
export const MAX_HUB_USER = 128;
export const MAX_HUB_FILE_BYTES = 64 * 1024;

const SERVER = /^(nats|tls):\/\/([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(:[0-9]{1,5})?$/;
/** A JetStream domain, a NATS name: no dots, spaces or wildcards. */
const DOMAIN = /^[A-Za-z0-9_-]{1,32}$/;
const USER = /^[\x21-\x7e]{1,128}$/;

/** Whether `server` is a hub address this workstation accepts: a scheme, a host and a port, nothing else (no user or password in it). */
export function isHubServer(server: string): boolean {
  const match = SERVER.exec(server);
  if (!match) return false;
  const port = match[3] === undefined ? 4222 : Number(match[3].slice(1));
  return port >= 1 && port <= 65535;
}

export function isHubDomain(domain: string): boolean {
  return DOMAIN.test(domain);
}

export function isHubUser(user: string): boolean {
  return USER.test(user);
}

/** The one line the desk shows for a hub: its first address, never a credential. */
export function hubLabel(servers: readonly string[]): string {
  const [first] = servers;
  return servers.length > 1 ? `${first} (+${servers.length - 1})` : (first ?? 'hub');
}

/** Headers of the hub's messages beside NATS's own Nats-Msg-Id (the object id, by which the server de-duplicates). */
export const HUB_HEADERS = {
  /** The workstation that published the message: it skips its own on the way back. */
  from: 'Truceline-From',
  /** A chunk's size in bytes: the chunk itself is in the object store, named by its SHA-256. */
  size: 'Truceline-Size',
} as const;

export interface HubNames {
  /** 16 hex characters: the SHA-256 of the commission's name, shortened. */
  readonly short: string;
  /** The commission's stream on the hub: every signed object, and an announcement of every chunk. */
  readonly stream: string;
  /** The object store bucket holding the chunks, each named by its SHA-256. */
  readonly bucket: string;
  subject(kind: PackObjectKind): string;
  /** A leaf site's own stream, which the hub's stream sources from; its subjects are apart from the hub stream's. */
  siteStream(siteDomain: string): string;
  siteSubject(siteDomain: string, kind: PackObjectKind): string;
  /** The durable consumer through which one workstation catches up. */
  consumer(workstation: string): string;
}

export function hubNames(commission: string, sha256: (bytes: Uint8Array) => Uint8Array): HubNames {
  const short = toHex(sha256(utf8Encode(commission))).slice(0, 16);
  return {
    short,
    stream: `TRUCELINE_${short}`,
    bucket: `truceline-${short}-chunks`,
    subject: (kind) => `truceline.${short}.objects.${kind}`,
    siteStream: (siteDomain) => `TRUCELINE_${short}_SITE_${siteDomain}`,
    siteSubject: (siteDomain, kind) => `truceline.${short}.site.${siteDomain}.${kind}`,
    consumer: (workstation) => `ws-${workstation}`,
  };
}

/** The object kind a hub message's subject names (its last token), or undefined. */
export function kindOfSubject(subject: string): PackObjectKind | undefined {
  const kind = subject.slice(subject.lastIndexOf('.') + 1);
  return (PACK_OBJECT_KINDS as readonly string[]).includes(kind) ? (kind as PackObjectKind) : undefined;
}

/** The hub's sync target as connectHub answers it: the address and the state, never a credential. */
export type HubStatus = SyncTargetStatus;
