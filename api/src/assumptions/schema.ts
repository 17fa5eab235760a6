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

// Decimals arrive as JSON numbers or strings; they are kept as strings so the money
// model stays exact (0.1 must not become 0.1000000000000000055…).
const decimal = z
  .union([z.number(), z.string()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .refine((v) => /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(v), 'must be a decimal number')
  .transform((v) => (/e/i.test(v) ? Number(v).toString() : v));

const share = decimal.refine((v) => Number(v) >= 0 && Number(v) <= 1, 'must be between 0 and 1');
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
  valid_from: z.iso.date().optional(),
});

/** Versions without a date apply to all history. */
export const EARLIEST_VALID_FROM = '1900-01-01';
