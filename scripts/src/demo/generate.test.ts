import { MIN_PASSWORD_LENGTH } from '@delight/api/auth';
import { KPI_BETTER, KPI_KEYS } from '@delight/api/kpis/types';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_FILE_NAMES, generateDemo } from './generate';

type Row = Record<string, string>;

// The import format of DESIGN.md, written out here rather than taken from the generator.
const COLUMNS: Record<string, string[]> = {
  'employees.csv': [
    'external_id',
    'name',
    'email',
    'role',
    'segment',
    'bonus_target',
    'currency',
    'hired_on',
    'left_on',
  ],
  'segments.csv': ['external_id', 'name', 'manager'],
  'customers.csv': [
    'external_id',
    'name',
    'segment',
    'account_manager',
    'acquired_on',
    'churned_on',
  ],
  'fx_rates.csv': ['month', 'currency', 'rate'],
  'revenue.csv': ['customer', 'month', 'amount', 'currency'],
  'responses.csv': [
    'external_id',
    'customer',
    'employee',
    'kind',
    'score',
    'responded_at',
    'comment',
  ],
  'complaints.csv': [
    'external_id',
    'customer',
    'employee',
    'opened_at',
    'first_response_at',
    'resolved_at',
    'validity',
    'severity',
    'follow_up_at',
  ],
  'recovery_actions.csv': [
    'external_id',
    'complaint',
    'kind',
    'cost',
    'currency',
    'performed_at',
    'employee',
  ],
};

const ROLES = ['executive', 'hr', 'segment_manager', 'agent', 'admin'];
const RECOVERY_KINDS = [
  'apology_call',
  'apology_email',
  'handwritten_letter',
  'meeting',
  'gift',
  'free_service',
  'discount',
  'refund',
];
const RANGE = { nps: [0, 10], csat: [1, 5], ces: [1, 7] } as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DECIMAL = /^\d+\.\d{2}$/;

const isRealDate = (s: string) =>
  DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const isRealInstant = (s: string) =>
  INSTANT.test(s) && new Date(s).toISOString() === s.replace('Z', '.000Z');
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const monthsBefore = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) - n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};

interface Parsed {
  employees: Row[];
  segments: Row[];
  customers: Row[];
  fx: Row[];
  revenue: Row[];
  responses: Row[];
  complaints: Row[];
  actions: Row[];
  plans: { plans: PlanJson[] };
  assumptions: unknown;
}
interface PlanJson {
  key: string;
  role: string;
  period_kind: string;
  valid_from: string;
  lines: {
    kpi: keyof typeof KPI_BETTER;
    weight: number;
    threshold: number;
    target: number;
    stretch: number;
    payout_at_threshold: number;
    cap: number;
    min_sample: number;
    below_min: string;
  }[];
}

function parseDemo(files: Record<string, string>): Parsed {
  const rows = (name: string): Row[] => {
    const content = files[name]!;
    const [header] = parse(content, { to_line: 1 }) as string[][];
    expect(header, name).toEqual(COLUMNS[name]);
    return parse(content, { columns: true, relax_column_count: false }) as Row[];
  };
  return {
    employees: rows('employees.csv'),
    segments: rows('segments.csv'),
    customers: rows('customers.csv'),
    fx: rows('fx_rates.csv'),
    revenue: rows('revenue.csv'),
    responses: rows('responses.csv'),
    complaints: rows('complaints.csv'),
    actions: rows('recovery_actions.csv'),
    plans: JSON.parse(files['plans.json']!),
    assumptions: JSON.parse(files['assumptions.json']!),
  };
}

const byId = (rows: Row[], key = 'external_id') => new Map(rows.map((r) => [r[key]!, r]));
const worksOn = (e: Row, day: string) => e.hired_on! <= day && (!e.left_on || day <= e.left_on);

/**
 * Every rule that must hold whatever the seed and as-of date. Returns the broken ones
 * (an expect() per row would make the 30 000 rows take seconds).
 */
function integrityProblems(d: Parsed, asOf: string): string[] {
  const problems: string[] = [];
  const perRule = new Map<string, number>();
  // at most 3 examples of each broken rule (the rule is the message without ids and dates)
  const check = (ok: boolean, what: string) => {
    if (ok) return;
    const rule = what.replace(/\b[A-Z]\d+\b|\d{4}-\d{2}\S*/g, '…');
    const n = perRule.get(rule) ?? 0;
    perRule.set(rule, n + 1);
    if (n < 3) problems.push(what);
  };
  const asOfMonth = asOf.slice(0, 7);
  const employees = byId(d.employees);
  const segments = byId(d.segments);
  const customers = byId(d.customers);
  const complaints = byId(d.complaints);
  for (const [name, rows] of [
    ['employees', d.employees],
    ['segments', d.segments],
    ['customers', d.customers],
    ['responses', d.responses],
    ['complaints', d.complaints],
    ['actions', d.actions],
  ] as const) {
    check(byId(rows).size === rows.length, `${name}: external ids not unique`);
  }
  check(new Set(d.employees.map((e) => e.email)).size === d.employees.length, 'emails not unique');
  check(new Set(d.employees.map((e) => e.name)).size === d.employees.length, 'names not unique');

  for (const e of d.employees) {
    const id = e.external_id;
    check(ROLES.includes(e.role!), `${id} role ${e.role}`);
    check(/^[a-z0-9.-]+@delight\.example$/.test(e.email!), `${id} email ${e.email}`);
    check(!e.segment || segments.has(e.segment), `${id} segment ${e.segment}`);
    check(!['agent', 'segment_manager'].includes(e.role!) || !!e.segment, `${id} has no segment`);
    check(DECIMAL.test(e.bonus_target!), `${id} bonus_target ${e.bonus_target}`);
    check(['EUR', 'UAH', 'BGN'].includes(e.currency!), `${id} currency ${e.currency}`);
    check(isRealDate(e.hired_on!) && e.hired_on! < asOf, `${id} hired_on ${e.hired_on}`);
    check(
      !e.left_on || (isRealDate(e.left_on) && e.left_on >= e.hired_on! && e.left_on < asOf),
      `${id} left_on ${e.left_on}`,
    );
  }
  for (const s of d.segments) {
    check(employees.get(s.manager!)?.role === 'segment_manager', `${s.external_id} manager`);
  }

  for (const c of d.customers) {
    const id = c.external_id;
    check(segments.has(c.segment!), `${id} segment ${c.segment}`);
    if (c.account_manager) {
      const am = employees.get(c.account_manager);
      check(
        !!am && ['agent', 'segment_manager'].includes(am.role!) && !am.left_on,
        `${id} account manager ${c.account_manager} is not current staff`,
      );
    }
    check(isRealDate(c.acquired_on!) && c.acquired_on! < asOf, `${id} acquired_on`);
    check(
      !c.churned_on ||
        (isRealDate(c.churned_on) && c.churned_on > c.acquired_on! && c.churned_on < asOf),
      `${id} churned_on ${c.churned_on}`,
    );
  }

  // FX: one rate per (month, non-EUR currency); every foreign amount has its month's rate.
  const rates = new Set<string>();
  for (const r of d.fx) {
    check(MONTH.test(r.month!) && r.currency !== 'EUR' && Number(r.rate) > 0, `fx ${r.month}`);
    check(r.currency !== 'BGN' || r.rate === '0.511292', `BGN not pegged in ${r.month}`);
    rates.add(`${r.month} ${r.currency}`);
  }
  check(rates.size === d.fx.length, 'fx: duplicate (month, currency)');
  const hasRate = (month: string, currency: string) =>
    currency === 'EUR' || rates.has(`${month} ${currency}`);

  const firstMonth = monthsBefore(asOfMonth, 24);
  const currencyOf = new Map<string, string>();
  const revenueKeys = new Set<string>();
  for (const r of d.revenue) {
    const key = `revenue ${r.customer} ${r.month}`;
    const c = customers.get(r.customer!);
    check(!!c, `${key}: unknown customer`);
    if (!c) continue;
    check(MONTH.test(r.month!) && r.month! >= firstMonth && r.month! < asOfMonth, `${key}: month`);
    check(r.month! >= c.acquired_on!.slice(0, 7), `${key}: before acquisition`);
    check(!c.churned_on || `${r.month}-01` < c.churned_on, `${key}: after churn`);
    check(DECIMAL.test(r.amount!), `${key}: amount ${r.amount}`);
    check(hasRate(r.month!, r.currency!), `${key}: no FX rate for ${r.currency}`);
    check((currencyOf.get(r.customer!) ?? r.currency) === r.currency, `${key}: second currency`);
    currencyOf.set(r.customer!, r.currency!);
    revenueKeys.add(`${r.customer} ${r.month}`);
  }
  check(revenueKeys.size === d.revenue.length, 'revenue: duplicate (customer, month)');

  for (const r of d.responses) {
    const id = r.external_id;
    const c = customers.get(r.customer!);
    check(!!c, `${id} unknown customer ${r.customer}`);
    const range = RANGE[r.kind as keyof typeof RANGE];
    check(!!range, `${id} kind ${r.kind}`);
    if (!c || !range) continue;
    const score = Number(r.score);
    check(/^\d+$/.test(r.score!) && score >= range[0] && score <= range[1], `${id} score`);
    check(isRealInstant(r.responded_at!), `${id} responded_at ${r.responded_at}`);
    const day = r.responded_at!.slice(0, 10);
    check(day < asOf && day >= c.acquired_on!, `${id} outside the customer's life`);
    check(!c.churned_on || day < c.churned_on, `${id} after churn`);
    if (r.employee) {
      const e = employees.get(r.employee);
      check(!!e && worksOn(e, day), `${id} employee ${r.employee} not at work on ${day}`);
    }
  }

  for (const k of d.complaints) {
    const id = k.external_id;
    const c = customers.get(k.customer!);
    const e = employees.get(k.employee!);
    check(!!c && !!e, `${id} unknown customer or handler`);
    if (!c || !e) continue;
    check(['valid', 'unfounded', 'pending'].includes(k.validity!), `${id} validity`);
    check(['low', 'medium', 'high'].includes(k.severity!), `${id} severity`);
    const times = [k.opened_at, k.first_response_at, k.resolved_at, k.follow_up_at].filter(
      (t): t is string => !!t,
    );
    for (const t of times) check(isRealInstant(t) && t.slice(0, 10) < asOf, `${id} time ${t}`);
    check(times.join() === [...times].sort().join(), `${id} times out of order`);
    check(!k.resolved_at || !!k.first_response_at, `${id} resolved without a first response`);
    check(!k.follow_up_at || !!k.resolved_at, `${id} follow-up without resolution`);
    const day = k.opened_at!.slice(0, 10);
    check(worksOn(e, day), `${id} handler not at work`);
    check(day >= c.acquired_on! && (!c.churned_on || day < c.churned_on), `${id} customer gone`);
  }

  for (const a of d.actions) {
    const id = a.external_id;
    const k = complaints.get(a.complaint!);
    check(!!k && employees.has(a.employee!), `${id} unknown complaint or employee`);
    if (!k) continue;
    check(RECOVERY_KINDS.includes(a.kind!), `${id} kind ${a.kind}`);
    check(DECIMAL.test(a.cost!), `${id} cost ${a.cost}`);
    check(
      isRealInstant(a.performed_at!) &&
        a.performed_at! >= k.opened_at! &&
        a.performed_at!.slice(0, 10) < asOf,
      `${id} performed_at ${a.performed_at}`,
    );
    check(a.currency === (currencyOf.get(k.customer!) ?? a.currency), `${id} currency`);
    check(hasRate(a.performed_at!.slice(0, 7), a.currency!), `${id} no FX rate`);
  }

  // plans.json: weights sum to 1, lines ordered per DESIGN.md, a version in force throughout.
  for (const plan of d.plans.plans) {
    const id = `plan ${plan.key} ${plan.valid_from}`;
    check(['agent', 'segment_manager'].includes(plan.role), `${id} role`);
    check(plan.period_kind === 'quarter' && isRealDate(plan.valid_from), `${id} kind/date`);
    const sum = plan.lines.reduce((s, l) => s + l.weight, 0);
    check(Math.abs(sum - 1) < 1e-9, `${id} weights sum to ${sum}`);
    check(new Set(plan.lines.map((l) => l.kpi)).size === plan.lines.length, `${id} repeats a kpi`);
    for (const l of plan.lines) {
      check((KPI_KEYS as readonly string[]).includes(l.kpi), `${id} kpi ${l.kpi}`);
      check(
        KPI_BETTER[l.kpi] === 'lower'
          ? l.threshold > l.target && l.target > l.stretch
          : l.threshold < l.target && l.target < l.stretch,
        `${id} ${l.kpi} thresholds out of order`,
      );
      check(l.payout_at_threshold >= 0 && l.payout_at_threshold <= 1 && l.cap >= 1, `${id} pay`);
      check(Number.isInteger(l.min_sample) && l.min_sample >= 0, `${id} min_sample`);
      check(['segment', 'neutral', 'exclude'].includes(l.below_min), `${id} below_min`);
    }
  }
  for (const role of ['agent', 'segment_manager']) {
    const froms = d.plans.plans.filter((p) => p.role === role).map((p) => p.valid_from);
    check(froms.length > 0 && froms.some((f) => f <= `${firstMonth}-01`), `${role}: no plan early`);
  }
  return problems;
}

const AS_OF = '2026-11-22';

describe('generateDemo', () => {
  const demo = generateDemo({ seed: 7, asOf: AS_OF });
  const d = parseDemo(demo.files);

  it('returns exactly the DESIGN.md import files', () => {
    expect(Object.keys(demo.files).sort()).toEqual([...DEMO_FILE_NAMES].sort());
    expect(Object.keys(COLUMNS).every((f) => f in demo.files)).toBe(true);
  });

  it('is byte-identical for the same seed and date, and differs for another seed', () => {
    const again = generateDemo({ seed: 7, asOf: AS_OF });
    for (const name of DEMO_FILE_NAMES) expect(again.files[name], name).toBe(demo.files[name]);
    expect(again.users).toEqual(demo.users);
    const other = generateDemo({ seed: 8, asOf: AS_OF });
    for (const name of [
      'employees.csv',
      'customers.csv',
      'revenue.csv',
      'responses.csv',
      'complaints.csv',
    ] as const) {
      expect(other.files[name], name).not.toBe(demo.files[name]);
    }
  });

  it('defaults to seed 2026 and today', () => {
    const today = new Date().toISOString().slice(0, 10);
    // compare with an explicit call; a run across midnight UTC would be the only flake
    expect(generateDemo().files['fx_rates.csv']).toBe(
      generateDemo({ seed: 2026, asOf: today }).files['fx_rates.csv'],
    );
  });

  it('keeps every reference, date, score, rate and plan rule', () => {
    expect(integrityProblems(d, AS_OF)).toEqual([]);
  });

  it('the rule check itself catches a dangling reference, a missing rate and a bad score', () => {
    const broken = { ...demo.files };
    broken['customers.csv'] = broken['customers.csv'].replace(/,S0\d,/, ',S99,');
    const firstUah = /^(\d{4}-\d{2}),UAH,.*\n/m;
    broken['fx_rates.csv'] = broken['fx_rates.csv'].replace(firstUah, '');
    broken['responses.csv'] = broken['responses.csv'].replace(/,nps,\d+,/, ',nps,11,');
    const problems = integrityProblems(parseDemo(broken), AS_OF).join('\n');
    expect(problems).toMatch(/segment S99/);
    expect(problems).toMatch(/no FX rate for UAH/);
    expect(problems).toMatch(/score/);
  });

  it('holds the same rules for any seed and as-of date (month starts, year ends, leap days)', () => {
    const day = fc
      .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2031, 11, 31) })
      .map((ms) => new Date(ms).toISOString().slice(0, 10));
    const edgeDays = fc.constantFrom('2028-03-01', '2027-01-01', '2028-02-29', '2026-12-31');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.oneof(day, edgeDays),
        (seed, asOf) => {
          expect(integrityProblems(parseDemo(generateDemo({ seed, asOf }).files), asOf)).toEqual(
            [],
          );
        },
      ),
      { numRuns: 6 },
    );
  }, 60_000);

  it('has the shape of the company in the brief', () => {
    expect(d.segments.length).toBeGreaterThanOrEqual(6);
    expect(d.segments.length).toBeLessThanOrEqual(8);
    const managers = new Map<string, number>();
    for (const s of d.segments) managers.set(s.manager!, (managers.get(s.manager!) ?? 0) + 1);
    expect(
      [...managers.values()].some((n) => n >= 2),
      'someone manages two segments',
    ).toBe(true);
    for (const s of d.segments) {
      const current = d.employees.filter(
        (e) => e.role === 'agent' && e.segment === s.external_id && !e.left_on,
      );
      expect(current.length, s.name).toBeGreaterThanOrEqual(3);
      expect(current.length, s.name).toBeLessThanOrEqual(6);
    }
    for (const role of ['executive', 'hr', 'admin']) {
      expect(d.employees.filter((e) => e.role === role)).toHaveLength(1);
    }
    expect(d.customers.length).toBeGreaterThanOrEqual(300);
    expect(d.customers.length).toBeLessThanOrEqual(400);
    expect(d.customers.some((c) => !c.account_manager)).toBe(true);
    expect(d.responses.length).toBeGreaterThanOrEqual(2000);
    expect(d.responses.length).toBeLessThanOrEqual(10_000);
    expect(new Set(d.revenue.map((r) => r.month)).size).toBe(24);
    expect(new Set(d.revenue.map((r) => r.currency))).toEqual(new Set(['EUR', 'UAH', 'BGN']));
    expect(new Set(d.fx.map((r) => r.month)).size).toBe(25); // the as-of month has costs too
  });

  it('writes names in Cyrillic and Latvian letters, companies in the local legal forms', () => {
    const names = d.employees.map((e) => e.name).join(' ');
    expect(names).toMatch(/[А-Яа-яІіЇїЄєҐґ]/);
    expect(names).toMatch(/[āčēģīķļņšūž]/i);
    const companies = d.customers.map((c) => c.name).join('\n');
    for (const form of ['ТОВ "', 'SIA "', 'ЕООД']) expect(companies).toContain(form);
    expect(d.segments.map((s) => s.name)).toContain('Kyiv SMB');
    expect(d.responses.some((r) => /[А-Яа-я]/.test(r.comment!))).toBe(true);
    expect(d.responses.some((r) => /[āēīūšņļ]/.test(r.comment!))).toBe(true);
  });

  it('has joiners and leavers inside the last year', () => {
    const yearAgo = addDays(AS_OF, -365);
    expect(d.employees.filter((e) => e.left_on && e.left_on >= yearAgo).length).toBeGreaterThan(0);
    expect(d.employees.filter((e) => e.hired_on! >= yearAgo).length).toBeGreaterThan(0);
  });

  it('pays bonuses in the currency of the country', () => {
    const country = new Map([
      ['UAH', /[А-Яа-яІіЇїЄє]/],
      ['BGN', /[А-Яа-я]/],
      ['EUR', /[A-Za-zĀ-ž]/],
    ]);
    for (const e of d.employees.filter((x) => x.segment)) {
      const seg = d.segments.find((s) => s.external_id === e.segment)!;
      const market = seg.name!;
      const expected = /Kyiv|Lviv/.test(market) ? 'UAH' : /Riga/.test(market) ? 'EUR' : 'BGN';
      expect(e.currency, e.name).toBe(expected);
      expect(e.name).toMatch(country.get(expected)!);
    }
  });

  it('has complaints at about one per 8 customers a year, of every validity, with every recovery kind', () => {
    const perCustomerYear = d.complaints.length / d.customers.length / 2;
    expect(perCustomerYear).toBeGreaterThan(1 / 12);
    expect(perCustomerYear).toBeLessThan(1 / 5);
    const validity = new Set(d.complaints.map((k) => k.validity));
    expect(validity).toEqual(new Set(['valid', 'unfounded', 'pending']));
    const resolved = d.complaints.filter((k) => k.validity === 'valid' && k.resolved_at);
    expect(resolved.filter((k) => k.follow_up_at).length / resolved.length).toBeGreaterThan(0.5);
    expect(new Set(d.actions.map((a) => a.kind))).toEqual(new Set(RECOVERY_KINDS));
    // an apology call costs about 4 EUR, free service hundreds (rates of the action's month)
    const rates = new Map(d.fx.map((r) => [`${r.month} ${r.currency}`, Number(r.rate)]));
    const eur = (a: Row) =>
      Number(a.cost) *
      (a.currency === 'EUR' ? 1 : rates.get(`${a.performed_at!.slice(0, 7)} ${a.currency}`)!);
    for (const a of d.actions.filter((x) => x.kind === 'apology_call')) {
      expect(eur(a)).toBeCloseTo(4, 0);
    }
    for (const a of d.actions.filter((x) => x.kind === 'free_service')) {
      expect(eur(a)).toBeGreaterThan(100);
      expect(eur(a)).toBeLessThan(1000);
    }
  });

  it('has let-go candidates: active customers with 3+ unfounded complaints in the last year', () => {
    const yearAgo = addDays(AS_OF, -365);
    const count = new Map<string, number>();
    for (const k of d.complaints) {
      if (k.validity === 'unfounded' && k.opened_at! >= yearAgo) {
        count.set(k.customer!, (count.get(k.customer!) ?? 0) + 1);
      }
    }
    const active = new Set(d.customers.filter((c) => !c.churned_on).map((c) => c.external_id));
    const candidates = [...count].filter(([c, n]) => n >= 3 && active.has(c));
    expect(candidates.length).toBeGreaterThanOrEqual(2);
  });

  it('scores differ by employee and segment, and detractors churn more', () => {
    const nps = (rows: Row[]) =>
      (100 *
        (rows.filter((r) => Number(r.score) >= 9).length -
          rows.filter((r) => Number(r.score) <= 6).length)) /
      rows.length;
    const npsRows = d.responses.filter((r) => r.kind === 'nps');
    const group = (key: (r: Row) => string | undefined) => {
      const m = new Map<string, Row[]>();
      for (const r of npsRows) {
        const k = key(r);
        if (k) m.set(k, [...(m.get(k) ?? []), r]);
      }
      return [...m.values()].filter((rows) => rows.length >= 30).map(nps);
    };
    const customers = byId(d.customers);
    const bySegment = group((r) => customers.get(r.customer!)!.segment);
    const byEmployee = group((r) => r.employee || undefined);
    expect(Math.max(...bySegment) - Math.min(...bySegment)).toBeGreaterThan(25);
    expect(Math.max(...byEmployee) - Math.min(...byEmployee)).toBeGreaterThan(40);
    const company = nps(npsRows);
    expect(company).toBeGreaterThan(0);
    expect(company).toBeLessThan(60);
    expect(d.responses.filter((r) => !r.employee).length).toBeGreaterThan(0);
    expect(d.responses.filter((r) => r.employee).length / d.responses.length).toBeGreaterThan(0.7);

    // churn share by the customer's mean NPS score
    const scores = new Map<string, number[]>();
    for (const r of npsRows)
      scores.set(r.customer!, [...(scores.get(r.customer!) ?? []), +r.score!]);
    const churnShare = (pick: (mean: number) => boolean) => {
      const cs = d.customers.filter((c) => {
        const s = scores.get(c.external_id!);
        return s && pick(s.reduce((a, b) => a + b, 0) / s.length);
      });
      return cs.filter((c) => c.churned_on).length / cs.length;
    };
    expect(churnShare((m) => m < 7)).toBeGreaterThan(1.5 * churnShare((m) => m >= 9));
    const churned = d.customers.filter((c) => c.churned_on).length / d.customers.length;
    expect(churned).toBeGreaterThan(0.05);
    expect(churned).toBeLessThan(0.3);
  });

  it('has an agents plan with a later second version and a segment-managers plan', () => {
    const agents = d.plans.plans.filter((p) => p.key === 'agents');
    expect(agents).toHaveLength(2);
    expect(agents[1]!.valid_from > agents[0]!.valid_from).toBe(true);
    expect(agents[1]!.valid_from < AS_OF).toBe(true);
    expect(d.plans.plans.filter((p) => p.role === 'segment_manager')).toHaveLength(1);
    expect(d.assumptions).toEqual({
      gross_margin: 0.35,
      horizon_years: 3,
      churn_p: { promoter: 0.05, passive: 0.15, detractor: 0.3, unknown: 0.15 },
      happy_tells: 2,
      unhappy_tells: 22,
      influence: 0.01,
    });
  });

  it('offers one demo sign-in per role, tied to an employee of that role', () => {
    expect(demo.users.map((u) => u.role).sort()).toEqual(
      ['admin', 'agent', 'executive', 'hr', 'segment_manager'].sort(),
    );
    const employees = byId(d.employees);
    for (const u of demo.users) {
      expect(u.email).toMatch(/@delight\.example$/);
      expect(u.password).toMatch(/^delight-[a-z]+$/);
      // the sign-in refuses shorter passwords, so seeding would fail
      expect(u.password.length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
      if (u.employee !== null) {
        const e = employees.get(u.employee);
        expect(e?.role).toBe(u.role);
        expect(e?.left_on).toBe('');
      }
    }
    expect(new Set(demo.users.map((u) => u.email)).size).toBe(demo.users.length);
  });
});
