import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { goldenExpected, goldenFile, importGolden } from '../src/golden';

type Json = Record<string, unknown>;
type Line = Json & { kpi: string; own_value: number | null; own_n: number; min_sample: number };
type Row = Json & { employee: string; segment: string | null; lines: Line[] };
type Kpis = Record<string, { value: number | null; n: number }>;
interface PlanLine {
  kpi: string;
  threshold: number;
  target: number;
  stretch: number;
  payout_at_threshold: number;
  cap: number;
  min_sample: number;
  shrink?: number;
}
interface Plan {
  key: string;
  valid_from: string;
  lines: PlanLine[];
}

const golden = goldenExpected();
const plans = (JSON.parse(goldenFile('plans.json')) as { plans: Plan[] }).plans;
const K = 20;
const SHRINKABLE = new Set([
  'nps',
  'csat',
  'ces',
  'follow_up_rate',
  'recovery_rate',
  'retention_rate',
]);

/** The achievement curve by hand (higher or lower is better, as written). */
function curve(l: PlanLine, v: number): number {
  const up = l.target > l.threshold;
  const ahead = (ref: number) => (up ? v - ref : ref - v);
  if (ahead(l.threshold) < 0) return 0;
  if (ahead(l.stretch) >= 0) return l.cap;
  if (ahead(l.target) < 0)
    return (
      l.payout_at_threshold +
      ((1 - l.payout_at_threshold) * (v - l.threshold)) / (l.target - l.threshold)
    );
  return 1 + ((l.cap - 1) * (v - l.target)) / (l.stretch - l.target);
}

/**
 * The spec's shrunk value from the golden set, independently: the prior is the
 * employee's segment (the company when the segment has n = 0), and every formula of
 * DESIGN.md is (n·raw + k·prior) / (n + k).
 */
function expectedShrunk(period: string, row: Row, line: Line): { value: number; prior: string } {
  const seg = row.segment
    ? (golden[period]![`segment:${row.segment}`] as { kpis: Kpis }).kpis[line.kpi]!
    : null;
  const company = (golden[period]!.company as { kpis: Kpis }).kpis[line.kpi]!;
  const prior = seg && seg.n > 0 ? seg : company;
  const value = (line.own_n * line.own_value! + K * prior.value!) / (line.own_n + K);
  return { value, prior: seg && seg.n > 0 ? `segment:${row.segment}` : 'company' };
}

describe.each(databaseTargets())('shrinkage in plan lines (golden set) on %s', (target) => {
  let t: TestContext;
  const shrunkPlans = plans.map((p) => ({
    ...p,
    lines: p.lines.map((l) => (SHRINKABLE.has(l.kpi) ? { ...l, shrink: K } : l)),
  }));
  beforeAll(async () => {
    t = await createTestContext(target);
    await importGolden(t.db.database);
  });
  afterAll(() => t.db.drop());

  it('k = 0 is today: saving the plans with shrink 0 changes no row', async () => {
    const before = await (await t.request('/api/bonus?period=2026-Q2')).json();
    for (const p of plans) {
      const zero = { ...p, lines: p.lines.map((l) => ({ ...l, shrink: 0 })) };
      const res = await t.sendJson('PUT', `/api/plans/${p.key}/${p.valid_from}`, zero);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { result: string }).result).toBe('unchanged');
    }
    expect(await (await t.request('/api/bonus?period=2026-Q2')).json()).toEqual(before);
  });

  it('the preview shows each person under k = 20 before saving, and saving gives exactly that', async () => {
    const agents = shrunkPlans.find((p) => p.key === 'agents')!;
    const preview = (await (
      await t.sendJson('POST', '/api/bonus/preview', { period: '2026-Q2', plan: agents })
    ).json()) as { rows: (Row & { bonus_amount: string })[] };
    for (const p of shrunkPlans) {
      expect((await t.sendJson('PUT', `/api/plans/${p.key}/${p.valid_from}`, p)).status).toBe(200);
    }
    const run = (await (await t.request('/api/bonus?period=2026-Q2')).json()) as {
      rows: (Row & { bonus_amount: string })[];
    };
    for (const r of preview.rows) {
      expect(run.rows.find((x) => x.employee === r.employee)!.bonus_amount, r.employee).toBe(
        r.bonus_amount,
      );
    }
  });

  it.each(['2026-Q1', '2026-Q2'])(
    '%s: achievement from the shrunk value; raw, prior, k, shrunk shown; CSV value column shrunk',
    async (period) => {
      const run = (await (await t.request(`/api/bonus?period=${period}`)).json()) as {
        rows: Row[];
      };
      const csv = parse(
        (await (await t.request(`/api/bonus/export.csv?period=${period}`)).text()).replace(
          /^\uFEFF/,
          '',
        ),
        {
          columns: true,
        },
      ) as Record<string, string>[];
      const wantRows = (golden[period] as { bonus: { rows: Row[] } }).bonus.rows;
      let shrunkLines = 0;
      for (const row of run.rows) {
        const want = wantRows.find((w) => w.employee === row.employee)!;
        const plan = shrunkPlans.find((p) => p.key === row.plan)!;
        row.lines.forEach((line, i) => {
          const raw = want.lines[i]!;
          const spec = plan.lines[i]!;
          const usesOwn =
            raw.own_value !== null && raw.own_n >= raw.min_sample && raw.fallback === null;
          if (!usesOwn || !SHRINKABLE.has(line.kpi)) {
            // below the minimum the fallback rules apply unchanged; medians are never shrunk
            expect(line.value, `${row.employee} ${line.kpi}`).toEqual(raw.value);
            expect(line.shrinkage ?? null).toBeNull();
            return;
          }
          shrunkLines++;
          const { value, prior } = expectedShrunk(period, want, raw);
          expect(line.value as number, `${row.employee} ${line.kpi}`).toBeCloseTo(value, 9);
          expect(line.achievement as number).toBeCloseTo(curve(spec, value), 9);
          expect(line.shrinkage).toMatchObject({ k: K, raw: raw.own_value, prior_scope: prior });
          const cell = csv.find((c) => c.external_id === row.employee)![`${line.kpi}_value`]!;
          expect(Math.abs(Number(cell) - value)).toBeLessThanOrEqual(0.00005);
        });
      }
      expect(shrunkLines).toBeGreaterThan(5);
    },
  );

  it('the statement walks through raw, prior, k and shrunk', async () => {
    const body = (await (
      await t.request('/api/bonus/statement?period=2026-Q1&employee=E006')
    ).json()) as {
      steps: string[];
    };
    expect(body.steps.join('\n')).toMatch(
      /nps: shrinkage k = 20 pulls your 6\.6667 \(n = 15\) toward segment:S1's -13\.1579 \(n = 38\): \(15 × 6\.6667 \+ 20 × -13\.1579\) \/ \(15 \+ 20\) = -4\.6617, the value used\./,
    );
  });
});
