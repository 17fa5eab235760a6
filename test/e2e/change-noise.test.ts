import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedFor } from './expected';
import { type E2E, startE2E } from './harness';

// Issue 16 point 3 (web): "vs previous" says "within noise" when the change is inside what
// chance explains, and carries an arrow only when it is real. Whether a change is real
// is worked out here from expected.json with the spec's tests (DESIGN.md, "Is a change
// real?"), not taken from the API.
const npsReal = (period: string, previous: string, scope: string) => {
  const a = expectedFor(period, scope).kpis.nps!;
  const b = expectedFor(previous, scope).kpis.nps!;
  return Math.abs(a.value! - b.value!) > Math.sqrt(a.moe! ** 2 + b.moe! ** 2);
};
const shareReal = (period: string, previous: string, scope: string, kpi: string) => {
  const a = expectedFor(period, scope).kpis[kpi]!;
  const b = expectedFor(previous, scope).kpis[kpi]!;
  const p1 = a.value! / 100;
  const p2 = b.value! / 100;
  const band = 1.96 * 100 * Math.sqrt((p1 * (1 - p1)) / a.n + (p2 * (1 - p2)) / b.n);
  return Math.abs(a.value! - b.value!) > band;
};
const ARROW = /[▲▼]/;
const check = (text: string, real: boolean) => {
  if (real) {
    expect(text).toMatch(ARROW);
    expect(text).toMatch(/a real (improvement|decline)/);
  } else {
    expect(text).not.toMatch(ARROW);
    expect(text).toContain('within noise, could be chance');
  }
};

describe('"vs previous" says within noise unless the change is real (Chromium)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('on the KPI cards and the NPS-by-segment breakdown', async () => {
    const s = await e2e.open('executive');
    const { page } = s;
    await s.goto('/overview?period=2026-Q2&scope=company');
    const nps = page.getByTestId('kpi-nps-change');
    await nps.waitFor();
    check((await nps.textContent()) ?? '', npsReal('2026-Q2', '2026-Q1', 'company'));
    check(
      (await page.getByTestId('kpi-csat-change').textContent()) ?? '',
      shareReal('2026-Q2', '2026-Q1', 'company', 'csat'),
    );
    const legend = page.getByTestId('segment-nps').locator('.chart-legend li');
    await legend.first().waitFor();
    const items = await legend.allTextContents();
    expect(items.length).toBe(3);
    for (const [id, name] of [
      ['S1', 'segment:S1'],
      ['S2', 'segment:S2'],
      ['S3', 'segment:S3'],
    ] as const) {
      const segName = (
        await (await s.context.request.get(`/api/kpis/breakdown?period=2026-Q2&by=segment`)).json()
      ).rows.find((r: { id: string }) => r.id === id).name as string;
      const item = items.find((t) => t.startsWith(`${segName}:`));
      expect(item, name).toBeDefined();
      check(item!, npsReal('2026-Q2', '2026-Q1', name));
    }
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it("on the scorecard's own KPIs and the team table", async () => {
    const s = await e2e.open('agent');
    await s.goto('/scorecard?period=2026-Q2');
    const line = s.page.getByTestId('line-nps-change');
    await line.waitFor();
    check((await line.textContent()) ?? '', npsReal('2026-Q2', '2026-Q1', 'employee:E006'));
    await s.context.close();

    const m = await e2e.open('segment_manager');
    await m.goto('/segments?period=2026-Q2');
    const row = m.page.getByTestId('team').locator('tbody tr', { hasText: 'Bērziņš' });
    await row.waitFor();
    check(
      (await row.locator('td.change-cell').textContent()) ?? '',
      npsReal('2026-Q2', '2026-Q1', 'employee:E006'),
    );
    expect(m.errors).toEqual([]);
    await m.context.close();
  });
});
