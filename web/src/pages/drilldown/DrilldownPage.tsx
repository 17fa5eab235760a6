import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { CustomersTable } from '../../components/CustomersTable';
import { KpiGrid } from '../../components/KpiGrid';
import { MoneyCards } from '../../components/MoneyCards';
import { PeriodPicker } from '../../components/PeriodPicker';
import { Msg } from '../../i18n/Msg';
import { useT } from '../../i18n/useT';
import { periodLabel } from '../../lib/period';
import { useView } from '../../lib/url';
import { homeFor, meQuery } from '../../queries/auth';
import { type BreakdownBy, breakdownQuery } from '../../queries/kpis';

const MONEY = ['ttm_revenue', 'revenue_at_risk', 'expected_churn_loss', 'recovery_value'] as const;

/** The records behind a segment bar or a leaderboard row: its KPIs, money and customers. */
export default function DrilldownPage() {
  const t = useT();
  const { period, scope, setPeriod } = useView();
  const me = useQuery(meQuery());
  // back to where the role came from: the overview, or a manager's segments page
  const home = me.data ? homeFor(me.data.user) : '/overview';
  const [kind, id] = scope.includes(':')
    ? (scope.split(':', 2) as [BreakdownBy, string])
    : [null, null];
  const names = useQuery({ ...breakdownQuery(period, kind ?? 'segment'), enabled: kind !== null });
  const found = names.data?.rows.find((r) => r.id === id)?.name ?? id;
  // a name is data (translate=no); the whole company is words
  const name = found ? <span translate="no">{found}</span> : t('drilldown.company');
  return (
    <div className="page drilldown">
      <p>
        <Link href={`${home}?period=${encodeURIComponent(period)}`}>
          {home === '/segments' ? t('drilldown.backSegments') : t('drilldown.backOverview')}
        </Link>
      </p>
      <div className="page-head">
        <h1>
          <Msg
            id="drilldown.title"
            values={{ kind: kind ?? 'company', name, period: periodLabel(period) }}
          />
        </h1>
        <div className="controls">
          <PeriodPicker value={period} onChange={setPeriod} />
        </div>
      </div>
      <section aria-labelledby="dd-kpi">
        <h2 id="dd-kpi">{t('overview.delight')}</h2>
        <KpiGrid period={period} scope={scope} />
      </section>
      <section aria-labelledby="dd-money">
        <h2 id="dd-money">
          {kind === 'employee' ? t('drilldown.moneyOfEmployee') : t('drilldown.money')}
        </h2>
        <MoneyCards period={period} scope={scope} figures={MONEY} />
      </section>
      <section aria-labelledby="dd-customers" className="panel">
        <h2 id="dd-customers">
          {kind === 'employee' ? t('drilldown.customersOfEmployee') : t('customers.label')}
        </h2>
        <CustomersTable scope={scope} caption={t('drilldown.customersCaption')} />
      </section>
    </div>
  );
}
