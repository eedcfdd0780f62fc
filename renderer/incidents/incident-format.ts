import type { DistanceBand, EvidenceRole, IncidentCategory, Modality } from '../../shared/objects/types';

/** In the order the queue's category filter lists them. */
export const CATEGORY_LABELS: Readonly<Record<IncidentCategory, string>> = {
  'artillery-fire': 'Artillery fire',
  'mlrs-fire': 'MLRS fire',
  'mortar-fire': 'Mortar fire',
  'small-arms-fire': 'Small-arms fire',
  'uav-incursion': 'UAV incursion',
  'heavy-weapons-in-zone': 'Heavy weapons in the zone',
  'vehicle-crossing': 'Vehicle crossing',
  other: 'Other',
};

export const MODALITY_LABELS: Readonly<Record<Modality, string>> = {
  sensor: 'Ground sensor',
  uav: 'UAV',
  satellite: 'Satellite',
  acoustic: 'Acoustic',
  radar: 'Radar',
  seismic: 'Seismic',
};

export const DISTANCE_BAND_LABELS: Readonly<Record<DistanceBand, string>> = {
  'under-1km': 'under 1 km',
  '1-5km': '1–5 km',
  '5-15km': '5–15 km',
  '15-40km': '15–40 km',
  'over-40km': 'over 40 km',
  unknown: 'unknown',
};

export const EVIDENCE_ROLE_LABELS: Readonly<Record<EvidenceRole, string>> = {
  detections: 'Detections',
  tracks: 'Tracks',
  image: 'Image',
  report: 'Report',
  other: 'Other',
};

/** A category the taxonomy of this build does not know is shown as sent, never hidden. */
export function categoryLabel(category: IncidentCategory): string {
  return CATEGORY_LABELS[category] ?? category;
}

function utcParts(timestamp: string): { readonly date: string; readonly time: string } {
  const iso = new Date(timestamp).toISOString();
  const seconds = iso.slice(17, 19);
  return { date: iso.slice(0, 10), time: seconds === '00' ? iso.slice(11, 16) : iso.slice(11, 19) };
}

/** "2026-11-22 19:00–19:40 UTC", or both dates when the window crosses midnight. */
export function formatUtcWindow(start: string, end: string): string {
  const from = utcParts(start);
  const to = utcParts(end);
  if (from.date === to.date) return `${from.date} ${from.time}–${to.time} UTC`;
  return `${from.date} ${from.time} – ${to.date} ${to.time} UTC`;
}

export function formatUtcTimestamp(timestamp: string): string {
  const { date, time } = utcParts(timestamp);
  return `${date} ${time} UTC`;
}

export function formatDuration(start: string, end: string): string {
  const minutes = Math.round((Date.parse(end) - Date.parse(start)) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export function formatKmAlongLine(km: number): string {
  return `km ${km.toFixed(1)}`;
}

export function formatUncertainty(metres: number): string {
  return metres < 1000 ? `± ${Math.round(metres)} m` : `± ${(metres / 1000).toFixed(1)} km`;
}

const BYTE_UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const;

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${BYTE_UNITS[unit]}`;
}

export const SHORT_HASH_LENGTH = 12;

export function shortHash(hex: string): string {
  return hex.length > SHORT_HASH_LENGTH ? `${hex.slice(0, SHORT_HASH_LENGTH)}…` : hex;
}

export function formatBearing(degrees: number | undefined): string {
  return degrees === undefined ? 'unknown' : `${String(degrees).padStart(3, '0')}°`;
}

export function formatConfidence(percent: number | undefined): string {
  return percent === undefined ? '—' : `${percent} %`;
}
