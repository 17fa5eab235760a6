import type { AssumptionValues } from '@delight/db';
import { z } from 'zod';

/** DESIGN.md defaults, used while no version has been stored. */
export const DEFAULT_ASSUMPTIONS: AssumptionValues = {
  gross_margin: '0.35',
  horizon_years: '3',
  churn_p: { promoter: '0.05', passive: '0.15', detractor: '0.3', unknown: '0.15' },
  happy_tells: '2',
  unhappy_tells: '22',
  influence: '0.01',
};

/** How people call each assumption (messages, the editor's labels). */
export const ASSUMPTION_NAMES: Record<string, string> = {
  gross_margin: 'Gross margin',
  horizon_years: 'The horizon',
  'churn_p.promoter': 'Annual churn of promoters',
  'churn_p.passive': 'Annual churn of passives',
  'churn_p.detractor': 'Annual churn of detractors',
  'churn_p.unknown': 'Annual churn of customers without an answer',
  happy_tells: 'How many people a happy customer tells',
  unhappy_tells: 'How many people an unhappy customer tells',
  influence: 'Influence',
  valid_from: 'Valid from',
};

// Decimals arrive as JSON numbers or strings; they are kept as strings so the money
// model stays exact (0.1 must not become 0.1000000000000000055…).
const decimal = z
  .union([z.number(), z.string()], {
    error: (issue) => (issue.input === undefined ? 'is missing' : 'must be a number, like 0.35'),
  })
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .refine((v) => /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(v), 'must be a number, like 0.35')
  .transform((v) => (/e/i.test(v) ? Number(v).toString() : v));

const share = decimal.refine(
  (v) => Number(v) >= 0 && Number(v) <= 1,
  'must be a share between 0 and 1 (0.35 is 35 %)',
);
const nonNegative = decimal.refine((v) => Number(v) >= 0, 'must be 0 or more');

export const assumptionValuesSchema = z
  .object({
    gross_margin: share,
    horizon_years: decimal.refine(
      (v) => Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 50,
      'must be a whole number of years from 1 to 50',
    ),
    churn_p: z
      .object({ promoter: share, passive: share, detractor: share, unknown: share })
      .strict(),
    happy_tells: nonNegative,
    unhappy_tells: nonNegative,
    influence: share,
  })
  .strict();

/** assumptions.json: the values, optionally with the date they apply from. */
export const assumptionsFileSchema = assumptionValuesSchema.extend({
  valid_from: z.iso.date({ error: 'must be a date like 2026-01-01' }).optional(),
});

/** Versions without a date apply to all history (stored with this sentinel date). */
export const EARLIEST_VALID_FROM = '1900-01-01';

export interface AssumptionProblem {
  /** the field (`churn_p.promoter`), for the form */
  path: string;
  /** machine code for the dashboard and translations */
  code: string;
  /** for people: "Annual churn of promoters must be a share between 0 and 1." */
  message: string;
}

/** zod's issues in words, one per field, with machine codes beside them. */
export function assumptionProblems(error: z.ZodError): AssumptionProblem[] {
  return error.issues.map((i) => {
    const path = i.path.join('.');
    if (i.code === 'unrecognized_keys') {
      const keys = (i as { keys?: string[] }).keys ?? [];
      return {
        path,
        code: 'unknown_field',
        message: `${keys.join(', ')} ${keys.length === 1 ? 'is not an assumption' : 'are not assumptions'}; the assumptions are ${Object.keys(
          DEFAULT_ASSUMPTIONS,
        ).join(', ')}.`,
      };
    }
    const name = ASSUMPTION_NAMES[path] ?? (path || 'The assumptions');
    const text = /^Invalid input/.test(i.message) ? 'is missing' : i.message;
    return {
      path,
      code: i.code === 'custom' ? 'out_of_range' : i.code,
      message: `${name} ${text}.`,
    };
  });
}

export function assumptionsSummary(problems: readonly AssumptionProblem[]): string {
  const n = problems.length;
  return `The assumptions have ${n} ${n === 1 ? 'problem' : 'problems'}: ${problems.map((p) => p.message).join(' ')}`;
}
