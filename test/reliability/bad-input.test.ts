import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type ImportError, ImportRejected, importFiles } from '@delight/api/import';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { importGolden } from '../src/golden';
import { tableContents, tableCounts } from '../src/tables';
import { type BadCase, badCorpus, csvOf, GOOD_BASE } from './corpus';

const repoRoot = resolve(import.meta.dirname, '../..');

function form(files: Record<string, string | Uint8Array>): FormData {
  const f = new FormData();
  for (const [name, content] of Object.entries(files)) f.append(name, new Blob([content]), name);
  return f;
}

async function rejection(t: TestContext, c: BadCase): Promise<ImportError[]> {
  try {
    await importFiles(t.db.database.db, c.files, { actor: 'test' });
  } catch (err) {
    if (err instanceof ImportRejected) return err.errors;
    throw err;
  }
  throw new Error(`${c.name}: accepted`);
}

describe.each(databaseTargets())('a generated corpus of bad files on %s', (target) => {
  let t: TestContext;
  let counts: Record<string, number>;
  let contents: Record<string, string[]>;
  const corpus = badCorpus();
  beforeAll(async () => {
    t = await createTestContext(target);
    await importGolden(t.db.database);
    counts = await tableCounts(t.db.database);
    contents = await tableContents(t.db.database);
  });
  afterAll(() => t.db.drop());

  it('has at least 500 files, and its good base files are accepted (dry run)', async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(500);
    const base = Object.fromEntries(Object.keys(GOOD_BASE).map((f) => [f, csvOf(f)]));
    const result = await importFiles(t.db.database.db, base, { actor: 'test', dryRun: true });
    for (const file of Object.keys(GOOD_BASE)) expect(result.changes[file]?.inserted, file).toBe(3);
  });

  it('refuses every file whole, with exactly its one problem at its file, line and column', async () => {
    const wrong: string[] = [];
    for (const c of corpus) {
      const errors = await rejection(t, c);
      const e = errors[0];
      const ok =
        errors.length === 1 &&
        e !== undefined &&
        e.file === c.error.file &&
        (c.error.line === null || e.line === c.error.line) &&
        (c.error.column === null || e.column === c.error.column) &&
        e.message.length > 0 &&
        !/insert|select|\$\d/i.test(e.message);
      if (!ok) wrong.push(`${c.name}: ${JSON.stringify(errors).slice(0, 300)}`);
    }
    expect(wrong).toEqual([]);
    expect(await tableCounts(t.db.database)).toEqual(counts);
    expect(await tableContents(t.db.database)).toEqual(contents);
  });

  it('answers a sample of them over HTTP with 422 and the same problem, never 500', async () => {
    for (const c of corpus.filter((_, i) => i % 20 === 0)) {
      const res = await t.request('/api/import', { method: 'POST', body: form(c.files) });
      expect(res.status, c.name).toBe(422);
      const body = (await res.json()) as { errors: ImportError[]; total_errors: number };
      expect(body.errors, c.name).toEqual(await rejection(t, c));
      expect(body.total_errors).toBe(1);
    }
    expect(await tableCounts(t.db.database)).toEqual(counts);
  });

  it('lists every problem of a file with many once each, S99 and C9999 included (issue 10.15)', async () => {
    const customers = [
      'external_id,name,segment,account_manager,acquired_on,churned_on',
      'XC1,One,S99,E006,2020-01-01,', // unknown segment
      'XC2,Two,S1,,2020-02-30,', // impossible date
      'XC3,Three,S99,E999,2021-03-04,2020-01-01', // unknown segment, manager, churned before acquired
    ].join('\n');
    const revenue = [
      'customer,month,amount,currency',
      'C9999,2024-01,100.00,EUR', // unknown customer
      'XC2,2024-01,abc,EUR', // bad amount; XC2 is in this import, so no reference problem
      'C9999,2024-13,1,EUR', // unknown customer and a bad month
    ].join('\n');
    const err = await importFiles(
      t.db.database.db,
      { 'customers.csv': customers, 'revenue.csv': revenue },
      { actor: 'test' },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRejected);
    const list = (err as ImportRejected).errors.map((e) => `${e.file}:${e.line}:${e.column}`);
    expect(list).toEqual([
      'customers.csv:2:segment',
      'customers.csv:3:acquired_on',
      'customers.csv:4:segment',
      'customers.csv:4:account_manager',
      'customers.csv:4:churned_on',
      'revenue.csv:2:customer',
      'revenue.csv:3:amount',
      'revenue.csv:4:customer',
      'revenue.csv:4:month',
    ]);
    expect(
      (err as ImportRejected).errors.find((e) => e.line === 2 && e.file === 'customers.csv')
        ?.message,
    ).toMatch(/S99/);
    expect(
      (err as ImportRejected).errors.find((e) => e.line === 2 && e.file === 'revenue.csv')?.message,
    ).toMatch(/C9999/);
  });

  it('caps the list at 1,000 and counts the rest', async () => {
    const rows = Array.from(
      { length: 1500 },
      (_, i) => `XR${i},C0001,,nps,11,2026-01-05T10:00:00Z,`,
    );
    const err = (await importFiles(
      t.db.database.db,
      {
        'responses.csv': `external_id,customer,employee,kind,score,responded_at,comment\n${rows.join('\n')}\n`,
      },
      { actor: 'test' },
    ).catch((e: unknown) => e)) as ImportRejected;
    expect(err).toBeInstanceOf(ImportRejected);
    expect(err.errors).toHaveLength(1000);
    expect(err.totalErrors).toBe(1500);
    expect(err.errors.map((e) => e.line)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 2));
    expect(err.message).toMatch(/1500 problems \(the first 1000 are listed, 500 more\)/);
  });

  it('the CLI prints the same list for values the database would refuse, never SQL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'delight-bad-'));
    // files without references, so an empty database (the CLI's PGlite folder) and the
    // golden one (the API's) find the same problems
    const files = {
      'fx_rates.csv': `month,currency,rate\n2024-01,BGN,${'9'.repeat(140_000)}\n2024-02,BGN,1.${'5'.repeat(20_000)}\n`,
      'employees.csv': `external_id,name,email,role,segment,bonus_target,currency,hired_on,left_on\n${'E'.repeat(3000)},X,x@x.example,hr,,1.00,EUR,2020-01-01,\nXE9,Y,y@x.example,hr,,1.00,EUR,0000-01-01,\n`,
    };
    try {
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DELIGHT_DATA_DIR: mkdtempSync(join(tmpdir(), 'delight-cli-')),
      };
      if (t.db.url) env.DATABASE_URL = t.db.url;
      else delete env.DATABASE_URL;
      const cli = spawnSync('pnpm', ['-s', 'delight', 'import', dir], {
        cwd: repoRoot,
        env,
        encoding: 'utf8',
      });
      expect(cli.status, cli.stderr).toBe(1);
      const printed = JSON.parse(cli.stdout) as { errors: ImportError[] };
      const res = await t.request('/api/import', { method: 'POST', body: form(files) });
      expect(res.status).toBe(422);
      const body = (await res.json()) as { errors: ImportError[] };
      expect(printed.errors).toEqual(body.errors);
      expect(body.errors.map((e) => `${e.file}:${e.line}:${e.column}`)).toEqual([
        'employees.csv:2:external_id',
        'employees.csv:3:hired_on',
        'fx_rates.csv:2:rate',
        'fx_rates.csv:3:rate',
      ]);
      expect(cli.stderr).not.toMatch(/insert into|select |params:/i);
      if (env.DELIGHT_DATA_DIR) rmSync(env.DELIGHT_DATA_DIR, { recursive: true, force: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
