import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { MONEY_LABEL } from '../../components/MoneyCard';
import { QueryView } from '../../components/States';
import { formatDate, formatMoney } from '../../lib/format';
import { defaultPeriod, shiftPeriod } from '../../lib/period';
import {
  type AssumptionValues,
  assumptionsQuery,
  saveAssumptions,
  sensitivityQuery,
} from '../../queries/admin';
import { ProblemList, problemsOf } from './problems';

type Flat = Record<string, string>;
const FIELDS: { key: string; label: string; hint: string }[] = [
  { key: 'gross_margin', label: 'Gross margin', hint: 'share, e.g. 0.35' },
  { key: 'horizon_years', label: 'Horizon (years)', hint: 'whole years' },
  { key: 'churn_p.promoter', label: 'Annual churn: promoter', hint: 'share' },
  { key: 'churn_p.passive', label: 'Annual churn: passive', hint: 'share' },
  { key: 'churn_p.detractor', label: 'Annual churn: detractor', hint: 'share' },
  { key: 'churn_p.unknown', label: 'Annual churn: no answer', hint: 'share' },
  { key: 'happy_tells', label: 'A happy customer tells', hint: 'people' },
  { key: 'unhappy_tells', label: 'An unhappy customer tells', hint: 'people' },
  { key: 'influence', label: 'Influence', hint: 'share of people told who change their mind' },
];
const PREVIEW = [
  'revenue_at_risk',
  'expected_churn_loss',
  'lost_customer_cost',
  'recovery_value',
  'promoter_referral_value',
] as const;

const flatten = (v: AssumptionValues): Flat => ({
  gross_margin: v.gross_margin,
  horizon_years: v.horizon_years,
  happy_tells: v.happy_tells,
  unhappy_tells: v.unhappy_tells,
  influence: v.influence,
  ...Object.fromEntries(Object.entries(v.churn_p).map(([k, x]) => [`churn_p.${k}`, x])),
});
const unflatten = (f: Flat): AssumptionValues => ({
  gross_margin: f.gross_margin!,
  horizon_years: f.horizon_years!,
  happy_tells: f.happy_tells!,
  unhappy_tells: f.unhappy_tells!,
  influence: f.influence!,
  churn_p: {
    promoter: f['churn_p.promoter']!,
    passive: f['churn_p.passive']!,
    detractor: f['churn_p.detractor']!,
    unknown: f['churn_p.unknown']!,
  },
});

/**
 * The assumptions in force, editable as a new version. The preview shows, for the
 * last full quarter and the whole company, each money figure now and with each changed
 * assumption moved 20 % the same way (the API's sensitivity table).
 */
export function AssumptionsEditor() {
  const query = useQuery(assumptionsQuery());
  // kept here: a saved version remounts the form (new key) with the new values
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <QueryView query={query}>
      {(a) => (
        <>
          <AssumptionsForm
            key={a.current.id ?? 0}
            current={a.current}
            onSaved={(created) =>
              setSaved(created ? 'Saved as a new version.' : 'Nothing changed: same values.')
            }
          />
          {saved && <p role="status">{saved}</p>}
        </>
      )}
    </QueryView>
  );
}

function AssumptionsForm({
  current,
  onSaved,
}: {
  current: { id: number | null; valid_from: string | null; values: AssumptionValues };
  onSaved: (created: boolean) => void;
}) {
  const queryClient = useQueryClient();
  const base = flatten(current.values);
  const [draft, setDraft] = useState<Flat>(base);
  const [validFrom, setValidFrom] = useState('');
  const save = useMutation({
    mutationFn: () =>
      saveAssumptions({ ...unflatten(draft), ...(validFrom ? { valid_from: validFrom } : {}) }),
    onSuccess: (r) => {
      onSaved(r.created);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['assumptions'] }),
        queryClient.invalidateQueries({ queryKey: ['money'] }),
        queryClient.invalidateQueries({ queryKey: ['customers'] }),
      ]);
    },
  });
  const problems = problemsOf(save.error) ?? [];
  const changed = FIELDS.filter((f) => draft[f.key] !== base[f.key]).map((f) => f.key);
  return (
    <form
      className="form assumptions-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <p className="muted">In force since {formatDate(current.valid_from)}.</p>
      <div className="fields">
        {FIELDS.map((f) => {
          const problem = problems.find((p) => p.path === f.key)?.message;
          return (
            <label key={f.key}>
              {f.label} <span className="muted">({f.hint})</span>
              <input
                name={f.key}
                inputMode="decimal"
                aria-invalid={problem ? true : undefined}
                value={draft[f.key] ?? ''}
                onChange={(e) => setDraft((d) => ({ ...d, [f.key]: e.target.value }))}
              />
              {problem && <span className="form-error">{problem}</span>}
            </label>
          );
        })}
        <label>
          Valid from <span className="muted">(empty: today)</span>
          <input type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
        </label>
      </div>
      <SensitivityPreview changed={changed} draft={draft} base={base} />
      <ProblemList error={save.error} />
      <button type="submit" className="primary" disabled={save.isPending || changed.length === 0}>
        Save assumptions
      </button>
    </form>
  );
}

function SensitivityPreview({
  changed,
  draft,
  base,
}: {
  changed: string[];
  draft: Flat;
  base: Flat;
}) {
  const period = shiftPeriod(defaultPeriod(), -1);
  const query = useQuery(sensitivityQuery(period));
  return (
    <div className="preview" data-testid="assumptions-preview">
      <h3>Money figures, company, {period}</h3>
      <QueryView query={query}>
        {(s) => {
          const rows = s.rows.filter((r) => changed.includes(r.assumption));
          return (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Figure</th>
                    <th scope="col" className="num">
                      Now
                    </th>
                    {rows.map((r) => {
                      const up = Number(draft[r.assumption]) > Number(base[r.assumption]);
                      const c = up ? r.high : r.low;
                      return (
                        <th key={r.assumption} scope="col" className="num">
                          {r.assumption} at {c.value} ({up ? '+' : '−'}20 %)
                        </th>
                      );
                    })}
                  </tr>
                </thead>
                <tbody>
                  {PREVIEW.map((f) => (
                    <tr key={f}>
                      <td>{MONEY_LABEL[f]}</td>
                      <td className="num">{formatMoney(s.figures[f], s.currency)}</td>
                      {rows.map((r) => {
                        const up = Number(draft[r.assumption]) > Number(base[r.assumption]);
                        return (
                          <td key={r.assumption} className="num">
                            {formatMoney((up ? r.high : r.low).figures[f], s.currency)}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
              {changed.length > 0 && (
                <p className="muted">
                  Columns show each changed assumption moved 20 % in the direction of your change,
                  the others as they are now.
                </p>
              )}
            </div>
          );
        }}
      </QueryView>
    </div>
  );
}
