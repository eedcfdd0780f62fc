import type { ParseArgsConfig } from 'node:util';
import type { ExitCode } from './cli-error';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
  readonly json: boolean;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: () => Promise<Buffer>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface Command {
  /** Words after `truceline`, e.g. ['roster', 'create']. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Usage line after the command path, e.g. "PACK… [--roster FILE]". */
  readonly usage: string;
  /** What each option means, shown by --help. */
  readonly help: Readonly<Record<string, string>>;
  readonly options: OptionSpec;
  readonly run: (context: CommandContext) => Promise<ExitCode>;
}
