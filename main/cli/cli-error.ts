/** Exit codes of the `truceline` command (docs/CLI.md). */
export const EXIT = {
  ok: 0,
  usage: 1,
  io: 2,
  verificationFailed: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the user can act on: printed as one line, never as a stack trace. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(EXIT.usage, message);
export const ioError = (message: string) => new CliError(EXIT.io, message);
export const verificationError = (message: string) => new CliError(EXIT.verificationFailed, message);
