/** Playback speeds, as seconds of evidence per second of wall time. */
export const MIN_SPEED = 0.1;
/** A day per second. */
export const MAX_SPEED = 86_400;
export const SPEED_PRESETS: readonly number[] = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 600, 1800, 3600, 7200, 21_600, 43_200, 86_400];

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, sec: 1, min: 60, m: 60, h: 3600, hr: 3600, d: 86_400, day: 86_400 };

/** The speed itself, or a RangeError saying why it is refused. */
export function checkSpeed(speed: number): number {
  if (!Number.isFinite(speed)) throw new RangeError(`playback speed ${speed} is not a number`);
  if (speed < MIN_SPEED || speed > MAX_SPEED) throw new RangeError(`playback speed ${formatSpeed(speed)} is outside ${formatSpeed(MIN_SPEED)} to ${formatSpeed(MAX_SPEED)}`);
  return speed;
}

/**
 * A typed speed: a factor ("2", "0.5x", "3,600×") or evidence time per second ("1 min/s",
 * "6 h/s", "1 day/s"). Throws a RangeError for anything else or anything out of bounds.
 */
export function parseSpeed(text: string): number {
  const trimmed = text.trim().replace(/(?<=\d),(?=\d{3})/g, '');
  const factor = /^(\d+(?:\.\d*)?|\.\d+)\s*[x×]?$/i.exec(trimmed);
  if (factor) return checkSpeed(Number(factor[1]));
  const perSecond = /^(\d+(?:\.\d*)?|\.\d+)\s*([a-z]+)\s*\/\s*s$/i.exec(trimmed);
  const unit = perSecond && UNIT_SECONDS[perSecond[2]!.toLowerCase()];
  if (perSecond && unit) return checkSpeed(Number(perSecond[1]) * unit);
  throw new RangeError(`playback speed "${text}" is not a number like 2, 0.5× or 1 day/s`);
}

/** The next preset above (direction 1) or below (−1) `speed`, or `speed` itself at the end of the presets. */
export function adjacentPresetSpeed(speed: number, direction: 1 | -1): number {
  if (direction === 1) return SPEED_PRESETS.find((preset) => preset > speed) ?? speed;
  return [...SPEED_PRESETS].reverse().find((preset) => preset < speed) ?? speed;
}

export function formatSpeed(speed: number): string {
  return `${speed.toLocaleString('en', { maximumFractionDigits: 3 })}×`;
}
