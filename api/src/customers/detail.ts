import type { Executor } from '@delight/db';
import { assumptionsForPeriod } from '../assumptions/store';
import { CASE_READERS, requireRole, visibleCustomers } from '../auth/access';
import type { Principal } from '../auth/principal';
import { listCases } from '../cases/service';
import { Dec, roundMoney } from '../lib/decimal';
import { forbidden, notFound } from '../lib/errors';
import type { Period } from '../lib/period';
import { classYears, type NpsClass } from '../money/math';
import {
  customerActions,
  customerComplaints,
  customerContacts,
  customerHead,
  customerMoney,
  customerResponses,
  revenueByMonth,
} from './detail-queries';

const CLASS_WORD: Record<NpsClass, string> = {
  promoter: 'a promoter',
  passive: 'a passive',
  detractor: 'a detractor',
  unknown: 'of unknown class (no NPS answer in the 365 days before T)',
};

/**
 * `GET /api/customers/{id}`: one customer as the segment manager needs them (DESIGN.md,
 * Closed loop): revenue by month, NPS class and the answer it rests on, every answer
 * with its comment, complaints with their timeline (contacts and actions inside),
 * recovery actions, contacts, open cases, and ttm, CLV and revenue at risk as of T
 * (the end of `period`), each with the sum that makes it.
 */
export async function customerDetail(
  db: Executor,
  principal: Principal,
  externalId: string,
  period: Period,
  currency: string,
) {
  requireRole(principal, ...CASE_READERS);
  const head = await customerHead(db, externalId, visibleCustomers(principal));
  const seesAll = principal.role === 'admin' || principal.role === 'executive';
  if (!head?.visible) {
    if (!head && seesAll) throw notFound(`No customer ${externalId}`);
    throw forbidden(`Your role (${principal.role}) does not give access to customer ${externalId}`);
  }
  const version = await assumptionsForPeriod(db, period);
  const a = version.values;
  const yrs = classYears(a);
  const [money, months, answers, complaints, actions, contacts, cases] = await Promise.all([
    customerMoney(db, head.id, period, currency),
    revenueByMonth(db, head.id, currency),
    customerResponses(db, head.id),
    customerComplaints(db, head.id),
    customerActions(db, head.id, currency),
    customerContacts(db, head.id),
    listCases(
      db,
      { principal, currency, now: new Date().toISOString() },
      null,
      { customerId: head.id, status: 'active' },
      { page: 1, pageSize: 200, sort: 'due' },
    ),
  ]);
  const cls = money.class as NpsClass;
  const ttm = new Dec(money.ttm);
  const clv = ttm.times(a.gross_margin).times(yrs[cls]);
  const atRisk = cls === 'detractor' ? ttm : new Dec(0);
  const latestNps = answers.find(
    (r) =>
      r.kind === 'nps' &&
      r.responded_at < `${period.end}T00:00:00Z` &&
      new Date(r.responded_at).getTime() >=
        Date.parse(`${period.end}T00:00:00Z`) - 365 * 86_400_000,
  );
  const ttmText = `${roundMoney(ttm, currency)} ${currency}`;
  return {
    external_id: head.external_id,
    name: head.name,
    segment: { external_id: head.segment, name: head.segment_name },
    account_manager: head.account_manager
      ? { external_id: head.account_manager, name: head.account_manager_name }
      : null,
    acquired_on: head.acquired_on,
    churned_on: head.churned_on,
    period: period.key,
    as_of: period.end,
    currency,
    active: money.active,
    assumptions: { id: version.id, valid_from: version.validFrom },
    nps_class: cls,
    latest_nps: latestNps
      ? {
          external_id: latestNps.external_id,
          score: latestNps.score,
          responded_at: latestNps.responded_at,
        }
      : null,
    ttm: roundMoney(ttm, currency),
    clv: roundMoney(clv, currency),
    revenue_at_risk: roundMoney(atRisk, currency),
    explanation: {
      ttm: `Revenue of the 12 calendar months up to ${period.key}'s last month, in ${currency}: ${ttmText}${money.missing > 0 ? ` (${money.missing} month${money.missing === 1 ? '' : 's'} without an FX rate left out)` : ''}.`,
      nps_class: latestNps
        ? `The customer is ${CLASS_WORD[cls]}: their latest NPS answer before ${period.end} was ${latestNps.score} on ${latestNps.responded_at.slice(0, 10)}.`
        : `The customer is ${CLASS_WORD.unknown}.`,
      clv: `CLV = ttm ${ttmText} × gross margin ${a.gross_margin} × ${yrs[cls].toDecimalPlaces(4).toString()} years (annual churn ${a.churn_p[cls]} for ${CLASS_WORD[cls]}, over ${a.horizon_years} years) = ${roundMoney(clv, currency)} ${currency}.`,
      revenue_at_risk:
        cls === 'detractor'
          ? `Revenue at risk is the whole ttm, ${ttmText}, because the customer is a detractor.`
          : `Revenue at risk is 0: only a detractor's revenue counts as at risk.`,
    },
    revenue: months,
    responses: answers,
    complaints: complaints.map(({ id: _id, ...k }) => ({
      ...k,
      recovery_actions: actions.filter((x) => x.complaint === k.external_id),
      contacts: contacts.filter((x) => x.complaint === k.external_id),
    })),
    recovery_actions: actions,
    contacts,
    open_cases: cases.rows,
  };
}
