import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { MONEY_LABEL } from '../../components/MoneyCard';
import { QueryView } from '../../components/States';
import { TableWrap } from '../../components/TableWrap';
import { useDebounced } from '../../lib/debounce';
import { formatMoney, formatRatio } from '../../lib/format';
import { signedMoney } from '../../lib/money';
import { type AssumptionValues, assumptionsQuery, saveAssumptions } from '../../queries/admin';
import { assumptionsPreviewQuery, type PeriodChange } from '../../queries/assumptions';
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
 * The assumptions in force, editable as a new version. Before saving, the editor shows
 * exactly which periods the save changes and by how much (SaveImpact).
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
  current: {
    id: number | null;
    valid_from: string | null;
    in_force_text: string;
    values: AssumptionValues;
  };
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
        queryClient.invalidateQueries({ queryKey: ['kpis'] }),
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
      <p className="muted" data-testid="assumptions-in-force">
        {current.in_force_text}
      </p>
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
      <SaveImpact draft={draft} validFrom={validFrom} changed={changed} />
      <ProblemList error={save.error} />
      <button type="submit" className="primary" disabled={save.isPending || changed.length === 0}>
        Save assumptions
      </button>
    </form>
  );
}

/**
 * What the save changes, before saving: the API lists every period of every kind that
 * the new version would value differently (the rule: an open period uses the version
 * in force on its last day; a closed one keeps its frozen version), and for the newest
 * ones each company figure now and after. Closed periods are listed as unchanged.
 */
function SaveImpact({
  draft,
  validFrom,
  changed,
}: {
  draft: Flat;
  validFrom: string;
  changed: string[];
}) {
  const typed = useDebounced(JSON.stringify({ v: unflatten(draft), validFrom }));
  const { v, validFrom: from } = JSON.parse(typed) as { v: AssumptionValues; validFrom: string };
  const preview = useQuery({ ...assumptionsPreviewQuery(v, from), enabled: changed.length > 0 });
  const problems = problemsOf(preview.error);
  if (changed.length === 0) {
    return (
      <div className="preview" data-testid="assumptions-preview">
        <p className="muted">
          Type new values to see which periods a save changes, and by how much.
        </p>
      </div>
    );
  }
  return (
    <div className="preview" data-testid="assumptions-preview" aria-busy={preview.isFetching}>
      <h3>What saving changes</h3>
      {preview.isError && (
        <p className="form-error" role="alert">
          {problems
            ? `No preview until the values are valid: ${problems.map((p) => p.message).join(' ')}`
            : (preview.error as Error).message}
        </p>
      )}
      {preview.isPending && <p className="muted">Computing…</p>}
      {preview.data && !preview.isError && (
        <>
          <p data-testid="assumptions-impact-summary">
            <strong>{preview.data.summary}</strong>
          </p>
          <p className="muted">{preview.data.rule}</p>
          <ul className="impact-list">
            {preview.data.periods.map((p) => (
              <li key={p.period} data-period={p.period} data-effect={p.effect}>
                <PeriodImpact change={p} currency={preview.data.currency} />
              </li>
            ))}
          </ul>
          {preview.data.more_changed > 0 && (
            <p className="muted">
              And {preview.data.more_changed} older open periods change too (figures not shown).
            </p>
          )}
        </>
      )}
    </div>
  );
}

const EFFECT_TEXT: Record<PeriodChange['effect'], string> = {
  changes: 'changes',
  same_values: 'unchanged: it already uses these values',
  later_version: 'unchanged: a later version applies to it',
  closed: 'unchanged: closed, its figures are frozen',
};

function PeriodImpact({ change, currency }: { change: PeriodChange; currency: string }) {
  const head = (
    <>
      <strong>{change.label}</strong>
      {change.phase === 'running' ? ' (running)' : ''}: {EFFECT_TEXT[change.effect]}
    </>
  );
  if (!change.figures) return head;
  const moved = change.figures.filter(
    (f) => f.difference !== null && f.difference !== '0.00' && f.difference !== '0',
  );
  return (
    <details open={change.phase === 'running'}>
      <summary>
        {head}
        {moved.length > 0 && ` (${moved.length} figures)`}
      </summary>
      <TableWrap label={'What a save changes'}>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Figure, whole company</th>
              <th scope="col" className="num">
                Now
              </th>
              <th scope="col" className="num">
                After saving
              </th>
              <th scope="col" className="num">
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            {change.figures.map((f) => (
              <tr key={f.figure} data-figure={f.figure}>
                <td>{MONEY_LABEL[f.figure as keyof typeof MONEY_LABEL] ?? f.figure}</td>
                <td className="num" data-testid={`impact-${change.period}-${f.figure}-now`}>
                  {typeof f.now === 'number' || f.now === null
                    ? formatRatio(f.now)
                    : formatMoney(f.now, currency)}
                </td>
                <td className="num" data-testid={`impact-${change.period}-${f.figure}-after`}>
                  {typeof f.after === 'number' || f.after === null
                    ? formatRatio(f.after)
                    : formatMoney(f.after, currency)}
                </td>
                <td className="num">
                  {f.difference === null ? '—' : signedMoney(f.difference, currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </details>
  );
}
