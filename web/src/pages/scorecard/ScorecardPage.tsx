import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { ApiError } from '../../api/client';
import { ChangeNote } from '../../components/ChangeNote';
import { Comments } from '../../components/Comments';
import { MyCases } from '../../components/MyCases';
import { PeriodPicker } from '../../components/PeriodPicker';
import { PlanProgress } from '../../components/PlanProgress';
import { Empty, QueryView } from '../../components/States';
import type { MessageId } from '../../i18n/catalogs';
import { Msg } from '../../i18n/Msg';
import { type Translate, useT } from '../../i18n/useT';
import { formatInteger, formatMoney, formatNumber, formatShare } from '../../lib/format';
import { formatKpi, kpiName } from '../../lib/kpis';
import { periodKind, periodLabel } from '../../lib/period';
import { planStepValues, statementSteps } from '../../lib/statement';
import { useView } from '../../lib/url';
import { meQuery } from '../../queries/auth';
import { type BonusLine, type Needs, needsQuery, statementQuery } from '../../queries/bonus';
import { type KpiAnswer, kpisQuery } from '../../queries/kpis';
import { StatementDisputes } from './StatementDisputes';

/**
 * Employee scorecard: own KPIs against the plan, the bonus projection for the period,
 * the statement behind it and what it takes to reach target. `?employee=` lets a
 * manager open a team member's card (the API checks they may).
 */
export default function ScorecardPage() {
  const t = useT();
  const me = useQuery(meQuery());
  const { period, params, setPeriod } = useView();
  const employee = params.get('employee') || me.data?.user.employee || null;
  const forOther =
    Boolean(params.get('employee')) && params.get('employee') !== me.data?.user.employee;
  // HR and admin come here from a row of the bonus run
  const role = me.data?.user.role;
  const fromRun = forOther && (role === 'hr' || role === 'admin');
  const statement = useQuery(statementQuery(period, employee));
  // the employee's own figures with their own n and margin of error (and their change),
  // beside the plan line's value, which may be the segment's
  const row = statement.data?.row;
  const ownScope = row
    ? `${row.role === 'segment_manager' ? 'manager' : 'employee'}:${row.employee}`
    : null;
  const own = useQuery({ ...kpisQuery(period, ownScope ?? ''), enabled: ownScope !== null });
  // "what do I need" is for open periods only (the API answers a closed one with 409)
  const needs = useQuery({
    ...needsQuery(period, employee),
    enabled: statement.data?.status === 'open',
  });
  return (
    <div className="page scorecard">
      {fromRun && (
        <p>
          <Link href={`/hr?period=${encodeURIComponent(period)}`}>{t('scorecard.backToRun')}</Link>
        </p>
      )}
      <div className="page-head">
        <h1>
          {forOther && statement.data ? (
            <Msg
              id="scorecard.titleOf"
              values={{
                name: <span translate="no">{statement.data.row.name}</span>,
                period: periodLabel(period),
              }}
            />
          ) : (
            t('scorecard.title', { period: periodLabel(period) })
          )}
        </h1>
        <div className="controls">
          <PeriodPicker value={period} onChange={setPeriod} />
        </div>
      </div>
      {forOther ? null : <MyCases />}
      {statement.error instanceof ApiError && statement.error.status === 404 ? (
        <NoBonusRow period={period} self={!params.get('employee')} />
      ) : (
        <QueryView query={statement} loadingLabel={t('scorecard.loading')}>
          {(st) => {
            const r = st.row;
            const needByKpi = new Map((needs.data?.lines ?? []).map((l) => [l.kpi, l]));
            return (
              <>
                <section className="cards" aria-labelledby="sc-bonus">
                  <h2 id="sc-bonus" className="sr-only">
                    {t('scorecard.projection')}
                  </h2>
                  <article className="card" data-testid="bonus-projection">
                    <h3>
                      {st.status === 'open' ? t('scorecard.projected') : t('scorecard.bonus')}{' '}
                      <span className="badge">
                        {st.status === 'open' ? t('scorecard.open') : t('scorecard.closed')}
                      </span>
                    </h3>
                    <p className="money-value" data-testid="bonus-amount">
                      {formatMoney(r.bonus_amount, r.currency)}
                    </p>
                    <p className="kpi-meta">
                      {t('scorecard.ofTarget', { target: formatMoney(r.bonus_target, r.currency) })}
                    </p>
                  </article>
                  <article className="card">
                    <h3>{t('scorecard.totalAchievement')}</h3>
                    <p className="kpi-value" data-testid="total-achievement">
                      {formatShare(r.total_achievement)}
                    </p>
                    <p className="kpi-meta">
                      {t('scorecard.proration', {
                        proration: formatShare(r.proration),
                        worked: formatInteger(r.proration_days),
                        days: r.period_days,
                      })}
                    </p>
                  </article>
                </section>
                <section aria-labelledby="sc-lines">
                  <h2 id="sc-lines">
                    <Msg
                      id="scorecard.lines"
                      values={{ plan: <span translate="no">{r.plan}</span> }}
                    />
                  </h2>
                  <div className="lines">
                    {r.lines.map((l) => (
                      <PlanLine
                        key={l.kpi}
                        line={l}
                        need={needByKpi.get(l.kpi)}
                        mine={own.data?.kpis[l.kpi]}
                      />
                    ))}
                  </div>
                </section>
                <section aria-labelledby="sc-steps" className="panel">
                  <h2 id="sc-steps">{t('scorecard.howComputed')}</h2>
                  <ol className="steps" data-testid="statement">
                    <li>
                      <Msg
                        id="statement.plan"
                        values={{
                          ...planStepValues(r),
                          plan: <span translate="no">{r.plan}</span>,
                        }}
                      />
                    </li>
                    {statementSteps(t, r).map((s, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the steps are a fixed sequence
                      <li key={i}>{s}</li>
                    ))}
                  </ol>
                </section>
                <StatementDisputes period={period} statement={st} viewer={me.data?.user.employee} />
              </>
            );
          }}
        </QueryView>
      )}
      {employee && role !== 'hr' ? (
        <Comments scope={`employee:${employee}`} period={period} title={t('scorecard.comments')} />
      ) : null}
    </div>
  );
}

/** The kind of period, as the no-row sentence says it ("for a quarter"). */
const NO_ROW_KIND: Record<string, MessageId> = {
  month: 'scorecard.noRow.kind.month',
  quarter: 'scorecard.noRow.kind.quarter',
  year: 'scorecard.noRow.kind.year',
  other: 'scorecard.noRow.kind.other',
};

/** No bonus row (404 of the statement) is a normal answer, not a failure: say why. */
function NoBonusRow({ period, self }: { period: string; self: boolean }) {
  const t = useT();
  const values = {
    kind: t(NO_ROW_KIND[periodKind(period) ?? ''] ?? 'scorecard.noRow.kind.other'),
    period: periodLabel(period),
  };
  return (
    <Empty>
      <span data-testid="no-bonus-row">
        {self ? t('scorecard.noRow.self', values) : t('scorecard.noRow.other', values)}
      </span>
    </Empty>
  );
}

type Need = Needs['lines'][number];

type OwnKpi = KpiAnswer['kpis'][keyof KpiAnswer['kpis']];

/** "31.3 ± 37.6" for NPS with a margin of error, the plain value otherwise. */
const withMoe = (kpi: string, value: number | null, moe: number | null | undefined) =>
  kpi === 'nps' && value !== null && moe != null
    ? `${formatKpi(kpi, value)} ± ${formatNumber(moe, 1)}`
    : formatKpi(kpi, value);

/** A line below its minimum sample (`fallback`), short form. */
const FALLBACK_SHORT: Record<string, MessageId> = {
  segment: 'scorecard.fallback.segment',
  segment_below_min: 'scorecard.fallback.segment_below_min',
  neutral: 'scorecard.fallback.neutral',
  exclude: 'scorecard.fallback.exclude',
};
const fallbackShort = (t: Translate, code: string): string => {
  const id = FALLBACK_SHORT[code];
  return id ? t(id, { full: formatShare(1, 0) }) : t('scorecard.fallback.below');
};

function PlanLine({
  line: l,
  need,
  mine,
}: {
  line: BonusLine;
  need: Need | undefined;
  mine: OwnKpi | undefined;
}) {
  // each figure with its own margin of error: the line's `moe` belongs to the value used
  // (the segment's after a fallback); the own one comes from the own scope's KPIs
  const t = useT();
  const ownMoe = l.fallback === null ? l.moe : mine && 'moe' in mine ? mine.moe : null;
  return (
    <article className="card line-card" data-testid={`line-${l.kpi}`}>
      <div className="line-head">
        <h3>
          {t('scorecard.line.head', { kpi: kpiName(t, l.kpi), weight: formatShare(l.weight, 0) })}
        </h3>
        <span>
          {l.achievement === null
            ? t('scorecard.line.excluded', { contribution: formatShare(l.contribution) })
            : t('scorecard.line.achievement', {
                achievement: formatShare(l.achievement),
                contribution: formatShare(l.contribution),
              })}
        </span>
      </div>
      <p className="kpi-meta">
        <span data-testid={`line-${l.kpi}-mine`}>
          {t('scorecard.line.mine', {
            value: withMoe(l.kpi, l.own_value, ownMoe),
            n: formatInteger(l.own_n),
          })}
        </span>
        {mine && 'change' in mine && (
          <ChangeNote kpi={l.kpi} change={mine.change} testId={`line-${l.kpi}-change`} />
        )}
        {l.fallback && <span>{fallbackShort(t, l.fallback)}</span>}
        {l.fallback === 'segment' && (
          <span data-testid={`line-${l.kpi}-used`}>
            {t('scorecard.line.segmentUsed', {
              value: withMoe(l.kpi, l.value, l.moe),
              n: formatInteger(l.n),
            })}
          </span>
        )}
      </p>
      <PlanProgress
        kpi={l.kpi}
        value={l.value}
        threshold={l.threshold}
        target={l.target}
        stretch={l.stretch}
      />
      {need && <NeedText need={need} kpi={l.kpi} />}
    </article>
  );
}

function NeedText({ need, kpi }: { need: Need; kpi: string }) {
  const t = useT();
  // each part is a whole clause of its own message; the list of them is one message
  const parts: string[] = [];
  if (need.more_sample_for_minimum > 0) {
    parts.push(t('scorecard.need.moreAnswers', { n: need.more_sample_for_minimum }));
  }
  if (need.gap_to_target !== null && need.gap_to_target > 0) {
    parts.push(
      t('scorecard.need.forTarget', {
        value: formatKpi(kpi, need.value_for_target),
        full: formatShare(1, 0),
        gap: formatNumber(need.gap_to_target, 1),
      }),
    );
    if (need.promoters_for_target != null) {
      parts.push(t('scorecard.need.promoters', { n: need.promoters_for_target }));
    }
  } else if (need.gap_to_target !== null) {
    parts.push(t('scorecard.need.targetReached'));
    if (need.gap_to_stretch !== null && need.gap_to_stretch > 0) {
      parts.push(t('scorecard.need.forCap', { value: formatKpi(kpi, need.value_for_stretch) }));
    }
  }
  if (parts.length === 0) return null;
  return (
    <p className="need" data-testid={`need-${kpi}`}>
      {t('scorecard.need.text', { parts: parts.join('; ') })}
    </p>
  );
}
