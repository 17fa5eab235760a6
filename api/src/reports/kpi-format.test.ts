import { describe, expect, it } from 'vitest';
import { formatterFor } from '../i18n/format';
import type { KpiAnswer, KpiKey } from '../kpis/types';
import { kpiCards } from './kpi-format';

const fmt = formatterFor('en');

/** An answer whose KPIs are `[now, before]` as given, others without a value (n = 10). */
function answer(
  values: Partial<Record<KpiKey, [number | null, number | null]>>,
  significant: Partial<Record<KpiKey, boolean>> = {},
): KpiAnswer {
  const kpi = (k: KpiKey) => {
    const [value, previous] = values[k] ?? [null, null];
    const change = { delta: null, margin: null, significant: significant[k] ?? null, text: null };
    return { value, n: 10, previous: { value: previous, n: 10 }, change };
  };
  return {
    period: '2026-Q1',
    scope: 'company',
    previous_period: '2025-Q4',
    kpis: {
      nps: { ...kpi('nps'), moe: 12.5, promoters: 0, detractors: 0 },
      csat: kpi('csat'),
      ces: kpi('ces'),
      first_response_h: kpi('first_response_h'),
      resolution_h: kpi('resolution_h'),
      follow_up_rate: kpi('follow_up_rate'),
      recovery_rate: kpi('recovery_rate'),
      retention_rate: kpi('retention_rate'),
      detractor_contact_rate: kpi('detractor_contact_rate'),
      detractor_contact_h: kpi('detractor_contact_h'),
      held_dissatisfied_rate: kpi('held_dissatisfied_rate'),
      acquired: kpi('acquired'),
    },
    complaints_unfounded: 0,
    complaints_pending: 0,
  };
}

describe('KPI cards', () => {
  it('say better or worse by the KPI’s direction, and flat when the change rounds to zero', () => {
    const cards = kpiCards(
      answer({ nps: [10, 4], resolution_h: [30, 20], csat: [50.04, 50] }),
      fmt,
      ['nps', 'resolution_h', 'csat', 'ces'],
    );
    expect(cards.map((c) => c.change?.tone ?? null)).toEqual(['better', 'worse', 'flat', null]);
    expect(cards[0]!.change!.text).toBe('+6.0 vs Q4 2025 (4.0)');
    expect(cards[0]!.margin).toBe('± 12.5');
    expect(cards[1]!.change!.text).toBe('+10.0 vs Q4 2025 (20.0 hr)');
    expect(cards[3]!.noChange).toBe('no value for Q4 2025 to compare with');
  });

  it('carry the significance of a change for the card to show', () => {
    const [card] = kpiCards(answer({ nps: [10, 4] }), fmt, ['nps'], () => 'within_noise');
    expect(card!.change!.significance).toBe('within_noise');
    expect(card!.change!.noiseWord).toBe('within noise');
  });

  it('take the significance from the answer’s own test of each change', () => {
    const cards = kpiCards(
      answer({ nps: [10, 4], csat: [60, 50], ces: [5, 4] }, { nps: false, csat: true }),
      fmt,
      ['nps', 'csat', 'ces'],
    );
    expect(cards.map((c) => c.change?.significance)).toEqual(['within_noise', 'significant', null]);
  });
});
