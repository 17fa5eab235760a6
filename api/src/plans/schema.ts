import { BELOW_MIN, PERIOD_KINDS, ROLES } from '@delight/db';
import { z } from 'zod';
import { KPI_BETTER, KPI_KEYS, KPI_NAMES, type KpiKey } from '../kpis/types';
import { decimalText, fixedHalfEven, q, sumQ } from '../lib/exact';

/**
 * A plan line's number: a JSON number, or a decimal written as text ("0.3"), both kept
 * as the decimal that was written (lib/exact reads a double at its shortest decimal).
 * Plan numbers are stored as numeric, so what is saved is what is read back.
 */
const planNumber = (what: string) =>
  z
    .union([z.number(), z.string()], { error: `${what} must be a number, like 0.5` })
    .transform((v, ctx) => {
      if (typeof v === 'number') return v;
      if (/^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
      ctx.addIssue({
        code: 'custom',
        message: `${what} must be a number, like 0.5`,
        params: { code: 'not_a_number' },
      });
      return z.NEVER;
    })
    .refine(Number.isFinite, `${what} must be a number, like 0.5`)
    .refine((v) => Math.abs(v) < 1e12, `${what} is too large`);

export const planLineSchema = z.object({
  kpi: z.enum(KPI_KEYS, {
    error: `the KPI must be one of ${KPI_KEYS.map((k) => KPI_NAMES[k]).join(', ')}`,
  }),
  weight: planNumber('the weight')
    .refine((v) => v > 0, 'the weight must be above 0')
    .refine((v) => v <= 1, 'the weight must be at most 1 (100 %)'),
  threshold: planNumber('the threshold'),
  target: planNumber('the target'),
  stretch: planNumber('the stretch'),
  payout_at_threshold: planNumber('the payout at threshold').refine(
    (v) => v >= 0 && v <= 1,
    'the payout at threshold must be between 0 and 1 (0 % to 100 %)',
  ),
  cap: planNumber('the cap').refine((v) => v >= 1, 'the cap must be at least 1 (100 %)'),
  min_sample: planNumber('the minimum sample')
    .refine(Number.isInteger, 'the minimum sample must be a whole number')
    .refine((v) => v >= 0, 'the minimum sample must be 0 or more'),
  below_min: z.enum(BELOW_MIN, {
    error:
      'below the minimum must be one of: segment (use the segment value), neutral (pay 100 %), exclude (drop the line)',
  }),
  /**
   * Shrinkage (DESIGN.md, Fair numbers on small samples): the prior strength k, how many
   * answers' worth of the segment's value the own counts are pulled toward. 0 = off.
   */
  shrink: planNumber('the shrinkage strength')
    .refine((v) => v >= 0, 'the shrinkage strength k must be 0 (off) or more')
    .optional()
    .default(0),
});
export type PlanLine = z.infer<typeof planLineSchema>;

/**
 * One problem of a plan. `path` and `code` are for machines (the form field, a
 * translation key); `message` is for people: it says which line and what to do.
 */
export interface PlanProblem {
  path: string;
  code: string;
  message: string;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

type RawProblem = { path: (string | number)[]; code: string; message: string };

/**
 * The rules that span fields (weights sum to 1, no KPI twice, threshold/target/stretch
 * ordered in the KPI's better direction). Tolerant of partly invalid lines, so that a
 * plan with a bad field still hears about every other problem too. Weights add up
 * exactly (0.3 + 0.2 + 0.1 + 0.25 + 0.15 is 1, not 0.9999999999999999).
 */
export function crossFieldProblems(lines: readonly unknown[]): RawProblem[] {
  const out: RawProblem[] = [];
  const items = lines.map((l) =>
    l && typeof l === 'object' ? (l as Record<string, unknown>) : {},
  );
  const weightOf = (l: Record<string, unknown>) =>
    isNum(l.weight)
      ? l.weight
      : typeof l.weight === 'string' && /^-?\d+(\.\d+)?$/.test(l.weight.trim())
        ? Number(l.weight)
        : null;
  const weights = items.map(weightOf);
  if (items.length > 0 && weights.every((w) => w !== null)) {
    const sum = sumQ(weights.map((w) => q(decimalText(w!))));
    if (!sum.equals(1)) {
      const shown = fixedHalfEven(sum.mul(100), 2).replace(/\.?0+$/, '');
      out.push({
        path: ['lines'],
        code: 'weights_sum',
        message: `The weights must add up to 100 %; they add up to ${shown} %.`,
      });
    }
  }
  const seen = new Set<unknown>();
  items.forEach((line, i) => {
    const kpi = line.kpi as KpiKey;
    if (typeof kpi !== 'string' || !(KPI_KEYS as readonly string[]).includes(kpi)) return;
    const name = KPI_NAMES[kpi];
    if (seen.has(kpi)) {
      out.push({
        path: ['lines', i, 'kpi'],
        code: 'kpi_twice',
        message: `${name} has two lines; a KPI may appear only once in a plan.`,
      });
    }
    seen.add(kpi);
    const { threshold: a, target: b, stretch: c } = line;
    if (!isNum(a) || !isNum(b) || !isNum(c)) return;
    const higher = KPI_BETTER[kpi] === 'higher';
    const ordered = higher ? a < b && b < c : a > b && b > c;
    if (!ordered) {
      out.push({
        path: ['lines', i],
        code: higher ? 'curve_order_higher' : 'curve_order_lower',
        message: higher
          ? `Higher ${name} is better, so the threshold must be below the target and the target below the stretch (now ${a}, ${b}, ${c}).`
          : `Lower ${name} is better, so the threshold must be above the target and the target above the stretch (now ${a}, ${b}, ${c}).`,
      });
    }
  });
  return out;
}

/** One plan version: field types by zod, then the rules that span fields. */
export const planSchema = z
  .object({
    key: z
      .string({ error: 'the plan needs a key (a short name like "agents")' })
      .trim()
      .min(1, 'the plan needs a key (a short name like "agents")')
      .max(64, 'the key is at most 64 characters'),
    role: z.enum(ROLES, { error: `the role must be one of ${ROLES.join(', ')}` }),
    period_kind: z.enum(PERIOD_KINDS, {
      error: `the period kind must be one of ${PERIOD_KINDS.join(', ')}`,
    }),
    valid_from: z.iso.date({ error: 'valid from must be a date like 2026-01-01' }),
    lines: z
      .array(planLineSchema, { error: 'the plan needs a list of lines' })
      .min(1, 'a plan needs at least one line'),
  })
  .superRefine((plan, ctx) => {
    for (const issue of crossFieldProblems(plan.lines)) {
      ctx.addIssue({
        code: 'custom',
        path: issue.path,
        message: issue.message,
        params: { rule: issue.code },
      });
    }
  });
export type Plan = z.infer<typeof planSchema>;
/** A plan as code writes one: shrink may be left out (0, off). */
export type PlanSpec = Omit<Plan, 'lines'> & {
  lines: (Omit<PlanLine, 'shrink'> & { shrink?: number })[];
};

export const plansFileSchema = z.object({ plans: z.array(planSchema) });

const FIELD_NAMES: Record<string, string> = {
  kpi: 'KPI',
  weight: 'weight',
  threshold: 'threshold',
  target: 'target',
  stretch: 'stretch',
  payout_at_threshold: 'payout at threshold',
  cap: 'cap',
  min_sample: 'minimum sample',
  below_min: 'below the minimum',
  shrink: 'shrinkage',
};

/** "Line 2 (resolution time)" for a path into the lines, else null. */
function lineLabel(path: readonly PropertyKey[], lines: unknown): string | null {
  if (path[0] !== 'lines' || typeof path[1] !== 'number') return null;
  const raw = Array.isArray(lines) ? (lines[path[1]] as { kpi?: unknown } | undefined) : undefined;
  const kpi = raw?.kpi;
  const name =
    typeof kpi === 'string' && (KPI_KEYS as readonly string[]).includes(kpi)
      ? ` (${KPI_NAMES[kpi as KpiKey]})`
      : '';
  return `Line ${path[1] + 1}${name}`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A zod issue in words: "Line 1 (NPS): the weight must be a number, like 0.5." */
function problemOf(issue: z.core.$ZodIssue, input: unknown): PlanProblem {
  const path = issue.path.join('.');
  const field = String(issue.path.at(-1) ?? 'plan');
  const params = (issue as { params?: { code?: unknown; rule?: unknown } }).params;
  // a rule over several fields has its own code; a field's problem is named after the field
  const code =
    issue.code !== 'custom'
      ? `${field}_${issue.code}`
      : params?.rule !== undefined
        ? String(params.rule)
        : `${field}_${String(params?.code ?? 'out_of_range')}`;
  const lines = (input as { lines?: unknown } | null)?.lines;
  const where = lineLabel(issue.path, lines);
  let text = issue.message;
  if (/^Invalid input/.test(text)) {
    const field = FIELD_NAMES[String(issue.path.at(-1))] ?? String(issue.path.at(-1) ?? 'the plan');
    text =
      issue.code === 'invalid_type'
        ? `the ${field} is missing or not the right kind of value`
        : `the ${field} is not valid`;
  }
  const sentence = text.endsWith('.') ? text : `${text}.`;
  return { path, code, message: where ? `${where}: ${sentence}` : capitalise(sentence) };
}

/** Every problem of a plan as `{ path, code, message }`, for a 422 that lists them all. */
export function planProblems(error: z.ZodError, input?: unknown): PlanProblem[] {
  return error.issues.map((i) => problemOf(i, input));
}

/** "The plan has 2 problems: …" */
export function problemsSummary(problems: readonly PlanProblem[]): string {
  const n = problems.length;
  return `The plan has ${n} ${n === 1 ? 'problem' : 'problems'}: ${problems.map((p) => p.message).join(' ')}`;
}

/**
 * Validates one plan and lists every problem. zod skips the cross-field rules once a
 * field is invalid; they are run here on the raw lines as well, so one 422 names all.
 */
export function checkPlan(input: unknown): { plan: Plan } | { problems: PlanProblem[] } {
  const result = planSchema.safeParse(input);
  if (result.success) return { plan: result.data };
  const problems = planProblems(result.error, input);
  const lines = (input as { lines?: unknown } | null)?.lines;
  if (Array.isArray(lines)) {
    for (const p of crossFieldProblems(lines)) {
      const path = p.path.join('.');
      if (!problems.some((x) => x.path === path && x.code === p.code)) {
        const where = lineLabel(p.path, lines);
        problems.push({
          path,
          code: p.code,
          message: where ? `${where}: ${p.message}` : p.message,
        });
      }
    }
  }
  return { problems };
}
