import { z } from 'zod';
import { decimal } from '../openapi/common';
import { CASE_STATES } from './queries';

// The answers of /api/cases, /api/recovery-actions, /api/recovery and /api/responses
// (the closed loop, docs/closed-loop.md), as the OpenAPI document declares them.

export const caseRow = z.object({
  id: z.string(),
  subject: z.enum(['response', 'complaint']),
  source: z.string(),
  customer: z.string(),
  customer_name: z.string(),
  segment: z.string(),
  segment_name: z.string(),
  owner: z.string().nullable(),
  owner_name: z.string().nullable(),
  handler: z.string().nullable(),
  state: z.enum(CASE_STATES),
  opened_at: z.string(),
  due_at: z.string(),
  overdue: z.boolean(),
  score: z.number().int().nullable(),
  severity: z.string().nullable(),
  resolved_at: z.string().nullable(),
  comment: z.string().nullable(),
  contacts: z.number().int(),
  first_contact_at: z.string().nullable(),
  last_contact_at: z.string().nullable(),
  revenue_at_risk: decimal,
  closed_at: z.string().nullable(),
  close_reason: z.string().nullable(),
  close_note: z.string().nullable(),
});

export const caseList = z.object({
  scope: z.string(),
  currency: z.string(),
  page: z.number().int(),
  page_size: z.number().int(),
  total: z.number().int(),
  rows: z.array(caseRow),
});

export const caseDetail = caseRow.extend({
  currency: z.string(),
  history: z.array(
    z.object({
      at: z.string(),
      event: z.string(),
      who: z.string().nullable(),
      detail: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const contactLogged = z.object({
  case: z.string(),
  contact: z.looseObject({ channel: z.string(), outcome: z.string() }),
});

export const caseClosed = z.object({
  case: z.string(),
  state: z.literal('closed'),
  reason: z.string(),
  note: z.string().nullable(),
  closed_at: z.string(),
});

export const caseReopened = z.object({ case: z.string(), reopened: z.literal(true) });

export const casesReassigned = z.object({
  owner: z.string(),
  cases: z.number().int(),
  changed: z.number().int(),
});

export const recoveryLogged = z.object({
  recovery_action: z.looseObject({ kind: z.string(), cost: z.string(), currency: z.string() }),
  case: z.string(),
});

const share = z.object({ value: z.number().nullable(), n: z.number().int() });
const npsFigure = z.object({
  value: z.number().nullable(),
  n: z.number().int(),
  moe: z.number().nullable(),
});
const effectivenessGroup = z.object({
  kind: z.string(),
  n: z.number().int(),
  uplift: share,
  nps_after: npsFigure,
  recovered_share: share,
  recovered: z.number().int(),
  cost: decimal,
  cost_per_recovered: decimal.nullable(),
});

export const recoveryEffectivenessAnswer = z.object({
  period: z.string(),
  scope: z.string(),
  currency: z.string(),
  kinds: z.array(effectivenessGroup),
  baseline: effectivenessGroup,
  paradox: z.object({
    recovered_nps_after: npsFigure,
    no_complaint_nps: npsFigure,
    difference: z.number().nullable(),
    moe: z.number().nullable(),
    verdict: z.enum(['no_data', 'holds', 'reversed', 'within_noise']),
    text: z.string(),
  }),
  missing_fx_actions: z.number().int().optional(),
});

export const commentPageAnswer = z.object({
  scope: z.string(),
  period: z.string().nullable(),
  q: z.string().nullable(),
  page: z.number().int(),
  page_size: z.number().int(),
  total: z.number().int(),
  rows: z.array(
    z.object({
      external_id: z.string(),
      customer: z.string(),
      customer_name: z.string(),
      segment: z.string(),
      employee: z.string().nullable(),
      kind: z.string(),
      score: z.number().int(),
      responded_at: z.string(),
      comment: z.string(),
    }),
  ),
});
