import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDirectory } from '@delight/api/import';
import { periodOf, todayUtc } from '@delight/api/lib/period';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { GOLDEN_DIR, goldenExpected, importGolden } from '../src/golden';

type Row = { employee: string; bonus_amount: string; total_achievement: number };

/** A copy of the golden set with changed data: every NPS a 10, a renamed agent, a new target. */
function changedGolden(): string {
  const dir = mkdtempSync(join(tmpdir(), 'delight-changed-'));
  cpSync(GOLDEN_DIR, dir, { recursive: true });
  const responses = readFileSync(join(dir, 'responses.csv'), 'utf8').replace(
    /,nps,\d+,/g,
    ',nps,10,',
  );
  writeFileSync(join(dir, 'responses.csv'), responses);
  const employees = readFileSync(join(dir, 'employees.csv'), 'utf8')
    .replace('Ilze Krūmiņa', 'Ilze Renamed')
    .replace('2606.55', '9999.99');
  writeFileSync(join(dir, 'employees.csv'), employees);
  return dir;
}

describe.each(databaseTargets())('period close on %s', (target) => {
  let t: TestContext;
  let changedDir: string;
  beforeAll(async () => {
    t = await createTestContext(target);
    await importGolden(t.db.database);
    changedDir = changedGolden();
  });
  afterAll(async () => {
    rmSync(changedDir, { recursive: true, force: true });
    await t.db.drop();
  });

  const get = async (path: string, token?: string) => {
    const res = await t.request(path, token ? { token } : {});
    return { status: res.status, text: await res.text() };
  };
  const post = (path: string, token?: string) =>
    t.request(path, { method: 'POST', ...(token ? { token } : {}) });

  it('only hr and admin close; agents, managers and executives get 403', async () => {
    for (const [role, emp] of [
      ['agent', 'E006'],
      ['segment_manager', 'E004'],
      ['executive', 'E001'],
    ] as const) {
      const res = await post('/api/periods/2026-Q1/close', await t.tokenFor(role, emp));
      expect(res.status, role).toBe(403);
    }
    expect((await t.app.request('/api/periods/2026-Q1/close', { method: 'POST' })).status).toBe(
      401,
    );
    expect((await get('/api/periods/2026-Q1')).text).toContain('"status":"open"');
  });

  it('refuses a period that has not ended (409), and one that has not started (400)', async () => {
    const hr = await t.tokenFor('hr', 'E002');
    const running = periodOf('quarter', todayUtc());
    const close = await post(`/api/periods/${running}/close`, hr);
    expect(close.status).toBe(409);
    expect(((await close.json()) as { code: string }).code).toBe('run_wrong_state');
    const submit = await post(`/api/periods/${running}/submit`, hr);
    expect(submit.status).toBe(409);
    expect(((await submit.json()) as { code: string }).code).toBe('period_not_ended');
    const future = await post('/api/periods/2999-Q1/close', hr);
    expect(future.status).toBe(400);
    expect(((await future.json()) as { code: string }).code).toBe('period_not_started');
  });

  it('closes once, keeps the snapshot bit-identical through new data and plan changes', async () => {
    const hr = await t.tokenFor('hr', 'E002');
    const beforeQ1 = await get('/api/bonus?period=2026-Q1', hr);
    const beforeQ2 = await get('/api/bonus?period=2026-Q2', hr);

    // closing needs an approved run: HR submits, an executive approves, HR closes
    const early = await post('/api/periods/2026-Q1/close', hr);
    expect(early.status).toBe(409);
    expect(((await early.json()) as { message: string }).message).toBe(
      'The bonus run of Q1 2026 is still open: HR must submit it and an executive or an admin must approve it before it can be closed.',
    );
    expect((await post('/api/periods/2026-Q1/submit', hr)).status).toBe(200);
    expect(
      (await post('/api/periods/2026-Q1/approve', await t.tokenFor('executive', 'E001'))).status,
    ).toBe(200);
    const res = await post('/api/periods/2026-Q1/close', hr);
    expect(res.status).toBe(201);
    const closed = (await res.json()) as Record<string, unknown>;
    expect(closed).toMatchObject({
      period: '2026-Q1',
      status: 'closed',
      rows: 8,
      plan_versions: { agents: '2025-01-01', segment_managers: '2025-01-01' },
    });
    expect(typeof closed.closed_at).toBe('string');

    // the closed run is the open run, plus the state
    const afterClose = JSON.parse((await get('/api/bonus?period=2026-Q1', hr)).text);
    const open = JSON.parse(beforeQ1.text);
    expect(afterClose.status).toBe('closed');
    expect(afterClose.rows).toEqual(open.rows);
    expect(JSON.stringify(afterClose.rows)).toBe(JSON.stringify(open.rows));
    expect(afterClose.totals).toEqual(open.totals);
    const closedText = (await get('/api/bonus?period=2026-Q1', hr)).text;
    // the CSV of the closed run carries its state and approver on every record
    const beforeCsv = await get('/api/bonus/export.csv?period=2026-Q1', hr);
    const records = beforeCsv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(records[0]!.endsWith(',payout_factor,adjustments,run_state,approved_by')).toBe(true);
    for (const r of records.slice(1))
      expect(r.endsWith(',0.00,closed,token:executive:E001')).toBe(true);

    // a second close and any re-open are refused
    expect((await post('/api/periods/2026-Q1/close', hr)).status).toBe(409);
    const reopen = await t.sendJson('POST', '/api/periods/2026-Q1/reopen', { reason: 'x' }, hr);
    expect(reopen.status).toBe(409);
    expect(((await reopen.json()) as { code: string }).code).toBe('run_closed');

    // new data and a new plan version change open periods, never the closed one
    await importDirectory(t.db.database.db, changedDir, {
      actor: 'test',
      reportingCurrency: 'EUR',
    });
    const plans = (await (await t.request('/api/plans')).json()) as {
      plans: { key: string; lines: { weight: number }[] }[];
    };
    const agents = plans.plans.find((p) => p.key === 'agents')!;
    const put = await t.sendJson('PUT', '/api/plans/agents/2025-01-01', {
      ...agents,
      lines: (agents as { lines: Record<string, unknown>[] }).lines.map((l) => ({
        ...l,
        cap: 2,
      })),
    });
    expect(put.status).toBe(200);

    expect((await get('/api/bonus?period=2026-Q1', hr)).text).toBe(closedText);
    expect((await get('/api/bonus/export.csv?period=2026-Q1', hr)).text).toBe(beforeCsv.text);
    const q2 = JSON.parse((await get('/api/bonus?period=2026-Q2', hr)).text) as { rows: Row[] };
    expect(JSON.stringify(q2.rows)).not.toBe(JSON.stringify(JSON.parse(beforeQ2.text).rows));
    expect(q2.rows.find((r) => r.employee === 'E011')).toMatchObject({ name: 'Ilze Renamed' });
    const statement = JSON.parse(
      (await get('/api/bonus/statement?period=2026-Q1&employee=E006', hr)).text,
    ) as { row: Row & { bonus_target: string } };
    expect(statement.row.bonus_target).toBe('2606.55'); // as closed, not the new 9999.99
    // the golden amounts still hold for the closed quarter
    const want = (goldenExpected()['2026-Q1'] as { bonus: { rows: Row[] } }).bonus.rows;
    const got = JSON.parse(closedText) as { rows: Row[] };
    expect(got.rows.map((r) => [r.employee, r.bonus_amount])).toEqual(
      want.map((r) => [r.employee, r.bonus_amount]),
    );
  });

  it('lists the period as closed and audits the close with the versions used', async () => {
    const periods = JSON.parse((await get('/api/periods')).text) as {
      periods: { period: string; status: string }[];
    };
    expect(periods.periods).toEqual([
      expect.objectContaining({ period: '2026-Q1', status: 'closed' }),
    ]);
    expect(JSON.parse((await get('/api/periods/2026-Q2')).text).status).toBe('open');
    const audit = JSON.parse((await get('/api/audit?action=period.close')).text) as {
      entries: { actor: string; entity: string; before: unknown; after: Record<string, unknown> }[];
    };
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({
      actor: 'token:hr:E002',
      entity: 'period:2026-Q1',
      before: { status: 'approved', approved_by: 'token:executive:E001' },
      after: {
        status: 'closed',
        rows: 8,
        plan_versions: { agents: '2025-01-01', segment_managers: '2025-01-01' },
      },
    });
    expect('assumption_version_id' in audit.entries[0]!.after).toBe(true);
  });

  it('what-do-I-need is for open periods only', async () => {
    const agent = await t.tokenFor('agent', 'E006');
    expect((await get('/api/bonus/what-do-i-need?period=2026-Q1', agent)).status).toBe(409);
    expect((await get('/api/bonus/what-do-i-need?period=2026-Q2', agent)).status).toBe(200);
  });
});
