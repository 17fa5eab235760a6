/**
 * Counter-based randomness: every row draws from its own generator seeded by
 * (seed, stream, row index), so a row's values never depend on how many rows came
 * before it, on chunk sizes or on which file is written first. The draws are the demo's
 * seeded Rng (mulberry32); a murmur3 finaliser mixes the keys into its seed.
 */
import { Rng } from '../../demo/random';

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

export type RowRng = Rng;

/** The generator of one row of one stream. */
export function rowRng(seed: number, stream: number, index: number): Rng {
  return new Rng(mix(mix(mix(seed ^ 0x9e3779b9) ^ stream) ^ index));
}
