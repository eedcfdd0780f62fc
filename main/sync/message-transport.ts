import type { Duplex } from 'node:stream';

/**
 * Byte messages to and from one peer, in order: what a catch-up runs over (an in-process pair, a
 * socket, a pipe to `ssh`, a NATS request stream). The transport is never trusted: every message is
 * checked by the catch-up's decoders, and its bounds are theirs.
 */
export interface MessageTransport {
  send(message: Uint8Array): Promise<void>;
  /** The next message, or undefined once the peer closed. */
  receive(): Promise<Uint8Array | undefined>;
  close(): void;
}

export class TransportClosedError extends Error {
  override readonly name = 'TransportClosedError';
}

/** A transport that counts what goes through it. */
export class CountingTransport implements MessageTransport {
  bytesSent = 0;
  bytesReceived = 0;
  messagesSent = 0;
  messagesReceived = 0;

  constructor(private readonly inner: MessageTransport) {}

  async send(message: Uint8Array): Promise<void> {
    this.bytesSent += message.length;
    this.messagesSent += 1;
    await this.inner.send(message);
  }

  async receive(): Promise<Uint8Array | undefined> {
    const message = await this.inner.receive();
    if (message !== undefined) {
      this.bytesReceived += message.length;
      this.messagesReceived += 1;
    }
    return message;
  }

  close(): void {
    this.inner.close();
  }
}

/**
 * Two ends of an in-process transport. A sender waits while `capacity` of its messages are still
 * unread (back-pressure, as a socket has); closing one end ends the other's receiving.
 */
export function memoryTransportPair(capacity = 64): [MessageTransport, MessageTransport] {
  const a = new MemoryEnd(capacity);
  const b = new MemoryEnd(capacity);
  a.peer = b;
  b.peer = a;
  return [a, b];
}

class MemoryEnd implements MessageTransport {
  peer!: MemoryEnd;
  private readonly inbox: Uint8Array[] = [];
  private waitingReceiver: (() => void) | undefined;
  private readonly waitingSenders: (() => void)[] = [];
  private closed = false;

  constructor(private readonly capacity: number) {}

  async send(message: Uint8Array): Promise<void> {
    if (this.closed || this.peer.closed) throw new TransportClosedError('the transport is closed');
    while (this.peer.inbox.length >= this.capacity && !this.peer.closed) await new Promise<void>((resolve) => this.peer.waitingSenders.push(resolve));
    if (this.peer.closed) throw new TransportClosedError('the peer closed the transport');
    this.peer.inbox.push(message.slice());
    this.peer.wake();
  }

  async receive(): Promise<Uint8Array | undefined> {
    while (this.inbox.length === 0) {
      if (this.closed || this.peer.closed) return undefined;
      await new Promise<void>((resolve) => (this.waitingReceiver = resolve));
    }
    const message = this.inbox.shift()!;
    this.waitingSenders.shift()?.();
    return message;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.wake();
    this.peer.wake();
  }

  private wake(): void {
    const receiver = this.waitingReceiver;
    this.waitingReceiver = undefined;
    receiver?.();
    for (const sender of this.waitingSenders.splice(0)) sender();
  }
}

/**
 * Messages over a byte stream (a TCP socket, a child's stdio): each a 4-byte big-endian length and
 * its bytes. A length over `maxMessageBytes` ends the stream with an error instead of allocating it.
 */
export function streamTransport(stream: Duplex, maxMessageBytes: number): MessageTransport {
  const reader = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let held: Buffer = Buffer.alloc(0);
  let ended = false;
  const fill = async (length: number): Promise<boolean> => {
    while (held.length < length) {
      if (ended) return false;
      const next = await reader.next();
      if (next.done) {
        ended = true;
        return false;
      }
      held = held.length === 0 ? next.value : Buffer.concat([held, next.value]);
    }
    return true;
  };
  return {
    async send(message) {
      const header = Buffer.alloc(4);
      header.writeUInt32BE(message.length);
      await write(stream, Buffer.concat([header, message]));
    },
    async receive() {
      if (!(await fill(4))) {
        if (held.length > 0) throw new TransportClosedError(`the stream ended inside a message header`);
        return undefined;
      }
      const length = held.readUInt32BE(0);
      if (length > maxMessageBytes) throw new TransportClosedError(`the peer sent a message of ${length} bytes, over the limit of ${maxMessageBytes}`);
      if (!(await fill(4 + length))) throw new TransportClosedError(`the stream ended inside a message of ${length} bytes`);
      const message = new Uint8Array(held.subarray(4, 4 + length));
      held = held.subarray(4 + length);
      return message;
    },
    close() {
      stream.end();
    },
  };
}

function write(stream: Duplex, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(bytes, (error) => (error ? reject(error) : resolve()));
  });
}
