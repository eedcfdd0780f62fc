import { parseArgs } from 'node:util';
import { CliError, EXIT, type ExitCode } from './cli-error';
import type { Command, CommandContext } from './command';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: () => Promise<Buffer>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const COMMON_OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function findCommand(commands: readonly Command[], words: readonly string[]): Command | undefined {
  return commands.filter((c) => c.path.every((word, i) => words[i] === word)).sort((a, b) => b.path.length - a.path.length)[0];
}

export function commandHelp(command: Command): string {
  const lines = [`usage: truceline ${command.path.join(' ')} ${command.usage}`.trimEnd(), '', command.summary, '', 'options:'];
  for (const [name, text] of Object.entries({ ...command.help, json: 'print machine-readable JSON', help: 'show this help' })) {
    lines.push(`  --${name.padEnd(18)} ${text}`);
  }
  return `${lines.join('\n')}\n`;
}

export function overview(commands: readonly Command[]): string {
  const lines = ['usage: truceline COMMAND [OPTIONS]', '', 'Signed objects, rosters, sealed assessments and verdicts of the commission, offline.', '', 'commands:'];
  for (const command of commands) lines.push(`  ${command.path.join(' ').padEnd(20)} ${command.summary}`);
  lines.push('', 'Run `truceline COMMAND --help` for its options.', 'Exit codes: 0 success, 1 usage, 2 input/output error, 3 verification failed.');
  return `${lines.join('\n')}\n`;
}

/** The `code` of a --json error for each exit code (docs/CLI.md). */
const ERROR_CODES: Readonly<Record<ExitCode, string>> = { 0: 'ok', 1: 'usage', 2: 'io', 3: 'verification-failed' };

/** One failure on stderr: a line `truceline COMMAND: message`, or with --json `{"error":{"code","command","message"}}`. */
function failure(io: CliIo, json: boolean, command: readonly string[], exitCode: ExitCode, message: string): ExitCode {
  if (json) io.stderr(`${JSON.stringify({ error: { code: ERROR_CODES[exitCode], command: command.join(' '), message } })}\n`);
  else io.stderr(`${['truceline', ...command].join(' ')}: ${message}\n`);
  return exitCode;
}

/** Runs one invocation; every failure becomes one line on stderr (JSON with --json) and an exit code, never a stack trace. */
export async function runCli(commands: readonly Command[], argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const words = argv.filter((a) => !a.startsWith('-'));
  const command = findCommand(commands, words);
  const wantsJson = argv.includes('--json');
  if (!command) {
    if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
      io.stdout(overview(commands));
      return argv.length === 0 ? EXIT.usage : EXIT.ok;
    }
    return failure(io, wantsJson, [], EXIT.usage, `unknown command "${words.join(' ')}" (run \`truceline --help\`)`);
  }
  const rest = [...argv];
  for (const word of command.path) rest.splice(rest.indexOf(word), 1);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...COMMON_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (error) {
    return failure(io, wantsJson, command.path, EXIT.usage, error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
  if (parsed.values['help']) {
    io.stdout(commandHelp(command));
    return EXIT.ok;
  }
  const context: CommandContext = {
    values: parsed.values,
    positionals: parsed.positionals,
    json: parsed.values['json'] === true,
    stdout: io.stdout,
    stderr: io.stderr,
    stdin: io.stdin,
    env: io.env,
  };
  try {
    return await command.run(context);
  } catch (error) {
    if (error instanceof CliError) return failure(io, context.json, command.path, error.exitCode, error.message);
    const message = error instanceof Error ? error.message : String(error);
    return failure(io, context.json, command.path, EXIT.io, message.split('\n')[0]!);
  }
}
