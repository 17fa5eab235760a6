import type { Db, PeriodKind } from '@delight/db';
import {
  bonusPlanLines,
  bonusPlans,
  bonusPlanVersions,
  type Executor,
  type Role,
} from '@delight/db';
import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import { writeAudit } from '../audit/log';
import { decimalText } from '../lib/exact';
import type { Plan, PlanLine, PlanSpec } from './schema';

export interface StoredPlanVersion extends Plan {
  planId: number;
  versionId: number;
  /** order of first appearance (drives the HR CSV column order) */
  position: number;
}

/** Plan numbers go to numeric columns as the decimals that were written. */
const lineColumns = (l: PlanSpec['lines'][number]) => ({
  kpi: l.kpi,
  weight: decimalText(l.weight),
  threshold: decimalText(l.threshold),
  target: decimalText(l.target),
  stretch: decimalText(l.stretch),
  payoutAtThreshold: decimalText(l.payout_at_threshold),
  cap: decimalText(l.cap),
  minSample: l.min_sample,
  belowMin: l.below_min,
  shrink: decimalText(l.shrink ?? 0),
});

type LineRow = typeof bonusPlanLines.$inferSelect;
/** numeric text → the number whose shortest decimal it is (0.30 → 0.3, read back exactly). */
const num = (text: string) => Number(text);
const toLine = (r: LineRow): PlanLine => ({
  kpi: r.kpi as PlanLine['kpi'],
  weight: num(r.weight),
  threshold: num(r.threshold),
  target: num(r.target),
  stretch: num(r.stretch),
  payout_at_threshold: num(r.payoutAtThreshold),
  cap: num(r.cap),
  min_sample: r.minSample,
  below_min: r.belowMin,
  shrink: num(r.shrink),
});

async function linesOf(db: Executor, versionId: number): Promise<PlanLine[]> {
  const rows = await (db as Db)
    .select()
    .from(bonusPlanLines)
    .where(eq(bonusPlanLines.versionId, versionId))
    .orderBy(asc(bonusPlanLines.position));
  return rows.map(toLine);
}

/**
 * Saves one plan version: creates the plan on first sight, creates the version for
 * its valid_from or replaces that version's lines when they differ. Unchanged → no
 * write, so re-importing plans.json is a no-op. Every change is audited.
 */
export async function savePlanVersion(
  db: Executor,
  input: PlanSpec,
  actor: string,
): Promise<'created' | 'updated' | 'unchanged'> {
  const d = db as Db;
  const plan: Plan = { ...input, lines: input.lines.map((l) => ({ ...l, shrink: l.shrink ?? 0 })) };
  let [planRow] = await d.select().from(bonusPlans).where(eq(bonusPlans.key, plan.key));
  if (!planRow) {
    const [{ next }] = (await d
      .select({ next: sql<number>`coalesce(max(${bonusPlans.position}), -1)::int + 1` })
      .from(bonusPlans)) as [{ next: number }];
    [planRow] = await d
      .insert(bonusPlans)
      .values({ key: plan.key, role: plan.role, periodKind: plan.period_kind, position: next })
      .returning();
  } else if (planRow.role !== plan.role || planRow.periodKind !== plan.period_kind) {
    await d
      .update(bonusPlans)
      .set({ role: plan.role, periodKind: plan.period_kind })
      .where(eq(bonusPlans.id, planRow.id));
  }
  const planId = planRow!.id;
  const [version] = await d
    .select()
    .from(bonusPlanVersions)
    .where(
      and(eq(bonusPlanVersions.planId, planId), eq(bonusPlanVersions.validFrom, plan.valid_from)),
    );
  const entity = `plan:${plan.key}@${plan.valid_from}`;
  if (!version) {
    const [created] = await d
      .insert(bonusPlanVersions)
      .values({ planId, validFrom: plan.valid_from })
      .returning({ id: bonusPlanVersions.id });
    await d
      .insert(bonusPlanLines)
      .values(
        plan.lines.map((l, position) => ({ versionId: created!.id, position, ...lineColumns(l) })),
      );
    await writeAudit(db, { actor, action: 'plan.create', entity, before: null, after: plan });
    return 'created';
  }
  const before = await linesOf(db, version.id);
  const sameRole = planRow!.role === plan.role && planRow!.periodKind === plan.period_kind;
  if (sameRole && JSON.stringify(before) === JSON.stringify(plan.lines)) return 'unchanged';
  await d.delete(bonusPlanLines).where(eq(bonusPlanLines.versionId, version.id));
  await d
    .insert(bonusPlanLines)
    .values(
      plan.lines.map((l, position) => ({ versionId: version.id, position, ...lineColumns(l) })),
    );
  await writeAudit(db, {
    actor,
    action: 'plan.update',
    entity,
    before: {
      key: plan.key,
      role: planRow!.role,
      period_kind: planRow!.periodKind,
      valid_from: plan.valid_from,
      lines: before,
    },
    after: plan,
  });
  return 'updated';
}

/** Every stored plan version, plans in file order, versions by date. */
export async function listPlanVersions(db: Executor): Promise<StoredPlanVersion[]> {
  const d = db as Db;
  const versions = await d
    .select({
      planId: bonusPlans.id,
      key: bonusPlans.key,
      role: bonusPlans.role,
      periodKind: bonusPlans.periodKind,
      position: bonusPlans.position,
      versionId: bonusPlanVersions.id,
      validFrom: bonusPlanVersions.validFrom,
    })
    .from(bonusPlanVersions)
    .innerJoin(bonusPlans, eq(bonusPlans.id, bonusPlanVersions.planId))
    .orderBy(asc(bonusPlans.position), asc(bonusPlanVersions.validFrom));
  const lines = await d.select().from(bonusPlanLines).orderBy(asc(bonusPlanLines.position));
  return versions.map((v) => ({
    planId: v.planId,
    versionId: v.versionId,
    position: v.position,
    key: v.key,
    role: v.role,
    period_kind: v.periodKind,
    valid_from: v.validFrom,
    lines: lines.filter((l) => l.versionId === v.versionId).map(toLine),
  }));
}

/**
 * The plan version for a role and period kind in force at a period start: the
 * latest valid_from ≤ start (DESIGN.md, Bonus). Null when the role has no plan.
 */
export async function planVersionFor(
  db: Executor,
  role: Role,
  kind: PeriodKind,
  periodStart: string,
): Promise<StoredPlanVersion | null> {
  const d = db as Db;
  const [v] = await d
    .select({
      planId: bonusPlans.id,
      key: bonusPlans.key,
      position: bonusPlans.position,
      versionId: bonusPlanVersions.id,
      validFrom: bonusPlanVersions.validFrom,
    })
    .from(bonusPlanVersions)
    .innerJoin(bonusPlans, eq(bonusPlans.id, bonusPlanVersions.planId))
    .where(
      and(
        eq(bonusPlans.role, role),
        eq(bonusPlans.periodKind, kind),
        lte(bonusPlanVersions.validFrom, periodStart),
      ),
    )
    .orderBy(desc(bonusPlanVersions.validFrom), asc(bonusPlans.position))
    .limit(1);
  if (!v) return null;
  return {
    planId: v.planId,
    versionId: v.versionId,
    position: v.position,
    key: v.key,
    role,
    period_kind: kind,
    valid_from: v.validFrom,
    lines: await linesOf(db, v.versionId),
  };
}
