import { createUser } from '@delight/api/auth';
import { importJobsSettled } from '@delight/api/import';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { goldenFile, importGolden } from '../src/golden';

/**
 * Every endpoint × every role × own / foreign scope / no credential, as the Access
 * table of DESIGN.md (refined in docs/access.md) says. The list of endpoints comes
 * from the app itself: a route without a row here fails the suite, so no endpoint can
 * escape the matrix.
 *
 * Callers, on the golden data: manager = E004 (manages S1 and S2), agent = E006
 * (agent in S1). Foreign: S3 and its manager E005, agent E011 (S3); E009 is another
 * agent of S1 (E004's team, not E006).
 */
const CALLERS = ['admin', 'executive', 'hr', 'manager', 'agent'] as const;
type Caller = (typeof CALLERS)[number];
type Expected = Record<Caller | 'none', number>;

interface Case {
  /** what this case probes, e.g. "own segment" */
  what: string;
  /** a function when each caller needs its own target (writes) */
  path: string | ((who: Caller | 'none') => string);
  /** callers that get `ok`; every other caller gets 403 and no credential 401 */
  allow?: string;
  /** every caller and no credential get this status (public routes) */
  public?: number;
  ok?: number;
  /** what the manager's and agent's session cookies get, when not the same as their tokens */
  bySession?: number;
  init?: () => RequestInit;
}

interface Row {
  route: string;
  cases: Case[];
}

const Q = '2026-Q1';
const ALL = 'admin executive hr manager agent';

/** For scope-taking endpoints: own and foreign scopes of each caller. */
function scopeCases(base: string, data: 'kpis' | 'money'): Case[] {
  const hr = data === 'kpis' ? ' hr' : '';
  const sep = base.includes('?') ? '&' : '?';
  const at = (scope: string) => `${base}${sep}scope=${scope}`;
  return [
    { what: 'company', path: at('company'), allow: 'admin executive' },
    {
      what: 'own segment of the manager',
      path: at('segment:S1'),
      allow: 'admin executive manager',
    },
    {
      what: 'second own segment of the manager',
      path: at('segment:S2'),
      allow: 'admin executive manager',
    },
    { what: 'foreign segment', path: at('segment:S3'), allow: 'admin executive' },
    { what: 'manager scope, own', path: at('manager:E004'), allow: `admin executive${hr} manager` },
    { what: 'manager scope, foreign', path: at('manager:E005'), allow: `admin executive${hr}` },
    {
      what: 'the agent, own (and in the manager’s team)',
      path: at('employee:E006'),
      allow: `admin executive${hr} manager agent`,
    },
    {
      what: 'manager as employee, self',
      path: at('employee:E004'),
      allow: `admin executive${hr} manager`,
    },
    {
      what: 'another agent of S1 (team, not the agent)',
      path: at('employee:E009'),
      allow: `admin executive${hr} manager`,
    },
    {
      what: 'agent of a foreign segment',
      path: at('employee:E011'),
      allow: `admin executive${hr}`,
    },
  ];
}

const jsonInit = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const jsonBody = (body: unknown) => () => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** An import job the admin queued (beforeAll): admins read it, others get 403. */
let importJobPath = '';

/** A harmless import: the golden FX rates again (same keys, same values). */
const reimportFx = () => {
  const form = new FormData();
  form.append('fx_rates.csv', new Blob([goldenFile('fx_rates.csv')]), 'fx_rates.csv');
  return { method: 'POST', body: form };
};

/** Golden plan and assumption values, for the admin-only previews (nothing is written). */
const agentsPlan = (
  JSON.parse(goldenFile('plans.json')) as { plans: { key: string }[] }
).plans.find((p) => p.key === 'agents');
const assumptionValues = JSON.parse(goldenFile('assumptions.json')) as Record<string, unknown>;
delete assumptionValues.valid_from;

/** Closed-loop ids picked from the golden data before the rows run (see beforeAll). */
const CL: Record<
  | 'agentCase'
  | 'teamCase'
  | 'foreignCase'
  | 'adminCloseCase'
  | 'managerCloseCase'
  | 'agentCloseCase'
  | 'foreignCloseCase'
  | 'agentComplaint'
  | 'foreignComplaint'
  | 'agentCustomer'
  | 'teamCustomer'
  | 'foreignCustomer',
  string
> = {
  agentCase: '',
  teamCase: '',
  foreignCase: '',
  adminCloseCase: '',
  managerCloseCase: '',
  agentCloseCase: '',
  foreignCloseCase: '',
  agentComplaint: '',
  foreignComplaint: '',
  agentCustomer: '',
  teamCustomer: '',
  foreignCustomer: '',
};

/**
 * The golden cases by what the matrix needs: the agent E006's own (a customer they
 * account-manage, a complaint they handle), E004's segments S1/S2 outside the agent's,
 * and S3's (foreign). Each close row gets a case of its own.
 */
async function pickClosedLoopIds(t: TestContext) {
  const res = await t.request('/api/cases?page_size=200');
  const { rows } = (await res.json()) as {
    rows: {
      id: string;
      subject: string;
      source: string;
      segment: string;
      owner: string;
      handler: string | null;
      customer: string;
    }[];
  };
  const pick = (what: string, ok: (r: (typeof rows)[number]) => boolean, skip: string[] = []) => {
    const row = rows.find((r) => ok(r) && !skip.includes(r.id));
    if (!row) throw new Error(`no golden case for ${what}`);
    return row;
  };
  const agent = pick('the agent', (r) => r.subject === 'response' && r.owner === 'E006');
  const team = pick('the manager', (r) => r.segment === 'S2' && r.owner === 'E004');
  const foreign = pick('S3', (r) => r.segment === 'S3' && r.owner === 'E011');
  const agentComplaint = pick(
    'a complaint of the agent',
    (r) => r.subject === 'complaint' && r.handler === 'E006' && r.owner !== 'E006',
  );
  const used = [agent.id, team.id, foreign.id, agentComplaint.id];
  const managerClose = pick('a second S2 case', (r) => r.segment === 'S2', used);
  const adminClose = pick('a third S2 case', (r) => r.segment === 'S2', [...used, managerClose.id]);
  const foreignClose = pick('a second S3 case', (r) => r.segment === 'S3', used);
  const foreignComplaint = pick(
    'an S3 complaint',
    (r) => r.segment === 'S3' && r.subject === 'complaint',
  );
  Object.assign(CL, {
    agentCase: agent.id,
    teamCase: team.id,
    foreignCase: foreign.id,
    adminCloseCase: adminClose.id,
    managerCloseCase: managerClose.id,
    agentCloseCase: agentComplaint.id,
    foreignCloseCase: foreignClose.id,
    agentComplaint: agentComplaint.source,
    foreignComplaint: foreignComplaint.source,
    agentCustomer: agent.customer,
    teamCustomer: team.customer,
    foreignCustomer: foreign.customer,
  });
}

const MATRIX: Row[] = [
  { route: 'GET /api/health', cases: [{ what: 'public', path: '/api/health', public: 200 }] },
  { route: 'GET /api/ready', cases: [{ what: 'public', path: '/api/ready', public: 200 }] },
  // the contract and its reference page describe the API, they hold no data
  {
    route: 'GET /api/openapi.json',
    cases: [{ what: 'public', path: '/api/openapi.json', public: 200 }],
  },
  { route: 'GET /api/docs', cases: [{ what: 'public', path: '/api/docs', public: 200 }] },
  {
    // the sender's signature is the credential (test/integration/webhooks.test.ts)
    route: 'POST /api/webhooks/:source',
    cases: [
      {
        what: 'no credential: an unknown source is absent for everyone',
        path: '/api/webhooks/matrix',
        public: 404,
        init: jsonBody({}),
      },
    ],
  },
  {
    route: 'GET /api/webhook-sources',
    cases: [{ what: 'admin only', path: '/api/webhook-sources', allow: 'admin' }],
  },
  {
    route: 'PUT /api/webhook-sources/:source',
    // the admin passes the role check and gets the 422 of a mapping without a score
    cases: [
      {
        what: 'admin only',
        path: '/api/webhook-sources/matrix',
        allow: 'admin',
        ok: 422,
        init: () =>
          jsonInit('PUT', {
            kind: 'generic',
            secret: 'matrix-secret-0000',
            mapping: { customer: 'c', response_id: 'id', kind: 'nps' },
          }),
      },
    ],
  },
  {
    route: 'DELETE /api/webhook-sources/:source',
    cases: [
      {
        what: 'admin only',
        path: '/api/webhook-sources/matrix',
        allow: 'admin',
        ok: 404,
        init: () => ({ method: 'DELETE' }),
      },
    ],
  },
  {
    // off unless configured (then a token of its own guards it: test/integration/metrics.test.ts)
    route: 'GET /metrics',
    cases: [{ what: 'off by default: absent for everyone', path: '/metrics', public: 404 }],
  },
  {
    route: 'POST /api/auth/login',
    cases: [
      {
        what: 'sign-in needs no credential',
        path: '/api/auth/login',
        public: 200,
        init: jsonBody({ email: 'matrix@x.example', password: 'matrix password' }),
      },
    ],
  },
  {
    route: 'POST /api/auth/logout',
    cases: [
      {
        what: 'without a session it is a no-op',
        path: '/api/auth/logout',
        public: 204,
        init: () => ({ method: 'POST' }),
      },
    ],
  },
  {
    route: 'POST /api/auth/password',
    cases: [
      {
        // a person's own password: never with an API token; with a session, the wrong
        // current password is refused (so nothing changes here)
        what: 'a session only, never a token',
        path: '/api/auth/password',
        allow: '',
        bySession: 400,
        init: jsonBody({ current_password: 'not it at all', new_password: 'another password' }),
      },
    ],
  },
  {
    route: 'PATCH /api/account/locale',
    cases: [
      {
        // a person's language: never with an API token (403 for every token role);
        // with a session it is stored and answered
        what: 'a session only, never a token',
        path: '/api/account/locale',
        allow: '',
        bySession: 200,
        init: () => ({
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ locale: 'lv' }),
        }),
      },
    ],
  },
  {
    route: 'GET /api/auth/me',
    cases: [{ what: 'anyone signed in', path: '/api/auth/me', allow: ALL }],
  },
  {
    route: 'GET /api/tokens',
    cases: [{ what: 'admin only', path: '/api/tokens', allow: 'admin' }],
  },
  {
    route: 'POST /api/tokens',
    cases: [
      {
        what: 'admin only',
        path: '/api/tokens',
        allow: 'admin',
        ok: 201,
        init: jsonBody({ role: 'executive', name: 'matrix' }),
      },
    ],
  },
  {
    route: 'DELETE /api/tokens/:id',
    cases: [
      // No such token: admin passes the role check and gets the 404.
      {
        what: 'admin only',
        path: '/api/tokens/999999',
        allow: 'admin',
        ok: 404,
        init: () => ({ method: 'DELETE' }),
      },
    ],
  },
  {
    route: 'GET /api/users',
    cases: [{ what: 'admin only', path: '/api/users', allow: 'admin' }],
  },
  {
    route: 'POST /api/users',
    cases: [
      {
        what: 'admin only',
        path: '/api/users',
        allow: 'admin',
        ok: 201,
        init: jsonBody({ email: 'new@matrix.example', password: 'matrix password', role: 'hr' }),
      },
    ],
  },
  {
    route: 'POST /api/users/:id/unlock',
    cases: [
      // No such user: admin passes the role check and gets the 404.
      {
        what: 'admin only',
        path: '/api/users/999999/unlock',
        allow: 'admin',
        ok: 404,
        init: () => ({ method: 'POST' }),
      },
    ],
  },
  {
    route: 'PATCH /api/users/:id',
    cases: [
      // No such user: admin passes the role check and gets the 404.
      {
        what: 'admin only',
        path: '/api/users/999999',
        allow: 'admin',
        ok: 404,
        init: () => jsonInit('PATCH', { disabled: true }),
      },
    ],
  },
  {
    route: 'GET /api/assumptions',
    // Shown beside every money figure, so every signed-in role reads them.
    cases: [{ what: 'every role reads', path: '/api/assumptions', allow: ALL }],
  },
  {
    route: 'PUT /api/assumptions',
    cases: [
      // An invalid version: admin passes the role check and gets the 422; nothing is written.
      {
        what: 'admin only',
        path: '/api/assumptions',
        allow: 'admin',
        ok: 422,
        init: () => jsonInit('PUT', { gross_margin: 'not a number' }),
      },
    ],
  },
  {
    route: 'GET /api/plans',
    cases: [{ what: 'admin and hr', path: '/api/plans', allow: 'admin hr' }],
  },
  {
    route: 'POST /api/plans',
    cases: [
      {
        what: 'admin only (an invalid plan: 422, nothing written)',
        path: '/api/plans',
        allow: 'admin',
        ok: 422,
        init: () => jsonInit('POST', { key: 'matrix' }),
      },
    ],
  },
  {
    route: 'PUT /api/plans/:key/:validFrom',
    cases: [
      {
        what: 'admin only (an invalid plan: 422, nothing written)',
        path: '/api/plans/agents/2026-01-01',
        allow: 'admin',
        ok: 422,
        init: () => jsonInit('PUT', { key: 'agents' }),
      },
    ],
  },
  {
    route: 'GET /api/audit',
    cases: [{ what: 'admin and hr', path: '/api/audit', allow: 'admin hr' }],
  },
  {
    route: 'GET /api/periods',
    cases: [{ what: 'list', path: '/api/periods', allow: 'admin executive hr manager' }],
  },
  {
    route: 'GET /api/periods/:period',
    cases: [{ what: 'a period’s state', path: `/api/periods/${Q}`, allow: ALL }],
  },
  {
    route: 'POST /api/periods/:period/close',
    cases: [
      // A period of its own per caller, long before the data, so the reads are untouched;
      // hr and admin get past the role check to the 409 (the run is open, not approved).
      {
        what: 'hr and admin close',
        path: (who) =>
          `/api/periods/2019-${String(CALLERS.indexOf(who as Caller) + 1).padStart(2, '0')}/close`,
        allow: 'admin hr',
        ok: 409,
        init: () => ({ method: 'POST' }),
      },
    ],
  },
  {
    route: 'POST /api/periods/:period/reopen',
    cases: [
      // hr, executives and admin get past the role check to the 409: the run is open.
      {
        what: 'hr, executive and admin',
        path: '/api/periods/2019-01/reopen',
        allow: 'admin executive hr',
        ok: 409,
        init: jsonBody({ reason: 'matrix' }),
      },
    ],
  },
  {
    route: 'POST /api/periods/:period/submit',
    cases: [
      // hr and admin get past the role check to the 409: no plan covers month periods.
      {
        what: 'hr and admin submit',
        path: '/api/periods/2019-01/submit',
        allow: 'admin hr',
        ok: 409,
        init: () => ({ method: 'POST' }),
      },
    ],
  },
  {
    route: 'POST /api/periods/:period/approve',
    cases: [
      // executives and admin get past the role check to the 409: nothing was submitted.
      {
        what: 'executive and admin approve',
        path: '/api/periods/2019-01/approve',
        allow: 'admin executive',
        ok: 409,
        init: () => ({ method: 'POST' }),
      },
    ],
  },
  {
    route: 'GET /api/bonus/disputes',
    cases: [
      // hr and admin see every dispute of the run; an employee their own (the list is
      // theirs, there is no foreign one to ask for); a login without an employee: 403
      {
        what: 'hr and admin all, employees their own',
        path: `/api/bonus/disputes?period=${Q}`,
        allow: 'admin hr manager agent',
      },
    ],
  },
  {
    route: 'POST /api/bonus/disputes',
    cases: [
      // always the caller's own statement (the body names no employee): an employee
      // raises one, a login without an employee (admin, executive, hr tokens) gets 403
      {
        what: 'own statement line',
        path: '/api/bonus/disputes',
        allow: 'manager agent',
        ok: 201,
        // the same employee again by session: that line already has an open dispute
        bySession: 409,
        init: jsonBody({ period: Q, line: 'proration', comment: 'matrix' }),
      },
    ],
  },
  {
    route: 'POST /api/bonus/disputes/:id/accept',
    cases: [
      // hr and admin get past the role check to the 404 of a dispute that does not exist
      {
        what: 'hr and admin resolve',
        path: '/api/bonus/disputes/999999/accept',
        allow: 'admin hr',
        ok: 404,
        init: jsonBody({ amount: '1.00', reason: 'matrix' }),
      },
    ],
  },
  {
    route: 'POST /api/bonus/disputes/:id/reject',
    cases: [
      {
        what: 'hr and admin resolve',
        path: '/api/bonus/disputes/999999/reject',
        allow: 'admin hr',
        ok: 404,
        init: jsonBody({ reply: 'matrix' }),
      },
    ],
  },
  {
    route: 'POST /api/ingest/:kind',
    // an admin credential or an ingest token (test/integration/ingest.test.ts); the
    // batch repeats a golden response as it is stored, so it changes nothing
    cases: [
      {
        what: 'admin only',
        path: '/api/ingest/responses',
        allow: 'admin',
        init: jsonBody({
          rows: [
            {
              external_id: 'R000001',
              customer: 'C0040',
              employee: 'E004',
              kind: 'csat',
              score: 3,
              responded_at: '2025-01-02T22:45:47Z',
            },
          ],
        }),
      },
    ],
  },
  {
    route: 'POST /api/import',
    cases: [{ what: 'admin only', path: '/api/import', allow: 'admin', init: reimportFx }],
  },
  {
    route: 'GET /api/imports/:id',
    cases: [{ what: 'an admin’s import job', path: () => importJobPath, allow: 'admin' }],
  },

  { route: 'GET /api/kpis', cases: scopeCases(`/api/kpis?period=${Q}`, 'kpis') },
  {
    route: 'GET /api/kpis/trend',
    cases: scopeCases('/api/kpis/trend?from=2025-04&to=2026-03', 'kpis'),
  },
  {
    route: 'GET /api/kpis/breakdown',
    cases: [
      {
        what: 'by segment (filtered to the manager’s)',
        path: `/api/kpis/breakdown?period=${Q}&by=segment`,
        allow: 'admin executive manager',
      },
      {
        what: 'by manager',
        path: `/api/kpis/breakdown?period=${Q}&by=manager`,
        allow: 'admin executive hr manager',
      },
      {
        what: 'by employee',
        path: `/api/kpis/breakdown?period=${Q}&by=employee`,
        allow: 'admin executive hr manager',
      },
    ],
  },

  {
    route: 'GET /api/kpis/leaderboard',
    cases: [
      // the team for a manager (filtered), everyone for admin, executive and hr
      {
        what: 'employees the caller may see',
        path: `/api/kpis/leaderboard?period=${Q}&role=agent`,
        allow: 'admin executive hr manager',
      },
    ],
  },
  {
    route: 'GET /api/kpis/leaderboard/settings',
    cases: [
      {
        what: 'who sees the leaderboard',
        path: '/api/kpis/leaderboard/settings',
        allow: 'admin executive hr manager',
      },
    ],
  },
  {
    route: 'PUT /api/kpis/leaderboard/settings',
    cases: [
      // an invalid value: admin passes the role check and gets the 422; nothing is written
      {
        what: 'admin only',
        path: '/api/kpis/leaderboard/settings',
        allow: 'admin',
        ok: 422,
        init: () => jsonInit('PUT', { k: -1, min_n: 10 }),
      },
    ],
  },
  {
    route: 'GET /api/signals',
    cases: [
      { what: 'own default scope', path: `/api/signals?period=${Q}`, allow: 'admin hr manager' },
      { what: 'company', path: `/api/signals?period=${Q}&scope=company`, allow: 'admin hr' },
      {
        what: 'own segment of the manager',
        path: `/api/signals?period=${Q}&scope=segment:S1`,
        allow: 'admin hr manager',
      },
      {
        what: 'foreign segment',
        path: `/api/signals?period=${Q}&scope=segment:S3`,
        allow: 'admin hr',
      },
      {
        what: 'an agent of the team',
        path: `/api/signals?period=${Q}&scope=employee:E006`,
        allow: 'admin hr manager',
      },
    ],
  },
  {
    route: 'POST /api/assumptions/preview',
    cases: [
      {
        what: 'admin only (nothing is written)',
        path: '/api/assumptions/preview',
        allow: 'admin',
        init: () => jsonInit('POST', assumptionValues),
      },
    ],
  },

  { route: 'GET /api/money', cases: scopeCases(`/api/money?period=${Q}`, 'money') },
  {
    route: 'GET /api/money/explain',
    cases: scopeCases(`/api/money/explain?period=${Q}&figure=revenue_at_risk`, 'money'),
  },
  {
    route: 'GET /api/money/sensitivity',
    cases: scopeCases(`/api/money/sensitivity?period=${Q}`, 'money'),
  },

  {
    route: 'GET /api/customers',
    cases: [
      // Without a scope each caller gets their own: manager → manager:E004, agent → employee:E006.
      {
        what: 'own default scope',
        path: `/api/customers?period=${Q}`,
        allow: 'admin executive manager agent',
      },
      ...scopeCases(`/api/customers?period=${Q}`, 'money'),
    ],
  },
  {
    route: 'GET /api/customers/cost-to-serve',
    cases: [
      {
        what: 'own default scope',
        path: `/api/customers/cost-to-serve?period=${Q}`,
        allow: 'admin executive manager agent',
      },
      ...scopeCases(`/api/customers/cost-to-serve?period=${Q}`, 'money'),
    ],
  },

  {
    route: 'GET /api/bonus',
    cases: [
      // The manager gets their team's rows, the executive totals only.
      { what: 'bonus run', path: `/api/bonus?period=${Q}`, allow: 'admin executive hr manager' },
    ],
  },
  {
    route: 'GET /api/bonus/statement',
    cases: [
      {
        what: 'own statement of the agent (manager’s team)',
        path: `/api/bonus/statement?period=${Q}&employee=E006`,
        allow: 'admin hr manager agent',
      },
      {
        what: 'manager’s own statement',
        path: `/api/bonus/statement?period=${Q}&employee=E004`,
        allow: 'admin hr manager',
      },
      {
        what: 'team member, not the agent',
        path: `/api/bonus/statement?period=${Q}&employee=E009`,
        allow: 'admin hr manager',
      },
      {
        what: 'foreign segment’s agent',
        path: `/api/bonus/statement?period=${Q}&employee=E011`,
        allow: 'admin hr',
      },
      {
        what: 'foreign manager',
        path: `/api/bonus/statement?period=${Q}&employee=E005`,
        allow: 'admin hr',
      },
    ],
  },
  {
    route: 'GET /api/bonus/statement.pdf',
    cases: [
      // the rule of GET /api/bonus/statement
      {
        what: 'own statement of the agent (manager’s team)',
        path: `/api/bonus/statement.pdf?period=${Q}&employee=E006`,
        allow: 'admin hr manager agent',
      },
      {
        what: 'team member, not the agent',
        path: `/api/bonus/statement.pdf?period=${Q}&employee=E009`,
        allow: 'admin hr manager',
      },
      {
        what: 'foreign manager',
        path: `/api/bonus/statement.pdf?period=${Q}&employee=E005`,
        allow: 'admin hr',
      },
    ],
  },
  {
    route: 'GET /api/bonus/statements.zip',
    cases: [
      {
        what: 'every statement of a run',
        path: `/api/bonus/statements.zip?period=${Q}`,
        allow: 'admin hr',
      },
    ],
  },
  {
    route: 'GET /api/reports/executive.pdf',
    // it prints money: the money rule of each scope, and no agent or hr at all
    cases: [
      {
        what: 'company',
        path: `/api/reports/executive.pdf?period=${Q}&scope=company`,
        allow: 'admin executive',
      },
      {
        what: 'own segment of the manager',
        path: `/api/reports/executive.pdf?period=${Q}&scope=segment:S1`,
        allow: 'admin executive manager',
      },
      {
        what: 'foreign segment',
        path: `/api/reports/executive.pdf?period=${Q}&scope=segment:S3`,
        allow: 'admin executive',
      },
      {
        what: 'the agent’s own employee scope (in the manager’s team)',
        path: `/api/reports/executive.pdf?period=${Q}&scope=employee:E006`,
        allow: 'admin executive manager',
      },
    ],
  },
  {
    route: 'GET /api/bonus/what-do-i-need',
    cases: [
      {
        what: 'own (agent; manager’s team)',
        path: `/api/bonus/what-do-i-need?period=${Q}&employee=E006`,
        allow: 'admin hr manager agent',
      },
      {
        what: 'team member, not the agent',
        path: `/api/bonus/what-do-i-need?period=${Q}&employee=E009`,
        allow: 'admin hr manager',
      },
      {
        what: 'foreign segment’s agent',
        path: `/api/bonus/what-do-i-need?period=${Q}&employee=E011`,
        allow: 'admin hr',
      },
    ],
  },
  {
    route: 'GET /api/customers/recovery-log',
    cases: [
      {
        what: 'own default scope',
        path: `/api/customers/recovery-log?period=${Q}`,
        allow: 'admin executive manager agent',
      },
      ...scopeCases(`/api/customers/recovery-log?period=${Q}`, 'money'),
    ],
  },
  {
    route: 'POST /api/money/preview',
    cases: [
      {
        what: 'admin only (nothing written)',
        path: '/api/money/preview',
        allow: 'admin',
        init: jsonBody({ period: Q, scope: 'company', assumptions: assumptionValues }),
      },
    ],
  },
  {
    route: 'POST /api/bonus/preview',
    cases: [
      {
        what: 'admin only (nothing written)',
        path: '/api/bonus/preview',
        allow: 'admin',
        init: jsonBody({ period: Q, plan: agentsPlan }),
      },
    ],
  },
  {
    route: 'GET /api/bonus/export.csv',
    cases: [{ what: 'HR export', path: `/api/bonus/export.csv?period=${Q}`, allow: 'admin hr' }],
  },

  // ---- closed loop (issue 13); the case ids are picked from the golden data in beforeAll
  {
    route: 'GET /api/cases',
    cases: [
      {
        what: 'every case the caller may see (no scope)',
        path: '/api/cases',
        allow: 'admin executive manager agent',
      },
      ...scopeCases('/api/cases', 'money'),
    ],
  },
  {
    route: 'GET /api/cases/:id',
    cases: [
      {
        what: 'a case of the agent’s customer (in the manager’s segment)',
        path: () => `/api/cases/${CL.agentCase}`,
        allow: 'admin executive manager agent',
      },
      {
        what: 'a case of the manager’s segment, not the agent’s',
        path: () => `/api/cases/${CL.teamCase}`,
        allow: 'admin executive manager',
      },
      {
        what: 'a foreign segment’s case',
        path: () => `/api/cases/${CL.foreignCase}`,
        allow: 'admin executive',
      },
    ],
  },
  {
    route: 'GET /api/customers/:id',
    cases: [
      {
        what: 'the agent’s own customer',
        path: () => `/api/customers/${CL.agentCustomer}`,
        allow: 'admin executive manager agent',
      },
      {
        what: 'a customer of the manager’s segment, not the agent’s',
        path: () => `/api/customers/${CL.teamCustomer}`,
        allow: 'admin executive manager',
      },
      {
        what: 'a foreign segment’s customer',
        path: () => `/api/customers/${CL.foreignCustomer}`,
        allow: 'admin executive',
      },
    ],
  },
  {
    route: 'GET /api/responses',
    cases: [
      {
        what: 'own default scope',
        path: '/api/responses',
        allow: 'admin executive manager agent',
      },
      ...scopeCases(`/api/responses?period=${Q}`, 'money'),
    ],
  },
  {
    route: 'GET /api/recovery/effectiveness',
    cases: scopeCases(`/api/recovery/effectiveness?period=${Q}`, 'kpis'),
  },
  {
    route: 'POST /api/cases/:id/contacts',
    // a contact in the future: past the access check, refused (422), nothing written
    cases: [
      {
        what: 'the agent’s case',
        path: () => `/api/cases/${CL.agentCase}/contacts`,
        allow: 'admin manager agent',
        ok: 422,
        init: jsonBody({
          channel: 'call',
          outcome: 'reached',
          contacted_at: '2099-01-01T00:00:00Z',
        }),
      },
      {
        what: 'a case of the manager’s segment, not the agent’s',
        path: () => `/api/cases/${CL.teamCase}/contacts`,
        allow: 'admin manager',
        ok: 422,
        init: jsonBody({
          channel: 'call',
          outcome: 'reached',
          contacted_at: '2099-01-01T00:00:00Z',
        }),
      },
      {
        what: 'a foreign case',
        path: () => `/api/cases/${CL.foreignCase}/contacts`,
        allow: 'admin',
        ok: 422,
        init: jsonBody({
          channel: 'call',
          outcome: 'reached',
          contacted_at: '2099-01-01T00:00:00Z',
        }),
      },
    ],
  },
  {
    route: 'POST /api/cases/:id/close',
    cases: [
      {
        // each caller closes a case of their own once; the session's second try is a 409
        what: 'own cases, one each',
        path: (who) =>
          `/api/cases/${who === 'admin' ? CL.adminCloseCase : who === 'manager' ? CL.managerCloseCase : CL.agentCloseCase}/close`,
        allow: 'admin manager agent',
        bySession: 409,
        init: jsonBody({ reason: 'recovered' }),
      },
      {
        what: 'a foreign case',
        path: () => `/api/cases/${CL.foreignCloseCase}/close`,
        allow: 'admin',
        init: jsonBody({ reason: 'not_reachable' }),
      },
    ],
  },
  {
    route: 'POST /api/cases/:id/reopen',
    // never closed: past the access check, a 409
    cases: [
      {
        what: 'the agent’s case',
        path: () => `/api/cases/${CL.agentCase}/reopen`,
        allow: 'admin manager agent',
        ok: 409,
        init: () => ({ method: 'POST' }),
      },
      {
        what: 'a foreign case',
        path: () => `/api/cases/${CL.foreignCase}/reopen`,
        allow: 'admin',
        ok: 409,
        init: () => ({ method: 'POST' }),
      },
    ],
  },
  {
    route: 'POST /api/cases/reassign',
    cases: [
      {
        what: 'managers and admin, a case of the manager’s segment to the manager',
        path: '/api/cases/reassign',
        allow: 'admin manager',
        init: () => jsonInit('POST', { ids: [CL.teamCase], owner: 'E004' }),
      },
      {
        what: 'a foreign case',
        path: '/api/cases/reassign',
        allow: 'admin',
        init: () => jsonInit('POST', { ids: [CL.foreignCase], owner: 'E005' }),
      },
    ],
  },
  {
    route: 'POST /api/recovery-actions',
    // performed in the future: past the access check, refused (422), nothing written
    cases: [
      {
        what: 'a complaint the agent handles',
        path: '/api/recovery-actions',
        allow: 'admin manager agent',
        ok: 422,
        init: () =>
          jsonInit('POST', {
            complaint: CL.agentComplaint,
            kind: 'gift',
            cost: '10',
            currency: 'EUR',
            performed_at: '2099-01-01T00:00:00Z',
          }),
      },
      {
        what: 'a foreign complaint',
        path: '/api/recovery-actions',
        allow: 'admin',
        ok: 422,
        init: () =>
          jsonInit('POST', {
            complaint: CL.foreignComplaint,
            kind: 'gift',
            cost: '10',
            currency: 'EUR',
            performed_at: '2099-01-01T00:00:00Z',
          }),
      },
    ],
  },
];

function expectedOf(c: Case): Expected {
  if (c.public !== undefined) {
    return Object.fromEntries([...CALLERS, 'none'].map((k) => [k, c.public])) as Expected;
  }
  const allowed = new Set((c.allow ?? '').split(/\s+/).filter(Boolean));
  for (const a of allowed) {
    if (!(CALLERS as readonly string[]).includes(a))
      throw new Error(`unknown caller "${a}" in ${c.what}`);
  }
  const out = { none: 401 } as Expected;
  for (const k of CALLERS) out[k] = allowed.has(k) ? (c.ok ?? 200) : 403;
  return out;
}

/** Writes go last, so the read rows all see the same data. */
const isWrite = (row: Row) => !row.route.startsWith('GET ');
const ORDERED = [...MATRIX.filter((r) => !isWrite(r)), ...MATRIX.filter(isWrite)];

/** Minimal RFC 4180 reader for the golden CSVs (quoted fields, doubled quotes). */
function readCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

describe.each(databaseTargets())('access matrix on %s', (target) => {
  let t: TestContext;
  let tokens: Record<Caller, string>;
  const sessions = {} as Record<'manager' | 'agent', { cookie: string; csrfToken: string }>;

  beforeAll(async () => {
    t = await createTestContext(target);
    await importGolden(t.db.database);
    await createUser(t.db.database.db, {
      email: 'matrix@x.example',
      password: 'matrix password',
      role: 'agent',
      employee: 'E006',
    });
    for (const [who, role, employee] of [
      ['manager', 'segment_manager', 'E004'],
      ['agent', 'agent', 'E006'],
    ] as const) {
      const email = `${who}@matrix.example`;
      await createUser(t.db.database.db, { email, password: 'matrix password', role, employee });
      const res = await t.app.request(
        '/api/auth/login',
        jsonInit('POST', { email, password: 'matrix password' }),
      );
      const cookie = /dl_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
      if (!cookie) throw new Error(`sign-in of ${email} failed: ${res.status}`);
      sessions[who] = {
        cookie,
        csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken,
      };
    }
    tokens = {
      admin: t.adminToken,
      executive: await t.tokenFor('executive'),
      hr: await t.tokenFor('hr'),
      manager: await t.tokenFor('segment_manager', 'E004'),
      agent: await t.tokenFor('agent', 'E006'),
    };
    const queued = await t.request('/api/import?async=1', reimportFx());
    importJobPath = ((await queued.json()) as { href: string }).href;
    await importJobsSettled(t.db.database.db);
    await pickClosedLoopIds(t);
  });
  afterAll(() => t.db.drop());

  it('has a row for every route of the app, and no row for a route that does not exist', () => {
    const routes = new Set(
      t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`),
    );
    const rows = new Set(MATRIX.map((r) => r.route));
    expect([...routes].filter((r) => !rows.has(r)).sort(), 'routes without a matrix row').toEqual(
      [],
    );
    expect([...rows].filter((r) => !routes.has(r)).sort(), 'matrix rows without a route').toEqual(
      [],
    );
  });

  describe.each(ORDERED)('$route', (row) => {
    it.each(row.cases)('$what', async (c) => {
      const actual = {} as Expected;
      const bodies: Record<string, string> = {};
      for (const who of [...CALLERS, 'none'] as const) {
        const init = c.init?.() ?? {};
        const path = typeof c.path === 'string' ? c.path : c.path(who);
        const res = await t.request(path, { ...init, token: who === 'none' ? '' : tokens[who] });
        actual[who] = res.status;
        const text = await res.text();
        if (res.status >= 400) bodies[who] = text;
      }
      const expected = expectedOf(c);
      expect(actual, JSON.stringify(bodies).slice(0, 1000)).toEqual(expected);
      // Every refusal is the one error shape, without a stack trace.
      for (const [who, text] of Object.entries(bodies)) {
        const body = JSON.parse(text) as Record<string, unknown>;
        expect(typeof body.code, `${who}: ${text}`).toBe('string');
        expect(typeof body.message, `${who}: ${text}`).toBe('string');
        expect(text, who).not.toMatch(/\bat .*:\d+:\d+|node_modules|\.ts:\d+/);
      }

      // The scope-limited roles signed in with a session cookie get the same answers
      // (with the CSRF header on writes). Public rows skip this: login and logout
      // would replace or end the session.
      if (c.public !== undefined) return;
      const bySession = {} as Record<'manager' | 'agent', number>;
      for (const who of ['manager', 'agent'] as const) {
        const init = c.init?.() ?? {};
        const headers = new Headers(init.headers);
        headers.set('cookie', `dl_session=${sessions[who].cookie}`);
        if (init.method && init.method !== 'GET')
          headers.set('x-csrf-token', sessions[who].csrfToken);
        const path = typeof c.path === 'string' ? c.path : c.path(who);
        const res = await t.app.request(path, { ...init, headers });
        bySession[who] = res.status;
        await res.body?.cancel();
      }
      expect(bySession, 'with a session cookie').toEqual({
        manager: c.bySession ?? expected.manager,
        agent: c.bySession ?? expected.agent,
      });
    });
  });

  describe('a segment manager’s customer list never holds another segment’s customer', () => {
    // Independent truth from the golden CSV: segment and account manager of each customer.
    const customers = readCsv(goldenFile('customers.csv'));
    const segmentOf = new Map(customers.map((c) => [c.external_id!, c.segment!]));
    const T = '2026-04-01'; // end of 2026-Q1
    const activeAtT = (c: Record<string, string>) =>
      c.acquired_on! < T && (c.churned_on === '' || c.churned_on! >= T);
    const own = new Set(['S1', 'S2']);

    const list = async (query: string, token: string) => {
      const res = await t.request(`/api/customers?period=${Q}&page_size=200${query}`, { token });
      const body =
        res.status === 200
          ? ((await res.json()) as { customers: { external_id: string }[] })
          : null;
      return { status: res.status, ids: body?.customers.map((c) => c.external_id) ?? [] };
    };

    it('its own scopes list exactly the active customers of S1 and S2 (or of one of them)', async () => {
      const expected = (segs: string[]) =>
        customers
          .filter((c) => segs.includes(c.segment!) && activeAtT(c))
          .map((c) => c.external_id)
          .sort();
      for (const [query, segs] of [
        ['', ['S1', 'S2']],
        ['&scope=manager:E004', ['S1', 'S2']],
        ['&scope=segment:S1', ['S1']],
        ['&scope=segment:S2', ['S2']],
      ] as const) {
        const r = await list(query, tokens.manager);
        expect(r.status, query).toBe(200);
        expect(r.ids.sort(), query).toEqual(expected([...segs]));
      }
    });

    it('crafted scopes and parameters are refused or stay inside S1 and S2', async () => {
      // A foreign scope however spelled: never a 200.
      const refused = [
        '&scope=segment:S3',
        '&scope=manager:E005',
        '&scope=company',
        '&scope=employee:E011',
        '&scope=employee:E005',
        '&scope=segment%3AS3',
        '&scope=segment:S1&scope=segment:S3',
        '&scope=segment:S3&scope=segment:S1',
        '&scope=Segment:S3',
        '&scope=%20segment:S3',
        '&scope=segment:S3%20',
        "&scope=segment:S1'%20or%20'1'='1",
        '&scope=segment:S1%00S3',
        '&scope=segment:',
        '&scope=manager:E004,E005',
      ];
      // Parameters the endpoint ignores or that stay inside the manager's data.
      const harmless = [
        '&scope[]=segment:S3',
        '&segment=S3',
        '&manager=E005',
        '&employee=E011',
        '&scope=employee:E006',
        '&scope=employee:E009',
        '&scope=employee:E004',
        '&sort=name&dir=asc',
        '&page=2&page_size=5',
        '&page_size=100000',
        '&page=-1',
      ];
      for (const query of [...refused, ...harmless]) {
        const r = await list(query, tokens.manager);
        const leaked = r.ids.filter((id) => !own.has(segmentOf.get(id) ?? '?'));
        expect(leaked, query).toEqual([]);
        if (refused.includes(query))
          expect(r.status, `${query} must be refused`).toBeGreaterThanOrEqual(400);
      }
    });

    it('an agent’s list holds only the customers they account-manage', async () => {
      const mine = customers
        .filter((c) => c.account_manager === 'E006' && activeAtT(c))
        .map((c) => c.external_id)
        .sort();
      const r = await list('', tokens.agent);
      expect(r.status).toBe(200);
      expect(r.ids.sort()).toEqual(mine);
      for (const query of [
        '&scope=segment:S1',
        '&scope=employee:E009',
        '&scope=manager:E004',
        '&scope=company',
      ]) {
        expect((await list(query, tokens.agent)).status, query).toBe(403);
      }
    });
  });
});
