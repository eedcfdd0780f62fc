import { useEffect, useMemo, useRef, useState } from 'react';
import type { PickingInfo } from '@deck.gl/core';
import { MapScreen, type MapScreenProps } from '../map/MapScreen';
import { CLASS_COLORS } from './class-colors';
import { filterValues } from './detection-attributes';
import type { DetectionFilter } from './detection-filter';
import { segmentMeets } from './evidence-segments';
import {
  detectionBuffers,
  evidenceLayers,
  evidencePick,
  staticDetectionAttributes,
  trackBuffers,
  type DetectionBuffers,
  type EvidencePick,
  type StaticDetectionAttributes,
  type TrackBuffers,
} from './evidence-layers';
import { EvidencePickCard } from './EvidencePickCard';
import type { PlaybackEvidence } from './playback-evidence';
import { useClockSnapshot } from './use-clock-snapshot';
import type { EvidencePlayback } from './use-evidence-playback';

export interface EvidenceMapProps extends Omit<MapScreenProps, 'overlayLayers' | 'onPick'> {
  readonly playback: EvidencePlayback;
  readonly filter: DetectionFilter;
}

interface BucketBuffers {
  readonly attributes: StaticDetectionAttributes;
  readonly tracks: TrackBuffers | undefined;
  /** For the class and sensor-kind masks it was built for. */
  detections?: { readonly masks: string; readonly buffers: DetectionBuffers };
}

/**
 * The map with the selected incident's evidence playing on it, one pair of layers per time bucket
 * (a bucket whose span misses the visible range is not drawn). The GPU buffers are built once per
 * bucket (the filter values once per class or sensor-kind change); each clock frame re-renders only
 * this component, with new uniforms for the same buffers.
 */
export function EvidenceMap({ playback, filter, children, ...map }: EvidenceMapProps) {
  const ready = playback.status === 'ready' ? playback : undefined;
  const evidence = ready?.evidence;
  const snapshot = useClockSnapshot(ready?.clock);
  const [pick, setPick] = useState<EvidencePick | undefined>();
  const buffers = useRef(new WeakMap<PlaybackEvidence, BucketBuffers>());
  useEffect(() => setPick(undefined), [ready?.clock]);

  const { classMask, sensorKindMask } = filter;
  const buckets = useMemo(() => {
    const masks = `${classMask}:${sensorKindMask}`;
    return (evidence?.segments ?? []).map((segment) => {
      let built = buffers.current.get(segment);
      if (!built) {
        built = {
          attributes: staticDetectionAttributes(segment.mapAttributes.positions, segment.mapAttributes.colors),
          tracks: segment.tracks && trackBuffers(segment.tracks),
        };
        buffers.current.set(segment, built);
      }
      if (built.detections?.masks !== masks) {
        built.detections = { masks, buffers: detectionBuffers(built.attributes, filterValues(segment.detections, { classMask, sensorKindMask, minConfidence: 0 })) };
      }
      return { segment, detections: built.detections.buffers, tracks: built.tracks };
    });
  }, [evidence, classMask, sensorKindMask]);

  const layers = useMemo(() => {
    if (!snapshot || buckets.length === 0) return undefined;
    const { fromS, toS } = snapshot.visible;
    return buckets.flatMap(({ segment, detections, tracks }, index) =>
      evidenceLayers({
        segment: index,
        visible: segmentMeets(segment, fromS, toS),
        detections,
        tracks: tracks && { buffers: tracks, trackClass: segment.tracks!.trackClass },
        colors: CLASS_COLORS,
        snapshot,
        filter,
      }),
    );
  }, [buckets, snapshot, filter]);

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
    <MapScreen {...map} {...(layers ? { overlayLayers: layers } : {})} onPick={onPick}>
      {children}
      {ready && pick && picked && map.selected && <EvidencePickCard incident={map.selected.id} evidence={picked} chunks={ready.chunks[pick.segment]!} pick={pick} onClose={() => setPick(undefined)} />}
    </MapScreen>
  );
}
