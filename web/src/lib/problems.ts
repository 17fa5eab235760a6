import type { MessageId } from '../i18n/catalogs';
import type { Translate } from '../i18n/useT';

// Words for the machine codes the API sends beside its numbers. The API keeps the codes;
// people read the catalogs' messages (web/src/i18n/messages).

/** A bonus line below its minimum sample (`fallback` of a statement line), short form. */
export const FALLBACK_SHORT: Readonly<Record<string, MessageId>> = {
  segment: 'problems.fallback.segment',
  segment_below_min: 'problems.fallback.segmentBelowMin',
  neutral: 'problems.fallback.neutral',
  exclude: 'problems.fallback.exclude',
};

export const fallbackShort = (t: Translate, code: string): string =>
  t(FALLBACK_SHORT[code] ?? 'problems.fallback.other');

/** The plan editor's choices for a line below its minimum sample (`below_min`). */
export const BELOW_MIN_CHOICE: Readonly<Record<string, MessageId>> = {
  segment: 'problems.belowMin.segment',
  neutral: 'problems.belowMin.neutral',
  exclude: 'problems.belowMin.exclude',
};
