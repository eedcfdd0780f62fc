import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Every module of ours the session page's entry reaches through static or dynamic imports. */
function moduleGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [resolve(ROOT, entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)|import\s+'(\.[^']+)'/g)) {
      const target = resolve(dirname(file), match[1] ?? match[2] ?? match[3]!);
      const found = [target, `${target}.ts`, `${target}.tsx`, join(target, 'index.ts')].find((candidate) => existsSync(candidate) && !candidate.endsWith('.css'));
      if (found) pending.push(found);
    }
  }
  return new Set([...seen].map((file) => relative(ROOT, file)));
}

describe('the session page bundle', () => {
  const graph = moduleGraph('renderer/session/session-main.tsx');

  it('reaches the session client and pure helpers, nothing of the desk API or its screens', () => {
    expect(graph).toContain('renderer/session/session-client.ts');
    expect(graph).toContain('shared/session/session-view.ts');
    const desk = [...graph].filter((file) => /^renderer\/(api|app|assessment|keys|sync|imports|commission|audit)\//.test(file) || file.startsWith('main/'));
    expect(desk).toEqual([]);
  });

  // Besides its public view, the room may read the basemap (public geography shipped with the app)
  // and the current item's evidence chunks (signed, synced bytes every delegation holds, verified in
  // main against the signed list): neither carries a draft, a sealed finding, a key or a path.
  it('the client calls the session view and the basemap, fetches evidence chunks, and opens the session-only stream', () => {
    const client = readFileSync(join(ROOT, 'renderer/session/session-client.ts'), 'utf8');
    expect([...client.matchAll(/loopbackPath\('(\w+)'\)/g)].map((m) => m[1])).toEqual(['getSessionView', 'getBasemap']);
    expect([...client.matchAll(/preload\.(\w+)\(/g)].map((m) => m[1])).toEqual(['getSessionView', 'getBasemap']);
    expect([...client.matchAll(/\bfetch\(((?:loopbackPath|evidencePath)\([^)]*\)|[^,(]+)/g)].map((m) => m[1])).toEqual([
      "loopbackPath('getSessionView')",
      "loopbackPath('getBasemap')",
      'evidencePath(incident, sha256)',
    ]);
    expect([...client.matchAll(/events\.(on\w+)\(/g)].map((m) => m[1])).toEqual(['onSessionView']);
    expect(client).toContain('new EventSource(LOOPBACK_SESSION_EVENTS_PATH)');
  });
});
