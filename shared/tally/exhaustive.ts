/**
 * Ends an exhaustive switch: a missing case fails to compile. Values from outside the types
 * (malformed input at run time) get the fallback: the tally reports, it does not throw.
 */
export function exhaustive<T>(_unhandled: never, fallback: T): T {
  return fallback;
}
