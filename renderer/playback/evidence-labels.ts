import { DETECTION_CLASSES, SENSOR_KINDS, type DetectionClass, type SensorKind } from '../../shared/evidence/evidence-vocabulary';

export const DETECTION_CLASS_LABELS: Readonly<Record<DetectionClass, string>> = {
  artillery: 'Artillery',
  mortar: 'Mortar',
  mlrs: 'MLRS',
  uav: 'UAV',
  vehicle: 'Vehicle',
  personnel: 'Personnel',
  aircraft: 'Aircraft',
  unknown: 'Unknown',
};

export const SENSOR_KIND_LABELS: Readonly<Record<SensorKind, string>> = {
  radar: 'Radar',
  acoustic: 'Acoustic',
  seismic: 'Seismic',
  uav: 'UAV',
  satellite: 'Satellite',
  optical: 'Optical',
};

export function detectionClassLabel(index: number): string {
  const name = DETECTION_CLASSES[index];
  return name ? DETECTION_CLASS_LABELS[name] : `class ${index}`;
}

export function sensorKindLabel(index: number): string {
  const name = SENSOR_KINDS[index];
  return name ? SENSOR_KIND_LABELS[name] : `sensor kind ${index}`;
}
