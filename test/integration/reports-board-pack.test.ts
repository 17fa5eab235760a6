import type { KpiAnswer, KpiBreakdown, KpiKey, KpiResult, KpiTrend } from '@delight/api/kpis';
import type { CLOSED_LOOP_KPIS } from '@delight/api/kpis/types';
import type { MoneyFigure } from '@delight/api/money/math';
import type { MoneyAnswer } from '@delight/api/money/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { goldenExpected, importGolden } from '../src/golden';
import {
  fixed,
  holds,
  money,
  pdfLines,
  pdfPages,
  percent,
  printed,
  requirePdftotext,
  signed,
} from '../src/pdf';

/**
 * The executive board pack holds exactly the figures the JSON API answers for the same
 * period, scope and caller — read back from the PDF with pdftotext, each figure formatted
 * here independently (decimal.js half-even, English grouping) — and those API figures
 * are the golden set's.
 */

interface GoldenScope {
  kpis: Record<KpiKey, { value: number | null; n: number; moe?: number }> & {
    nps: { value: number; n: number; moe: number };
  };
  figures: Record<Exclude<MoneyFigure, 'ttm_revenue' | 'recovery_roi'>, string>;
}
const Q = '2026-Q1';
const golden = goldenExpected();

/** the board pack's cards: the eight KPIs of the spec (the closed loop's have their own pages) */
const KPI_LABEL: Record<Exclude<KpiKey, (typeof CLOSED_LOOP_KPIS)[number]>, string> = {
  nps: 'NPS',
  csat: 'CSAT',
  ces: 'Customer effort (CES)',
  retention_rate: 'Retention',
  first_response_h: 'First response time',
  resolution_h: 'Resolution time',
  follow_up_rate: 'Follow-up rate',
  recovery_rate: 'Recovery rate',
};
const MONEY_LABEL: Record<MoneyFigure, string> = {
  ttm_revenue: 'Revenue, last 12 months',
  revenue_at_risk: 'Revenue at risk (detractors)',
  expected_churn_loss: 'Expected churn loss',
  avg_clv: 'Average customer lifetime value',
  promoter_referral_value: 'Promoter referral value',
  detractor_word_of_mouth_cost: 'Detractor word-of-mouth cost',
  lost_customer_cost: 'Cost of lost customers',
  recovery_value: 'Service recovery value',
  recovery_cost: 'Service recovery cost',
  recovery_roi: 'Service recovery ROI',
};

/** A KPI as the dashboard prints it: NPS and CES as numbers, hours, % for the rest. */
function kpiText(key: string, value: number | null): string {
  if (value === null) return '—';
  if (key === 'nps') return fixed(value, 1);
  if (key === 'ces') return fixed(value, 2);
  if (key.endsWith('_h')) return `${fixed(value, 1)} hr`;
  return percent(value);
}

describe.each(databaseTargets())('executive board pack PDF on %s', (target) => {
  let t: TestContext;
  let tokens: Record<'executive' | 'manager', string>;

  beforeAll(async () => {
    requirePdftotext();
    t = await createTestContext(target);
    await importGolden(t.db.database);
    tokens = {
      executive: await t.tokenFor('executive'),
      manager: await t.tokenFor('segment_manager', 'E004'),
    };
  });
  afterAll(() => t.db.drop());

  const json = async <T>(path: string, token: string): Promise<T> => {
    const res = await t.request(path, { token });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  const pdf = async (path: string, token: string) => {
    const res = await t.request(path, { token });
    expect(res.status, path).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    return new Uint8Array(await res.arrayBuffer());
  };

  /** Every figure of the JSON answers for this period, scope and caller, found in the PDF. */
  async function expectPackMatchesApi(scope: string, token: string) {
    const bytes = await pdf(`/api/reports/executive.pdf?period=${Q}&scope=${scope}`, token);
    const pages = pdfPages(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(3);
    const lines = pdfLines(bytes);
    const text = lines.join('\n');
    const lineWith = (...parts: string[]) => lines.find((l) => holds(l, ...parts)) ?? null;
    const has = (figure: string, what: string) => expect(text, what).toMatch(printed(figure));

    const kpis = await json<KpiAnswer>(`/api/kpis?period=${Q}&scope=${scope}`, token);
    for (const key of Object.keys(KPI_LABEL) as (keyof typeof KPI_LABEL)[]) {
      const k = kpis.kpis[key];
      has(KPI_LABEL[key], `${key} label`);
      has(kpiText(key, k.value), `${key} value`);
      has(`n = ${k.n}`, `${key} n`);
      if (k.value !== null && k.previous.value !== null) {
        const digits = key === 'ces' ? 2 : 1;
        const change = `${signed(k.value - k.previous.value, digits)} vs Q4 2025 (${kpiText(key, k.previous.value)})`;
        has(change, `${key} change`);
      }
    }
    has(`${kpiText('nps', kpis.kpis.nps.value)} ± ${fixed(kpis.kpis.nps.moe, 1)}`, 'NPS ± margin');
    // a card says "within noise" exactly where the API's test of the change says so
    // (over the pack's cards: the closed loop's KPIs are not among them)
    const noisy = (Object.keys(KPI_LABEL) as (keyof typeof KPI_LABEL)[]).filter(
      (key) => kpis.kpis[key].change.significant === false,
    ).length;
    expect(text.split('within noise').length - 1, 'cards within noise').toBe(noisy);

    // the trend's figures, in order, in the rows under the chart
    const trend = await json<KpiTrend>(
      `/api/kpis/trend?scope=${scope}&from=2025-03&to=2026-03&grain=month`,
      token,
    );
    expect(trend.points).toHaveLength(13);
    // one line per row, its cells in the order of the periods
    const row = (label: string, cell: (p: KpiResult) => string) =>
      expect(lineWith(label, ...trend.points.map(cell)), label).toMatch(
        new RegExp(
          `^${label === '±' ? '±' : label} ${trend.points
            .map(cell)
            .map((c: string) => printed(c).source)
            .join(' ')}$`,
          'u',
        ),
      );
    row('NPS', (p) => fixed(p.kpis.nps.value, 1));
    row('±', (p) => fixed(p.kpis.nps.moe, 1));
    row('n', (p) => String(p.kpis.nps.n));

    const m = await json<MoneyAnswer>(`/api/money?period=${Q}&scope=${scope}`, token);
    for (const [figure, label] of Object.entries(MONEY_LABEL) as [MoneyFigure, string][]) {
      const value =
        figure === 'recovery_roi'
          ? percent(m.figures.recovery_roi === null ? null : m.figures.recovery_roi * 100)
          : money(m.figures[figure], m.currency);
      expect(lineWith(label, value), `${figure} = ${value}`).not.toBeNull();
    }
    const a = m.assumptions.values;
    const share = (v: string) => `${Number((Number(v) * 100).toFixed(2))}%`;
    expect(lineWith('Gross margin', share(a.gross_margin))).not.toBeNull();
    expect(lineWith('Horizon', `${a.horizon_years} years`)).not.toBeNull();
    expect(lineWith('Yearly churn, detractors', share(a.churn_p.detractor))).not.toBeNull();
    expect(lineWith('People a detractor tells', a.unhappy_tells)).not.toBeNull();
    has(`Rests on ${m.counts.active_customers} active customers`, 'counts');

    const segments = await json<KpiBreakdown>(`/api/kpis/breakdown?period=${Q}&by=segment`, token);
    for (const s of segments.rows) {
      const figures = `${fixed(s.kpis.nps.value, 1)} ± ${fixed(s.kpis.nps.moe, 1)} · n = ${s.kpis.nps.n}`;
      expect(lineWith(s.name, figures), `${s.name}: ${figures}`).not.toBeNull();
    }

    const board = await json<KpiBreakdown>(
      `/api/kpis/breakdown?period=${Q}&by=employee&sort=nps&min_n=5`,
      token,
    );
    const ranked = board.rows.filter((r) => r.rank !== null).slice(0, 10);
    for (const r of ranked) {
      const cells = [
        String(r.rank),
        r.name,
        fixed(r.kpis.nps.value, 1),
        fixed(r.kpis.nps.moe, 1),
        String(r.kpis.nps.n),
        percent(r.kpis.csat.value),
        kpiText('resolution_h', r.kpis.resolution_h.value),
      ];
      expect(lineWith(...cells), r.name).toMatch(
        new RegExp(`^${cells.map((c) => printed(c).source).join(' ')}$`, 'u'),
      );
    }

    // footer: the versions the figures rest on, on every page
    for (const page of pages) {
      const flat = page.replace(/\s+/gu, ' ');
      expect(flat).toContain('Data as of');
      expect(flat).toContain('agents from Jan 1, 2025, segment_managers from Jan 1, 2025');
      expect(flat).toContain(`Money assumptions: version ${m.assumptions.id}`);
    }
    return { text, segments, kpis, m, ranked };
  }

  it('company, executive: every figure of the API, and the API’s are the golden set’s', async () => {
    const { text, kpis, m, segments, ranked } = await expectPackMatchesApi(
      'company',
      tokens.executive,
    );
    const want = golden[Q]!.company as GoldenScope;
    for (const key of Object.keys(KPI_LABEL) as (keyof typeof KPI_LABEL)[]) {
      expect(kpis.kpis[key].n).toBe(want.kpis[key].n);
      expect(text).toMatch(printed(kpiText(key, want.kpis[key].value)));
    }
    for (const [figure, value] of Object.entries(want.figures) as [
      keyof GoldenScope['figures'],
      string,
    ][]) {
      // recovery_roi is a double: the other golden suite compares it with a tolerance
      if ((figure as string) !== 'recovery_roi') expect(m.figures[figure], figure).toBe(value);
    }
    expect(text).toMatch(printed(money(want.figures.revenue_at_risk, 'EUR')));
    // every segment, names in Latvian and with quotes as imported
    expect(segments.rows.map((s) => s.id).sort()).toEqual(['S1', 'S2', 'S3']);
    expect(text).toContain('Pilot – Ķekava');
    expect(ranked.length).toBeGreaterThan(0);
    expect(text).toContain('Олена Коваленко-Шевчук');
    expect(text).toContain('Scope: Company');
    expect(text).toContain('Q1 2026 · Jan 1 – Mar 31, 2026');
  });

  it('a segment manager’s own segment: the figures of that scope, only their segments', async () => {
    const { text, segments } = await expectPackMatchesApi('segment:S1', tokens.manager);
    expect(segments.rows.map((s) => s.id).sort()).toEqual(['S1', 'S2']);
    expect(text).toContain('Scope: Segment Retail, Baltics (S1)');
    expect(text).not.toContain('Pilot – Ķekava');
    const want = golden[Q]!['segment:S1'] as GoldenScope;
    expect(text).toMatch(
      printed(`${fixed(want.kpis.nps.value, 1)} ± ${fixed(want.kpis.nps.moe, 1)}`),
    );
    expect(text).toMatch(printed(money(want.figures.revenue_at_risk, 'EUR')));
  });

  it('takes the caller’s language (?lang, then Accept-Language) and falls back to English', async () => {
    const base = `/api/reports/executive.pdf?period=${Q}&scope=company`;
    for (const [query, headers, locale, title] of [
      ['', { 'accept-language': 'lv-LV,lv;q=0.9,ru;q=0.5' }, 'lv', 'Pārskats valdei'],
      ['&lang=xx', {}, 'en', 'Executive board pack'],
      ['&lang=en', { 'accept-language': 'bg' }, 'en', 'Executive board pack'],
      ['&lang=uk', { 'accept-language': 'bg' }, 'uk', 'Звіт для керівництва'],
    ] as const) {
      const res = await t.request(`${base}${query}`, { token: tokens.executive, headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-language')).toBe(locale);
      const text = pdfLines(new Uint8Array(await res.arrayBuffer())).join('\n');
      expect(text).toContain(title);
    }
  });

  it('refuses a malformed period or scope with the API’s 400', async () => {
    for (const query of ['period=2026-Q7', 'scope=company', `period=${Q}&scope=segment`]) {
      const res = await t.request(`/api/reports/executive.pdf?${query}`, {
        token: tokens.executive,
      });
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { code: string }).code).toMatch(
        /bad_request|invalid_request|invalid_period/,
      );
    }
  });
});
