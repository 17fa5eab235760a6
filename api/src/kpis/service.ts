import type { Executor, Role } from '@delight/db';
import { type SQL, sql } from 'drizzle-orm';
import { managedSegments, teamCondition } from '../auth/access';
import type { Principal } from '../auth/principal';
import { badRequest, forbidden } from '../lib/errors';
import { type Period, parsePeriod, previousPeriod, startedPeriod } from '../lib/period';
import { formatScope, type ResolvedScope } from '../lib/scope';
import { changeTest, changeText, compareForLeague, kpiBasis, kpisFromCounts } from './math';
import {
  companyGroup,
  entityGroups,
  type KpiCountsRow,
  queryKpiCounts,
  singleGroup,
} from './queries';
import type {
  BreakdownBy,
  BreakdownRow,
  KpiAnswer,
  KpiBreakdown,
  KpiChange,
  KpiKey,
  KpiResult,
  KpiSetWithPrevious,
  KpiTrend,
  TrendGrain,
} from './types';
import { KPI_KEYS } from './types';

/** The most periods one trend call may ask for (20 years of months). */
export const MAX_TREND_POINTS = 240;

function groupOf(scope: ResolvedScope): SQL {
  return scope.kind === 'company' ? companyGroup() : singleGroup(scope.dbId!, scope.id);
}

function toResult(row: KpiCountsRow, scope: string): KpiResult {
  return {
    period: row.period,
    scope,
    kpis: kpisFromCounts(row),
    complaints_unfounded: row.complaintsUnfounded,
    complaints_pending: row.complaintsPending,
  };
}

/** The eight KPIs of one scope and period, in one SQL round trip. */
export async function computeKpis(
  db: Executor,
  period: Period,
  scope: ResolvedScope,
): Promise<KpiResult> {
  const [row] = await queryKpiCounts(db, [period], scope.kind, groupOf(scope));
  return toResult(row!, formatScope(scope));
}

/**
 * KPIs of many segments, managers or employees for one period in one round trip (the
 * bonus run). `dbIds` limits the groups (all entities of the kind when omitted; a
 * "manager" is an employee who manages a segment). Keyed by external id.
 */
export async function computeKpisMany(
  db: Executor,
  period: Period,
  kind: BreakdownBy,
  dbIds?: readonly number[],
): Promise<Map<string, KpiResult>> {
  const rows = await kpiCountsMany(db, period, kind, dbIds);
  return new Map([...rows].map(([label, r]) => [label, toResult(r, `${kind}:${label}`)]));
}

/**
 * The raw counts of many segments, managers or employees (or the company, `kind`
 * company) for one period in one round trip, keyed by external id ('company'): the
 * bonus run measures its lines from them exactly (`kpiBasis`, `exactValue`).
 */
export async function kpiCountsMany(
  db: Executor,
  period: Period,
  kind: BreakdownBy | 'company',
  dbIds?: readonly number[],
): Promise<Map<string, KpiCountsRow>> {
  if (kind === 'company') {
    const rows = await queryKpiCounts(db, [period], 'company', companyGroup());
    return new Map(rows.map((r) => [r.label, r]));
  }
  const where =
    dbIds === undefined
      ? null
      : dbIds.length === 0
        ? sql`false`
        : sql`x.id in (${sql.join(
            dbIds.map((id) => sql`${id}`),
            sql`, `,
          )})`;
  const groups = entityGroups(kind, where, { managersOnly: dbIds === undefined });
  const rows = await queryKpiCounts(db, [period], kind, groups);
  return new Map(rows.map((r) => [r.label, r]));
}

/** `GET /api/kpis`: the scope's KPIs with the previous period's beside each (same round trip). */
export async function kpiAnswer(
  db: Executor,
  period: Period,
  scope: ResolvedScope,
): Promise<KpiAnswer> {
  const prev = previousPeriod(period);
  const rows = await queryKpiCounts(db, [period, prev], scope.kind, groupOf(scope));
  const current = rows.find((r) => r.period === period.key)!;
  const before = rows.find((r) => r.period === prev.key)!;
  const now = toResult(current, formatScope(scope));
  const then = kpisFromCounts(before);
  const kpis = Object.fromEntries(
    KPI_KEYS.map((k) => {
      const test = changeTest(kpiBasis(current, k), kpiBasis(before, k));
      return [
        k,
        {
          ...now.kpis[k],
          previous: { value: then[k].value, n: then[k].n },
          change: { ...test, text: changeText(test) },
        },
      ];
    }),
  ) as KpiSetWithPrevious;
  return {
    period: now.period,
    scope: now.scope,
    previous_period: prev.key,
    kpis,
    complaints_unfounded: now.complaints_unfounded,
    complaints_pending: now.complaints_pending,
  };
}

/** Periods of one kind from `from` to `to`, inclusive, oldest first. */
export function periodsBetween(
  from: string,
  to: string,
  grain: TrendGrain,
  today?: string,
): Period[] {
  const a = parsePeriod(from);
  const b = today === undefined ? parsePeriod(to) : startedPeriod(to, today);
  if (a.kind !== grain || b.kind !== grain) {
    throw badRequest(`from and to must both be ${grain} periods for grain=${grain}`);
  }
  if (a.start > b.start) throw badRequest('from must not be after to');
  const out: Period[] = [];
  for (let p = b; p.start >= a.start; p = previousPeriod(p)) {
    if (out.length === MAX_TREND_POINTS) {
      throw badRequest(`a trend has at most ${MAX_TREND_POINTS} points`);
    }
    out.unshift(p);
  }
  return out;
}

/** `GET /api/kpis/trend`: the KPI series of one scope, every period in one round trip. */
export async function kpiTrend(
  db: Executor,
  scope: ResolvedScope,
  from: string,
  to: string,
  grain: TrendGrain,
  today?: string,
): Promise<KpiTrend> {
  const periods = periodsBetween(from, to, grain, today);
  const rows = await queryKpiCounts(db, periods, scope.kind, groupOf(scope));
  const label = formatScope(scope);
  return { scope: label, grain, from, to, points: rows.map((r) => toResult(r, label)) };
}

/**
 * Which entities of a breakdown the caller sees, as a filter on `x` (segments or
 * employees), or null for all. Same rules as authorizeScope: admin and executive all;
 * hr managers and employees (bonus inputs), not segments; a segment manager their
 * segments, themself as manager, their team and themself as employees; agents nothing.
 */
export function breakdownFilter(principal: Principal, by: BreakdownBy): SQL | null {
  const self = principal.employeeId;
  switch (principal.role) {
    case 'admin':
    case 'executive':
      return null;
    case 'hr':
      if (by === 'segment') throw forbidden('hr sees KPIs of managers and employees only');
      return null;
    case 'agent':
      throw forbidden('Agents see only their own scorecard (GET /api/kpis?scope=employee:ID)');
    case 'segment_manager':
      if (self === null) throw forbidden('This segment manager account has no employee');
      if (by === 'segment') return sql`x.id in ${managedSegments(self)}`;
      if (by === 'manager') return sql`x.id = ${self}`;
      return teamCondition(self, 'x');
  }
}

/** Each KPI's change from the previous period and whether it is real (null without one). */
function changesOf(now: KpiCountsRow, before: KpiCountsRow | undefined): Record<KpiKey, KpiChange> {
  return Object.fromEntries(
    KPI_KEYS.map((k) => {
      const test = before
        ? changeTest(kpiBasis(now, k), kpiBasis(before, k))
        : { delta: null, margin: null, significant: null };
      return [k, { ...test, text: changeText(test) }];
    }),
  ) as Record<KpiKey, KpiChange>;
}

/** `GET /api/kpis/breakdown`: every visible segment / manager / employee, best first. */
export async function kpiBreakdown(
  db: Executor,
  principal: Principal,
  period: Period,
  by: BreakdownBy,
  sort: KpiKey,
  minN: number,
  role?: Role,
): Promise<KpiBreakdown> {
  const visible = breakdownFilter(principal, by);
  // role narrows an employee league (e.g. agents only for the service-champion board)
  const byRole = role && by !== 'segment' ? sql`x.role = ${role}` : null;
  const where = visible && byRole ? sql`${visible} and ${byRole}` : (visible ?? byRole);
  const prev = previousPeriod(period);
  // the previous period in the same round trip: each row says whether its change is real
  const all = await queryKpiCounts(db, [period, prev], by, entityGroups(by, where));
  const rows = all.filter((r) => r.period === period.key);
  const before = new Map(all.filter((r) => r.period === prev.key).map((r) => [r.gid, r]));
  const built = rows.map((r) => {
    const result = toResult(r, `${by}:${r.label}`);
    const k = result.kpis[sort];
    return { r, result, ranked: k.value !== null && k.n >= minN ? k.value : null };
  });
  built.sort((a, b) =>
    compareForLeague(
      sort,
      { value: a.ranked, label: a.r.label },
      { value: b.ranked, label: b.r.label },
    ),
  );
  // competition ranking: equal values share a rank (1, 2, 2, 4)
  let rank = 0;
  const out: BreakdownRow[] = built.map(({ r, result, ranked }, i) => {
    if (ranked !== null && (i === 0 || built[i - 1]!.ranked !== ranked)) rank = i + 1;
    return {
      scope: result.scope,
      id: r.label,
      name: r.name,
      rank: ranked === null ? null : rank,
      kpis: result.kpis,
      changes: changesOf(r, before.get(r.gid)),
      complaints_unfounded: result.complaints_unfounded,
      complaints_pending: result.complaints_pending,
    };
  });
  return { period: period.key, by, sort, min_n: minN, role: role ?? null, rows: out };
}
