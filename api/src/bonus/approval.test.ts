import { describe, expect, it } from 'vitest';
import { isDomainError } from '../lib/errors';
import { httpStatusOf } from '../lib/http-errors';
import { type RunAction, type RunFacts, runStep, runStepOptions } from './approval';
import {
  adjustmentProblem,
  type DisputeAction,
  type DisputeFacts,
  type DisputeState,
  disputeStep,
} from './disputes';

type Role = RunFacts['role'];
const ROLES: Role[] = ['admin', 'executive', 'hr', 'segment_manager', 'agent'];

/** What a step gives: the next state, or the refusal's status and code. */
function outcome(step: () => string): string {
  try {
    return step();
  } catch (err) {
    if (!isDomainError(err)) throw err;
    // every refusal is a sentence for people: capital first, full stop last, no codes
    expect(err.message).toMatch(/^[A-Z0-9].*[.:]$|^[A-Z].*\.\)?$/s);
    expect(err.message).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    return `${httpStatusOf(err.code)} ${err.code}`;
  }
}

describe('the bonus run state machine: every state × action × role', () => {
  // the spec (docs/bonus.md, Approval), written out independently of the code
  const who: Record<RunAction, Role[]> = {
    submit: ['hr', 'admin'],
    approve: ['executive', 'admin'],
    close: ['hr', 'admin'],
    reopen: ['hr', 'executive', 'admin'],
  };
  const legal: Record<string, Partial<Record<RunAction, string>>> = {
    open: { submit: 'submitted' },
    submitted: { approve: 'approved', reopen: 'open' },
    approved: { close: 'closed', reopen: 'open' },
    closed: {},
  };
  const base = (status: RunFacts['status'], role: Role): RunFacts => ({
    period: '2026-Q1',
    status,
    role,
    actor: `token:${role}`,
    submittedBy: 'token:someone-else',
    ended: true,
    hasPlan: true,
    openDisputes: 0,
    reason: 'The March data was incomplete.',
  });
  const cases = (['open', 'submitted', 'approved', 'closed'] as const).flatMap((status) =>
    (['submit', 'approve', 'close', 'reopen'] as const).flatMap((action) =>
      ROLES.map((role) => {
        const expected = !who[action].includes(role)
          ? '403 run_role_not_allowed'
          : status === 'closed'
            ? '409 run_closed'
            : (legal[status]![action] ?? '409 run_wrong_state');
        return { status, action, role, expected };
      }),
    ),
  );

  it('has 80 cases', () => expect(cases).toHaveLength(80));
  it.each(cases)('$status × $action × $role → $expected', ({ status, action, role, expected }) => {
    expect(outcome(() => runStep(action, base(status, role)))).toBe(expected);
  });

  it('refuses what each step needs besides the state, in words', () => {
    const hr = base('open', 'hr');
    expect(outcome(() => runStep('submit', { ...hr, ended: false }))).toBe('409 period_not_ended');
    expect(() => runStep('submit', { ...hr, ended: false })).toThrow(
      'Q1 2026 has not ended yet (its last day is Mar 31, 2026): its data is still coming in, so its run cannot be submitted.',
    );
    expect(() => runStep('submit', { ...hr, period: '2026-03', hasPlan: false })).toThrow(
      'No bonus plan covers month periods, so March 2026 has no bonus run to submit.',
    );
    const exec = base('submitted', 'executive');
    expect(outcome(() => runStep('approve', { ...exec, submittedBy: exec.actor }))).toBe(
      '403 run_own_submission',
    );
    expect(outcome(() => runStep('approve', { ...exec, openDisputes: 1 }))).toBe(
      '409 run_open_disputes',
    );
    expect(() => runStep('approve', { ...exec, openDisputes: 1 })).toThrow(
      '1 dispute on this run is still open: HR must resolve it before the run can be approved.',
    );
    expect(outcome(() => runStep('close', { ...base('approved', 'hr'), openDisputes: 3 }))).toBe(
      '409 run_open_disputes',
    );
    expect(outcome(() => runStep('reopen', { ...exec, reason: '  ' }))).toBe('422 reason_required');
    // an admin may take every step, but not approve their own submission
    const admin = base('submitted', 'admin');
    expect(outcome(() => runStep('approve', { ...admin, submittedBy: 'token:admin' }))).toBe(
      '403 run_own_submission',
    );
  });

  it('offers each role its steps only, each possible or with the reason it is not', () => {
    const options = runStepOptions({ ...base('open', 'hr'), ended: false });
    expect(options.map((o) => [o.action, o.possible, o.code])).toEqual([
      ['submit', false, 'period_not_ended'],
      ['close', false, 'run_wrong_state'],
      ['reopen', false, 'run_wrong_state'],
    ]);
    expect(runStepOptions(base('open', 'agent'))).toEqual([]);
    expect(runStepOptions(base('submitted', 'executive')).map((o) => o.possible)).toEqual([
      true,
      true,
    ]);
  });
});

describe('the dispute state machine: every state × action × role', () => {
  const resolvers: Role[] = ['hr', 'admin'];
  const base = (state: DisputeState, role: Role): DisputeFacts => ({
    state,
    role,
    actor: `token:${role}`,
    ownStatement: true,
    raisedBy: 'token:agent:E006',
    runStatus: 'submitted',
    lineExists: true,
    duplicate: false,
    comment: 'Two detractors were about the outage.',
    amount: '-12.50',
    currency: 'EUR',
    reason: 'The outage was not the agent’s doing.',
    reply: 'The answers count as given.',
  });
  const cases = (['none', 'open', 'accepted', 'rejected'] as const).flatMap((state) =>
    (['raise', 'accept', 'reject'] as const).flatMap((action: DisputeAction) =>
      ROLES.map((role) => {
        let expected: string;
        if (action === 'raise') expected = state === 'none' ? 'open' : '409 dispute_exists';
        else if (!resolvers.includes(role)) expected = '403 dispute_role_not_allowed';
        else if (state === 'none') expected = '409 dispute_not_raised';
        else if (state !== 'open') expected = '409 dispute_resolved';
        else expected = action === 'accept' ? 'accepted' : 'rejected';
        return { state, action, role, expected };
      }),
    ),
  );

  it('has 60 cases', () => expect(cases).toHaveLength(60));
  it.each(cases)('$state × $action × $role → $expected', ({ state, action, role, expected }) => {
    expect(outcome(() => disputeStep(action, base(state, role)))).toBe(expected);
  });

  it('refuses what each step needs besides the state, in words', () => {
    const raise = base('none', 'agent');
    expect(outcome(() => disputeStep('raise', { ...raise, ownStatement: false }))).toBe(
      '403 dispute_not_own',
    );
    expect(outcome(() => disputeStep('raise', { ...raise, runStatus: 'closed' }))).toBe(
      '409 run_closed',
    );
    expect(outcome(() => disputeStep('raise', { ...raise, lineExists: false }))).toBe(
      '422 dispute_unknown_line',
    );
    expect(outcome(() => disputeStep('raise', { ...raise, duplicate: true }))).toBe(
      '409 dispute_duplicate',
    );
    expect(outcome(() => disputeStep('raise', { ...raise, comment: '' }))).toBe(
      '422 comment_required',
    );
    const hr = base('open', 'hr');
    expect(outcome(() => disputeStep('accept', { ...hr, raisedBy: hr.actor }))).toBe(
      '403 dispute_own',
    );
    expect(outcome(() => disputeStep('accept', { ...hr, amount: '12.345' }))).toBe(
      '422 adjustment_invalid',
    );
    expect(outcome(() => disputeStep('accept', { ...hr, reason: ' ' }))).toBe(
      '422 reason_required',
    );
    expect(outcome(() => disputeStep('reject', { ...hr, reply: '' }))).toBe('422 reply_required');
  });

  it('an adjustment is a signed amount with at most the currency’s minor-unit decimals', () => {
    for (const ok of ['50', '50.00', '-12.50', '+0.01', '999999999999.99']) {
      expect(adjustmentProblem(ok, 'EUR'), ok).toBeNull();
    }
    expect(adjustmentProblem('12.345', 'EUR')).toBe(
      'An amount in EUR has at most 2 decimals; 12.345 has more.',
    );
    expect(adjustmentProblem('0.00', 'EUR')).toBe(
      'An adjustment of zero changes nothing: reject the dispute with a reply instead.',
    );
    for (const bad of ['', 'abc', '1e3', '12,50', '--1', '1.']) {
      expect(adjustmentProblem(bad, 'EUR'), bad).toMatch(
        /^Write the adjustment as a signed amount/,
      );
    }
  });
});
