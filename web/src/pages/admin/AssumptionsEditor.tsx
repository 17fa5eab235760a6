import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { moneyLabel } from '../../components/MoneyCard';
import { QueryView } from '../../components/States';
import { TableWrap } from '../../components/TableWrap';
import type { MessageId } from '../../i18n/catalogs';
import { errorMessage } from '../../i18n/errors';
import { useT } from '../../i18n/useT';
import { useDebounced } from '../../lib/debounce';
import { formatDate, formatMoney, formatRatio } from '../../lib/format';
import { signedMoney } from '../../lib/money';
import { periodLabel } from '../../lib/period';
import { type AssumptionValues, assumptionsQuery, saveAssumptions } from '../../queries/admin';
import { assumptionsPreviewQuery, type PeriodChange } from '../../queries/assumptions';
import { ProblemList, problemsOf } from './problems';

type Flat = Record<string, string>;
const FIELDS: { key: string; label: MessageId; hint: MessageId }[] = [
  {
    key: 'gross_margin',
    label: 'assumptions.grossMargin',
    hint: 'assumptions.hint.grossMargin',
  },
  { key: 'horizon_years', label: 'assumptions.horizonYears', hint: 'assumptions.hint.years' },
  { key: 'churn_p.promoter', label: 'assumptions.churnPromoter', hint: 'assumptions.hint.share' },
  { key: 'churn_p.passive', label: 'assumptions.churnPassive', hint: 'assumptions.hint.share' },
  {
    key: 'churn_p.detractor',
    label: 'assumptions.churnDetractor',
    hint: 'assumptions.hint.share',
  },
  { key: 'churn_p.unknown', label: 'assumptions.churnUnknown', hint: 'assumptions.hint.share' },
  { key: 'happy_tells', label: 'assumptions.happyTells', hint: 'assumptions.hint.people' },
  { key: 'unhappy_tells', label: 'assumptions.unhappyTells', hint: 'assumptions.hint.people' },
  { key: 'influence', label: 'assumptions.influence', hint: 'assumptions.hint.influence' },
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
  const t = useT();
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
              setSaved(created ? t('assumptions.savedNew') : t('assumptions.unchanged'))
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
  const t = useT();
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
        {current.id === null
          ? t('assumptions.inForce.defaults')
          : current.valid_from === null
            ? t('assumptions.inForce.allHistory')
            : t('assumptions.inForce.since', { date: formatDate(current.valid_from) })}
      </p>
      <div className="fields">
        {FIELDS.map((f) => {
          const problem = problems.find((p) => p.path === f.key)?.message;
          return (
            <label key={f.key}>
              {t(f.label)} <span className="muted">{t(f.hint)}</span>
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
          {t('assumptions.validFrom')}{' '}
          <span className="muted">{t('assumptions.validFromHint')}</span>
          <input type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
        </label>
      </div>
      <SaveImpact draft={draft} validFrom={validFrom} changed={changed} />
      <ProblemList error={save.error} />
      <button type="submit" className="primary" disabled={save.isPending || changed.length === 0}>
        {t('assumptions.save')}
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
  const t = useT();
  const typed = useDebounced(JSON.stringify({ v: unflatten(draft), validFrom }));
  const { v, validFrom: from } = JSON.parse(typed) as { v: AssumptionValues; validFrom: string };
  const preview = useQuery({ ...assumptionsPreviewQuery(v, from), enabled: changed.length > 0 });
  const problems = problemsOf(preview.error);
  if (changed.length === 0) {
    return (
      <div className="preview" data-testid="assumptions-preview">
        <p className="muted">{t('assumptions.typeToPreview')}</p>
      </div>
    );
  }
  return (
    <div className="preview" data-testid="assumptions-preview" aria-busy={preview.isFetching}>
      <h3>{t('assumptions.impact')}</h3>
      {preview.isError && (
        <p className="form-error" role="alert">
          {problems
            ? t('assumptions.invalid', { problems: problems.map((p) => p.message).join(' ') })
            : errorMessage(t, preview.error)}
        </p>
      )}
      {preview.isPending && <p className="muted">{t('admin.computing')}</p>}
      {preview.data && !preview.isError && (
        <>
          <p data-testid="assumptions-impact-summary">
            <strong>
              <ImpactSummary periods={preview.data.periods} />
            </strong>
          </p>
          <p className="muted">{t('assumptions.rule')}</p>
          <ul className="impact-list">
            {preview.data.periods.map((p) => (
              <li key={p.period} data-period={p.period} data-effect={p.effect}>
                <PeriodImpact change={p} currency={preview.data.currency} />
              </li>
            ))}
          </ul>
          {preview.data.more_changed > 0 && (
            <p className="muted">
              {t('assumptions.moreChanged', { n: preview.data.more_changed })}
            </p>
          )}
        </>
      )}
    </div>
  );
}

/** What the save changes in one sentence (the API's `summary`, in the reader's words). */
function ImpactSummary({ periods }: { periods: PeriodChange[] }) {
  const t = useT();
  const changed = periods.filter((p) => p.effect === 'changes');
  if (changed.length === 0) return <>{t('assumptions.summary.none')}</>;
  const shown = changed.slice(0, 6).map((p) => periodLabel(p.period));
  const names = `${shown.join(', ')}${changed.length > shown.length ? ', …' : ''}`;
  const frozen = periods.filter((p) => p.effect === 'closed').length;
  return (
    <>
      {t('assumptions.summary.changes', { n: changed.length, names })}
      {frozen > 0 && ` ${t('assumptions.summary.frozen', { n: frozen })}`}
    </>
  );
}

const EFFECT_TEXT: Readonly<Record<PeriodChange['effect'], MessageId>> = {
  changes: 'assumptions.effect.changes',
  same_values: 'assumptions.effect.sameValues',
  later_version: 'assumptions.effect.laterVersion',
  closed: 'assumptions.effect.closed',
};

function PeriodImpact({ change, currency }: { change: PeriodChange; currency: string }) {
  const t = useT();
  const head = (
    <>
      <strong>{periodLabel(change.period)}</strong>
      {change.phase === 'running' ? ` ${t('assumptions.running')}` : ''}:{' '}
      {t(EFFECT_TEXT[change.effect])}
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
        {moved.length > 0 && ` ${t('assumptions.figures', { n: moved.length })}`}
      </summary>
      <TableWrap label={t('assumptions.impact')}>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('assumptions.col.figure')}</th>
              <th scope="col" className="num">
                {t('assumptions.col.now')}
              </th>
              <th scope="col" className="num">
                {t('assumptions.col.after')}
              </th>
              <th scope="col" className="num">
                {t('assumptions.col.change')}
              </th>
            </tr>
          </thead>
          <tbody>
            {change.figures.map((f) => (
              <tr key={f.figure} data-figure={f.figure}>
                <td>{moneyLabel(t, f.figure)}</td>
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
