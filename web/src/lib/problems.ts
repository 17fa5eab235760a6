// Texts for the machine codes the API sends beside its numbers (one module, so the
// translation catalogs can take them over). The API keeps the codes; people read these.

/** A bonus line below its minimum sample (`fallback` of a statement line), short form. */
export const FALLBACK_SHORT: Record<string, string> = {
  segment: "below the minimum sample: your segment's value is used",
  segment_below_min: 'below the minimum sample, and your segment has too few as well: pays 100 %',
  neutral: 'below the minimum sample: pays 100 %',
  exclude: 'below the minimum sample: left out, the other weights are scaled up',
};

export const fallbackShort = (code: string): string =>
  FALLBACK_SHORT[code] ?? 'below the minimum sample';

/** The plan editor's choices for a line below its minimum sample (`below_min`). */
export const BELOW_MIN_CHOICE: Record<string, string> = {
  segment: "use the segment's value",
  neutral: 'pay 100 %',
  exclude: 'leave the line out',
};
