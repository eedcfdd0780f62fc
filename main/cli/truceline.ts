import { COMMANDS } from './commands';
import { runCli } from './run-cli';

function readStdin(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

/** Writes to a stream until its reader goes away (`truceline verify … | head -1`): then the rest is dropped quietly and the command still ends with its own exit code. */
function quietWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let readerGone = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
  });
  return (text) => {
    if (!readerGone) stream.write(text);
  };
}

void runCli(COMMANDS, process.argv.slice(2), {
  stdout: quietWriter(process.stdout),
  stderr: quietWriter(process.stderr),
  stdin: readStdin,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
