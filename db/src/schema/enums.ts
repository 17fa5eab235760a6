import { pgEnum } from 'drizzle-orm/pg-core';

export const roleEnum = pgEnum('role', ['executive', 'hr', 'segment_manager', 'agent', 'admin']);
export const responseKindEnum = pgEnum('response_kind', ['nps', 'csat', 'ces']);
export const validityEnum = pgEnum('complaint_validity', ['valid', 'unfounded', 'pending']);
export const severityEnum = pgEnum('complaint_severity', ['low', 'medium', 'high']);
export const recoveryKindEnum = pgEnum('recovery_kind', [
  'apology_call',
  'apology_email',
  'handwritten_letter',
  'meeting',
  'gift',
  'free_service',
  'discount',
  'refund',
]);
export const periodKindEnum = pgEnum('period_kind', ['month', 'quarter', 'year']);
export const belowMinEnum = pgEnum('below_min', ['segment', 'neutral', 'exclude']);
/** open → submitted (hr) → approved (executive or admin) → closed; a change sends it back to open */
export const periodStatusEnum = pgEnum('period_status', [
  'open',
  'submitted',
  'approved',
  'closed',
]);
export const PERIOD_STATUSES = periodStatusEnum.enumValues;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];
/** a dispute of one statement line: open until hr accepts (with an adjustment) or rejects it */
export const disputeStatusEnum = pgEnum('dispute_status', ['open', 'accepted', 'rejected']);
export const DISPUTE_STATUSES = disputeStatusEnum.enumValues;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const ROLES = roleEnum.enumValues;
export type Role = (typeof ROLES)[number];
export const RESPONSE_KINDS = responseKindEnum.enumValues;
export const VALIDITIES = validityEnum.enumValues;
export const SEVERITIES = severityEnum.enumValues;
export const RECOVERY_KINDS = recoveryKindEnum.enumValues;
export const PERIOD_KINDS = periodKindEnum.enumValues;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const BELOW_MIN = belowMinEnum.enumValues;
export type BelowMin = (typeof BELOW_MIN)[number];
export const contactChannelEnum = pgEnum('contact_channel', [
  'call',
  'email',
  'meeting',
  'message',
  'letter',
]);
export const contactOutcomeEnum = pgEnum('contact_outcome', ['reached', 'no_answer', 'resolved']);
/** `api`: the role's reads and writes; `ingest`: only POST /api/ingest/*, reads nothing. */
export const tokenKindEnum = pgEnum('token_kind', ['api', 'ingest']);

export const CONTACT_CHANNELS = contactChannelEnum.enumValues;
export const CONTACT_OUTCOMES = contactOutcomeEnum.enumValues;
export const TOKEN_KINDS = tokenKindEnum.enumValues;
export type TokenKind = (typeof TOKEN_KINDS)[number];
export const caseSubjectEnum = pgEnum('case_subject', ['response', 'complaint']);
export const caseCloseReasonEnum = pgEnum('case_close_reason', [
  'recovered',
  'not_reachable',
  'declined',
  'unfounded',
]);
export const caseEventEnum = pgEnum('case_event', ['reassigned', 'closed', 'reopened']);
export const CASE_SUBJECTS = caseSubjectEnum.enumValues;
export type CaseSubject = (typeof CASE_SUBJECTS)[number];
export const CASE_CLOSE_REASONS = caseCloseReasonEnum.enumValues;
export type CaseCloseReason = (typeof CASE_CLOSE_REASONS)[number];
