import { ROLES } from '@delight/db';
import { z } from 'zod';

// Building blocks of the response schemas that several domains share.

/** An exact decimal amount or rate, as a string ("514694.44", "0.35"). */
export const decimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i)
  .meta({ id: 'Decimal', description: 'An exact decimal, as a string' });

/** An exact rational as `p/q` (or an integer), for reconciling figures by hand. */
export const rational = z
  .string()
  .regex(/^-?\d+(\/\d+)?$/)
  .meta({ id: 'Rational', description: 'An exact rational p/q, as a string' });

export const role = z.enum(ROLES).meta({ id: 'Role' });

/** A KPI's value over a sample (null when the sample is empty); NPS adds its counts and margin. */
export const kpiValue = z
  .looseObject({
    value: z.number().nullable(),
    n: z.number().int().min(0),
    moe: z.number().nullable().optional(),
    promoters: z.number().int().optional(),
    detractors: z.number().int().optional(),
  })
  .meta({ id: 'KpiValue' });

/** The change of a KPI against the previous period, and whether it is more than noise. */
export const kpiChange = z
  .object({
    delta: z.number().nullable(),
    margin: z.number().nullable(),
    significant: z.boolean().nullable(),
    text: z.string().nullable(),
  })
  .meta({ id: 'KpiChange' });

/** KPI key → value (the KPIs of DESIGN.md). */
export const kpiValues = z.record(z.string(), kpiValue);

/** The assumption version a money figure was computed with. */
export const assumptionsRef = z.looseObject({
  id: z.number().int().nullable(),
  valid_from: z.string().nullable(),
  values: z.record(z.string(), z.unknown()).optional(),
});

/** Money figure key → exact decimal (recovery_roi is a plain ratio, null without cost). */
export const moneyFigures = z.record(z.string(), z.union([decimal, z.number(), z.null()]));

export const created = z.object({ result: z.literal('created') });
