import { useEffect, useMemo, useState } from 'react';
import type { PickingInfo } from '@deck.gl/core';
import { MapScreen, type MapScreenProps } from '../map/MapScreen';
import { CLASS_COLORS } from './class-colors';
import { classColors, filterValues, interleavedPositions } from './detection-attributes';
import type { DetectionFilter } from './detection-filter';
import { detectionBuffers, evidenceLayers, evidencePick, trackBuffers, type EvidencePick } from './evidence-layers';
import { EvidencePickCard } from './EvidencePickCard';
import { useClockSnapshot } from './use-clock-snapshot';
import type { EvidencePlayback } from './use-evidence-playback';

export interface EvidenceMapProps extends Omit<MapScreenProps, 'overlayLayers' | 'onPick'> {
  readonly playback: EvidencePlayback;
  readonly filter: DetectionFilter;
}

/**
 * The map with the selected incident's evidence playing on it. The GPU buffers are built once per
 * decode (and the filter values once per class or sensor-kind change); each clock frame re-renders
 * only this component, with new uniforms for the same buffers.
 */
export function EvidenceMap({ playback, filter, children, ...map }: EvidenceMapProps) {
  const ready = playback.status === 'ready' ? playback : undefined;
  const evidence = ready?.evidence;
  const snapshot = useClockSnapshot(ready?.clock);
  const [pick, setPick] = useState<EvidencePick | undefined>();
  useEffect(() => setPick(undefined), [evidence]);

  const base = useMemo(
    () => evidence && { positions: interleavedPositions(evidence.detections), colors: classColors(evidence.detections, CLASS_COLORS), tracks: evidence.tracks && trackBuffers(evidence.tracks) },
    [evidence],
  );
  const { classMask, sensorKindMask } = filter;
  const detections = useMemo(
    () => evidence && base && detectionBuffers(base.positions, base.colors, filterValues(evidence.detections, { classMask, sensorKindMask, minConfidence: 0 })),
    [evidence, base, classMask, sensorKindMask],
  );
  const layers = useMemo(
    () =>
      evidence && base && detections && snapshot
        ? evidenceLayers({ detections, tracks: base.tracks && { buffers: base.tracks, trackClass: evidence.tracks!.trackClass }, colors: CLASS_COLORS, snapshot, filter })
        : undefined,
    [evidence, base, detections, snapshot, filter],
  );

  const onPick = (info: PickingInfo) => {
    if (!ready) return;
    if (snapshot?.playing) {
      ready.clock.pause();
      return;
    }
    setPick(evidencePick(info));
  };

  return (
    <MapScreen {...map} {...(layers ? { overlayLayers: layers } : {})} onPick={onPick}>
      {children}
      {ready && pick && map.selected && <EvidencePickCard incident={map.selected.id} evidence={ready.evidence} chunks={ready.chunks} pick={pick} onClose={() => setPick(undefined)} />}
    </MapScreen>
  );
}
