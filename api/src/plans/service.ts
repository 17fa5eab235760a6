import { bonusPlans, bonusPlanVersions, type Db } from '@delight/db';
import { and, eq } from 'drizzle-orm';
import { conflict, notFound, unprocessable } from '../lib/errors';
import { checkPlan, type Plan, type PlanProblem } from './schema';
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
    throw unprocessable(`The plan has ${problems.length} problem(s)`, problems);
  }
  return checked.plan;
}

async function existing(db: Db, key: string, validFrom: string) {
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
      message: `plan ${body.key} is for ${plan.role} per ${plan.periodKind}; use a new key for ${body.role} per ${body.period_kind}`,
    },
  ];
}

/** `POST /api/plans`: a new plan, or a new version of a plan (new valid_from). Audited. */
export async function createPlanVersion(db: Db, body: unknown, actor: string): Promise<Plan> {
  const plan = valid(body);
  return db.transaction(async (tx) => {
    const found = await existing(tx as unknown as Db, plan.key, plan.valid_from);
    if (found.version) {
      throw conflict(
        `plan ${plan.key} already has a version from ${plan.valid_from}; PUT /api/plans/${plan.key}/${plan.valid_from} changes it`,
      );
    }
    const problems = sameKind(found.plan, plan);
    if (problems.length) throw unprocessable('The plan has 1 problem(s)', problems);
    await savePlanVersion(tx, plan, actor);
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
    mismatch.push({ path: 'key', message: `key must be ${key} (the one in the path)` });
  }
  if (raw.valid_from !== undefined && raw.valid_from !== validFrom) {
    mismatch.push({
      path: 'valid_from',
      message: `valid_from must be ${validFrom} (the one in the path); POST a new version instead`,
    });
  }
  const plan = valid({ ...raw, key, valid_from: validFrom }, mismatch);
  return db.transaction(async (tx) => {
    const found = await existing(tx as unknown as Db, key, validFrom);
    if (!found.version) throw notFound(`plan ${key} has no version from ${validFrom}`);
    const problems = sameKind(found.plan, plan);
    if (problems.length) throw unprocessable('The plan has 1 problem(s)', problems);
    const result = await savePlanVersion(tx, plan, actor);
    return { result: result === 'unchanged' ? 'unchanged' : 'updated', plan };
  });
}
