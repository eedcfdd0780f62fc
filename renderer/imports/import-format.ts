import type { ImportProgressView } from '../../shared/commission/views';
import { formatBytes } from '../incidents/incident-format';

/** "412 of 633 objects · 690 MiB of 1.0 GiB · 168 MiB/s · 2 s left" */
export function describeProgress(p: ImportProgressView): string {
  const parts = [`${p.objectsDone} of ${p.objectsTotal} objects`, `${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`];
  if (p.bytesPerSecond > 0) parts.push(`${formatBytes(p.bytesPerSecond)}/s`);
  if (p.secondsLeft !== null) parts.push(`${formatSeconds(p.secondsLeft)} left`);
  return parts.join(' · ');
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.ceil(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Share of the pack done, 0–1: by bytes when the pack has any, else by objects. */
export function progressFraction(p: ImportProgressView): number {
  if (p.phase === 'done') return 1;
  const fraction = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : p.objectsTotal > 0 ? p.objectsDone / p.objectsTotal : 0;
  return Math.min(1, Math.max(0, fraction));
}
