import { tryCanonicalize } from '../../../shared/encoding/canonical-json';
import { DEFAULT_JSON_LIMITS, parseStrictJson } from '../../../shared/encoding/strict-json';
import { EXIT, ioError } from '../cli-error';
import type { Command } from '../command';

const MAX_INPUT_BYTES = 64 << 20;

export const canonicalizeCommand: Command = {
  path: ['canonicalize'],
  summary: 'read JSON on stdin, write its RFC 8785 canonical bytes to stdout',
  usage: '< input.json > canonical.json',
  help: {},
  options: {},
  run: async (context) => {
    const input = await context.stdin();
    // The nesting and number limits of docs/SPEC.md; only the size limit is raised for whole files.
    const parsed = parseStrictJson(input, { ...DEFAULT_JSON_LIMITS, maxBytes: MAX_INPUT_BYTES });
    if (!parsed.ok) throw ioError(`stdin: ${parsed.error.message}`);
    const bytes = tryCanonicalize(parsed.value);
    if (!bytes.ok) throw ioError(`stdin: ${bytes.error.message}`);
    context.stdout(Buffer.from(bytes.value).toString('utf8'));
    return EXIT.ok;
  },
};
