import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorMessage } from '../../i18n/errors';
import { useT } from '../../i18n/useT';
import { roleName } from '../../lib/access';
import { useDebounced } from '../../lib/debounce';
import { formatInteger, formatMoney } from '../../lib/format';
import { signedMoney, signOf } from '../../lib/money';
import { periodChoices, periodLabel, todayUtc } from '../../lib/period';
import { bonusPreviewQuery, type Plan } from '../../queries/admin';
import { problemsOf } from './problems';

/**
 * The bonus run of the plan's role under the draft, before saving: per employee the
 * amount now and under the edited plan (the API computes both; nothing is stored).
 * Shown on request, then follows the draft as it is typed.
 */
export function BonusRunPreview({ plan }: { plan: Plan }) {
  const t = useT();
  const [shown, setShown] = useState(false);
  return (
    <div className="preview" data-testid="bonus-preview">
      <h3>{t('admin.preview.title')}</h3>
      {shown ? (
        <PreviewTable plan={plan} />
      ) : (
        <button type="button" onClick={() => setShown(true)}>
          {t('admin.preview.show')}
        </button>
      )}
    </div>
  );
}

/** The choices, with the shown period among them even when it is older than the list. */
const withValue = (choices: string[], value: string) =>
  choices.includes(value) ? choices : [...choices, value];

function PreviewTable({ plan }: { plan: Plan }) {
  const t = useT();
  const id = useId();
  // null: the API picks the period of the plan's kind holding the latest data
  const [period, setPeriod] = useState<string | null>(null);
  const draft = useDebounced(JSON.stringify(plan));
  const query = useQuery(bonusPreviewQuery(JSON.parse(draft) as Plan, period));
  const problems = problemsOf(query.error);
  const shownPeriod = period ?? query.data?.period ?? null;
  return (
    <>
      {shownPeriod && (
        <div className="controls">
          <label htmlFor={`${id}-period`}>
            {t('admin.preview.period')}{' '}
            <select
              id={`${id}-period`}
              data-testid="bonus-preview-period"
              value={shownPeriod}
              onChange={(e) => setPeriod(e.target.value)}
            >
              {withValue(periodChoices(plan.period_kind, todayUtc()), shownPeriod).map((p) => (
                <option key={p} value={p}>
                  {periodLabel(p)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {query.isPending && <p className="muted">{t('admin.computing')}</p>}
      {query.isError && (
        <div className="state-error" role="alert" data-testid="bonus-preview-problems">
          <strong>{problems ? t('admin.preview.invalid') : errorMessage(t, query.error)}</strong>
          {problems && (
            <ul>
              {problems.map((p) => (
                <li key={`${p.path}:${p.message}`}>{p.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {query.data && !query.isError && (
        <div className="table-wrap" aria-busy={query.isFetching}>
          {query.data.status === 'closed' && (
            <p className="muted">
              {t('admin.preview.closed', { period: periodLabel(query.data.period) })}
            </p>
          )}
          {query.data.rows.length === 0 ? (
            <p className="muted">{t('admin.preview.nobody', { role: roleName(t, plan.role) })}</p>
          ) : (
            <table className="data" data-testid="bonus-preview-rows">
              <thead>
                <tr>
                  <th scope="col">{t('admin.preview.employee')}</th>
                  <th scope="col" className="num">
                    {t('admin.preview.current')}
                  </th>
                  <th scope="col" className="num">
                    {t('admin.preview.edited')}
                  </th>
                  <th scope="col" className="num">
                    {t('admin.preview.difference')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {query.data.rows.map((r) => (
                  <tr key={r.employee} data-employee={r.employee}>
                    <td translate="no">
                      {r.name} <span className="muted">({r.employee})</span>
                    </td>
                    <td className="num">{formatMoney(r.current_amount, r.currency)}</td>
                    <td className="num">{formatMoney(r.bonus_amount, r.currency)}</td>
                    <td className={`num ${changeClassOf(r.difference)}`}>
                      {r.difference === null ? '—' : signedMoney(r.difference, r.currency)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {query.data.differences.length > 0 && (
            <table className="data" data-testid="bonus-preview-totals">
              <caption>{t('hr.totals')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('hr.col.currency')}</th>
                  <th scope="col" className="num">
                    {t('hr.col.employees')}
                  </th>
                  <th scope="col" className="num">
                    {t('admin.preview.current')}
                  </th>
                  <th scope="col" className="num">
                    {t('admin.preview.edited')}
                  </th>
                  <th scope="col" className="num">
                    {t('admin.preview.difference')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {query.data.differences.map((d) => (
                  <tr key={d.currency} data-currency={d.currency}>
                    <td translate="no">{d.currency}</td>
                    <td className="num">
                      {formatInteger(
                        query.data.totals.find((x) => x.currency === d.currency)?.employees ?? 0,
                      )}
                    </td>
                    <td className="num">{formatMoney(d.current_amount, d.currency)}</td>
                    <td className="num">{formatMoney(d.bonus_amount, d.currency)}</td>
                    <td className={`num ${changeClassOf(d.difference)}`}>
                      {signedMoney(d.difference, d.currency)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </>
  );
}

// a bigger bonus is neither good nor bad in itself: no colour, only a muted zero
const changeClassOf = (amount: string | null) => (signOf(amount) === 0 ? 'muted' : '');
