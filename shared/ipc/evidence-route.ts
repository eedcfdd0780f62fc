import type { ObjectId } from '../objects/types';

/**
 * Where the page fetches one verified evidence chunk as binary: `/evidence/<incident id>/<chunk
 * sha256>` on the page's own origin, in either host (the loopback server, Electron's app scheme).
 */
export const EVIDENCE_PATH_PREFIX = '/evidence/';

const HEX64 = /^[0-9a-f]{64}$/;

export function evidencePath(incident: ObjectId, sha256: string): string {
  return `${EVIDENCE_PATH_PREFIX}${incident}/${sha256}`;
}

export type EvidenceRoute = { readonly ok: true; readonly incident: ObjectId; readonly sha256: string } | { readonly ok: false; readonly reason: string };

/** The incident and chunk a decoded request path under EVIDENCE_PATH_PREFIX names, or why it names none. */
export function parseEvidencePath(path: string): EvidenceRoute {
  const parts = path.slice(EVIDENCE_PATH_PREFIX.length).split('/');
  if (!path.startsWith(EVIDENCE_PATH_PREFIX) || parts.length !== 2) return { ok: false, reason: 'an evidence path is /evidence/<incident id>/<chunk sha256>' };
  const [incident, sha256] = parts as [string, string];
  if (!HEX64.test(incident)) return { ok: false, reason: 'the incident id must be 64 lowercase hex characters' };
  if (!HEX64.test(sha256)) return { ok: false, reason: 'the chunk SHA-256 must be 64 lowercase hex characters' };
  return { ok: true, incident: incident as ObjectId, sha256 };
}
