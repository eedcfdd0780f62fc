import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/** A URL path percent-decoded, or `undefined` when its encoding is malformed. */
export function decodeUrlPath(urlPath: string): string | undefined {
  try {
    return decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
}

/**
 * Reads a file of the built renderer for a percent-decoded URL path; `undefined` when it does not
 * exist or is not a file inside the root once every symlink is resolved (`..`, a link that points
 * elsewhere). Only what the real path names is read.
 */
export async function readStaticFile(rootDir: string, path: string): Promise<StaticFile | undefined> {
  if (path.includes('\0')) return undefined;
  const relative = path === '/' || path === '' ? 'index.html' : path.replace(/^\/+/, '');
  try {
    const root = await realpath(rootDir);
    const full = await realpath(resolve(root, relative));
    if (!full.startsWith(root + sep)) return undefined;
    if (!(await stat(full)).isFile()) return undefined;
    return { body: await readFile(full), contentType: CONTENT_TYPES[extname(full)] ?? 'application/octet-stream' };
  } catch {
    return undefined;
  }
}
