import { parseEvidencePath } from '../ipc/evidence-route';
import type { SessionView } from './session-view';

/**
 * Why the room may not fetch this evidence path now, or `undefined` when it names a chunk of the
 * item on the room screen (or no chunk at all): the session window plays the current agenda item's evidence and nothing
 * else (none while the screen is blank).
 */
export function sessionEvidenceRefusal(view: SessionView, path: string): string | undefined {
  const route = parseEvidencePath(path);
  if (!route.ok) return undefined; // not a chunk at all: the evidence route answers it with 400
  if (view.screen === 'blank') return 'the room screen is blank: it plays no evidence';
  const current = view.current;
  if (current === null) return 'the agenda has no current item: the room plays no evidence';
  if (current.incident !== route.incident || !current.evidence.some((chunk) => chunk.sha256 === route.sha256)) {
    return "the room plays only the current agenda item's evidence";
  }
  return undefined;
}
