import { BELOW_MIN, PERIOD_KINDS, ROLES } from '@delight/db';
import { z } from 'zod';
import { KPI_BETTER, KPI_KEYS, type KpiKey } from '../kpis/types';

export const planLineSchema = z.object({
  kpi: z.enum(KPI_KEYS, { error: `kpi must be one of ${KPI_KEYS.join(', ')}` }),
  weight: z.number().gt(0, 'weight must be above 0').lte(1, 'weight must be at most 1'),
  threshold: z.number(),
  target: z.number(),
  stretch: z.number(),
  payout_at_threshold: z
    .number()
    .min(0, 'payout_at_threshold must be between 0 and 1')
    .max(1, 'payout_at_threshold must be between 0 and 1'),
  cap: z.number().min(1, 'cap must be at least 1'),
  min_sample: z
    .number()
    .int('min_sample must be a whole number')
    .min(0, 'min_sample must be 0 or more'),
  below_min: z.enum(BELOW_MIN, { error: `below_min must be one of ${BELOW_MIN.join(', ')}` }),
});
export type PlanLine = z.infer<typeof planLineSchema>;

const WEIGHT_TOLERANCE = 1e-9;

export interface PlanProblem {
  path: string;
  message: string;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * The rules that span fields (weights sum to 1, no KPI twice, threshold/target/stretch
 * ordered in the KPI's better direction). Tolerant of partly invalid lines, so that a
 * plan with a bad field still hears about every other problem too.
 */
export function crossFieldProblems(
  lines: readonly unknown[],
): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const items = lines.map((l) =>
    l && typeof l === 'object' ? (l as Record<string, unknown>) : {},
  );
  if (items.length > 0 && items.every((l) => isNum(l.weight))) {
    const sum = items.reduce((s, l) => s + (l.weight as number), 0);
    if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
      out.push({ path: ['lines'], message: `weights must sum to 1 (they sum to ${sum})` });
    }
  }
  const seen = new Set<unknown>();
  items.forEach((line, i) => {
    const kpi = line.kpi as KpiKey;
    if (typeof kpi !== 'string' || !(KPI_KEYS as readonly string[]).includes(kpi)) return;
    if (seen.has(kpi)) out.push({ path: ['lines', i, 'kpi'], message: `${kpi} appears twice` });
    seen.add(kpi);
    const { threshold: a, target: b, stretch: c } = line;
    if (!isNum(a) || !isNum(b) || !isNum(c)) return;
    const higher = KPI_BETTER[kpi] === 'higher';
    const ordered = higher ? a < b && b < c : a > b && b > c;
    if (!ordered) {
      out.push({
        path: ['lines', i],
        message: higher
          ? `${kpi} is better higher: need threshold < target < stretch`
          : `${kpi} is better lower: need threshold > target > stretch`,
      });
    }
  });
  return out;
}

/** One plan version: field types by zod, then the rules that span fields. */
export const planSchema = z
  .object({
    key: z.string().trim().min(1, 'key is required').max(64),
    role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` }),
    period_kind: z.enum(PERIOD_KINDS, {
      error: `period_kind must be one of ${PERIOD_KINDS.join(', ')}`,
    }),
    valid_from: z.iso.date('valid_from must be a date YYYY-MM-DD'),
    lines: z.array(planLineSchema).min(1, 'a plan needs at least one line'),
  })
  .superRefine((plan, ctx) => {
    for (const issue of crossFieldProblems(plan.lines)) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
  });
export type Plan = z.infer<typeof planSchema>;

export const plansFileSchema = z.object({ plans: z.array(planSchema) });

/** Every problem of a plan as `{ path, message }`, for a 422 that lists them all. */
export function planProblems(error: z.ZodError): PlanProblem[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/**
 * Validates one plan and lists every problem. zod skips the cross-field rules once a
 * field is invalid; they are run here on the raw lines as well, so one 422 names all.
 */
export function checkPlan(input: unknown): { plan: Plan } | { problems: PlanProblem[] } {
  const result = planSchema.safeParse(input);
  if (result.success) return { plan: result.data };
  const problems = planProblems(result.error);
  const lines = (input as { lines?: unknown } | null)?.lines;
  if (Array.isArray(lines)) {
    for (const p of crossFieldProblems(lines)) {
      const path = p.path.join('.');
      if (!problems.some((q) => q.path === path && q.message === p.message)) {
        problems.push({ path, message: p.message });
      }
    }
  }
  return { problems };
}
