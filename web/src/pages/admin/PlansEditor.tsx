import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryView } from '../../components/States';
import { TableWrap } from '../../components/TableWrap';
import type { MessageId } from '../../i18n/catalogs';
import { useT } from '../../i18n/useT';
import { roleName } from '../../lib/access';
import { formatDate, formatNumber, formatShare } from '../../lib/format';
import { formatKpi, KPI_BETTER, KPI_KEYS, type KpiKey, kpiName } from '../../lib/kpis';
import { BELOW_MIN_CHOICE } from '../../lib/problems';
import {
  createPlanVersion,
  type Plan,
  type PlanLine,
  plansQuery,
  savePlanVersion,
} from '../../queries/admin';
import { BonusRunPreview } from './BonusRunPreview';
import { ProblemList, problemsOf } from './problems';

const NUM_FIELDS = [
  'weight',
  'threshold',
  'target',
  'stretch',
  'payout_at_threshold',
  'cap',
  'min_sample',
  'shrink',
] as const;
type NumField = (typeof NUM_FIELDS)[number];
const FIELD_LABEL: Readonly<Record<NumField, MessageId>> = {
  weight: 'plans.field.weight',
  threshold: 'plans.field.threshold',
  target: 'plans.field.target',
  stretch: 'plans.field.stretch',
  payout_at_threshold: 'plans.field.payoutAtThreshold',
  cap: 'plans.field.cap',
  min_sample: 'plans.field.minSample',
  shrink: 'plans.field.shrink',
};
/** `id` keeps a row's inputs with it when another row is removed. */
type DraftLine = { id: number; kpi: string; below_min: string } & Record<NumField, string>;
let nextId = 1;

const toDraft = (l: PlanLine): DraftLine => ({
  id: nextId++,
  kpi: l.kpi,
  below_min: l.below_min,
  ...(Object.fromEntries(NUM_FIELDS.map((f) => [f, String(l[f] ?? 0)])) as Record<
    NumField,
    string
  >),
});

// A field that is not a number goes to the API as typed, so its 422 names the field.
const num = (s: string): number | string =>
  s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s;

const fromDraft = (plan: Plan, lines: DraftLine[], validFrom: string) =>
  ({
    ...plan,
    valid_from: validFrom,
    lines: lines.map((l) => ({
      kpi: l.kpi,
      below_min: l.below_min,
      ...Object.fromEntries(NUM_FIELDS.map((f) => [f, num(l[f])])),
    })),
  }) as unknown as Plan;

const versionId = (p: Plan) => `${p.key}@${p.valid_from}`;

/** Plan versions: edit a version's lines in place, or save them as a new version. */
export function PlansEditor() {
  const t = useT();
  const plans = useQuery(plansQuery());
  const [selected, setSelected] = useState<string>('');
  return (
    <QueryView query={plans} isEmpty={(p) => p.plans.length === 0} empty={t('plans.empty')}>
      {(p) => {
        const plan = p.plans.find((x) => versionId(x) === selected) ?? p.plans[0]!;
        return (
          <>
            <label>
              {t('plans.version')}{' '}
              <select
                data-testid="plan-select"
                value={versionId(plan)}
                onChange={(e) => setSelected(e.target.value)}
              >
                {p.plans.map((x) => (
                  <option key={versionId(x)} value={versionId(x)}>
                    {t('plans.versionOption', {
                      role: roleName(t, x.role),
                      kind: x.period_kind,
                      date: formatDate(x.valid_from),
                    })}
                  </option>
                ))}
              </select>
            </label>{' '}
            <span className="muted" translate="no">
              {plan.key}
            </span>
            <PlanForm key={versionId(plan)} plan={plan} />
          </>
        );
      }}
    </QueryView>
  );
}

function PlanForm({ plan }: { plan: Plan }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [lines, setLines] = useState<DraftLine[]>(() => plan.lines.map(toDraft));
  const [newFrom, setNewFrom] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (asNew: boolean) =>
      asNew
        ? createPlanVersion(fromDraft(plan, lines, newFrom))
        : savePlanVersion(fromDraft(plan, lines, plan.valid_from)),
    onSuccess: async (r) => {
      setSaved(
        r.result === 'unchanged'
          ? t('plans.unchanged')
          : r.result === 'created'
            ? t('plans.savedNew')
            : t('plans.saved'),
      );
      await queryClient.invalidateQueries({ queryKey: ['plans'] });
      await queryClient.invalidateQueries({ queryKey: ['bonus'] });
    },
    onError: () => setSaved(null),
  });
  const problems = problemsOf(save.error) ?? [];
  const problemAt = (i: number, f: string) =>
    problems.find((p) => p.path === `lines.${i}.${f}`)?.message;
  const set = (i: number, f: keyof DraftLine, v: string) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, [f]: v } : l)));
  const weightSum = lines.reduce((s, l) => s + (Number(l.weight) || 0), 0);

  return (
    <form
      className="form plan-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(false);
      }}
    >
      <TableWrap label={t('plans.lines')}>
        <table className="data" data-testid="plan-lines">
          <thead>
            <tr>
              <th scope="col">{t('plans.field.kpi')}</th>
              {NUM_FIELDS.map((f) => (
                <th key={f} scope="col">
                  {t(FIELD_LABEL[f])}
                </th>
              ))}
              <th scope="col">{t('plans.field.belowMin')}</th>
              <th scope="col">
                <span className="sr-only">{t('plans.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={l.id}>
                <td>
                  <select
                    aria-label={t('plans.lineField', { n: i + 1, field: t('plans.field.kpi') })}
                    value={l.kpi}
                    onChange={(e) => set(i, 'kpi', e.target.value)}
                  >
                    {KPI_KEYS.map((k) => (
                      <option key={k} value={k}>
                        {kpiName(t, k)}
                      </option>
                    ))}
                  </select>
                </td>
                {NUM_FIELDS.map((f) => (
                  <td key={f}>
                    <input
                      aria-label={t('plans.lineField', { n: i + 1, field: t(FIELD_LABEL[f]) })}
                      aria-invalid={problemAt(i, f) ? true : undefined}
                      title={problemAt(i, f)}
                      inputMode="decimal"
                      size={5}
                      value={l[f]}
                      onChange={(e) => set(i, f, e.target.value)}
                    />
                  </td>
                ))}
                <td>
                  <select
                    aria-label={t('plans.lineField', {
                      n: i + 1,
                      field: t('plans.field.belowMin'),
                    })}
                    value={l.below_min}
                    onChange={(e) => set(i, 'below_min', e.target.value)}
                  >
                    {Object.entries(BELOW_MIN_CHOICE).map(([code, text]) => (
                      <option key={code} value={code}>
                        {t(text)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    aria-label={t('plans.removeLine', { n: i + 1 })}
                    onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p>
        <button
          type="button"
          onClick={() =>
            setLines((ls) => [
              ...ls,
              {
                id: nextId++,
                kpi: KPI_KEYS.find((k) => !ls.some((l) => l.kpi === k)) ?? 'nps',
                below_min: 'neutral',
                weight: '0',
                threshold: '0',
                target: '0',
                stretch: '0',
                payout_at_threshold: '0.5',
                cap: '1.5',
                min_sample: '0',
                shrink: '0',
              },
            ])
          }
        >
          {t('plans.addLine')}
        </button>{' '}
        <span className={Math.abs(weightSum - 1) > 1e-9 ? 'change-bad' : 'muted'}>
          {t('plans.weightSum', { sum: formatShare(weightSum) })}
        </span>
      </p>
      <PlanPreview lines={lines} />
      <BonusRunPreview plan={fromDraft(plan, lines, plan.valid_from)} />
      <ProblemList error={save.error} />
      {saved && (
        <p role="status" data-testid="plan-saved">
          {saved}
        </p>
      )}
      <div className="controls">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('plans.save')}
        </button>
        <label>
          {t('plans.newFrom')}{' '}
          <input type="date" value={newFrom} onChange={(e) => setNewFrom(e.target.value)} />
        </label>
        <button
          type="button"
          disabled={!newFrom || save.isPending}
          onClick={() => save.mutate(true)}
        >
          {t('plans.saveNew')}
        </button>
      </div>
    </form>
  );
}

/** What each line pays, in words, before saving. */
function PlanPreview({ lines }: { lines: DraftLine[] }) {
  const t = useT();
  return (
    <div className="plan-preview" data-testid="plan-preview">
      <h3>{t('plans.preview')}</h3>
      <ul>
        {lines.map((l) => {
          const key = l.kpi as KpiKey;
          const better = KPI_BETTER[key] ?? 'higher';
          const n = (s: string) => Number(s);
          return (
            <li key={l.id}>
              {t('plans.previewLine', {
                kpi: kpiName(t, key),
                better,
                weight: formatShare(n(l.weight), 0),
                zero: formatShare(0, 0),
                full: formatShare(1, 0),
                threshold: formatKpi(key, n(l.threshold)),
                atThreshold: formatShare(n(l.payout_at_threshold), 0),
                target: formatKpi(key, n(l.target)),
                cap: formatShare(n(l.cap), 0),
                stretch: formatKpi(key, n(l.stretch)),
                minSample: l.min_sample,
              })}
              <ShrinkExample line={l} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

const MEDIANS = new Set(['first_response_h', 'resolution_h']);

/**
 * What shrinkage k does, live with the typed k: an employee's value is pulled toward
 * their segment's (the company's without one) as if k answers at the segment's value
 * were added, (n × own + k × segment) / (n + k); more answers, less pull. The bonus-run
 * preview below shows what it does to each person.
 */
function ShrinkExample({ line }: { line: DraftLine }) {
  const t = useT();
  const k = Number(line.shrink);
  const key = line.kpi as KpiKey;
  if (!Number.isFinite(k) || k <= 0) return null;
  if (MEDIANS.has(key)) {
    return <span className="muted"> {t('plans.shrinkMedian')}</span>;
  }
  // an example: own value at the stretch, the segment at the threshold
  const own = Number(line.stretch);
  const seg = Number(line.threshold);
  const few = Math.max(Number(line.min_sample) || 0, 5);
  const many = few * 10;
  const pulled = (n: number) => (n * own + k * seg) / (n + k);
  return (
    <span className="shrink-example" data-testid="shrink-example">
      {' '}
      {t('plans.shrinkExample', {
        k,
        kText: formatNumber(k, 0),
        kpi: kpiName(t, key),
        own: formatKpi(key, own),
        few,
        segment: formatKpi(key, seg),
        pulledFew: formatKpi(key, pulled(few)),
        many,
        pulledMany: formatKpi(key, pulled(many)),
      })}
    </span>
  );
}
