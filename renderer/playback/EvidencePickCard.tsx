import { DETECTION_CLASSES, NO_TRACK, SENSOR_KINDS } from '../../shared/evidence/evidence-vocabulary';
import type { ObjectId, Sha256Hex } from '../../shared/objects/types';
import { citeItem, isCited, type CitedItem } from '../assessment/citations';
import type { DraftStore } from '../assessment/draft-store';
import { useDraftSnapshot, useOpenDraft } from '../assessment/use-draft-store';
import type { EvidencePick } from './evidence-layers';
import { formatPlayheadSeconds } from './format-playhead';
import type { PlaybackEvidence } from './playback-evidence';
import type { ChunkPair, VerifiedChunk } from './use-evidence-playback';

export interface EvidencePickCardProps {
  readonly incident: ObjectId;
  readonly evidence: PlaybackEvidence;
  /** The picked bucket's chunks. */
  readonly chunks: ChunkPair<VerifiedChunk>;
  readonly pick: EvidencePick;
  readonly onClose: () => void;
}

interface Described {
  readonly title: string;
  readonly rows: readonly (readonly [string, string])[];
  readonly cite: CitedItem | undefined;
}

function describe({ evidence, chunks, pick }: EvidencePickCardProps): Described {
  const chunkOf = (role: VerifiedChunk['role']) => (role === 'detections' ? chunks.detections : chunks.tracks);
  if (pick.kind === 'detection') {
    const d = evidence.detections;
    const row = pick.row;
    const chunk = chunkOf('detections');
    const track = d.trackId[row]!;
    return {
      title: `Detection · ${DETECTION_CLASSES[d.detectionClass[row]!]}`,
      rows: [
        ['sensor', `${d.sensorIds[d.sensorIndex[row]!] ?? '?'} (${SENSOR_KINDS[d.sensorKind[row]!]})`],
        ['confidence', `${d.confidence[row]} %`],
        ['time', formatPlayheadSeconds(evidence.windowStartMs, d.seconds[row]!)],
        ['track', track === NO_TRACK ? 'none' : String(track)],
        ['position', `${d.lat[row]!.toFixed(5)}°, ${d.lon[row]!.toFixed(5)}°`],
        ['evidence row', `${chunk?.name ?? 'detections'} row ${d.chunkRow[row]}`],
      ],
      cite: chunk && { chunk: chunk.sha256 as Sha256Hex, kind: 'detection', ref: d.chunkRow[row]! },
    };
  }
  const t = evidence.tracks!;
  const chunk = chunkOf('tracks');
  const first = t.startIndices[pick.index]!;
  const end = t.startIndices[pick.index + 1]!;
  const span = end > first ? `${formatPlayheadSeconds(evidence.windowStartMs, t.timestamps[first]!)} – ${formatPlayheadSeconds(evidence.windowStartMs, t.timestamps[end - 1]!)}` : 'no vertices';
  return {
    title: `Track ${t.trackId[pick.index]} · ${DETECTION_CLASSES[t.trackClass[pick.index]!]}`,
    rows: [
      ['track id', String(t.trackId[pick.index])],
      ['vertices', String(end - first)],
      ['time', span],
      ['evidence', chunk?.name ?? 'tracks'],
    ],
    cite: chunk && { chunk: chunk.sha256 as Sha256Hex, kind: 'track', ref: t.trackId[pick.index]! },
  };
}

/** What a click on the evidence picked, and "Cite", which puts it into the delegation's draft assessment. */
export function EvidencePickCard(props: EvidencePickCardProps) {
  const { title, rows, cite } = describe(props);
  const drafts = useOpenDraft();
  return (
    <aside className="evidence-pick" aria-label="Picked evidence" data-testid="evidence-pick">
      <header>
        <strong data-testid="evidence-pick-title">{title}</strong>
        <button type="button" className="link" aria-label="Close" onClick={props.onClose}>
          ×
        </button>
      </header>
      <dl>
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd data-testid={`evidence-pick-${term.replace(/ /g, '-')}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {cite && (drafts?.incident === props.incident ? <CiteButton drafts={drafts} item={cite} /> : <NoDraftToCite />)}
    </aside>
  );
}

function CiteButton({ drafts, item }: { readonly drafts: DraftStore; readonly item: CitedItem }) {
  const cited = isCited(useDraftSnapshot(drafts).draft.citations, item);
  return (
    <button type="button" data-testid="evidence-cite" disabled={cited} onClick={() => drafts.edit((d) => ({ ...d, citations: citeItem(d.citations, item) }))}>
      {cited ? 'Cited in your draft' : 'Cite in my assessment'}
    </button>
  );
}

function NoDraftToCite() {
  return (
    <>
      <button type="button" data-testid="evidence-cite" disabled aria-describedby="evidence-cite-why">
        Cite in my assessment
      </button>
      <p id="evidence-cite-why" className="muted">
        No draft of yours is open for this round: your assessment is sealed and the reveal is open, or this workstation acts for no assessing delegation.
      </p>
    </>
  );
}
