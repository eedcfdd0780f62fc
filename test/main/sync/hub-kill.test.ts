import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPack } from '../../../main/store/import-pack';
import { openStore } from '../../../main/store/store';
import { saveHubSettings } from '../../../main/sync/hub-settings';
import { commission, manyIncidents, removeTempDirs, signedEntry, tempDir, writePackTo, type Commission, type PackEntry } from '../store/fixtures/store-fixtures';
import { bundleChild, checkStore, runKillableChild, type ChildRun } from '../fixtures/killable-child';
import { NatsServer, type NatsUser } from './fixtures/nats-servers';

// Either side of a hub sync killed with SIGKILL at random points, several times: both stores stay
// sound and keep what they had, nothing false lands, and the next sync completes with nothing lost.

const KILLS = 5;
const publisherUser: NatsUser = { user: 'ws-publisher', password: 'secret-p' };
const receiverUser: NatsUser = { user: 'ws-receiver', password: 'secret-r' };

let child: string;
let c: Commission;
let hub: NatsServer;
let publisher: Side;
let receiver: Side;

interface Side {
  readonly workspace: string;
  readonly storeDir: string;
}

beforeAll(async () => {
  const work = tempDir('truceline-hub-kill-');
  child = await bundleChild('test/main/sync/fixtures/hub-child.ts', work);
  hub = await NatsServer.hub(join(work, 'hub'), [publisherUser, receiverUser], { user: 'leaf', password: 'unused' });
  await hub.start(publisherUser);
  c = await commission();
  publisher = await side('publisher', await manyIncidents(c, 80, 400), publisherUser);
  receiver = await side('receiver', [], receiverUser);
}, 60_000);

afterAll(async () => {
  await hub?.stop();
  removeTempDirs();
});

async function side(name: string, entries: readonly PackEntry[], user: NatsUser): Promise<Side> {
  const workspace = tempDir(`truceline-hub-${name}-`);
  const storeDir = join(workspace, 'store');
  const store = openStore(storeDir, { create: true });
  await importPack(store, await writePackTo(workspace, 'seed.pack', 'sync', [signedEntry(c.genesis), ...entries]), { roster: { source: 'genesis.json', bytes: c.genesis.bytes } });
  store.close();
  await saveHubSettings(workspace, { servers: [hub.url], auth: { kind: 'user', ...user }, tlsCaBase64: null, leaf: null });
  return { workspace, storeDir };
}

/** One whole hub sync of a workstation in a child process, killed with SIGKILL after `killAfterMs`. */
function runChild(at: Side, killAfterMs: number, batchMessages = 8): Promise<ChildRun> {
  return runKillableChild(child, [JSON.stringify({ workspace: at.workspace, storeDir: at.storeDir, batchMessages })], killAfterMs);
}

describe('a hub sync killed with SIGKILL at random points', () => {
  it(`publishing and catching up at once, ${KILLS} times: both stores stay sound and lose nothing; the next sync completes`, async () => {
    const source = checkStore(publisher.storeDir).ids;
    let before = checkStore(receiver.storeDir).ids;
    const outcomes: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      // A whole run takes about 1.2 s on a quiet machine: kills land before it ends, whatever it is doing then.
      const delay = 150 + Math.round(Math.random() * 750);
      const [published, received] = await Promise.all([runChild(publisher, delay), runChild(receiver, delay + Math.round(Math.random() * 400))]);
      const sent = checkStore(publisher.storeDir);
      const check = checkStore(receiver.storeDir);
      outcomes.push(
        `${delay} ms: publisher ${published.killed ? 'killed' : `exited ${published.code} ${published.stderr}`}, receiver ${received.killed ? 'killed' : `exited ${received.code} ${received.stderr}`}, ${check.ids.size} objects received`,
      );
      const story = outcomes.join('\n');
      expect(sent, story).toEqual({ integrity: 'ok', ids: source, quarantined: 0 });
      expect(check.integrity, story).toBe('ok');
      expect(check.quarantined, story).toBe(0);
      for (const id of before) expect(check.ids.has(id), story).toBe(true);
      for (const id of check.ids) expect(source.has(id), story).toBe(true);
      before = check.ids;
    }
    expect(outcomes.filter((o) => o.includes('killed')).length, outcomes.join('\n')).toBeGreaterThanOrEqual(KILLS / 2);
    expect(await runChild(publisher, 60_000)).toMatchObject({ killed: false, code: 0 });
    expect(await runChild(receiver, 60_000)).toMatchObject({ killed: false, code: 0 });
    expect(checkStore(receiver.storeDir)).toEqual({ integrity: 'ok', ids: source, quarantined: 0 });
  }, 120_000);
});
