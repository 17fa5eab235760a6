import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDirectory } from '@delight/api/import';
import { parse } from 'csv-parse/sync';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { GOLDEN_DIR, goldenExpected, importGolden } from '../src/golden';
import { pdfPages, requirePdftotext } from '../src/pdf';

type Json = Record<string, unknown>;
interface PeriodAnswer {
  status: string;
  submitted_by: string | null;
  approved_by: string | null;
  reopen_reason: string | null;
  steps: { action: string; possible: boolean; code: string | null; message: string | null }[];
}
interface GoldenRow {
  employee: string;
  bonus_amount: string;
  bonus_target: string;
  currency: string;
}
const Q = '2026-Q1';
const goldenRows = (goldenExpected()[Q] as { bonus: { rows: GoldenRow[] } }).bonus.rows;
const golden = (id: string) => goldenRows.find((r) => r.employee === id)!;

/** The golden set with every NPS answer of S3's agent E011 a 0: Q1's figures change. */
function changedData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'delight-approval-'));
  cpSync(GOLDEN_DIR, dir, { recursive: true });
  const csv = readFileSync(join(dir, 'responses.csv'), 'utf8').replace(/,nps,\d+,/g, ',nps,0,');
  writeFileSync(join(dir, 'responses.csv'), csv);
  return dir;
}

describe.each(databaseTargets())('bonus run sign-off and disputes on %s', (target) => {
  let t: TestContext;
  let changed: string;
  let hr: string;
  let hr2: string;
  let exec: string;
  let agent: string;
  let agent2: string;
  beforeAll(async () => {
    requirePdftotext();
    t = await createTestContext(target);
    await importGolden(t.db.database);
    changed = changedData();
    hr = await t.tokenFor('hr', 'E002');
    hr2 = await t.tokenFor('hr');
    exec = await t.tokenFor('executive', 'E001');
    agent = await t.tokenFor('agent', 'E006');
    agent2 = await t.tokenFor('agent', 'E012');
  });
  afterAll(async () => {
    rmSync(changed, { recursive: true, force: true });
    await t.db.drop();
  });

  const post = async (path: string, token: string, body?: unknown) => {
    const res =
      body === undefined
        ? await t.request(path, { method: 'POST', token })
        : await t.sendJson('POST', path, body, token);
    return { status: res.status, body: (await res.json()) as Json };
  };
  const state = async (token: string) =>
    (await (await t.request(`/api/periods/${Q}`, { token })).json()) as PeriodAnswer;
  const audit = async (action: string) =>
    (
      (await (await t.request(`/api/audit?action=${action}`)).json()) as {
        entries: { actor: string; entity: string; before: Json; after: Json }[];
      }
    ).entries;

  it('offers each role only its steps, and says why one is not possible', async () => {
    const forHr = await state(hr);
    expect(forHr.status).toBe('open');
    expect(forHr.steps.map((s) => [s.action, s.possible])).toEqual([
      ['submit', true],
      ['close', false],
      ['reopen', false],
    ]);
    expect(forHr.steps.find((s) => s.action === 'close')!.code).toBe('run_wrong_state');
    expect((await state(exec)).steps.map((s) => [s.action, s.possible])).toEqual([
      ['approve', false],
      ['reopen', false],
    ]);
    expect((await state(agent)).steps).toEqual([]);
    // a month without a plan: submitting it is not possible, said in words
    const month = (await (
      await t.request('/api/periods/2026-02', { token: hr })
    ).json()) as PeriodAnswer;
    expect(month.steps.find((s) => s.action === 'submit')).toEqual({
      action: 'submit',
      possible: false,
      code: 'run_no_plan',
      message: 'No bonus plan covers month periods, so February 2026 has no bonus run to submit.',
    });
  });

  it('HR submits; the submitter cannot approve; an executive approves; audited', async () => {
    expect((await post(`/api/periods/${Q}/approve`, exec)).body.code).toBe('run_wrong_state');
    const submitted = await post(`/api/periods/${Q}/submit`, hr);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', submitted_by: 'token:hr:E002' });
    expect((await post(`/api/periods/${Q}/submit`, hr)).body.code).toBe('run_wrong_state');
    const byHr = await post(`/api/periods/${Q}/approve`, hr);
    expect([byHr.status, byHr.body.code]).toEqual([403, 'run_role_not_allowed']);
    // an admin who submitted cannot approve their own submission
    await post(`/api/periods/${Q}/reopen`, exec, { reason: 'checking the admin rule' });
    await post(`/api/periods/${Q}/submit`, t.adminToken);
    const own = await post(`/api/periods/${Q}/approve`, t.adminToken);
    expect([own.status, own.body.code]).toEqual([403, 'run_own_submission']);
    const approved = await post(`/api/periods/${Q}/approve`, exec);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      submitted_by: 'token:admin',
      approved_by: 'token:executive:E001',
    });
    const submits = await audit('period.submit');
    expect(submits.map((e) => e.actor)).toEqual(['token:admin', 'token:hr:E002']);
    // the run's totals at submission are the golden totals
    const eur = goldenRows
      .filter((r) => r.currency === 'EUR')
      .reduce((s, r) => s.plus(r.bonus_amount), new Decimal(0))
      .toFixed(2);
    expect(submits[0]!.after.totals).toContainEqual(
      expect.objectContaining({ currency: 'EUR', bonus_amount: eur }),
    );
    expect((await audit('period.approve'))[0]).toMatchObject({
      actor: 'token:executive:E001',
      before: { status: 'submitted', submitted_by: 'token:admin' },
      after: { status: 'approved' },
    });
  });

  it('the CSV, the statement and its PDF of an approved run carry its state and approver', async () => {
    const csv = await (await t.request(`/api/bonus/export.csv?period=${Q}`, { token: hr })).text();
    const rows = parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(goldenRows.length);
    for (const r of rows) {
      expect([r.run_state, r.approved_by]).toEqual(['approved', 'token:executive:E001']);
    }
    const st = (await (
      await t.request(`/api/bonus/statement?period=${Q}`, { token: agent })
    ).json()) as { status: string; sign_off: Json };
    expect(st.status).toBe('open'); // figures still move until it is closed
    expect(st.sign_off).toMatchObject({ state: 'approved', approved_by: 'token:executive:E001' });
    const pdf = await t.request(`/api/bonus/statement.pdf?period=${Q}`, { token: agent });
    const text = pdfPages(new Uint8Array(await pdf.arrayBuffer()))
      .join('\n')
      .replace(/\s+/g, ' ');
    expect(text).toContain('Run approved by token:executive:E001');
    expect(text).toContain('(submitted by token:admin)');
  });

  it('a change that leaves the run as it was keeps the sign-off', async () => {
    // a new version of the agents' plan from Q2 on: Q1 is computed again, and is the same
    const plans = (await (await t.request('/api/plans')).json()) as { plans: Json[] };
    const agents = plans.plans.find((p) => p.key === 'agents')!;
    const lines = (agents.lines as Json[]).map((l) => ({ ...l, cap: 2 }));
    const created = await t.sendJson('POST', '/api/plans', {
      ...agents,
      valid_from: '2026-04-01',
      lines,
    });
    expect(created.status).toBe(201);
    expect((await state(hr)).status).toBe('approved');
  });

  it('new data that changes the figures sends an approved run back to open, with the reason', async () => {
    const eurBefore = (await audit('period.submit'))[0]!.after.totals as {
      currency: string;
      bonus_amount: string;
    }[];
    await importDirectory(t.db.database.db, changed, { actor: 'cli', reportingCurrency: 'EUR' });
    const s = await state(hr);
    expect(s).toMatchObject({ status: 'open', submitted_by: null, approved_by: null });
    const run = (await (await t.request(`/api/bonus?period=${Q}`, { token: hr })).json()) as {
      totals: { currency: string; bonus_amount: string }[];
    };
    const text = (totals: { currency: string; bonus_amount: string }[]) =>
      totals.map((x) => `${x.bonus_amount} ${x.currency}`).join(', ');
    expect(s.reopen_reason).toBe(
      `An import changed the figures of Q1 2026 after the run was approved: bonus totals ${text(eurBefore)} → ${text(run.totals)}. HR must submit it again.`,
    );
    const reopened = (await audit('period.reopen'))[0]!;
    expect(reopened).toMatchObject({
      actor: 'cli',
      entity: `period:${Q}`,
      before: { status: 'approved' },
    });
    // back to the golden data for the dispute steps
    await importDirectory(t.db.database.db, GOLDEN_DIR, { actor: 'cli', reportingCurrency: 'EUR' });
  });

  it('a plan change that affects the run sends a submitted run back to open', async () => {
    expect((await post(`/api/periods/${Q}/submit`, hr)).status).toBe(200);
    const plans = (await (await t.request('/api/plans')).json()) as { plans: Json[] };
    const agents = plans.plans.find((p) => p.key === 'agents')!;
    const lines = (agents.lines as Json[]).map((l) => ({ ...l, cap: 2 }));
    const put = await t.sendJson('PUT', '/api/plans/agents/2025-01-01', { ...agents, lines });
    expect(put.status).toBe(200);
    const s = await state(hr);
    expect(s.status).toBe('open');
    expect(s.reopen_reason).toMatch(
      /^A change to the plan agents changed the figures of Q1 2026 after the run was submitted: bonus totals /,
    );
    // and back
    const back = await t.sendJson('PUT', '/api/plans/agents/2025-01-01', agents);
    expect(back.status).toBe(200);
  });

  it('an employee disputes a line; a run with an open dispute cannot be approved', async () => {
    const unknown = await post('/api/bonus/disputes', agent, {
      period: Q,
      line: 'revenue',
      comment: 'x',
    });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'dispute_unknown_line']);
    const empty = await post('/api/bonus/disputes', agent, {
      period: Q,
      line: 'nps',
      comment: ' ',
    });
    expect([empty.status, empty.body.code]).toEqual([422, 'comment_required']);
    const raised = await post('/api/bonus/disputes', agent, {
      period: Q,
      line: 'nps',
      comment: 'Two of my detractors were about the billing outage.',
    });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({
      employee: 'E006',
      line: 'nps',
      status: 'open',
      raised_by: 'token:agent:E006',
    });
    const again = await post('/api/bonus/disputes', agent, {
      period: Q,
      line: 'nps',
      comment: 'again',
    });
    expect([again.status, again.body.code]).toEqual([409, 'dispute_duplicate']);
    const second = await post('/api/bonus/disputes', agent2, {
      period: Q,
      line: 'proration',
      comment: 'I worked every day.',
    });
    expect(second.status).toBe(201);

    // HR sees both; an agent only their own
    const list = (await (
      await t.request(`/api/bonus/disputes?period=${Q}&status=open`, { token: hr })
    ).json()) as {
      open: number;
      disputes: { employee: string }[];
    };
    expect(list.open).toBe(2);
    expect(list.disputes.map((d) => d.employee)).toEqual(['E006', 'E012']);
    const mine = (await (
      await t.request(`/api/bonus/disputes?period=${Q}`, { token: agent })
    ).json()) as {
      disputes: { employee: string }[];
    };
    expect(mine.disputes.map((d) => d.employee)).toEqual(['E006']);

    expect((await post(`/api/periods/${Q}/submit`, hr)).status).toBe(200);
    const refused = await post(`/api/periods/${Q}/approve`, exec);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'run_open_disputes',
      message:
        '2 disputes on this run are still open: HR must resolve them before the run can be approved.',
    });
  });

  it('HR accepts with an adjustment: its own line in the statement, the PDF and a reconciling CSV', async () => {
    const [nps] = (
      (await (await t.request(`/api/bonus/disputes?period=${Q}`, { token: hr })).json()) as {
        disputes: { id: number }[];
      }
    ).disputes;
    const byAgent = await post(`/api/bonus/disputes/${nps!.id}/accept`, agent, {
      amount: '1',
      reason: 'x',
    });
    expect([byAgent.status, byAgent.body.code]).toEqual([403, 'dispute_role_not_allowed']);
    const tooPrecise = await post(`/api/bonus/disputes/${nps!.id}/accept`, hr, {
      amount: '12.345',
      reason: 'x',
    });
    expect(tooPrecise.body).toMatchObject({
      code: 'adjustment_invalid',
      message: 'An amount in EUR has at most 2 decimals; 12.345 has more.',
    });
    const noReason = await post(`/api/bonus/disputes/${nps!.id}/accept`, hr, {
      amount: '50',
      reason: '',
    });
    expect(noReason.body.code).toBe('reason_required');
    const accepted = await post(`/api/bonus/disputes/${nps!.id}/accept`, hr, {
      amount: '+50.00',
      reason: 'Two detractors were about the billing outage, not the agent.',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      resolved_by: 'token:hr:E002',
      adjustment: {
        amount: '50.00',
        reason: 'Two detractors were about the billing outage, not the agent.',
      },
    });
    const twice = await post(`/api/bonus/disputes/${nps!.id}/reject`, hr, { reply: 'no' });
    expect([twice.status, twice.body.code]).toEqual([409, 'dispute_resolved']);
    // the submitted run's figures changed: back to open, with the adjustment as the reason
    const s = await state(hr);
    expect(s.status).toBe('open');
    expect(s.reopen_reason).toMatch(
      /^An adjustment of 50\.00 EUR for E006 \(dispute \d+\) changed the figures of Q1 2026 after the run was submitted/,
    );

    // hand calculation: the golden amount + 50.00
    const want = new Decimal(golden('E006').bonus_amount).plus('50.00').toFixed(2);
    const st = (await (
      await t.request(`/api/bonus/statement?period=${Q}`, { token: agent })
    ).json()) as {
      row: {
        bonus_amount: string;
        computed_amount: string;
        adjustments: Json[];
        adjustment_total: string;
      };
      steps: string[];
      disputes: Json[];
    };
    expect(st.row.computed_amount).toBe(golden('E006').bonus_amount);
    expect(st.row.bonus_amount).toBe(want);
    expect(st.row.adjustment_total).toBe('50.00');
    expect(st.row.adjustments).toEqual([
      expect.objectContaining({
        amount: '50.00',
        reason: 'Two detractors were about the billing outage, not the agent.',
      }),
    ]);
    expect(st.steps).toContain(
      'Adjustment +50.00 EUR: Two detractors were about the billing outage, not the agent.',
    );
    expect(st.steps).toContain(
      `Bonus after adjustments = ${golden('E006').bonus_amount} + 50.00 = ${want} EUR.`,
    );
    expect(st.disputes).toEqual([expect.objectContaining({ status: 'accepted', line: 'nps' })]);

    const pdf = await t.request(`/api/bonus/statement.pdf?period=${Q}`, { token: agent });
    const text = pdfPages(new Uint8Array(await pdf.arrayBuffer()))
      .join('\n')
      .replace(/\s+/g, ' ');
    expect(text).toContain('Adjustments');
    expect(text).toContain('Two detractors were about the billing outage, not the agent.');
    expect(text).toContain('+€50.00');

    // the CSV: bonus_amount = round_half_even(bonus_target × payout_factor) + adjustments
    const csv = await (await t.request(`/api/bonus/export.csv?period=${Q}`, { token: hr })).text();
    const rows = parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    for (const r of rows) {
      const computed = new Decimal(r.bonus_target!)
        .times(r.payout_factor!)
        .toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
      expect(computed.plus(r.adjustments!).toFixed(2), r.external_id).toBe(r.bonus_amount);
    }
    const e006 = rows.find((r) => r.external_id === 'E006')!;
    expect([e006.adjustments, e006.bonus_amount, e006.run_state]).toEqual(['50.00', want, 'open']);
    const eur = (await (await t.request(`/api/bonus?period=${Q}`, { token: hr })).json()) as {
      totals: { currency: string; bonus_amount: string }[];
    };
    const goldenEur = goldenRows
      .filter((r) => r.currency === 'EUR')
      .reduce((sum, r) => sum.plus(r.bonus_amount), new Decimal(50))
      .toFixed(2);
    expect(eur.totals.find((x) => x.currency === 'EUR')!.bonus_amount).toBe(goldenEur);
  });

  it('HR rejects with a reply the employee reads; then submit, approve, close; all audited', async () => {
    const { disputes } = (await (
      await t.request(`/api/bonus/disputes?period=${Q}&status=open`, { token: hr })
    ).json()) as {
      disputes: { id: number }[];
    };
    expect(disputes).toHaveLength(1);
    const noReply = await post(`/api/bonus/disputes/${disputes[0]!.id}/reject`, hr, { reply: '' });
    expect(noReply.body.code).toBe('reply_required');
    const rejected = await post(`/api/bonus/disputes/${disputes[0]!.id}/reject`, hr2, {
      reply: 'You joined on Mar 30, 2018; the quarter counts every day you worked.',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', resolved_by: 'token:hr' });
    const st = (await (
      await t.request(`/api/bonus/statement?period=${Q}`, { token: agent2 })
    ).json()) as {
      disputes: { status: string; reply: string }[];
    };
    expect(st.disputes).toEqual([
      expect.objectContaining({
        status: 'rejected',
        reply: 'You joined on Mar 30, 2018; the quarter counts every day you worked.',
      }),
    ]);

    expect((await post(`/api/periods/${Q}/submit`, hr)).status).toBe(200);
    expect((await post(`/api/periods/${Q}/approve`, exec)).status).toBe(200);
    const closed = await post(`/api/periods/${Q}/close`, hr);
    expect(closed.status).toBe(201);
    expect(closed.body).toMatchObject({ status: 'closed', approved_by: 'token:executive:E001' });
    // the closed snapshot keeps the adjustment; nothing can be disputed any more
    const after = (await (
      await t.request(`/api/bonus/statement?period=${Q}`, { token: agent })
    ).json()) as {
      status: string;
      can_dispute: boolean;
      row: { adjustment_total: string };
    };
    expect(after).toMatchObject({
      status: 'closed',
      can_dispute: false,
      row: { adjustment_total: '50.00' },
    });
    const late = await post('/api/bonus/disputes', agent, {
      period: Q,
      line: 'csat',
      comment: 'late',
    });
    expect([late.status, late.body.code]).toEqual([409, 'run_closed']);
    const reopen = await post(`/api/periods/${Q}/reopen`, exec, { reason: 'too late' });
    expect([reopen.status, reopen.body.code]).toEqual([409, 'run_closed']);

    for (const action of ['dispute.raise', 'dispute.accept', 'dispute.reject', 'period.close']) {
      expect((await audit(action)).length, action).toBeGreaterThan(0);
    }
    expect((await audit('dispute.accept'))[0]!.after).toMatchObject({
      status: 'accepted',
      adjustment: { employee: 'E006', amount: '50.00', currency: 'EUR' },
    });
  });
});
