import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { ApiError } from '../../api/client';
import { ChangeNote } from '../../components/ChangeNote';
import { Comments } from '../../components/Comments';
import { MyCases } from '../../components/MyCases';
import { PeriodPicker } from '../../components/PeriodPicker';
import { PlanProgress } from '../../components/PlanProgress';
import { Empty, QueryView } from '../../components/States';
import { formatInteger, formatMoney, formatNumber, formatShare } from '../../lib/format';
import { formatKpi, kpiLabel } from '../../lib/kpis';
import { periodKind, periodLabel } from '../../lib/period';
import { fallbackShort } from '../../lib/problems';
import { statementSteps } from '../../lib/statement';
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
          <Link href={`/hr?period=${encodeURIComponent(period)}`}>← Bonus run</Link>
        </p>
      )}
      <div className="page-head">
        <h1>
          {forOther && statement.data
            ? `Scorecard of ${statement.data.row.name} · ${periodLabel(period)}`
            : `Scorecard · ${periodLabel(period)}`}
        </h1>
        <div className="controls">
          <PeriodPicker value={period} onChange={setPeriod} />
        </div>
      </div>
      {forOther ? null : <MyCases />}
      {statement.error instanceof ApiError && statement.error.status === 404 ? (
        <NoBonusRow period={period} self={!params.get('employee')} />
      ) : (
        <QueryView query={statement} loadingLabel="Loading your scorecard…">
          {(st) => {
            const r = st.row;
            const needByKpi = new Map((needs.data?.lines ?? []).map((l) => [l.kpi, l]));
            return (
              <>
                <section className="cards" aria-labelledby="sc-bonus">
                  <h2 id="sc-bonus" className="sr-only">
                    Bonus projection
                  </h2>
                  <article className="card" data-testid="bonus-projection">
                    <h3>
                      {st.status === 'open' ? 'Projected bonus' : 'Bonus'}{' '}
                      <span className="badge">
                        {st.status === 'open' ? 'period open' : 'closed'}
                      </span>
                    </h3>
                    <p className="money-value" data-testid="bonus-amount">
                      {formatMoney(r.bonus_amount, r.currency)}
                    </p>
                    <p className="kpi-meta">of target {formatMoney(r.bonus_target, r.currency)}</p>
                  </article>
                  <article className="card">
                    <h3>Total achievement</h3>
                    <p className="kpi-value" data-testid="total-achievement">
                      {formatShare(r.total_achievement)}
                    </p>
                    <p className="kpi-meta">
                      proration {formatShare(r.proration)} ({formatInteger(r.proration_days)} of{' '}
                      {formatInteger(r.period_days)} days)
                    </p>
                  </article>
                </section>
                <section aria-labelledby="sc-lines">
                  <h2 id="sc-lines">My KPIs against the plan ({r.plan})</h2>
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
                  <h2 id="sc-steps">How this is computed</h2>
                  <ol className="steps" data-testid="statement">
                    {statementSteps(r).map((s, i) => (
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
        <Comments
          scope={`employee:${employee}`}
          period={period}
          title="What your customers wrote"
        />
      ) : null}
    </div>
  );
}

const KIND_WORD: Record<string, string> = { month: 'month', quarter: 'quarter', year: 'year' };

/** No bonus row (404 of the statement) is a normal answer, not a failure: say why. */
function NoBonusRow({ period, self }: { period: string; self: boolean }) {
  const kind = KIND_WORD[periodKind(period) ?? ''] ?? 'period';
  return (
    <Empty>
      <span data-testid="no-bonus-row">
        {self
          ? `There is no bonus row for you in ${periodLabel(period)}: either no bonus plan covers your role for a ${kind}, or you worked no day in it. Pick another period to see your scorecard.`
          : `There is no bonus row for this employee in ${periodLabel(period)}: either no bonus plan covers their role for a ${kind}, or they worked no day in it.`}
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
  const ownMoe = l.fallback === null ? l.moe : mine && 'moe' in mine ? mine.moe : null;
  return (
    <article className="card line-card" data-testid={`line-${l.kpi}`}>
      <div className="line-head">
        <h3>
          {kpiLabel(l.kpi)} · weight {formatShare(l.weight, 0)}
        </h3>
        <span>
          achievement {l.achievement === null ? 'excluded' : formatShare(l.achievement)} ·
          contribution {formatShare(l.contribution)}
        </span>
      </div>
      <p className="kpi-meta">
        <span data-testid={`line-${l.kpi}-mine`}>
          {`mine: ${withMoe(l.kpi, l.own_value, ownMoe)} (n = ${formatInteger(l.own_n)})`}
        </span>
        {mine && 'change' in mine && (
          <ChangeNote kpi={l.kpi} change={mine.change} testId={`line-${l.kpi}-change`} />
        )}
        {l.fallback && <span>{fallbackShort(l.fallback)}</span>}
        {l.fallback === 'segment' && (
          <span data-testid={`line-${l.kpi}-used`}>
            {`my segment's, used: ${withMoe(l.kpi, l.value, l.moe)} (n = ${formatInteger(l.n)})`}
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
  const parts: string[] = [];
  if (need.more_sample_for_minimum > 0) {
    parts.push(
      `${formatInteger(need.more_sample_for_minimum)} more answers before your own value counts`,
    );
  }
  if (need.gap_to_target !== null && need.gap_to_target > 0) {
    parts.push(
      `${formatKpi(kpi, need.value_for_target)} pays 100 % (${formatNumber(need.gap_to_target, 1)} to go)`,
    );
    if (need.promoters_for_target != null) {
      parts.push(`about ${formatInteger(need.promoters_for_target)} more promoters at the same n`);
    }
  } else if (need.gap_to_target !== null) {
    parts.push('target reached');
    if (need.gap_to_stretch !== null && need.gap_to_stretch > 0) {
      parts.push(`${formatKpi(kpi, need.value_for_stretch)} pays the cap`);
    }
  }
  if (parts.length === 0) return null;
  return (
    <p className="need" data-testid={`need-${kpi}`}>
      What do I need: {parts.join('; ')}.
    </p>
  );
}
