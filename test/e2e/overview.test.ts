import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../src/databases';
import { cesText, expectedFor, moneyText, npsText, percentText } from './expected';
import { type E2E, startE2E } from './harness';
import { rawTextIn } from './raw-text';

// The golden figures through the whole stack on each database the suite has.
describe.each(databaseTargets())('executive overview in Chromium on %s', (target) => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E(target);
  });
  afterAll(() => e2e?.close());

  it('shows the golden company KPIs and money figures for 2026-Q1 without console errors', async () => {
    const s = await e2e.open('executive');
    await s.goto('/overview?period=2026-Q1&scope=company');
    const exp = expectedFor('2026-Q1', 'company');
    const { page } = s;
    await page.getByTestId('kpi-nps-value').waitFor();
    expect(await page.getByTestId('kpi-nps-value').textContent()).toBe(
      npsText(exp.kpis.nps!.value!),
    );
    expect(await page.getByTestId('kpi-nps-moe').textContent()).toContain(
      npsText(exp.kpis.nps!.moe!),
    );
    expect(await page.getByTestId('kpi-nps-n').textContent()).toBe(`n = ${exp.kpis.nps!.n}`);
    expect(await page.getByTestId('kpi-csat-value').textContent()).toBe(
      percentText(exp.kpis.csat!.value!),
    );
    expect(await page.getByTestId('kpi-ces-value').textContent()).toBe(
      cesText(exp.kpis.ces!.value!),
    );
    for (const figure of ['revenue_at_risk', 'expected_churn_loss', 'lost_customer_cost']) {
      await page.getByTestId(`money-${figure}-value`).waitFor();
      expect(await page.getByTestId(`money-${figure}-value`).textContent()).toBe(
        moneyText(String(exp.figures[figure]), exp.currency),
      );
    }
    // the change from the previous period is Q1 minus 2025-Q4 of the same KPI
    expect(await page.getByTestId('kpi-nps-change').textContent()).toMatch(/vs previous/);
    await page.getByTestId('nps-trend').locator('.recharts-line').waitFor();
    await page.getByTestId('segment-nps').locator('.recharts-bar-rectangle').first().waitFor();
    // "how is this computed" opens the formula and the assumptions behind the figure
    const card = page.getByTestId('money-expected_churn_loss');
    await card.getByRole('button', { name: 'How is this computed?' }).click();
    const popover = card.getByRole('dialog');
    await popover
      .getByText(/churn probability/i)
      .first()
      .waitFor();
    await popover.getByRole('table').first().waitFor();
    await s.screenshot(`overview-${target}`);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('updates the figures when the period changes (URL first, then the picker)', async () => {
    const s = await e2e.open('executive');
    const { page } = s;
    await s.goto('/overview?period=2026-Q1&scope=company');
    await page.getByTestId('kpi-nps-value').waitFor();
    await page.getByTestId('period-select').selectOption('2026-Q2');
    const q2 = expectedFor('2026-Q2', 'company');
    await page
      .getByTestId('kpi-nps-value')
      .filter({ hasText: npsText(q2.kpis.nps!.value!) })
      .waitFor();
    expect(new URL(page.url()).searchParams.get('period')).toBe('2026-Q2');
    expect(await page.getByTestId('money-revenue_at_risk-value').textContent()).toBe(
      moneyText(String(q2.figures.revenue_at_risk), q2.currency),
    );
    // previous step, then another kind of period: a quarter seen as a month is its last month
    await page.getByRole('button', { name: 'Previous period' }).click();
    await page.waitForURL(/period=2026-Q1/);
    await page.getByLabel('Period kind').selectOption('month');
    await page.waitForURL(/period=2026-03/);
    const march = expectedFor('2026-03', 'company');
    await page
      .getByTestId('kpi-nps-value')
      .filter({ hasText: npsText(march.kpis.nps!.value!) })
      .waitFor();
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('opens the records behind a segment bar and a leaderboard row', async () => {
    const s = await e2e.open('executive');
    const { page } = s;
    await s.goto('/overview?period=2026-Q1&scope=company');
    // the bar itself (recharts draws one path per segment); the chart re-measures its
    // container continuously, so Playwright never sees it "stable": click where it is
    await page
      .getByTestId('segment-nps')
      .locator('.recharts-bar-rectangle path')
      .first()
      .click({ force: true });
    await page.waitForURL(/\/drilldown\?/);
    const scope = new URL(page.url()).searchParams.get('scope')!;
    expect(scope).toMatch(/^segment:S\d$/);
    const exp = expectedFor('2026-Q1', scope);
    await page
      .getByTestId('kpi-nps-value')
      .filter({ hasText: npsText(exp.kpis.nps!.value!) })
      .waitFor();
    await page.getByTestId('customers').waitFor();

    await page.goBack();
    const first = page.getByTestId('leaderboard').locator('tbody tr').first();
    await first.click();
    await page.waitForURL(/scope=employee%3AE\d+/);
    const employee = new URL(page.url()).searchParams.get('scope')!;
    const e = expectedFor('2026-Q1', employee);
    await page
      .getByTestId('kpi-nps-value')
      .filter({ hasText: npsText(e.kpis.nps!.value!) })
      .waitFor();
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('is usable 390 px wide', async () => {
    const s = await e2e.open('executive', { width: 390 });
    const { page } = s;
    await s.goto('/overview?period=2026-Q1&scope=company');
    await page.getByTestId('kpi-nps-value').waitFor();
    // nothing wider than the screen: no horizontal scrolling of the page itself
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await s.screenshot(`overview-${target}`);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('explains each money figure in words, not in code notation', async () => {
    const s = await e2e.open('executive');
    const { page } = s;
    await s.goto('/overview?period=2026-Q1');
    for (const figure of ['expected_churn_loss', 'lost_customer_cost', 'recovery_roi']) {
      const card = page.getByTestId(`money-${figure}`);
      await card.getByRole('button', { name: 'How is this computed?' }).click();
      const dialog = card.getByRole('dialog');
      await dialog.locator('table').first().waitFor();
      const text = (await dialog.textContent()) ?? '';
      expect({ figure, raw: rawTextIn(text) }).toEqual({ figure, raw: [] });
      expect(text).not.toMatch(/\bttm\b|\byears\(|\[class\]/);
      await card.getByRole('button', { name: 'Close' }).click();
    }
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('names each point of the NPS-vs-revenue scatter, labels both axes, and tips name, NPS ± MoE, n and revenue', async () => {
    const s = await e2e.open('executive');
    const { page } = s;
    await s.goto('/overview?period=2026-Q1');
    const chart = page.getByTestId('nps-scatter');
    await chart.locator('.recharts-scatter-symbol').first().waitFor();
    const names = (await (
      await s.context.request.get('/api/kpis/breakdown?period=2026-Q1&by=segment')
    ).json()) as { rows: { id: string; name: string }[] };
    const labels = await chart.locator('.recharts-label-list text').allTextContents();
    // SVG text keeps words in tspans; compare without the spaces between them
    const squeeze = (t: string) => t.replace(/\s+/g, '');
    expect(labels.map(squeeze).sort()).toEqual(names.rows.map((r) => squeeze(r.name)).sort());
    const axisLabels = await chart.locator('.recharts-label').allTextContents();
    expect(axisLabels).toContain('NPS');
    expect(axisLabels).toContain('Revenue, last 12 months');
    const symbols = chart.locator('.recharts-scatter-symbol');
    for (let i = 0; i < (await symbols.count()); i++) {
      await symbols.nth(i).hover();
      const tip = page.getByTestId('scatter-tip');
      await tip.waitFor();
      const text = (await tip.textContent()) ?? '';
      const row = names.rows.find((r) => text.startsWith(r.name))!;
      expect(row, text).toBeDefined();
      const exp = expectedFor('2026-Q1', `segment:${row.id}`);
      const nps = exp.kpis.nps!;
      // expected.json has no ttm revenue per segment: the API's money answer is the reference
      const money = (await (
        await s.context.request.get(`/api/money?period=2026-Q1&scope=segment:${row.id}`)
      ).json()) as { currency: string; figures: { ttm_revenue: string } };
      expect(text).toBe(
        `${row.name}NPS ${npsText(nps.value!)} ± ${npsText(nps.moe!)} (n = ${nps.n})Revenue, last 12 months: ${moneyText(money.figures.ttm_revenue, money.currency)}`,
      );
    }
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
