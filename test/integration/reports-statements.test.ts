import type { BonusRow, BonusRun } from '@delight/api/bonus/service';
import type { Statement } from '@delight/api/bonus/statement';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { goldenExpected, importGolden } from '../src/golden';
import { holds, money, pdfLines, pdfPages, printed, requirePdftotext, upTo } from '../src/pdf';
import { signOff } from '../src/sign-off';

/**
 * Bonus statements as PDF hold exactly the figures of `GET /api/bonus/statement` (which
 * are the golden set's), with the same steps as the scorecard; the run's archive holds
 * one statement per bonus row, open and once closed (from the snapshot).
 */

const Q = '2026-Q1';
const goldenRows = (goldenExpected()[Q]!.bonus as { rows: BonusRow[] }).rows;

/** Every figure of the row, found in the statement's text. */
function expectStatementFigures(bytes: Uint8Array, st: Statement): void {
  const pages = pdfPages(bytes);
  expect(pages.length).toBeGreaterThanOrEqual(1);
  expect(pages.length).toBeLessThanOrEqual(2);
  const lines = pdfLines(bytes);
  const text = lines.join('\n');
  const has = (figure: string, what: string) => expect(text, what).toMatch(printed(figure));
  const r = st.row;
  has(`${r.name} (${r.employee})`, 'employee');
  has(money(r.bonus_amount, r.currency), 'bonus amount');
  has(money(r.bonus_target, r.currency), 'bonus target');
  has(`${upTo(r.total_achievement * 100, 2)}%`, 'total achievement');
  has(`${r.proration_days} of ${r.period_days} days`, 'proration');
  for (const l of r.lines) {
    has(`contribution ${upTo(l.contribution, 4)}`, `${l.kpi} contribution`);
    if (l.achievement !== null)
      has(`achievement ${upTo(l.achievement, 4)}`, `${l.kpi} achievement`);
    has(`minimum sample ${l.min_sample}`, `${l.kpi} minimum sample`);
  }
  // the scorecard's steps, as many and in the same order, ending with the amount
  const numbered = lines.filter((l) => /^\d+\. /.test(l)).map((l) => Number(l.split('.')[0]));
  expect(numbered).toEqual(st.steps.map((_, i) => i + 1));
  const last = lines.findIndex((l) => l.startsWith(`${st.steps.length}. Bonus =`));
  expect(last, 'the last step is the bonus').toBeGreaterThan(-1);
  expect(
    holds(
      lines.slice(last, last + 2).join(' '),
      `${money(r.bonus_target, r.currency)} × ${upTo(r.total_achievement, 4)} × ${r.proration_days}/${r.period_days} = ${money(r.bonus_amount, r.currency)}`,
    ),
    'bonus step',
  ).toBe(true);
}

describe.each(databaseTargets())('bonus statement PDFs on %s', (target) => {
  let t: TestContext;

  beforeAll(async () => {
    requirePdftotext();
    t = await createTestContext(target);
    await importGolden(t.db.database);
  });
  afterAll(() => t.db.drop());

  const run = async () => {
    const res = await t.request(`/api/bonus?period=${Q}`);
    expect(res.status).toBe(200);
    return (await res.json()) as BonusRun;
  };
  const download = async (path: string, type: string) => {
    const res = await t.request(path);
    expect(res.status, path).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    return new Uint8Array(await res.arrayBuffer());
  };

  it('each statement holds the figures of its JSON statement, and those are the golden rows', async () => {
    const rows = (await run()).rows;
    expect(rows.map((r) => r.employee)).toEqual(goldenRows.map((r) => r.employee));
    for (const row of rows) {
      const q = `period=${Q}&employee=${row.employee}`;
      const st = (await (await t.request(`/api/bonus/statement?${q}`)).json()) as Statement;
      const golden = goldenRows.find((g) => g.employee === row.employee)!;
      expect(st.row.bonus_amount).toBe(golden.bonus_amount);
      expectStatementFigures(
        await download(`/api/bonus/statement.pdf?${q}`, 'application/pdf'),
        st,
      );
    }
  });

  it('an agent downloads their own statement by default; another’s is the JSON route’s 403', async () => {
    const agent = await t.tokenFor('agent', 'E006');
    const own = await t.request(`/api/bonus/statement.pdf?period=${Q}`, { token: agent });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-disposition')).toContain('statement-2026-Q1-E006.pdf');
    const text = pdfLines(new Uint8Array(await own.arrayBuffer())).join('\n');
    expect(text).toContain('Bērziņš, Jānis "JB" (E006)');
    const foreign = await t.request(`/api/bonus/statement.pdf?period=${Q}&employee=E009`, {
      token: agent,
    });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { code: string }).code).toBe('forbidden');
  });

  /** The archive's entries: one statement per bonus row, each with that row's figures. */
  async function expectArchiveMatchesRun(closed: boolean) {
    const rows = (await run()).rows;
    const zip = unzipSync(
      await download(`/api/bonus/statements.zip?period=${Q}`, 'application/zip'),
    );
    expect(Object.keys(zip).sort()).toEqual(
      rows.map((r) => `statement-${Q}-${r.employee}.pdf`).sort(),
    );
    for (const r of rows) {
      const text = pdfLines(zip[`statement-${Q}-${r.employee}.pdf`]!).join('\n');
      expect(text).toMatch(printed(`${r.name} (${r.employee})`));
      expect(text).toMatch(printed(money(r.bonus_amount, r.currency)));
      expect(text.replace(/\s+/gu, ' ')).toContain(closed ? 'Period closed on' : 'Period open');
    }
    return rows;
  }

  it('the run’s archive holds one statement per bonus row, open and then closed', async () => {
    const open = await expectArchiveMatchesRun(false);
    await signOff(t, Q);
    const close = await t.request(`/api/periods/${Q}/close`, { method: 'POST' });
    expect(close.status).toBe(201);
    const closed = await expectArchiveMatchesRun(true);
    expect(closed.map((r) => [r.employee, r.bonus_amount])).toEqual(
      open.map((r) => [r.employee, r.bonus_amount]),
    );
  });

  it('a period without bonus rows has no archive (404), a bad period is a 400', async () => {
    // month periods have no plan in the golden set
    const none = await t.request('/api/bonus/statements.zip?period=2026-03');
    expect(none.status).toBe(404);
    const bad = await t.request('/api/bonus/statements.zip?period=2026-13');
    expect(bad.status).toBe(400);
  });
});
