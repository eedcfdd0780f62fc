/**
 * The fixed dictionaries of the evidence schema. Their order is part of the format: a chunk's
 * dictionary indices mean these values, so the renderer can filter on the indices directly.
 */
export const SENSOR_KINDS = ['radar', 'acoustic', 'seismic', 'uav', 'satellite', 'optical'] as const;
export type SensorKind = (typeof SENSOR_KINDS)[number];

export const DETECTION_CLASSES = ['artillery', 'mortar', 'mlrs', 'uav', 'vehicle', 'personnel', 'aircraft', 'unknown'] as const;
export type DetectionClass = (typeof DETECTION_CLASSES)[number];

/** The track id of a detection that belongs to no track. */
export const NO_TRACK = -1;
