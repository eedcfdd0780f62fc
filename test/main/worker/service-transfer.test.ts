import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceClient } from '../../../main/worker/service-client';
import { serveServices } from '../../../main/worker/service-server';
import { transferListOf, transferred } from '../../../main/worker/worker-protocol';

const SIZE = 1 << 20;

class Chunks {
  /** What the serving side still holds after answering. */
  readonly handedOut: Uint8Array[] = [];

  async moved(): Promise<Uint8Array> {
    const bytes = new Uint8Array(SIZE).fill(7);
    this.handedOut.push(bytes);
    return transferred(bytes);
  }

  async copied(): Promise<Uint8Array> {
    const bytes = new Uint8Array(SIZE).fill(9);
    this.handedOut.push(bytes);
    return bytes;
  }
}

interface Services {
  readonly chunks: Chunks;
}

const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

function connect(): { chunks: Chunks; client: ServiceClient<Services> } {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  const chunks = new Chunks();
  serveServices(port2, { chunks });
  return { chunks, client: new ServiceClient<Services>(port1) };
}

describe('answers that move their buffer', () => {
  it('arrive whole while the serving side is left with a detached buffer', async () => {
    const { chunks, client } = connect();
    const bytes = await client.remote('chunks').moved();
    expect(bytes.byteLength).toBe(SIZE);
    expect(bytes[SIZE - 1]).toBe(7);
    expect(chunks.handedOut[0]!.byteLength).toBe(0);
    expect(chunks.handedOut[0]!.buffer.byteLength).toBe(0);
  });

  it('are the only ones moved: any other answer is copied and stays usable where it was made', async () => {
    const { chunks, client } = connect();
    const bytes = await client.remote('chunks').copied();
    expect(bytes.byteLength).toBe(SIZE);
    expect(chunks.handedOut[0]!.byteLength).toBe(SIZE);
    expect(transferListOf(chunks.handedOut[0])).toEqual([]);
    expect(transferListOf('text')).toEqual([]);
  });
});
