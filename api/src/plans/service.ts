import { bonusPlans, bonusPlanVersions, type Db } from '@delight/db';
import { and, eq } from 'drizzle-orm';
import { reviewRuns } from '../bonus/approval';
import { conflict, notFound, unprocessable } from '../lib/errors';
import { checkPlan, type Plan, type PlanProblem, problemsSummary } from './schema';
import { listPlanVersions, savePlanVersion } from './store';

/** Every plan version, plans in file order, versions by date (what plans.json holds). */
export async function listPlans(db: Db): Promise<Plan[]> {
  const versions = await listPlanVersions(db);
  return versions.map((v) => ({
    key: v.key,
    role: v.role,
    period_kind: v.period_kind,
    valid_from: v.valid_from,
    lines: v.lines,
  }));
}

function valid(body: unknown, extra: PlanProblem[] = []): Plan {
  const checked = checkPlan(body);
  const problems = [...extra, ...('problems' in checked ? checked.problems : [])];
  if (problems.length > 0 || !('plan' in checked)) {
    throw unprocessable(problemsSummary(problems), problems);
  }
  return checked.plan;
}

/** Reads of a plan and its version; a transaction or the database (both can select). */
async function existing(db: Pick<Db, 'select'>, key: string, validFrom: string) {
  const [plan] = await db.select().from(bonusPlans).where(eq(bonusPlans.key, key));
  if (!plan) return { plan: null, version: null };
  const [version] = await db
    .select({ id: bonusPlanVersions.id })
    .from(bonusPlanVersions)
    .where(and(eq(bonusPlanVersions.planId, plan.id), eq(bonusPlanVersions.validFrom, validFrom)));
  return { plan, version: version ?? null };
}

/**
 * A plan keeps its role and period kind across versions: a version for another role is
 * another plan (another key), else history would silently change meaning.
 */
function sameKind(plan: { role: string; periodKind: string } | null, body: Plan): PlanProblem[] {
  if (!plan || (plan.role === body.role && plan.periodKind === body.period_kind)) return [];
  return [
    {
      path: 'role',
      code: 'plan_kind_fixed',
      message: `The plan "${body.key}" is for the role ${plan.role}, per ${plan.periodKind}. A plan keeps its role and period kind; give a plan for ${body.role} per ${body.period_kind} a new key.`,
    },
  ];
}

/** `POST /api/plans`: a new plan, or a new version of a plan (new valid_from). Audited. */
export async function createPlanVersion(db: Db, body: unknown, actor: string): Promise<Plan> {
  const plan = valid(body);
  return db.transaction(async (tx) => {
    const found = await existing(tx, plan.key, plan.valid_from);
    if (found.version) {
      throw conflict(
        `The plan "${plan.key}" already has a version from ${plan.valid_from}; change that version instead (PUT /api/plans/${plan.key}/${plan.valid_from}).`,
      );
    }
    const problems = sameKind(found.plan, plan);
    if (problems.length) throw unprocessable(problemsSummary(problems), problems);
    await savePlanVersion(tx, plan, actor);
    await reviewRuns(tx, { actor, cause: `The new version of the plan ${plan.key}` });
    return plan;
  });
}

/** `PUT /api/plans/:key/:validFrom`: replaces the lines of an existing version. Audited. */
export async function replacePlanVersion(
  db: Db,
  key: string,
  validFrom: string,
  body: unknown,
  actor: string,
): Promise<{ result: 'updated' | 'unchanged'; plan: Plan }> {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const mismatch: PlanProblem[] = [];
  if (raw.key !== undefined && raw.key !== key) {
    mismatch.push({
      path: 'key',
      code: 'key_mismatch',
      message: `The key must be ${key}, the plan being changed.`,
    });
  }
  if (raw.valid_from !== undefined && raw.valid_from !== validFrom) {
    mismatch.push({
      path: 'valid_from',
      code: 'valid_from_mismatch',
      message: `Valid from must stay ${validFrom} when changing this version; save a new version for another date.`,
    });
  }
  const plan = valid({ ...raw, key, valid_from: validFrom }, mismatch);
  return db.transaction(async (tx) => {
    const found = await existing(tx, key, validFrom);
    if (!found.version) throw notFound(`The plan "${key}" has no version from ${validFrom}.`);
    const problems = sameKind(found.plan, plan);
    if (problems.length) throw unprocessable(problemsSummary(problems), problems);
    const result = await savePlanVersion(tx, plan, actor);
    await reviewRuns(tx, { actor, cause: `A change to the plan ${key}` });
    return { result: result === 'unchanged' ? 'unchanged' : 'updated', plan };
  });
}
