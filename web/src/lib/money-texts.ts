// How each money figure is computed, in words (the explain popovers). The API's
// `formula` is the precise definition in its own notation; people read these.

const CLV =
  "A customer's lifetime value is their revenue of the last 12 months × the gross margin × the years they are expected to stay within the horizon, given the churn probability of their class.";

export const FORMULA_TEXT: Record<string, string> = {
  ttm_revenue:
    "The revenue of the customers active at the period's end over the 12 months ending with the period's last month, each month converted at its own exchange rate.",
  revenue_at_risk:
    "The revenue of the last 12 months of the active customers whose latest NPS answer (within a year before the period's end) makes them detractors, scoring 0 to 6.",
  expected_churn_loss:
    "Each active customer's revenue of the last 12 months × the churn probability of their class (promoter, passive, detractor, or unknown when they gave no NPS answer within a year), added up.",
  avg_clv: `The average lifetime value of the active customers. ${CLV}`,
  promoter_referral_value: `The number of active promoters × the people a promoter tells × the share of those who become customers × the average customer lifetime value. ${CLV}`,
  detractor_word_of_mouth_cost: `The number of active detractors × the people a detractor tells × the share of those who are put off × the average customer lifetime value. ${CLV}`,
  lost_customer_cost: `For each customer lost in the period: the margin on their revenue of the last 12 months over the years an ordinary customer would have stayed, plus the word of mouth of a detractor (the people they tell × the share put off × the average lifetime value). ${CLV}`,
  recovery_value:
    "For each valid complaint resolved in the period whose customer stayed at least 90 days afterwards: the customer's revenue of the last 12 months × the gross margin × the years an ordinary customer stays beyond what a detractor would. Recovery restores ordinary loyalty; no extra loyalty is assumed.",
  recovery_cost:
    'The cost of the recovery actions performed in the period, on complaints of any validity, each converted at the exchange rate of its month.',
  recovery_roi:
    'What recovery earned beyond its cost, as a share of the cost: (recovery value − recovery cost) ÷ recovery cost. None when nothing was spent.',
};

/** Names of the inputs and assumptions an explanation lists. */
export const MONEY_INPUT: Record<string, string> = {
  active_customers: 'Active customers',
  promoter: 'Promoters',
  passive: 'Passives',
  detractor: 'Detractors',
  unknown: 'No NPS answer within a year',
  customers: 'customers',
  ttm_sum: 'revenue of the last 12 months',
  detractors: 'Detractors',
  promoters: 'Promoters',
  detractor_ttm_sum: "Detractors' revenue of the last 12 months",
  avg_clv: 'Average customer lifetime value',
  churned_in_period: 'Customers lost in the period',
  ttm_at_churn_sum: 'Their revenue of the 12 months before leaving',
  recovered_complaints: 'Complaints recovered',
  customers_ttm_sum: "Those customers' revenue of the last 12 months",
  recovery_actions: 'Recovery actions',
  cost_sum: 'Their cost',
  recovery_value: 'Recovery value',
  recovery_cost: 'Recovery cost',
  gross_margin: 'Gross margin',
  horizon_years: 'Horizon (years)',
  churn_p: 'Churn probability per year',
  happy_tells: 'People a promoter tells',
  unhappy_tells: 'People a detractor tells',
  influence: 'Share of those told who act on it',
};

export const moneyInput = (key: string): string => MONEY_INPUT[key] ?? key.replaceAll('_', ' ');
