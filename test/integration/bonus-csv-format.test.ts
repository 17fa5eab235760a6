import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { goldenExpected, goldenFile, importGolden } from '../src/golden';

const expected = goldenExpected();
const csvPeriods = expected._meta.periods.filter(
  (p) => (expected[p] as { bonus: { hr_csv: string | null } }).bonus.hr_csv !== null,
);
const hrCsvOf = (p: string) => (expected[p] as { bonus: { hr_csv: string } }).bonus.hr_csv;

/** The columns DESIGN.md makes text; every other column of the HR CSV is a number. */
const TEXT = new Set(['external_id', 'name', 'email', 'role', 'segment', 'period', 'currency']);

const decode = (bytes: Uint8Array) =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, '');

/**
 * `?delimiter=semicolon&decimal=comma` (issue 14, point 5): for a spreadsheet whose
 * list separator is `;`. The same cells as the spec's comma file, each number with its
 * `.` written `,`, text cells unchanged (so the neutralised "'=SUM(1,2) Ozols" too).
 */
describe.each(databaseTargets())('the HR CSV for a European spreadsheet on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target);
    await importGolden(t.db.database);
  });
  afterAll(() => t.db.drop());

  const fetchCsv = async (query: string) => {
    const res = await t.request(`/api/bonus/export.csv?${query}`);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return decode(bytes);
  };

  it.each(csvPeriods)(
    '%s: every cell equals the comma file’s, decimals as commas',
    async (period) => {
      const comma = parse(await fetchCsv(`period=${period}`)) as string[][];
      const text = await fetchCsv(`period=${period}&delimiter=semicolon&decimal=comma`);
      const semi = parse(text, { delimiter: ';' }) as string[][];
      // the comma file is the golden file's, so this one is pinned to the golden set too
      const golden = parse(goldenFile(hrCsvOf(period))) as string[][];
      expect(comma.length).toBe(golden.length);
      expect(semi.length).toBe(comma.length);
      expect(semi[0]).toEqual(comma[0]);
      const header = comma[0]!;
      let numbers = 0;
      for (let i = 1; i < comma.length; i++) {
        expect(semi[i]!.length).toBe(header.length);
        header.forEach((column, j) => {
          const want = TEXT.has(column) ? comma[i]![j]! : comma[i]![j]!.replace('.', ',');
          if (!TEXT.has(column) && comma[i]![j]!.includes('.')) numbers++;
          expect(semi[i]![j], `row ${i} ${column}`).toBe(want);
        });
      }
      expect(numbers).toBeGreaterThan(0);
      // text keeps its neutralisation and its commas; the file has no decimal point left
      // outside text (emails have dots, so look at the number cells only)
      const e008 = semi.find((r) => r[0] === 'E008')!;
      expect(e008[header.indexOf('name')]).toBe("'=SUM(1,2) Ozols");
      for (const row of semi.slice(1)) {
        header.forEach((column, j) => {
          if (!TEXT.has(column)) expect(row[j], column).not.toContain('.');
        });
      }
    },
  );

  it('each choice alone, the spec layout too; an unknown choice is a 400', async () => {
    const period = csvPeriods[0]!;
    const comma = parse(await fetchCsv(`period=${period}&columns=spec`)) as string[][];
    const semiPoint = parse(await fetchCsv(`period=${period}&columns=spec&delimiter=semicolon`), {
      delimiter: ';',
    }) as string[][];
    expect(semiPoint).toEqual(comma);
    const commaComma = await fetchCsv(`period=${period}&columns=spec&decimal=comma`);
    // decimal commas in a comma-separated file: each such cell is quoted, and parses back
    const parsed = parse(commaComma) as string[][];
    expect(parsed.map((r) => r.length)).toEqual(comma.map((r) => r.length));
    for (const bad of ['delimiter=tab', 'decimal=dot']) {
      const res = await t.request(`/api/bonus/export.csv?period=${period}&${bad}`);
      expect(res.status, bad).toBe(400);
    }
  });
});
