import { toBase64 } from '../../shared/encoding/base64';

/** A file the user chose, as the API takes it: its bytes as base64 (the page never names a path). Too large a file is refused before it is read. */
export async function readChosenFile(file: File, maxBytes: number, what: string): Promise<string> {
  if (file.size > maxBytes) throw new Error(`${file.name}: a ${what} is at most ${formatBytes(maxBytes)}, this file has ${formatBytes(file.size)}`);
  if (file.size === 0) throw new Error(`${file.name} is empty`);
  return toBase64(new Uint8Array(await file.arrayBuffer()));
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** The fingerprint's 32 words in rows of 8, as they are read aloud: a pause after each row. */
export function wordRows(words: readonly string[], perRow = 8): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < words.length; i += perRow) rows.push(words.slice(i, i + perRow));
  return rows;
}
