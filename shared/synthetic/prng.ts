// Every generator here works on 32-bit integers only (Math.imul, >>>, |0): the same seed yields the
// same numbers on every engine and machine. Nothing in shared/synthetic/ may call Math.random.

const GOLDEN_GAMMA = 0x9e3779b9;
const TWO_POW_32 = 4_294_967_296;
const SQRT_3 = Math.sqrt(3);

/** The murmur3 32-bit finalizer: a bijective avalanche mix of one 32-bit word. */
export function mix32(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A 32-bit hash of up to four 32-bit words, for deriving independent random streams from keys. */
export function hashWords(a: number, b: number, c = 0, d = 0): number {
  let h = mix32(a + GOLDEN_GAMMA);
  h = mix32(h ^ (b + Math.imul(GOLDEN_GAMMA, 2)));
  h = mix32(h ^ (c + Math.imul(GOLDEN_GAMMA, 3)));
  return mix32(h ^ (d + Math.imul(GOLDEN_GAMMA, 4)));
}

/** Uniform draws and the distributions built on them; implemented by both generators below. */
export abstract class RandomSource {
  /** The next uniform 32-bit unsigned integer. */
  abstract nextUint32(): number;

  /** Uniform in [0, 1), 32 bits of resolution. */
  float(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** Uniform integer in [min, max] (inclusive). */
  integer(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[Math.floor(this.float() * items.length)]!;
  }

  /**
   * Approximately standard normal: the Irwin–Hall sum of four uniforms, rescaled to unit variance.
   * It needs no transcendental function and is bounded by ±2√3 ≈ ±3.46, which keeps every
   * synthetic error inside a known multiple of its σ.
   */
  normal(): number {
    return (this.float() + this.float() + this.float() + this.float() - 2) * SQRT_3;
  }

  /** Poisson-distributed count by inversion; fine for the small means used here (< 50). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.float();
    while (product > limit) {
      count++;
      product *= this.float();
    }
    return count;
  }
}

/**
 * sfc32, Chris Doty-Humphrey's Small Fast Counting generator (PractRand): 128-bit state, a 32-bit
 * counter guaranteeing a period of at least 2^32, seeded from one 32-bit seed through splitmix32
 * and warmed up by 12 discarded outputs. Used for the sequential construction of a scenario.
 */
export class Sfc32 extends RandomSource {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(seed: number) {
    super();
    const seeder = new KeyedRandom(seed >>> 0, 0x5fc32);
    this.a = seeder.nextUint32() | 0;
    this.b = seeder.nextUint32() | 0;
    this.c = seeder.nextUint32() | 0;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
}

/**
 * splitmix32 (a Weyl sequence through the murmur3 finalizer) started from a hash of keys: a
 * counter-based stream. Keying it by (seed, object, observation) gives every observation its own
 * numbers, so output does not depend on the order in which objects or time slices are visited.
 * `reset` re-keys the same instance without allocating.
 */
export class KeyedRandom extends RandomSource {
  private state: number;

  constructor(a: number, b: number, c = 0, d = 0) {
    super();
    this.state = hashWords(a, b, c, d);
  }

  reset(a: number, b: number, c = 0, d = 0): this {
    this.state = hashWords(a, b, c, d);
    return this;
  }

  nextUint32(): number {
    this.state = (this.state + GOLDEN_GAMMA) | 0;
    return mix32(this.state);
  }
}
