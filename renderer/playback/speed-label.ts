import { formatDuration } from './duration';
import { formatSpeed } from './playback-speed';

/** A speed as the speed menu shows it: the factor, and from a minute per second up also the evidence time per second ("3,600× · 1 h/s"). */
export function speedLabel(speed: number): string {
  return speed >= 60 ? `${formatSpeed(speed)} · ${formatDuration(speed)}/s` : formatSpeed(speed);
}
