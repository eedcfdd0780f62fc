const UTF8_ENCODER = new TextEncoder();
const UTF8_FATAL_DECODER = new TextDecoder('utf-8', { fatal: true });

export function utf8Encode(text: string): Uint8Array {
  return UTF8_ENCODER.encode(text);
}

/** Decodes UTF-8, throwing on any invalid sequence (never substitutes U+FFFD). A leading BOM is stripped by the platform, so callers that must see it check the bytes themselves. */
export function utf8DecodeFatal(bytes: Uint8Array): string {
  return UTF8_FATAL_DECODER.decode(bytes);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
