import { describe, expect, it } from 'vitest';
import { segmentsShown } from './board-pack-pdf';

describe('segments on the board pack', () => {
  it('are all shown up to 30, else the 15 best and the 15 worst', () => {
    const few = Array.from({ length: 30 }, (_, i) => i);
    expect(segmentsShown(few)).toEqual({ shown: few, hidden: 0 });
    const many = Array.from({ length: 47 }, (_, i) => i);
    const { shown, hidden } = segmentsShown(many);
    expect(hidden).toBe(17);
    expect(shown).toEqual([...many.slice(0, 15), ...many.slice(32)]);
    expect(shown).toContain(46);
  });
});
