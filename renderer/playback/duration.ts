const UNIT_SECONDS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, sec: 1, min: 60, m: 60, h: 3600, hr: 3600, d: 86_400, day: 86_400, days: 86_400 };

/** A typed trail length: seconds ("90"), or a number and a unit ("90 s", "1.5 min", "2 h", "1 d", "500 ms"). Throws a RangeError for anything else, zero included. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d*)?|\.\d+)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match && (match[2] === '' ? 1 : UNIT_SECONDS[match[2]!.toLowerCase()]);
  const seconds = match && unit ? Number(match[1]) * unit : NaN;
  if (!(seconds > 0 && Number.isFinite(seconds))) throw new RangeError(`trail length "${text}" is not a time like 90 s, 5 min or 2 h`);
  return seconds;
}

/** Seconds in the largest unit they fill: "45 s", "1.5 min", "2 h", "1 d". */
export function formatDuration(seconds: number): string {
  const [unit, size] = seconds >= 86_400 ? ['d', 86_400] : seconds >= 3600 ? ['h', 3600] : seconds >= 60 ? ['min', 60] : ['s', 1];
  return `${(seconds / size).toLocaleString('en', { maximumFractionDigits: 3 })} ${unit}`;
}
