/** One fuzz property run by a benchmark: how many generated cases, how long. */
export interface PropertyRun {
  readonly name: string;
  readonly numRuns: number;
  readonly ms: number;
}
