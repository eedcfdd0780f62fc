import type { ReactNode } from 'react';
import type { EvidencePlayback } from './use-evidence-playback';
import { VerifiedEvidenceBadge } from './VerifiedEvidenceBadge';

/** Under the map: what the selected incident's evidence playback is doing, and its controls once it plays. */
export function PlaybackDock({ playback, children }: { readonly playback: EvidencePlayback; readonly children?: ReactNode }) {
  switch (playback.status) {
    case 'none':
      return (
        <section className="playback-dock" aria-label="Evidence playback" data-testid="playback-none">
          <span className="muted">This incident lists no detections to play.</span>
        </section>
      );
    case 'loading':
      return (
        <section className="playback-dock" aria-label="Evidence playback" data-testid="playback-loading">
          {playback.chunks.length === 0 ? 'Loading the incident…' : `Loading verified evidence: ${playback.chunks.map((c) => c.name).join(', ')}…`}
        </section>
      );
    case 'refused':
      return (
        <section className="playback-dock refused" aria-label="Evidence playback" role="alert" data-testid="playback-refused">
          <strong>This evidence does not play.</strong> {playback.message}
        </section>
      );
    case 'ready':
      return (
        <section className="playback-dock" aria-label="Evidence playback" data-testid="playback-ready">
          <VerifiedEvidenceBadge buckets={playback.chunks} />
          {playback.loading && (
            <p className="playback-streaming" data-testid="playback-streaming">
              Streaming the evidence in: {playback.loading.done} of {playback.loading.total} chunks decoded; the rest are added as they arrive.
            </p>
          )}
          {children}
        </section>
      );
  }
}
