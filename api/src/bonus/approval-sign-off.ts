import type { PeriodStatus } from '@delight/db';

/** The run's sign-off as the bonus run, the statements and the CSV carry it. */
export interface RunSignOff {
  state: PeriodStatus;
  submitted_by: string | null;
  submitted_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  reopen_reason: string | null;
  reopened_at: string | null;
}

/** The fields of a period's state the sign-off is read from. */
export interface SignOffFields {
  status: PeriodStatus;
  submitted_by: string | null;
  submitted_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  reopen_reason: string | null;
  reopened_at: string | null;
}

export const signOffOf = (s: SignOffFields): RunSignOff => ({
  state: s.status,
  submitted_by: s.submitted_by,
  submitted_at: s.submitted_at,
  approved_by: s.approved_by,
  approved_at: s.approved_at,
  reopen_reason: s.reopen_reason,
  reopened_at: s.reopened_at,
});
