import { COMMANDS } from '../../../main/cli/commands';
import { runCli } from '../../../main/cli/run-cli';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the `truceline` command in this process (its own code path, without spawning the bundle), capturing what it writes. */
export async function runCliInProcess(argv: readonly string[], options: { readonly stdin?: string; readonly env?: Readonly<Record<string, string>> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(COMMANDS, [...argv], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    stdin: async () => Buffer.from(options.stdin ?? '', 'binary'),
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}
