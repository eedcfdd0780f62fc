import { readFile } from 'node:fs/promises';
import { connect, credsAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, StorageType, type Consumer, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { Objm, type ObjectStore } from '@nats-io/obj';
import type { PackObjectKind } from '../../shared/pack/pack-index';
import { HUB_HEADERS, type HubNames } from '../../shared/sync/hub';
import type { HubSettings } from './hub-settings';

/** Largest message this workstation publishes or takes from a hub: a signed object's envelope (≤ 1 MiB) with room for headers. */
export const HUB_MAX_MESSAGE_BYTES = (1 << 20) + 4096;
/** The hub forgets message ids after this: a workstation that publishes again later is caught by the receivers, who ignore what they hold. */
const DUPLICATE_WINDOW_NS = 24 * 3600 * 1e9;
const ACK_WAIT_NS = 120 * 1e9;
/** At most this many messages delivered and not yet acknowledged to one workstation. */
const MAX_ACK_PENDING = 2048;

/**
 * One connection to a hub and the commission's JetStream resources on it: the stream of objects,
 * the chunk bucket, this workstation's durable consumer. A site with a leaf node publishes to its
 * own stream in its own domain (kept while the leaf's link to the hub is down) which the hub's stream
 * sources; everything else is in the hub's domain.
 */
export class HubLink {
  private bucket: ObjectStore | undefined;
  private consumerReady: Consumer | undefined;
  private sourcesChecked = false;

  private constructor(
    readonly nc: NatsConnection,
    private readonly names: HubNames,
    private readonly settings: HubSettings,
    readonly workstation: string,
    /** The hub's domain (through the leaf node for a site). */
    private readonly hubJs: JetStreamClient,
  ) {}

  static async open(settings: HubSettings, names: HubNames, workstation: string, timeoutMs = 5000): Promise<HubLink> {
    const auth = await authOptions(settings);
    const tls = settings.tlsCaFile !== null ? { caFile: settings.tlsCaFile } : settings.servers.some((s) => s.startsWith('tls://')) ? {} : undefined;
    const nc = await connect({
      servers: [...settings.servers],
      name: `truceline ${workstation}`,
      // The service reconnects itself, with its own backoff, and says 'offline' meanwhile.
      reconnect: false,
      timeout: timeoutMs,
      pingInterval: 10_000,
      maxPingOut: 3,
      ...auth,
      ...(tls ? { tls } : {}),
    });
    try {
      const domain = settings.leaf?.hubDomain;
      const link = new HubLink(nc, names, settings, workstation, jetstream(nc, { timeout: timeoutMs, ...(domain ? { domain } : {}) }));
      await link.ensurePublishStream();
      return link;
    } catch (error) {
      await nc.close().catch(() => undefined);
      throw error;
    }
  }

  get isClosed(): boolean {
    return this.nc.isClosed();
  }

  async close(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.close().catch(() => undefined);
  }

  /** Where this workstation's objects and chunk announcements go: the hub's stream, or its site's. */
  subject(kind: PackObjectKind): string {
    const leaf = this.settings.leaf;
    return leaf ? this.names.siteSubject(leaf.siteDomain, kind) : this.names.subject(kind);
  }

  get publisher(): JetStreamClient {
    return jetstream(this.nc);
  }

  /** What the stream that acknowledged a publish holds at `seq` (its bytes and announced size); undefined when it cannot say. */
  async storedAt(stream: string, seq: number): Promise<{ readonly data: Uint8Array; readonly size: string | undefined } | undefined> {
    const leaf = this.settings.leaf;
    const jsm = leaf ? await jetstreamManager(this.nc, { domain: leaf.siteDomain }) : await this.hubManager();
    const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
    return message ? { data: message.data, size: message.header?.get(HUB_HEADERS.size) } : undefined;
  }

  /** The chunk bucket on the hub (created on first use); for a site, reachable only while its leaf node reaches the hub. */
  async chunks(): Promise<ObjectStore> {
    this.bucket ??= await new Objm(this.hubJs).create(this.names.bucket, { storage: StorageType.File });
    return this.bucket;
  }

  /** This workstation's durable consumer on the hub's stream: it remembers, on the hub, how far this workstation caught up. */
  async consumer(): Promise<Consumer> {
    if (this.consumerReady) return this.consumerReady;
    const jsm = await this.hubManager();
    await ensureStream(jsm, this.names.stream, [`truceline.${this.names.short}.objects.>`]);
    const leaf = this.settings.leaf;
    if (leaf && !this.sourcesChecked) {
      await ensureSourced(jsm, this.names.stream, this.names.siteStream(leaf.siteDomain), leaf.siteDomain);
      this.sourcesChecked = true;
    }
    const durable = this.names.consumer(this.workstation);
    const existing = await jsm.consumers.info(this.names.stream, durable).catch((error: unknown) => {
      if (isNotFound(error)) return undefined;
      throw error;
    });
    const config = { durable_name: durable, ack_policy: AckPolicy.Explicit, ack_wait: ACK_WAIT_NS, max_ack_pending: MAX_ACK_PENDING, max_deliver: -1 };
    if (!existing) {
      await jsm.consumers.add(this.names.stream, { ...config, deliver_policy: DeliverPolicy.All });
    } else if (existing.num_ack_pending > 0) {
      // Delivered to a run of this workstation that stopped before acknowledging them (a crash): the
      // consumer starts again just past what was acknowledged, rather than after the acknowledgement wait.
      await jsm.consumers.delete(this.names.stream, durable);
      await jsm.consumers.add(this.names.stream, { ...config, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: existing.ack_floor.stream_seq + 1 });
    }
    this.consumerReady = await this.hubJs.consumers.get(this.names.stream, durable);
    return this.consumerReady;
  }

  private hubManager(): Promise<JetStreamManager> {
    return this.hubJs.jetstreamManager();
  }

  /** The stream this workstation publishes to exists before anything is published (a publish nothing captures would be lost). */
  private async ensurePublishStream(): Promise<void> {
    const leaf = this.settings.leaf;
    if (leaf) {
      const siteJsm = await jetstreamManager(this.nc, { domain: leaf.siteDomain });
      await ensureStream(siteJsm, this.names.siteStream(leaf.siteDomain), [`truceline.${this.names.short}.site.${leaf.siteDomain}.>`]);
    } else {
      await ensureStream(await this.hubManager(), this.names.stream, [`truceline.${this.names.short}.objects.>`]);
    }
  }
}

async function authOptions(settings: HubSettings): Promise<Record<string, unknown>> {
  switch (settings.auth.kind) {
    case 'none':
      return {};
    case 'user':
      return { user: settings.auth.user, pass: settings.auth.password };
    case 'creds': {
      const creds = new Uint8Array(await readFile(settings.auth.credsFile));
      return { authenticator: credsAuthenticator(creds) };
    }
  }
}

async function ensureStream(jsm: JetStreamManager, name: string, subjects: string[]): Promise<void> {
  const info = await jsm.streams.info(name).catch((error: unknown) => {
    if (isNotFound(error)) return undefined;
    throw error;
  });
  if (info) return;
  await jsm.streams.add({
    name,
    subjects,
    storage: StorageType.File,
    duplicate_window: DUPLICATE_WINDOW_NS,
    max_msg_size: HUB_MAX_MESSAGE_BYTES,
  });
}

/** The hub's stream takes in the site's stream (once the leaf reaches the hub): what the site published while cut off arrives then. */
async function ensureSourced(jsm: JetStreamManager, hubStream: string, siteStream: string, siteDomain: string): Promise<void> {
  const info = await jsm.streams.info(hubStream);
  const sources = info.config.sources ?? [];
  if (sources.some((source) => source.name === siteStream)) return;
  await jsm.streams.update(hubStream, { ...info.config, sources: [...sources, { name: siteStream, domain: siteDomain }] });
}

function isNotFound(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /not found/i.test(message);
}
