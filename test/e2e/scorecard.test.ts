import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedBonusRows, expectedFor, moneyText, npsText } from './expected';
import { type E2E, startE2E } from './harness';
import { rawTextIn } from './raw-text';

const rowOf = (period: string, employee: string) =>
  expectedBonusRows(period).find((r) => r.employee === employee)!;
const shareText = (v: number) =>
  new Intl.NumberFormat('en-US', {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(v);

describe('employee scorecard in Chromium', () => {
  let e2e: E2E;
  /** Changes the golden agents' plan's NPS line as admin, through the API. */
  const changeAgentsNps = async (change: { shrink?: number; min_sample?: number }) => {
    const admin = await e2e.open('admin');
    const me = await (await admin.context.request.get('/api/auth/me')).json();
    const plans = (await (await admin.context.request.get('/api/plans')).json()) as {
      plans: { key: string; valid_from: string; lines: { kpi: string }[] }[];
    };
    const plan = plans.plans.find((p) => p.key === 'agents')!;
    const draft = {
      ...plan,
      lines: plan.lines.map((l) => (l.kpi === 'nps' ? { ...l, ...change } : l)),
    };
    const put = await admin.context.request.put(`/api/plans/${plan.key}/${plan.valid_from}`, {
      data: draft,
      headers: { 'x-csrf-token': me.csrfToken },
    });
    expect(put.status()).toBe(200);
    await admin.context.close();
  };
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it("shows the agent's own golden bonus projection, plan lines, statement and needs", async () => {
    const s = await e2e.open('agent');
    const { page } = s;
    await s.goto('/scorecard?period=2026-Q1');
    const exp = rowOf('2026-Q1', 'E006');
    await page.getByTestId('bonus-amount').waitFor();
    expect(await page.getByTestId('bonus-amount').textContent()).toBe(
      moneyText(exp.bonus_amount, exp.currency),
    );
    expect(await page.getByTestId('total-achievement').textContent()).toBe(
      shareText(exp.total_achievement),
    );
    for (const l of exp.lines) await page.getByTestId(`line-${l.kpi}`).waitFor();
    expect(await page.getByTestId('statement').locator('li').count()).toBeGreaterThan(0);
    // the statement in words: KPI names, no keys or scope codes
    const statement = (await page.getByTestId('statement').textContent()) ?? '';
    expect(rawTextIn(statement)).toEqual([]);
    expect(statement).toContain('NPS: your own value is');
    await s.screenshot('scorecard');

    await page.getByTestId('period-select').selectOption('2026-Q2');
    const q2 = rowOf('2026-Q2', 'E006');
    await page
      .getByTestId('bonus-amount')
      .filter({ hasText: moneyText(q2.bonus_amount, q2.currency) })
      .waitFor();
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('is usable 390 px wide', async () => {
    const s = await e2e.open('agent', { width: 390 });
    const { page } = s;
    await s.goto('/scorecard?period=2026-Q1');
    await page.getByTestId('bonus-amount').waitFor();
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await s.screenshot('scorecard');
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  // last in the file: it changes the agents' plan
  it('states shrinkage with raw, prior, k and shrunk in words, and the audit log shows the change as a readable diff', async () => {
    await changeAgentsNps({ shrink: 20 });

    const s = await e2e.open('agent');
    await s.goto('/scorecard?period=2026-Q1');
    const steps = s.page.getByTestId('statement').locator('li');
    await steps.first().waitFor();
    const texts = await steps.allTextContents();
    const shrink = texts.find((t) => t.includes('shrinkage'));
    // raw, prior (named: your segment or the company), k and the shrunk value
    expect(shrink).toMatch(
      /^NPS: shrinkage \(k = 20\) weighs your -?[\d.]+ \(n = \d+\) against (your segment's|the company's) -?[\d.]+ \(n = \d+\) as if 20 more answers .* The value used is -?[\d.]+\.$/,
    );
    expect(rawTextIn(texts.join('\n'))).toEqual([]);
    expect(s.errors).toEqual([]);
    await s.context.close();

    const hr = await e2e.open('hr');
    await hr.goto('/hr?period=2026-Q1');
    const row = hr.page.getByTestId('audit').locator('tbody tr').first();
    await row.waitFor();
    expect(await row.locator('td').nth(2).textContent()).toBe('Plan version changed');
    await row.getByText('1 field changed').click();
    const diff = row.getByTestId('audit-diff');
    expect(await diff.locator('tbody tr').first().locator('th, td').allTextContents()).toEqual([
      'NPS line › shrinkage k',
      '0',
      '20',
    ]);
    expect(rawTextIn((await hr.page.locator('main').textContent()) ?? '')).toEqual([]);
    await hr.context.close();
  });

  it("shows each figure with its own margin of error: the agent's NPS with the agent's n, the segment's with the segment's", async () => {
    // NPS below a minimum of 20: E006's 15 answers fall back to segment S1's 38
    await changeAgentsNps({ shrink: 0, min_sample: 20 });
    const own = expectedFor('2026-Q1', 'employee:E006').kpis.nps!;
    const seg = expectedFor('2026-Q1', 'segment:S1').kpis.nps!;
    const s = await e2e.open('agent');
    await s.goto('/scorecard?period=2026-Q1');
    const used = s.page.getByTestId('line-nps-used');
    await used.waitFor();
    expect(await s.page.getByTestId('line-nps-mine').textContent()).toBe(
      `mine: ${npsText(own.value!)} ± ${npsText(own.moe!)} (n = ${own.n})`,
    );
    expect(await used.textContent()).toBe(
      `my segment's, used: ${npsText(seg.value!)} ± ${npsText(seg.moe!)} (n = ${seg.n})`,
    );
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
