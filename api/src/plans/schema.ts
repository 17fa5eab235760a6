import { BELOW_MIN, PERIOD_KINDS, ROLES } from '@delight/db';
import { z } from 'zod';
import { KPI_BETTER, KPI_KEYS } from '../kpis/types';

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
    const sum = plan.lines.reduce((s, l) => s + l.weight, 0);
    if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
      ctx.addIssue({
        code: 'custom',
        path: ['lines'],
        message: `weights must sum to 1 (they sum to ${sum})`,
      });
    }
    const seen = new Set<string>();
    plan.lines.forEach((line, i) => {
      if (seen.has(line.kpi)) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', i, 'kpi'],
          message: `${line.kpi} appears twice`,
        });
      }
      seen.add(line.kpi);
      const higher = KPI_BETTER[line.kpi] === 'higher';
      const ordered = higher
        ? line.threshold < line.target && line.target < line.stretch
        : line.threshold > line.target && line.target > line.stretch;
      if (!ordered) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', i],
          message: higher
            ? `${line.kpi} is better higher: need threshold < target < stretch`
            : `${line.kpi} is better lower: need threshold > target > stretch`,
        });
      }
    });
  });
export type Plan = z.infer<typeof planSchema>;

export const plansFileSchema = z.object({ plans: z.array(planSchema) });

/** Every problem of a plan as `{ path, message }`, for a 422 that lists them all. */
export function planProblems(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}
