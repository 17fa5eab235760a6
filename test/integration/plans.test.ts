import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { goldenExpected, goldenFile, importGolden } from '../src/golden';

type PlanJson = Record<string, unknown> & { key: string; lines: Record<string, unknown>[] };
const goldenPlans = (JSON.parse(goldenFile('plans.json')) as { plans: PlanJson[] }).plans;
const agents = goldenPlans.find((p) => p.key === 'agents')!;

describe.each(databaseTargets())('plans API on %s', (target) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(target);
    await importGolden(t.db.database);
  });
  afterAll(() => t.db.drop());

  const send = (method: string, path: string, body: unknown, token?: string) =>
    t.sendJson(method, path, body, token);

  it('lists the plans loaded from plans.json, in file order', async () => {
    const res = await t.request('/api/plans');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { plans: PlanJson[] };
    // every line as written, plus its shrinkage strength (0 = off, the default)
    expect(body.plans).toEqual(
      goldenPlans.map((p) => ({ ...p, lines: p.lines.map((l) => ({ ...l, shrink: 0 })) })),
    );
  });

  it('is for admin (hr may read); 401 without credentials', async () => {
    expect((await t.app.request('/api/plans')).status).toBe(401);
    expect((await t.request('/api/plans', { token: await t.tokenFor('hr', 'E002') })).status).toBe(
      200,
    );
    for (const [role, emp] of [
      ['agent', 'E006'],
      ['segment_manager', 'E004'],
      ['executive', 'E001'],
    ] as const) {
      const token = await t.tokenFor(role, emp);
      expect((await t.request('/api/plans', { token })).status, role).toBe(403);
    }
    const hr = await t.tokenFor('hr', 'E002');
    expect(
      (await send('POST', '/api/plans', { ...agents, valid_from: '2027-01-01' }, hr)).status,
    ).toBe(403);
    expect((await send('PUT', '/api/plans/agents/2025-01-01', agents, hr)).status).toBe(403);
  });

  it('rejects a bad plan with 422 listing every problem', async () => {
    const bad = {
      key: 'broken',
      role: 'agent',
      period_kind: 'quarter',
      valid_from: '2027-01-01',
      lines: [
        // unknown KPI, weights 0.5 + 0.3 ≠ 1
        { ...agents.lines[0], kpi: 'happiness', weight: 0.5 },
        // lower-is-better written upwards, cap below 1, payout above 1, negative sample
        {
          ...agents.lines[3],
          weight: 0.3,
          threshold: 12,
          target: 36,
          stretch: 72,
          cap: 0.9,
          payout_at_threshold: 1.2,
          min_sample: -1,
        },
      ],
    };
    const res = await send('POST', '/api/plans', bad);
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      code: string;
      message: string;
      details: { path: string; code: string; message: string }[];
    };
    expect(body.code).toBe('unprocessable');
    const paths = body.details.map((d) => `${d.path} [${d.code}]: ${d.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^lines\.0\.kpi \[kpi_invalid_value\]: Line 1: the KPI must be one of/,
        ),
        'lines [weights_sum]: The weights must add up to 100 %; they add up to 80 %.',
        expect.stringMatching(
          /^lines\.1 \[curve_order_lower\]: Line 2 \(resolution time\): Lower resolution time is better/,
        ),
        'lines.1.cap [cap_out_of_range]: Line 2 (resolution time): the cap must be at least 1 (100 %).',
        expect.stringMatching(
          /^lines\.1\.payout_at_threshold \[payout_at_threshold_out_of_range\]: /,
        ),
        expect.stringMatching(/^lines\.1\.min_sample \[min_sample_out_of_range\]: /),
      ]),
    );
    // the summary people read names the problems in words, no field paths or zod text
    expect(body.message).toMatch(/^The plan has 6 problems: /);
    expect(body.message).not.toMatch(/lines\.\d|Invalid input/);
    // shrinkage below 0 is refused too
    const negative = await send('POST', '/api/plans', {
      ...agents,
      key: 'shrinking',
      valid_from: '2027-01-01',
      lines: agents.lines.map((l, i) => (i === 0 ? { ...l, shrink: -5 } : l)),
    });
    expect(negative.status).toBe(422);
    expect(((await negative.json()) as { details: { code: string }[] }).details).toEqual([
      expect.objectContaining({ path: 'lines.0.shrink', code: 'shrink_out_of_range' }),
    ]);
    expect((await send('POST', '/api/plans', '{not json')).status).toBe(400);
  });

  it('adds a version, refuses a duplicate, replaces lines with PUT, all audited', async () => {
    const v2 = {
      ...agents,
      valid_from: '2026-04-01',
      lines: agents.lines.map((l) => ({ ...l, cap: 2 })),
    };
    const created = await send('POST', '/api/plans', v2);
    expect(created.status).toBe(201);
    expect((await send('POST', '/api/plans', v2)).status).toBe(409);
    // another role under the same key would change what the plan means
    expect(
      (await send('POST', '/api/plans', { ...v2, valid_from: '2027-01-01', role: 'hr' })).status,
    ).toBe(422);
    // a version that does not exist cannot be replaced; path and body must agree
    expect(
      (await send('PUT', '/api/plans/agents/2030-01-01', { ...v2, valid_from: undefined })).status,
    ).toBe(404);
    expect(
      (await send('PUT', '/api/plans/agents/2026-04-01', { ...v2, key: 'other' })).status,
    ).toBe(422);

    const same = await send('PUT', '/api/plans/agents/2026-04-01', v2);
    expect(await same.json()).toMatchObject({ result: 'unchanged' });
    const changed = { ...v2, lines: v2.lines.map((l) => ({ ...l, cap: 1.8 })) };
    const put = await send('PUT', '/api/plans/agents/2026-04-01', changed);
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ result: 'updated' });

    const audit = (await (await t.request('/api/audit?action=plan.')).json()) as {
      entries: { action: string; entity: string; before: PlanJson | null; after: PlanJson }[];
    };
    const mine = audit.entries.filter((e) => e.entity === 'plan:agents@2026-04-01');
    expect(mine.map((e) => e.action)).toEqual(['plan.update', 'plan.create']);
    expect(mine[0]!.before!.lines[0]!.cap).toBe(2);
    expect(mine[0]!.after.lines[0]!.cap).toBe(1.8);
    expect(mine[1]!.before).toBeNull();
  });

  it('computes each period with the version in force at its start', async () => {
    const q1 = (await (await t.request('/api/bonus?period=2026-Q1')).json()) as {
      plans: Record<string, string>;
      rows: {
        employee: string;
        plan_valid_from: string;
        bonus_amount: string;
        lines: { cap: number }[];
      }[];
    };
    expect(q1.plans.agents).toBe('2025-01-01');
    const want = (
      goldenExpected()['2026-Q1'] as {
        bonus: { rows: { employee: string; bonus_amount: string }[] };
      }
    ).bonus.rows;
    expect(q1.rows.map((r) => r.bonus_amount)).toEqual(want.map((r) => r.bonus_amount));
    const q2 = (await (await t.request('/api/bonus?period=2026-Q2')).json()) as typeof q1;
    expect(q2.plans.agents).toBe('2026-04-01');
    const e006 = q2.rows.find((r) => r.employee === 'E006')!;
    expect(e006.plan_valid_from).toBe('2026-04-01');
    expect(e006.lines.every((l) => l.cap === 1.8)).toBe(true);
  });

  it('pages through the audit log newest first', async () => {
    const first = (await (await t.request('/api/audit?limit=1')).json()) as {
      entries: { id: number }[];
      next_before: number | null;
    };
    expect(first.entries).toHaveLength(1);
    expect(first.next_before).toBe(first.entries[0]!.id);
    const second = (await (
      await t.request(`/api/audit?limit=1&before=${first.next_before}`)
    ).json()) as typeof first;
    expect(second.entries[0]!.id).toBeLessThan(first.entries[0]!.id);
    expect(
      (await t.request('/api/audit', { token: await t.tokenFor('agent', 'E006') })).status,
    ).toBe(403);
    expect((await t.request('/api/audit?limit=0')).status).toBe(400);
  });
});
