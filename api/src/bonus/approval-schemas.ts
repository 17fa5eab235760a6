import { DISPUTE_STATUSES, PERIOD_STATUSES } from '@delight/db';
import { z } from 'zod';
import { decimal } from '../openapi/common';

/** The answers of the sign-off and disputes routes (docs/bonus.md, Approval; Disputes). */
export const signOffAnswer = z.object({
  state: z.enum(PERIOD_STATUSES),
  submitted_by: z.string().nullable(),
  submitted_at: z.string().nullable(),
  approved_by: z.string().nullable(),
  approved_at: z.string().nullable(),
  reopen_reason: z.string().nullable(),
  reopened_at: z.string().nullable(),
});

export const adjustmentAnswer = z.object({
  id: z.number().int(),
  amount: decimal,
  reason: z.string(),
  dispute_id: z.number().int().nullable(),
  created_by: z.string(),
  created_at: z.string(),
});

export const disputeAnswer = z.object({
  id: z.number().int(),
  period: z.string(),
  employee: z.string(),
  name: z.string().nullable(),
  line: z.string(),
  comment: z.string(),
  status: z.enum(DISPUTE_STATUSES),
  raised_by: z.string(),
  raised_at: z.string(),
  resolved_by: z.string().nullable(),
  resolved_at: z.string().nullable(),
  reply: z.string().nullable(),
  adjustment: z.object({ amount: decimal, reason: z.string() }).nullable(),
});

export const disputeListAnswer = z.object({
  period: z.string(),
  open: z.number().int(),
  disputes: z.array(disputeAnswer),
});
