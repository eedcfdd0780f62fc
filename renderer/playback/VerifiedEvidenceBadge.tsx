import type { ChunkPair, VerifiedChunk } from './use-evidence-playback';

/** Says that what plays is verified evidence, with the chunks' hashes on demand. */
export function VerifiedEvidenceBadge({ buckets }: { readonly buckets: readonly ChunkPair<VerifiedChunk>[] }) {
  const chunks = buckets.flatMap((b): VerifiedChunk[] => (b.tracks ? [b.detections, b.tracks] : [b.detections]));
  return (
    <details className="verified-evidence" data-testid="verified-evidence">
      <summary>✓ Playing verified evidence</summary>
      <div className="verified-evidence-body">
        <p>Each chunk's SHA-256 matched the signed incident's evidence list before it was handed to the map.</p>
        <ul>
          {chunks.map((chunk) => (
            <li key={chunk.sha256}>
              {chunk.name} ({chunk.role}, {chunk.size.toLocaleString('en')} bytes)
              <code>{chunk.sha256}</code>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
