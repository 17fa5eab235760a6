/**
 * Signals for review (DESIGN.md, Fair numbers on small samples): patterns that may mean
 * solicited or gamed scores. Pure thresholds and the binomial tail; they only flag an
 * employee for a person to look at and never change pay.
 */

export const TOP_BOX_MIN_N = 20;
export const TOP_BOX_P = 0.001;
export const REPEAT_MIN_N = 10;
/** more than 30 % of the answers from one customer */
export const REPEAT_SHARE = { num: 3, den: 10 };
export const BURST_MIN = 5;
export const BURST_WINDOW_MINUTES = 10;
export const UNFOUNDED_MIN = 3;

const logFactorials: number[] = [0];
/** ln(n!), as a running sum of logs (exact enough for a probability, never for pay). */
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) {
    logFactorials.push(logFactorials[i - 1]! + Math.log(i));
  }
  return logFactorials[n]!;
}

/**
 * P(X ≥ k) for X ~ Binomial(n, p), summed in log space (log-sum-exp), so a tail of
 * 1e-30 neither underflows to 0 early nor loses its digits.
 */
export function binomialTail(n: number, k: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  const terms: number[] = [];
  for (let i = k; i <= n; i++) {
    terms.push(logFactorial(n) - logFactorial(i) - logFactorial(n - i) + i * lp + (n - i) * lq);
  }
  const max = Math.max(...terms);
  const sum = terms.reduce((s, t) => s + Math.exp(t - max), 0);
  return Math.min(1, Math.exp(max + Math.log(sum)));
}

/**
 * `top_box_anomaly`: n ≥ 20 NPS answers and the probability of at least their promoter
 * count, at their segment's promoter share without them, below 0.001. Null: not
 * testable (too few answers, or no segment answers to compare with).
 */
export function topBoxAnomaly(
  n: number,
  promoters: number,
  segmentN: number,
  segmentPromoters: number,
): { flagged: boolean; probability: number | null; segment_share: number | null } {
  if (segmentN === 0) return { flagged: false, probability: null, segment_share: null };
  const share = segmentPromoters / segmentN;
  if (n < TOP_BOX_MIN_N) return { flagged: false, probability: null, segment_share: share };
  const probability = binomialTail(n, promoters, share);
  return { flagged: probability < TOP_BOX_P, probability, segment_share: share };
}

/** `repeat_customer`: n ≥ 10 and one customer gave more than 30 % of the answers (exact). */
export const repeatCustomer = (n: number, fromOneCustomer: number): boolean =>
  n >= REPEAT_MIN_N && fromOneCustomer * REPEAT_SHARE.den > n * REPEAT_SHARE.num;

/** `burst`: 5 or more answers within one 10-minute window [t, t + 10 min). */
export const burst = (answersInWindow: number): boolean => answersInWindow >= BURST_MIN;

/**
 * `unfounded_share`: at least 3 complaints handled and the share judged unfounded more
 * than twice the segment's share (compared exactly, in integers).
 */
export function unfoundedShare(
  handled: number,
  unfounded: number,
  segmentHandled: number,
  segmentUnfounded: number,
): boolean {
  if (handled < UNFOUNDED_MIN || segmentHandled === 0) return false;
  // unfounded / handled > 2 × segmentUnfounded / segmentHandled
  return unfounded * segmentHandled > 2 * segmentUnfounded * handled;
}
