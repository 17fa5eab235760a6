import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bonusCommand } from '../../scripts/src/commands/bonus';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { goldenExpected, goldenFile, importGolden } from '../src/golden';

type Json = Record<string, unknown>;
const Dec = Decimal.clone({ precision: 60 });
interface ExpectedBonus {
  period: string;
  plans: Record<string, string>;
  hr_csv: string | null;
  rows: (Json & { lines: Json[] })[];
}

const expected = goldenExpected();
const periods = expected._meta.periods;
const bonusOf = (p: string) => (expected[p] as { bonus: ExpectedBonus }).bonus;

/** Exact for strings, ints, null; within 1e-9 for the doubles (expected.json notes). */
function expectClose(got: unknown, want: unknown, path: string) {
  if (typeof want === 'number' && !Number.isInteger(want)) {
    expect(typeof got, path).toBe('number');
    expect(Math.abs((got as number) - want), path).toBeLessThan(1e-9);
  } else if (typeof want === 'number') {
    expect(Math.abs((got as number) - want), path).toBeLessThan(1e-9);
  } else {
    expect(got, path).toEqual(want);
  }
}

function expectRowsMatch(got: (Json & { lines: Json[] })[], want: ExpectedBonus['rows']) {
  expect(got.map((r) => r.employee)).toEqual(want.map((r) => r.employee));
  want.forEach((w, i) => {
    const g = got[i]!;
    for (const [k, v] of Object.entries(w)) {
      if (k === 'lines') continue;
      expectClose(g[k], v, `${w.employee}.${k}`);
    }
    expect(g.lines.map((l) => l.kpi)).toEqual(w.lines.map((l) => l.kpi));
    w.lines.forEach((wl, j) => {
      const gl = g.lines[j]!;
      for (const [k, v] of Object.entries(wl)) {
        expect(k in gl, `${w.employee}.${wl.kpi}.${k} present`).toBe(true);
        expectClose(gl[k], v, `${w.employee}.${wl.kpi}.${k}`);
      }
      // segment_n only when the segment fallback was tried and fell short
      expect('segment_n' in gl).toBe('segment_n' in wl);
      expect('moe' in gl).toBe('moe' in wl);
    });
  });
}

/**
 * Both CSVs parsed with a real CSV parser, compared cell by cell over DESIGN.md's
 * columns. The default export adds one column after them, `payout_factor`: each row
 * must reconcile with it (bonus_target × payout_factor rounds half-even to
 * bonus_amount, checked here with decimal.js, independently of the product's math).
 */
function expectCsvMatch(
  text: string,
  expectedText: string,
  layout: 'spec' | 'reconciling' = 'reconciling',
) {
  const got = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][];
  const want = parse(expectedText, {}) as string[][];
  const extra =
    layout === 'reconciling' ? ['payout_factor', 'adjustments', 'run_state', 'approved_by'] : [];
  expect(got[0]).toEqual([...want[0]!, ...extra]);
  expect(got.length).toBe(want.length);
  want.forEach((row, i) => {
    row.forEach((cell, j) => {
      expect(got[i]![j], `row ${i} ${want[0]![j]}`).toBe(cell);
    });
  });
  if (layout === 'spec') return;
  const col = (name: string) => got[0]!.indexOf(name);
  for (const row of got.slice(1)) {
    const amount = new Dec(row[col('bonus_target')]!)
      .times(row[col('payout_factor')]!)
      .toDecimalPlaces(2, Dec.ROUND_HALF_EVEN)
      .toFixed(2);
    expect(amount, `${row[0]} reconciles`).toBe(row[col('bonus_amount')]);
  }
}

describe.each(databaseTargets())('bonus run on the golden set on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target);
    await importGolden(t.db.database);
  });
  afterAll(() => t.db.drop());

  it.each(periods)('%s: every row and line equals expected.json', async (period) => {
    const want = bonusOf(period);
    const res = await t.request(`/api/bonus?period=${period}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json & { rows: (Json & { lines: Json[] })[] };
    expect(body.period).toBe(period);
    expect(body.status).toBe('open');
    expect(body.plans).toEqual(want.plans);
    expectRowsMatch(body.rows, want.rows);
  });

  it('names the segments of its rows as segments.csv does (people read names, not codes)', async () => {
    const body = (await (await t.request('/api/bonus?period=2026-Q1')).json()) as {
      rows: { segment: string | null }[];
      segment_names: Record<string, string>;
    };
    const csv = parse(goldenFile('segments.csv'), { columns: true }) as {
      external_id: string;
      name: string;
    }[];
    const codes = [...new Set(body.rows.flatMap((r) => (r.segment ? [r.segment] : [])))].sort();
    expect(codes.length).toBeGreaterThan(0);
    expect(body.segment_names).toEqual(
      Object.fromEntries(
        csv.filter((s) => codes.includes(s.external_id)).map((s) => [s.external_id, s.name]),
      ),
    );
    const exec = await t.tokenFor('executive');
    const totals = (await (
      await t.request('/api/bonus?period=2026-Q1', { token: exec })
    ).json()) as {
      segment_names: Record<string, string>;
    };
    expect(totals.segment_names).toEqual({});
  });

  it('adds up the amounts per currency, never across currencies', async () => {
    const body = (await (await t.request('/api/bonus?period=2026-Q1')).json()) as {
      totals: { currency: string; employees: number; bonus_amount: string }[];
    };
    const want = bonusOf('2026-Q1').rows;
    const sum = (c: string) =>
      want
        .filter((r) => r.currency === c)
        .reduce((s, r) => s + Math.round(Number(r.bonus_amount) * 100), 0);
    for (const c of ['BGN', 'EUR', 'UAH']) {
      const got = body.totals.find((x) => x.currency === c)!;
      expect(Math.round(Number(got.bonus_amount) * 100)).toBe(sum(c));
      expect(got.employees).toBe(want.filter((r) => r.currency === c).length);
    }
    expect(body.totals.map((x) => x.currency)).toEqual(['BGN', 'EUR', 'UAH']);
  });

  const csvPeriods = periods.filter((p) => bonusOf(p).hr_csv !== null);
  it.each(csvPeriods)('%s: the HR CSV equals the expected CSV cell by cell', async (period) => {
    const res = await t.request(`/api/bonus/export.csv?period=${period}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="bonus-${period}.csv"`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expectCsvMatch(text, goldenFile(bonusOf(period).hr_csv!));
    // a name starting with "=" is neutralised, numbers like -7.1429 are not
    const rows = parse(text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.external_id === 'E008')!.name).toBe("'=SUM(1,2) Ozols");
    expect(text).toContain('Олена Коваленко-Шевчук');
    // the spec's columns alone, for integrations that read exactly DESIGN.md's layout
    const spec = await t.request(`/api/bonus/export.csv?period=${period}&columns=spec`);
    expectCsvMatch(await spec.text(), goldenFile(bonusOf(period).hr_csv!), 'spec');
  });

  it('a month with only quarter plans has no rows (and a CSV with only the header)', async () => {
    const body = (await (await t.request('/api/bonus?period=2026-03')).json()) as Json;
    expect(body.rows).toEqual([]);
    const csv = await (await t.request('/api/bonus/export.csv?period=2026-03')).text();
    expect(parse(csv.replace(/^\uFEFF/, ''))).toEqual([
      [
        'external_id',
        'name',
        'email',
        'role',
        'segment',
        'period',
        'currency',
        'bonus_target',
        'proration',
        'total_achievement',
        'bonus_amount',
        'payout_factor',
        'adjustments',
        'run_state',
        'approved_by',
      ],
    ]);
  });

  it('the CLI prints the same JSON and the same CSV', async () => {
    const capture = () => {
      const chunks: Buffer[] = [];
      const out = new Writable({
        write(chunk, _enc, cb) {
          chunks.push(Buffer.from(chunk));
          cb();
        },
      });
      return { out, text: () => Buffer.concat(chunks).toString('utf8') };
    };
    const json = capture();
    expect(await bonusCommand(['--period', '2026-Q2'], t.db.database, json.out)).toBe(0);
    const api = await (await t.request('/api/bonus?period=2026-Q2')).json();
    expect(JSON.parse(json.text())).toEqual(api);
    const csv = capture();
    expect(await bonusCommand(['--period', '2026-Q2', '--csv'], t.db.database, csv.out)).toBe(0);
    expectCsvMatch(csv.text(), goldenFile('expected_hr_2026-Q2.csv'));
  });

  it('explains a row step by step in the statement', async () => {
    const res = await t.request('/api/bonus/statement?period=2026-Q1&employee=E009');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { row: Json; steps: string[] };
    expect(body.row.bonus_amount).toBe('559.95');
    const text = body.steps.join('\n');
    expect(text).toContain('segment:S1'); // NPS fell back to the segment
    expect(text).toContain('45 of 90 days');
    expect(text).toContain('= 559.95 EUR');
  });
});
