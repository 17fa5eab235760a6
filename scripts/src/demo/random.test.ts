import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from './random';

describe('Rng', () => {
  it('repeats its stream for a seed and differs between seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(xs);
  });

  it('stays in range for next, int (inclusive) and pick', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), fc.nat(20), (seed, lo, w) => {
        const r = new Rng(seed);
        for (let i = 0; i < 50; i++) {
          const x = r.next();
          expect(x >= 0 && x < 1).toBe(true);
          const n = r.int(lo, lo + w);
          expect(Number.isInteger(n) && n >= lo && n <= lo + w).toBe(true);
        }
      }),
    );
  });

  it('hits both ends of int and every item of pick', () => {
    const r = new Rng(1);
    const seen = new Set(Array.from({ length: 500 }, () => r.int(1, 6)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(Array.from({ length: 200 }, () => r.pick(['a', 'b', 'c']))).size).toBe(3);
  });

  it('draws with the asked proportions and means (10 000 draws, loose bounds)', () => {
    const r = new Rng(7);
    const N = 10_000;
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < N; i++) counts[r.weighted({ a: 0.5, b: 0.3, c: 0.2 })]++;
    expect(counts.a / N).toBeCloseTo(0.5, 1);
    expect(counts.b / N).toBeCloseTo(0.3, 1);
    expect(counts.c / N).toBeCloseTo(0.2, 1);
    const normals = Array.from({ length: N }, () => r.normal(3, 2));
    const mean = normals.reduce((s, x) => s + x, 0) / N;
    const sd = Math.sqrt(normals.reduce((s, x) => s + (x - mean) ** 2, 0) / N);
    expect(mean).toBeCloseTo(3, 1);
    expect(sd).toBeCloseTo(2, 1);
    const poisson = Array.from({ length: N }, () => r.poisson(0.8));
    expect(poisson.reduce((s, x) => s + x, 0) / N).toBeCloseTo(0.8, 1);
    const logs = Array.from({ length: N }, () => r.logNormal(100, 0.5)).sort((x, y) => x - y);
    expect(logs[N / 2]! / 100).toBeCloseTo(1, 1);
  });

  it('shuffles into a permutation and forks independent, repeatable streams', () => {
    const r = new Rng(3);
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(r.shuffle(items).sort()).toEqual(items);
    const f1 = new Rng(9).fork('x');
    const f2 = new Rng(9).fork('x');
    const f3 = new Rng(9).fork('y');
    const first = f1.next();
    expect(f2.next()).toBe(first);
    expect(f3.next()).not.toBe(first);
  });
});
