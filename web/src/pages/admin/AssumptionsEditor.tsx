import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { MONEY_LABEL } from '../../components/MoneyCard';
import { PeriodPicker } from '../../components/PeriodPicker';
import { QueryView } from '../../components/States';
import { useDebounced } from '../../lib/debounce';
import { formatDate, formatMoney, formatRatio } from '../../lib/format';
import { minus, signedMoney } from '../../lib/money';
import { defaultPeriod, periodLabel, shiftPeriod } from '../../lib/period';
import {
  type AssumptionValues,
  assumptionsQuery,
  moneyPreviewQuery,
  saveAssumptions,
} from '../../queries/admin';
import { moneyQuery } from '../../queries/money';
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
// every figure an assumption moves (ttm revenue, revenue at risk and recovery cost do not)
const PREVIEW = [
  'expected_churn_loss',
  'avg_clv',
  'lost_customer_cost',
  'recovery_value',
  'promoter_referral_value',
  'detractor_word_of_mouth_cost',
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
 * whole company and a chosen period (default: the last full quarter), each money
 * figure now and exactly as it would be with the typed values.
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
      <MoneyPreview draft={draft} changed={changed} />
      <ProblemList error={save.error} />
      <button type="submit" className="primary" disabled={save.isPending || changed.length === 0}>
        Save assumptions
      </button>
    </form>
  );
}

/**
 * Each money figure for the whole company and the chosen period: now, and exactly as
 * it would be with the typed values (the API recomputes it; nothing is stored).
 */
function MoneyPreview({ draft, changed }: { draft: Flat; changed: string[] }) {
  const [period, setPeriod] = useState(() => shiftPeriod(defaultPeriod(), -1));
  const typed = useDebounced(JSON.stringify(unflatten(draft)));
  const now = useQuery(moneyQuery(period, 'company'));
  const next = useQuery(
    moneyPreviewQuery(period, 'company', JSON.parse(typed) as AssumptionValues),
  );
  const problems = problemsOf(next.error);
  return (
    <div className="preview" data-testid="assumptions-preview">
      <div className="controls">
        <h3>Money figures, company, {periodLabel(period)}</h3>
        <PeriodPicker value={period} onChange={setPeriod} />
      </div>
      {next.isError && (
        <p className="form-error" role="alert">
          {problems
            ? `No preview until the values are valid (${problems.map((p) => p.path).join(', ')}).`
            : (next.error as Error).message}
        </p>
      )}
      <QueryView query={now}>
        {(m) => {
          const after = next.isError ? null : next.data;
          return (
            <div className="table-wrap" aria-busy={next.isFetching}>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Figure</th>
                    <th scope="col" className="num">
                      Now
                    </th>
                    <th scope="col" className="num">
                      With your values
                    </th>
                    <th scope="col" className="num">
                      Change
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {PREVIEW.map((f) => {
                    const a = after?.figures[f] ?? null;
                    const b = m.figures[f];
                    return (
                      <tr key={f} data-figure={f}>
                        <td>{MONEY_LABEL[f]}</td>
                        <td className="num" data-testid={`preview-${f}-now`}>
                          {formatMoney(b, m.currency)}
                        </td>
                        <td className="num" data-testid={`preview-${f}-new`}>
                          {after ? formatMoney(a, m.currency) : '…'}
                        </td>
                        <td className="num">
                          {a !== null && b !== null ? signedMoney(minus(a, b), m.currency) : '—'}
                        </td>
                      </tr>
                    );
                  })}
                  <tr data-figure="recovery_roi">
                    <td>{MONEY_LABEL.recovery_roi}</td>
                    <td className="num" data-testid="preview-recovery_roi-now">
                      {formatRatio(m.figures.recovery_roi)}
                    </td>
                    <td className="num" data-testid="preview-recovery_roi-new">
                      {after ? formatRatio(after.figures.recovery_roi) : '…'}
                    </td>
                    <td className="num">—</td>
                  </tr>
                </tbody>
              </table>
              <p className="muted">
                {changed.length > 0
                  ? `Recomputed exactly with your ${changed.length === 1 ? 'change' : 'changes'} (${changed.join(', ')}); nothing is saved until you save.`
                  : 'Type new values to see each figure recomputed.'}
              </p>
            </div>
          );
        }}
      </QueryView>
    </div>
  );
}
