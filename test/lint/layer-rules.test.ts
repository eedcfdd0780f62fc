import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { resolve } from 'node:path';

const eslint = new ESLint({ cwd: resolve(__dirname, '../..') });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer import rules (lint)', () => {
  it.each([
    ['renderer/app/bad.ts', "import { readFileSync } from 'node:fs';"],
    ['renderer/app/bad.ts', "import { readFileSync } from 'fs';"],
    ['renderer/app/bad.ts', "import { app } from 'electron';"],
    ['renderer/app/bad.ts', "import { loadBasemap } from '../../main/services/basemap-service';"],
    ['shared/geo/bad.ts', "import { createHash } from 'node:crypto';"],
    ['shared/geo/bad.ts', "import React from 'react';"],
    ['shared/geo/bad.ts', "import { dispatch } from '../../main/api/dispatch';"],
    ['main/services/bad.ts', "import { app } from 'electron';"],
    ['main/services/bad.ts', "import { App } from '../../renderer/app/App';"],
  ])('%s: rejects %s', async (file, code) => {
    expect(await restrictedImports(file, code)).not.toEqual([]);
  });

  it.each([
    ['renderer/app/good.ts', "import { measureLine } from '../../shared/geo/chainage';"],
    ['shared/geo/good.ts', "import sodium from 'libsodium-wrappers';\nimport { distanceKm } from './chainage';"],
    ['main/electron/good.ts', "import { app } from 'electron';"],
    ['main/services/good.ts', "import { readFile } from 'node:fs/promises';"],
  ])('%s: accepts %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});

describe('layer type environments (tsconfig)', () => {
  function diagnosticsFor(tsconfigDir: string, code: string): string[] {
    const configPath = resolve(__dirname, '../..', tsconfigDir, 'tsconfig.json');
    const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
    const file = resolve(__dirname, '../..', tsconfigDir, '__probe__.ts');
    const host = ts.createCompilerHost(config.options);
    const readFile = host.readFile.bind(host);
    host.readFile = (name) => (name === file ? code : readFile(name));
    host.fileExists = (
      (exists) => (name: string) =>
        name === file || exists(name)
    )(host.fileExists.bind(host));
    const ambient = config.fileNames.filter((name) => name.endsWith('.d.ts'));
    const program = ts.createProgram([...ambient, file], config.options, host);
    return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }

  it('shared/ sees neither the DOM nor Node', () => {
    expect(diagnosticsFor('shared', 'export const title = document.title;').join()).toMatch(/Cannot find name 'document'/);
    expect(diagnosticsFor('shared', 'export const argv = process.argv;').join()).toMatch(/Cannot find name 'process'/);
    expect(diagnosticsFor('shared', 'export const bytes = new TextEncoder().encode("x");')).toEqual([]);
  });

  it('renderer/ sees the DOM but not Node', () => {
    expect(diagnosticsFor('renderer', 'export const title = document.title;')).toEqual([]);
    expect(diagnosticsFor('renderer', 'export const argv = process.argv;').join()).toMatch(/Cannot find name 'process'/);
  });
});
