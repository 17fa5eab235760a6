import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { MessageId } from '../i18n/catalogs';
import { type Translate, useT } from '../i18n/useT';
import { formatDate, formatMoney, formatNumber, formatRatio } from '../lib/format';
import { FORMULA_TEXT, moneyInput, USES_CLV } from '../lib/money-texts';
import { explainQuery, type MoneyFigure } from '../queries/money';
import { QueryView } from './States';

const MONEY_LABEL_ID: Record<string, MessageId> = {
  ttm_revenue: 'money.label.ttm_revenue',
  revenue_at_risk: 'money.label.revenue_at_risk',
  expected_churn_loss: 'money.label.expected_churn_loss',
  lost_customer_cost: 'money.label.lost_customer_cost',
  recovery_value: 'money.label.recovery_value',
  recovery_cost: 'money.label.recovery_cost',
  recovery_roi: 'money.label.recovery_roi',
  promoter_referral_value: 'money.label.promoter_referral_value',
  detractor_word_of_mouth_cost: 'money.label.detractor_word_of_mouth_cost',
  avg_clv: 'money.label.avg_clv',
};

/** A money figure's name in the reader's language. */
export const moneyLabel = (t: Translate, figure: string): string => {
  const id = MONEY_LABEL_ID[figure];
  return id ? t(id) : figure;
};

/** A money figure with a "how is this computed" popover that loads its explanation. */
export function MoneyCard({
  figure,
  amount,
  currency,
  period,
  scope,
}: {
  figure: MoneyFigure;
  amount: string | number | null | undefined;
  currency: string;
  period: string;
  scope: string;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const shown =
    figure === 'recovery_roi'
      ? formatRatio(typeof amount === 'number' ? amount : amount == null ? null : Number(amount))
      : formatMoney(amount == null ? null : String(amount), currency);
  return (
    <article className="card money-card" data-testid={`money-${figure}`}>
      <h3>{moneyLabel(t, figure)}</h3>
      <p className="money-value" data-testid={`money-${figure}-value`}>
        {shown}
      </p>
      <button
        type="button"
        className="link-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {t('money.howComputed')}
      </button>
      {open && (
        <div
          id={panelId}
          className="popover"
          role="dialog"
          aria-label={t('money.howComputedOf', { figure: moneyLabel(t, figure) })}
        >
          <Explanation figure={figure} period={period} scope={scope} currency={currency} />
          <button type="button" className="link-button" onClick={() => setOpen(false)}>
            {t('money.close')}
          </button>
        </div>
      )}
    </article>
  );
}

function Explanation({
  figure,
  period,
  scope,
  currency,
}: {
  figure: MoneyFigure;
  period: string;
  scope: string;
  currency: string;
}) {
  const t = useT();
  const query = useQuery(explainQuery(period, scope, figure));
  const formula = FORMULA_TEXT[figure];
  return (
    <QueryView query={query}>
      {(ex) => (
        <div className="explanation">
          <p className="formula">{formula ? t(formula) : ex.formula}</p>
          {USES_CLV.has(figure) && <p className="formula">{t('money.formula.clv')}</p>}
          {Object.keys(ex.inputs).length > 0 && (
            <ValueTable title={t('money.inputs')} values={ex.inputs} currency={currency} />
          )}
          {Object.keys(ex.assumptions.values).length > 0 && (
            <ValueTable
              title={
                // the earliest version (1900-01-01, the API's sentinel) holds for all history
                !ex.assumptions.valid_from || ex.assumptions.valid_from <= '1900-01-01'
                  ? t('money.assumptionsAlways')
                  : t('money.assumptionsFrom', { date: formatDate(ex.assumptions.valid_from) })
              }
              values={ex.assumptions.values}
            />
          )}
          {ex.assumptions.years && (
            <ValueTable title={t('money.expectedYears')} values={ex.assumptions.years} />
          )}
        </div>
      )}
    </QueryView>
  );
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Key/value pairs of an explanation. Inputs carry amounts as decimal strings (shown as
 * money) and counts as numbers; assumptions are plain decimals. Nested objects (a
 * class's customers and ttm sum, churn_p) are shown inline.
 */
function ValueTable({
  title,
  values,
  currency,
}: {
  title: string;
  values: Record<string, unknown>;
  /** set: decimal strings are money in this currency */
  currency?: string;
}) {
  const t = useT();
  return (
    <table className="kv">
      <caption>{title}</caption>
      <tbody>
        {Object.entries(values).map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{moneyInput(t, k)}</th>
            <td>{renderValue(t, v, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function renderValue(t: Translate, v: unknown, currency?: string): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return formatNumber(v, Number.isInteger(v) ? 0 : 4);
  if (typeof v === 'string' && DECIMAL.test(v)) {
    return currency
      ? formatMoney(v, currency)
      : formatNumber(Number(v), v.includes('.') ? Math.min(4, v.split('.')[1]!.length) : 0);
  }
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) =>
        t('money.inputValue', { name: moneyInput(t, k), value: renderValue(t, x, currency) }),
      )
      .join(', ');
  }
  return String(v);
}
