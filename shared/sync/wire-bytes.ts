import { SyncProtocolError } from './sync-error';

/** The largest integer a varint of this protocol carries: 2^53 - 1, so that it stays exact. */
const MAX_VARINT = Number.MAX_SAFE_INTEGER;

/** Appends bytes to a buffer that grows as needed. */
export class ByteWriter {
  private buffer = new Uint8Array(256);
  private length = 0;

  get size(): number {
    return this.length;
  }

  byte(value: number): this {
    this.reserve(1);
    this.buffer[this.length++] = value;
    return this;
  }

  /** Unsigned LEB128, minimal. */
  varint(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint ${value}: not a non-negative safe integer`);
    this.reserve(8);
    let rest = value;
    while (rest >= 0x80) {
      this.buffer[this.length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.buffer[this.length++] = rest;
    return this;
  }

  /** An unsigned integer below 2^(8·width), big-endian, in exactly `width` bytes. */
  uint(value: number, width: number): this {
    this.reserve(width);
    let rest = value;
    for (let i = width - 1; i >= 0; i--) {
      this.buffer[this.length + i] = rest % 256;
      rest = Math.floor(rest / 256);
    }
    this.length += width;
    return this;
  }

  bytes(value: Uint8Array): this {
    this.reserve(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
    return this;
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private reserve(more: number): void {
    if (this.length + more <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.length + more, 2 * this.buffer.length));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}

/** Reads a message, refusing (SyncProtocolError 'malformed') anything past its end or not canonical. */
export class ByteReader {
  private offset = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly what: string,
  ) {}

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  byte(field: string): number {
    this.need(1, field);
    return this.bytes[this.offset++]!;
  }

  varint(field: string, max = MAX_VARINT): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      if (i === 8) this.fail(`${field} is a varint longer than 8 bytes`);
      const byte = this.byte(field);
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) {
        if (byte === 0 && i > 0) this.fail(`${field} is a varint with a needless trailing byte`);
        break;
      }
      scale *= 0x80;
    }
    if (value > max) throw new SyncProtocolError('limit', `${this.what}: ${field} is ${value}, over the limit of ${max}`);
    return value;
  }

  uint(width: number, field: string): number {
    this.need(width, field);
    let value = 0;
    for (let i = 0; i < width; i++) value = value * 256 + this.bytes[this.offset + i]!;
    this.offset += width;
    return value;
  }

  take(length: number, field: string): Uint8Array {
    this.need(length, field);
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  rest(): Uint8Array {
    return this.take(this.remaining, 'the rest');
  }

  end(): void {
    if (this.remaining !== 0) this.fail(`${this.remaining} bytes after the end`);
  }

  fail(reason: string): never {
    throw new SyncProtocolError('malformed', `${this.what}: ${reason}`);
  }

  private need(length: number, field: string): void {
    if (this.offset + length > this.bytes.length) this.fail(`ends inside ${field}`);
  }
}
