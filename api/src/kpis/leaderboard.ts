import { type Db, type Executor, queryRows, type Role } from '@delight/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit/log';
import type { Principal } from '../auth/principal';
import { exactText, q } from '../lib/exact';
import type { Period } from '../lib/period';
import { exactValue, kpiBasis, npsMoe, shrunkValue } from './math';
import { entityGroups, type KpiCountsRow, queryKpiCounts } from './queries';
import { breakdownFilter, kpiCountsMany } from './service';

/**
 * The service-champion leaderboard (DESIGN.md, Fair numbers on small samples): employees
 * ranked by NPS shrunk toward their segment's (the company's without a segment, or when
 * the segment has no answer) with prior strength k, only those with n ≥ a minimum;
 * each row shows raw NPS, n, its margin of error and the shrunk value. k and the
 * minimum are settings the admin sets (defaults 20 and 10).
 */
export interface LeaderboardSettings {
  k: number;
  min_n: number;
}
export const DEFAULT_LEADERBOARD: LeaderboardSettings = { k: 20, min_n: 10 };

export const leaderboardSettingsSchema = z
  .object({
    k: z
      .number({ error: 'k must be a number of answers, like 20' })
      .min(0, 'k must be 0 (no shrinkage) or more')
      .max(10_000, 'k is at most 10,000'),
    min_n: z
      .number({ error: 'the minimum sample must be a whole number, like 10' })
      .int('the minimum sample must be a whole number, like 10')
      .min(1, 'the minimum sample must be at least 1')
      .max(100_000, 'the minimum sample is at most 100,000'),
  })
  .strict();

const KEYS = { k: 'leaderboard_k', min_n: 'leaderboard_min_n' } as const;

export async function leaderboardSettings(db: Executor): Promise<LeaderboardSettings> {
  const rows = await queryRows<{ key: string; value: string }>(
    db,
    sql`select key, value from settings where key in (${KEYS.k}, ${KEYS.min_n})`,
  );
  const get = (key: string) => rows.find((r) => r.key === key)?.value;
  return {
    k: Number(get(KEYS.k) ?? DEFAULT_LEADERBOARD.k),
    min_n: Number(get(KEYS.min_n) ?? DEFAULT_LEADERBOARD.min_n),
  };
}

/** Stores the settings, audited with the values before. */
export async function saveLeaderboardSettings(
  db: Db,
  next: LeaderboardSettings,
  actor: string,
): Promise<LeaderboardSettings> {
  return db.transaction(async (tx) => {
    const before = await leaderboardSettings(tx);
    for (const [field, key] of Object.entries(KEYS) as [keyof LeaderboardSettings, string][]) {
      await tx.execute(
        sql`insert into settings (key, value) values (${key}, ${String(next[field])})
            on conflict (key) do update set value = excluded.value`,
      );
    }
    await writeAudit(tx, {
      actor,
      action: 'leaderboard.settings',
      entity: 'leaderboard',
      before,
      after: next,
    });
    return next;
  });
}

export interface LeaderboardRow {
  rank: number;
  id: string;
  name: string;
  /** the shrinkage prior: `segment:ID` or `company` */
  prior_scope: string;
  n: number;
  /** raw NPS and its 95 % margin of error */
  raw: number;
  moe: number;
  /** the prior's NPS */
  prior: number | null;
  /** the value ranked on */
  shrunk: number;
  exact_shrunk: string;
}

export interface Leaderboard {
  period: string;
  role: Role | null;
  k: number;
  min_n: number;
  /** how the page ranks, in words */
  ranks_by: string;
  rows: LeaderboardRow[];
  /** employees with answers but n below the minimum: listed, not ranked */
  below_minimum: { id: string; name: string; n: number; raw: number | null; moe: number | null }[];
}

/** Employee external id → their segment's external id (null without one). */
async function employeeSegments(db: Executor): Promise<Map<string, string | null>> {
  const rows = await queryRows<{ id: string; segment: string | null }>(
    db,
    sql`select e.external_id as id, s.external_id as segment
        from employees e left join segments s on s.id = e.segment_id`,
  );
  return new Map(rows.map((r) => [r.id, r.segment]));
}

export function ranksByText(s: LeaderboardSettings): string {
  return s.k === 0
    ? `Ranked by NPS; only employees with at least ${s.min_n} answers in the period are ranked.`
    : `Ranked by NPS adjusted for sample size: each employee's answers are combined with ${s.k} answers' worth of their segment's NPS, so a few lucky answers cannot top the board. Only employees with at least ${s.min_n} answers are ranked.`;
}

/** `GET /api/kpis/leaderboard`: the employees a caller may see, ranked by shrunk NPS. */
export async function leaderboard(
  db: Executor,
  principal: Principal,
  period: Period,
  role: Role | undefined,
): Promise<Leaderboard> {
  const visible = breakdownFilter(principal, 'employee');
  const byRole = role ? sql`x.role = ${role}` : null;
  const where = visible && byRole ? sql`${visible} and ${byRole}` : (visible ?? byRole);
  const settings = await leaderboardSettings(db);
  const [rows, segments, company, segmentOf] = await Promise.all([
    queryKpiCounts(db, [period], 'employee', entityGroups('employee', where)),
    kpiCountsMany(db, period, 'segment'),
    kpiCountsMany(db, period, 'company'),
    employeeSegments(db),
  ]);
  const k = q(settings.k);
  const companyCounts = company.get('company');
  const ranked: (Omit<LeaderboardRow, 'rank'> & { key: ReturnType<typeof q> })[] = [];
  const below: Leaderboard['below_minimum'] = [];
  for (const r of rows) {
    if (r.npsN === 0) continue;
    const own = kpiBasis(r, 'nps');
    const raw = exactValue(own)!.valueOf();
    const moe = npsMoe(r.promoters, r.detractors, r.npsN)!;
    if (r.npsN < settings.min_n) {
      below.push({ id: r.label, name: r.name, n: r.npsN, raw, moe });
      continue;
    }
    const seg = segmentOf.get(r.label) ?? null;
    const segCounts: KpiCountsRow | undefined = seg === null ? undefined : segments.get(seg);
    const useSegment = segCounts !== undefined && segCounts.npsN > 0;
    const priorCounts = useSegment ? segCounts : companyCounts;
    const prior = priorCounts ? kpiBasis(priorCounts, 'nps') : null;
    const shrunk = prior ? shrunkValue(own, prior, k)! : exactValue(own)!;
    ranked.push({
      id: r.label,
      name: r.name,
      prior_scope: useSegment ? `segment:${seg}` : 'company',
      n: r.npsN,
      raw,
      moe,
      prior: prior ? (exactValue(prior)?.valueOf() ?? null) : null,
      shrunk: shrunk.valueOf(),
      exact_shrunk: exactText(shrunk),
      key: shrunk,
    });
  }
  ranked.sort((a, b) => b.key.compare(a.key) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // competition ranking on the exact shrunk value: equal values share a rank (1, 2, 2, 4)
  let rank = 0;
  const out: LeaderboardRow[] = ranked.map(({ key, ...row }, i) => {
    if (i === 0 || !ranked[i - 1]!.key.equals(key)) rank = i + 1;
    return { rank, ...row };
  });
  below.sort((a, b) => b.n - a.n || (a.name < b.name ? -1 : 1));
  return {
    period: period.key,
    role: role ?? null,
    k: settings.k,
    min_n: settings.min_n,
    ranks_by: ranksByText(settings),
    rows: out,
    below_minimum: below,
  };
}
