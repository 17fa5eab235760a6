import { useQueries, useQuery } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { downloadUrl } from '../../api/client';
import { Comments } from '../../components/Comments';
import { Cornerstones } from '../../components/Cornerstones';
import { KpiCard } from '../../components/KpiCard';
import { Leaderboard } from '../../components/Leaderboard';
import { MoneyCards } from '../../components/MoneyCards';
import { PeriodPicker } from '../../components/PeriodPicker';
import { ScopePicker } from '../../components/ScopePicker';
import { ErrorState, Loading, QueryView } from '../../components/States';
import { useT } from '../../i18n/useT';
import {
  lastMonth,
  minPeriod,
  monthsBack,
  periodLabel,
  periodOf,
  todayUtc,
} from '../../lib/period';
import { useView } from '../../lib/url';
import {
  type BreakdownRow,
  breakdownQuery,
  kpisQuery,
  previousKpi,
  trendQuery,
} from '../../queries/kpis';
import { moneyQuery } from '../../queries/money';
import { NpsScatter, NpsTrendChart, type ScatterPoint, SegmentNpsChart } from './OverviewCharts';

const HEADLINE = ['nps', 'csat', 'ces'] as const;
const MONEY = [
  'revenue_at_risk',
  'expected_churn_loss',
  'lost_customer_cost',
  'recovery_value',
  'recovery_roi',
  'promoter_referral_value',
] as const;

/** Executive overview: delight KPIs, what they are worth, and where they come from. */
export default function OverviewPage() {
  const t = useT();
  const { period, periodValid, scope, setPeriod, setScope } = useView();
  const [, navigate] = useLocation();
  const kpis = useQuery(kpisQuery(period, scope));
  // the trend ends with the period's last month, or this month while it runs
  const thisMonth = periodOf('month', todayUtc());
  const to = periodValid ? minPeriod(lastMonth(period), thisMonth) : thisMonth;
  const trend = useQuery(trendQuery(scope, monthsBack(to, 13), to));
  const segments = useQuery(breakdownQuery(period, 'segment'));
  const drill = (s: string) =>
    navigate(`/drilldown?period=${encodeURIComponent(period)}&scope=${encodeURIComponent(s)}`);

  return (
    <div className="page overview">
      <div className="page-head">
        <h1>{t('overview.title', { period: periodLabel(period) })}</h1>
        <div className="controls">
          <PeriodPicker value={period} onChange={setPeriod} />
          <ScopePicker period={period} value={scope} onChange={setScope} />
          <a
            className="button"
            href={downloadUrl('/api/reports/executive.pdf', { period, scope })}
            download
            data-testid="board-pack-download"
          >
            {t('overview.boardPack')}
          </a>
        </div>
      </div>

      <section aria-labelledby="kpi-head">
        <h2 id="kpi-head">{t('overview.delight')}</h2>
        <QueryView query={kpis} loadingLabel={t('kpi.loading')}>
          {(k) => (
            <div className="cards" data-testid="kpi-cards">
              {HEADLINE.map((key) => (
                <KpiCard key={key} kpi={key} value={k.kpis[key]} previous={previousKpi(k, key)} />
              ))}
            </div>
          )}
        </QueryView>
      </section>

      <section aria-labelledby="trend-head" className="panel">
        <h2 id="trend-head">{t('overview.trend')}</h2>
        <QueryView
          query={trend}
          isEmpty={(d) => d.points.length === 0}
          empty={t('overview.trendEmpty')}
        >
          {(d) => <NpsTrendChart points={d.points} />}
        </QueryView>
      </section>

      <section aria-labelledby="cornerstones-head">
        <h2 id="cornerstones-head">{t('overview.cornerstones')}</h2>
        {/* a bogus period has no quarters to chart (the picker says what is wrong) */}
        {periodValid && <Cornerstones period={period} scope={scope} />}
      </section>
      <div className="two-col">
        <Comments
          scope={scope}
          period={period}
          title={t('overview.comments.detractors')}
          initialScore="detractors"
        />
        <Comments
          scope={scope}
          period={period}
          title={t('overview.comments.promoters')}
          initialScore="promoters"
        />
      </div>
      <section aria-labelledby="money-head">
        <h2 id="money-head">{t('overview.money')}</h2>
        <MoneyCards period={period} scope={scope} figures={MONEY} />
      </section>

      <div className="two-col">
        <section aria-labelledby="seg-head" className="panel">
          <h2 id="seg-head">{t('overview.bySegment')}</h2>
          <QueryView
            query={segments}
            isEmpty={(s) => s.rows.length === 0}
            empty={t('overview.noSegments')}
          >
            {(s) => <SegmentNpsChart rows={s.rows} onSelect={(id) => drill(`segment:${id}`)} />}
          </QueryView>
        </section>
        <section aria-labelledby="scatter-head" className="panel">
          <h2 id="scatter-head">{t('overview.scatter')}</h2>
          <QueryView
            query={segments}
            isEmpty={(s) => s.rows.length === 0}
            empty={t('overview.noSegments')}
          >
            {(s) => (
              <SegmentScatter
                period={period}
                rows={s.rows}
                onSelect={(id) => drill(`segment:${id}`)}
              />
            )}
          </QueryView>
        </section>
      </div>

      <section aria-labelledby="lead-head" className="panel">
        <h2 id="lead-head">{t('leaderboard.label')}</h2>
        <Leaderboard period={period} onSelect={(id) => drill(`employee:${id}`)} />
      </section>
    </div>
  );
}

/** Each segment's NPS against its revenue of the last 12 months (money per segment). */
function SegmentScatter({
  period,
  rows,
  onSelect,
}: {
  period: string;
  rows: BreakdownRow[];
  onSelect: (id: string) => void;
}) {
  const money = useQueries({ queries: rows.map((r) => moneyQuery(period, r.scope)) });
  if (money.some((m) => m.isPending)) return <Loading />;
  const failed = money.find((m) => m.isError);
  if (failed) return <ErrorState error={failed.error} onRetry={() => failed.refetch()} />;
  const points: ScatterPoint[] = rows.map((r, i) => ({
    id: r.id,
    name: r.name,
    nps: r.kpis.nps.value,
    moe: r.kpis.nps.moe,
    n: r.kpis.nps.n,
    revenue: money[i]!.data!.figures.ttm_revenue,
  }));
  const currency = money[0]?.data?.currency ?? 'EUR';
  return <NpsScatter points={points} currency={currency} onSelect={onSelect} />;
}
