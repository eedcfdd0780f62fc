import { readFile, writeFile } from 'node:fs/promises';
import { ioError, usageError } from './cli-error';
import type { CommandContext } from './command';

export async function readInput(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw ioError(`${what} ${path}: ${describeFsError(error)}`);
  }
}

export async function readJsonInput(path: string, what: string): Promise<unknown> {
  const bytes = await readInput(path, what);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw ioError(`${what} ${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

export async function writeOutput(path: string, data: string | Uint8Array, what: string, options: { exclusive?: boolean } = {}): Promise<void> {
  try {
    await writeFile(path, data, { flag: options.exclusive ? 'wx' : 'w', mode: options.exclusive ? 0o600 : 0o644 });
  } catch (error) {
    throw ioError(`${what} ${path}: ${describeFsError(error)}`);
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EEXIST':
      return 'already exists (refusing to overwrite)';
    case 'EISDIR':
      return 'is a folder, not a file';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

export function requireString(context: CommandContext, option: string): string {
  const value = context.values[option];
  if (typeof value !== 'string' || value === '') throw usageError(`--${option} is required`);
  return value;
}

export function optionalString(context: CommandContext, option: string): string | undefined {
  const value = context.values[option];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function stringList(context: CommandContext, option: string): string[] {
  const value = context.values[option];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [String(value)];
}

/** Prints a result: JSON for machines with --json, otherwise the human lines. */
export function report(context: CommandContext, json: unknown, human: () => string[]): void {
  if (context.json) context.stdout(`${JSON.stringify(json, null, 2)}\n`);
  else for (const line of human()) context.stdout(`${line}\n`);
}
