import { useEffect, useMemo, useState } from 'react';
import type { PickingInfo } from '@deck.gl/core';
import { MapScreen, type MapScreenProps } from '../map/MapScreen';
import { bucketLayers, shaderWarmUpLayers } from './bucket-layers';
import type { DetectionFilter } from './detection-filter';
import { evidencePick, type EvidencePick } from './evidence-layers';
import { EvidencePickCard } from './EvidencePickCard';
import { useClockSnapshot } from './use-clock-snapshot';
import { useOnePerFrame, useSliceHandOver } from './use-slice-hand-over';
import type { EvidencePlayback } from './use-evidence-playback';

export interface EvidenceMapProps extends Omit<MapScreenProps, 'overlayLayers' | 'onPick'> {
  readonly playback: EvidencePlayback;
  readonly filter: DetectionFilter;
}

/**
 * The map with the selected incident's evidence playing on it, layers per time bucket in slices
 * handed to deck.gl one per frame (a slice whose span misses the visible range is not drawn), and
 * from the start the hidden layers that compile the evidence's shaders before any evidence arrives.
 * The GPU buffers are built once per bucket, in the decoder's worker; each clock frame and each
 * filter change re-renders only this component, with new uniforms for the same buffers.
 */
export function EvidenceMap({ playback, filter, children, ...map }: EvidenceMapProps) {
  const ready = playback.status === 'ready' ? playback : undefined;
  const evidence = ready?.evidence;
  const snapshot = useClockSnapshot(ready?.clock);
  const [pick, setPick] = useState<EvidencePick | undefined>();
  useEffect(() => setPick(undefined), [ready?.clock]);

  const handed = useSliceHandOver(evidence?.segments);
  const allWarmUp = useMemo(() => shaderWarmUpLayers(), []);
  // One layer's shaders a frame: each compile is a task of its own.
  const warmedUp = useOnePerFrame(allWarmUp, allWarmUp.length);
  const warmUp = useMemo(() => allWarmUp.slice(0, warmedUp), [allWarmUp, warmedUp]);
  const layers = useMemo(
    () => (snapshot && evidence && evidence.segments.length > 0 ? [...warmUp, ...bucketLayers(evidence.segments, snapshot, filter, handed)] : warmUp),
    [warmUp, evidence, snapshot, filter, handed],
  );

  const onPick = (info: PickingInfo) => {
    if (!ready) return;
    if (snapshot?.playing) {
      ready.clock.pause();
      return;
    }
    setPick(evidencePick(info));
  };

  const picked = ready && pick && ready.evidence.segments[pick.segment];
  return (
    <MapScreen {...map} overlayLayers={layers} onPick={onPick}>
      {children}
      {ready && pick && picked && map.selected && <EvidencePickCard incident={map.selected.id} evidence={picked} chunks={ready.chunks[pick.segment]!} pick={pick} onClose={() => setPick(undefined)} />}
    </MapScreen>
  );
}
