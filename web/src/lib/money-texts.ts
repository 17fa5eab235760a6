// How each money figure is computed, in words (the explain popovers). The API's
// `formula` is the precise definition in its own notation; people read these. Message
// ids only: the words are in web/src/i18n/messages.
import type { MessageId } from '../i18n/catalogs';
import type { Translate } from '../i18n/useT';

export const FORMULA_TEXT: Record<string, MessageId> = {
  ttm_revenue: 'money.formula.ttm_revenue',
  revenue_at_risk: 'money.formula.revenue_at_risk',
  expected_churn_loss: 'money.formula.expected_churn_loss',
  avg_clv: 'money.formula.avg_clv',
  promoter_referral_value: 'money.formula.promoter_referral_value',
  detractor_word_of_mouth_cost: 'money.formula.detractor_word_of_mouth_cost',
  lost_customer_cost: 'money.formula.lost_customer_cost',
  recovery_value: 'money.formula.recovery_value',
  recovery_cost: 'money.formula.recovery_cost',
  recovery_roi: 'money.formula.recovery_roi',
};

/** Figures whose explanation goes on with how a customer's lifetime value is computed. */
export const USES_CLV = new Set([
  'avg_clv',
  'promoter_referral_value',
  'detractor_word_of_mouth_cost',
  'lost_customer_cost',
]);

/** Names of the inputs and assumptions an explanation lists. */
const MONEY_INPUT: Record<string, MessageId> = {
  active_customers: 'money.input.active_customers',
  promoter: 'money.input.promoter',
  passive: 'money.input.passive',
  detractor: 'money.input.detractor',
  unknown: 'money.input.unknown',
  customers: 'money.input.customers',
  ttm_sum: 'money.input.ttm_sum',
  detractors: 'money.input.detractor',
  promoters: 'money.input.promoter',
  detractor_ttm_sum: 'money.input.detractor_ttm_sum',
  avg_clv: 'money.input.avg_clv',
  churned_in_period: 'money.input.churned_in_period',
  ttm_at_churn_sum: 'money.input.ttm_at_churn_sum',
  recovered_complaints: 'money.input.recovered_complaints',
  customers_ttm_sum: 'money.input.customers_ttm_sum',
  recovery_actions: 'money.input.recovery_actions',
  cost_sum: 'money.input.cost_sum',
  recovery_value: 'money.input.recovery_value',
  recovery_cost: 'money.input.recovery_cost',
  gross_margin: 'money.input.gross_margin',
  horizon_years: 'money.input.horizon_years',
  churn_p: 'money.input.churn_p',
  happy_tells: 'money.input.happy_tells',
  unhappy_tells: 'money.input.unhappy_tells',
  influence: 'money.input.influence',
};

/** An input's name in the reader's language; a key without one is shown as it is. */
export const moneyInput = (t: Translate, key: string): string => {
  const id = MONEY_INPUT[key];
  return id ? t(id) : key.replaceAll('_', ' ');
};
