import { type Executor, RECOVERY_KINDS } from '@delight/db';
import { npsMoe, npsValue } from '../kpis/math';
import { Dec, roundMoney } from '../lib/decimal';
import type { Period } from '../lib/period';
import { formatScope, type ResolvedScope } from '../lib/scope';
import { effectivenessRows } from './queries';

export interface NpsFigure {
  value: number | null;
  n: number;
  moe: number | null;
}
export interface EffectivenessGroup {
  kind: string;
  /** valid complaints resolved in the period with this kind of action (or none) */
  n: number;
  uplift: { value: number | null; n: number };
  nps_after: NpsFigure;
  recovered_share: { value: number | null; n: number };
  cost: string;
  cost_per_recovered: string | null;
  recovered: number;
}

const nps = (p: number, d: number, n: number): NpsFigure => ({
  value: npsValue(p, d, n),
  n,
  moe: npsMoe(p, d, n),
});

/**
 * `GET /api/recovery/effectiveness`: per recovery kind and for the complaints with no
 * action (the baseline), the NPS uplift from before the complaint to after its
 * resolution, NPS after, share recovered and cost per recovered customer, each with
 * its n; and the recovery paradox with its margin of error (DESIGN.md, Closed loop).
 * Every kind of the spec is listed, with n = 0 where none was used.
 */
export async function recoveryEffectiveness(
  db: Executor,
  period: Period,
  scope: ResolvedScope,
  currency: string,
) {
  const { rows, paradox } = await effectivenessRows(db, period, scope, currency);
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  const group = (kind: string): EffectivenessGroup => {
    const r = byKind.get(kind);
    const n = r?.n ?? 0;
    const recovered = r?.recovered ?? 0;
    const cost = new Dec(r?.cost ?? 0);
    return {
      kind,
      n,
      uplift: {
        value: r && r.uplift_n > 0 ? r.uplift_sum! / r.uplift_n : null,
        n: r?.uplift_n ?? 0,
      },
      nps_after: nps(r?.after_promoters ?? 0, r?.after_detractors ?? 0, r?.after_n ?? 0),
      recovered_share: { value: n === 0 ? null : (100 * recovered) / n, n },
      recovered,
      cost: roundMoney(cost, currency),
      cost_per_recovered: recovered === 0 ? null : roundMoney(cost.div(recovered), currency),
    };
  };
  const recoveredAfter = nps(
    paradox.recovered_after_promoters,
    paradox.recovered_after_detractors,
    paradox.recovered_after_n,
  );
  const calm = nps(paradox.calm_promoters, paradox.calm_detractors, paradox.calm_n);
  const difference =
    recoveredAfter.value === null || calm.value === null ? null : recoveredAfter.value - calm.value;
  const moe =
    recoveredAfter.moe === null || calm.moe === null
      ? null
      : Math.sqrt(recoveredAfter.moe ** 2 + calm.moe ** 2);
  const verdict =
    difference === null || moe === null
      ? 'no_data'
      : difference - moe > 0
        ? 'holds'
        : difference + moe < 0
          ? 'reversed'
          : 'within_noise';
  const missing = rows.reduce((s, r) => s + r.missing_fx, 0);
  return {
    period: period.key,
    scope: formatScope(scope),
    currency,
    kinds: RECOVERY_KINDS.map(group),
    baseline: group('none'),
    paradox: {
      recovered_nps_after: recoveredAfter,
      no_complaint_nps: calm,
      difference,
      moe,
      verdict,
      text: paradoxText(verdict, difference, moe),
    },
    ...(missing > 0 ? { missing_fx_actions: missing } : {}),
  };
}

function paradoxText(verdict: string, difference: number | null, moe: number | null): string {
  if (difference === null || moe === null) {
    return 'There are not enough NPS answers after recovered complaints, or from customers without complaints, to test the recovery paradox in this period.';
  }
  const d = `${difference >= 0 ? '+' : ''}${difference.toFixed(1)}`;
  const m = `±${moe.toFixed(1)}`;
  switch (verdict) {
    case 'holds':
      return `The recovery paradox holds here: customers whose complaint was recovered score ${d} NPS points above customers without a complaint, more than the ${m} that chance explains.`;
    case 'reversed':
      return `The recovery paradox does not hold here: customers whose complaint was recovered score ${d} NPS points against customers without a complaint, beyond the ${m} of chance.`;
    default:
      return `The difference of ${d} NPS points is within the ${m} that chance explains: this data neither confirms nor refutes the recovery paradox.`;
  }
}
