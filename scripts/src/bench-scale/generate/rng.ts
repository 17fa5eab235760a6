/**
 * Counter-based randomness: every row draws from its own small generator seeded by
 * (seed, stream, row index), so a row's values never depend on how many rows came
 * before it, on chunk sizes or on which file is written first. mulberry32 for the draws;
 * a murmur3 finaliser mixes the keys. Nothing here touches Math.random or the clock.
 */

function mix(h: number): number {
  let x = h >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The independent streams of the generator (one per kind of row). */
export const STREAM = {
  segment: 1,
  employee: 2,
  customer: 3,
  revenue: 4,
  response: 5,
  complaint: 6,
  incrementResponse: 7,
  incrementComplaint: 8,
} as const;

export class RowRng {
  private state: number;

  constructor(seed: number, stream: number, index: number) {
    this.state = mix(mix(mix(seed ^ 0x9e3779b9) ^ stream) ^ index);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform real in [min, max). */
  real(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Standard normal by Box–Muller. */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  logNormal(median: number, spread: number): number {
    return median * Math.exp(this.normal(0, spread));
  }
}
