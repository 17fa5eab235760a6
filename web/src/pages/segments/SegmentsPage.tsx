import { useQuery } from '@tanstack/react-query';
import { Comments } from '../../components/Comments';
import { Cornerstones } from '../../components/Cornerstones';
import { CustomersTable } from '../../components/CustomersTable';
import { KpiGrid } from '../../components/KpiGrid';
import { MoneyCards } from '../../components/MoneyCards';
import { MyCases } from '../../components/MyCases';
import { PeriodPicker } from '../../components/PeriodPicker';
import { ScopePicker } from '../../components/ScopePicker';
import { TeamTable } from '../../components/TeamTable';
import { useT } from '../../i18n/useT';
import { periodLabel } from '../../lib/period';
import { useView } from '../../lib/url';
import { meQuery } from '../../queries/auth';
import { DetractorQueue } from './DetractorQueue';
import { LetGoList } from './LetGoList';
import { RecoveryLog } from './RecoveryLog';

const MONEY = [
  'ttm_revenue',
  'revenue_at_risk',
  'expected_churn_loss',
  'recovery_value',
  'recovery_cost',
  'recovery_roi',
] as const;

/** Segment manager view: their segments only (the API filters every list by role). */
export default function SegmentsPage() {
  const t = useT();
  const me = useQuery(meQuery());
  const employee = me.data?.user.employee;
  const { period, periodValid, scope, setPeriod, setScope } = useView(
    employee && me.data?.user.role === 'segment_manager' ? { scope: `manager:${employee}` } : {},
  );
  return (
    <div className="page segments">
      <div className="page-head">
        <h1>{t('segments.title', { period: periodLabel(period) })}</h1>
        <div className="controls">
          <PeriodPicker value={period} onChange={setPeriod} />
          <ScopePicker
            period={period}
            value={scope}
            onChange={setScope}
            allowCompany={me.data?.user.role !== 'segment_manager'}
          />
        </div>
      </div>
      <MyCases />
      <section aria-labelledby="seg-cornerstones">
        <h2 id="seg-cornerstones">{t('overview.cornerstones')}</h2>
        {periodValid && <Cornerstones period={period} scope={scope} />}
      </section>
      <section aria-labelledby="seg-kpi">
        <h2 id="seg-kpi">{t('overview.delight')}</h2>
        <KpiGrid period={period} scope={scope} />
      </section>
      <section aria-labelledby="seg-money">
        <h2 id="seg-money">{t('drilldown.money')}</h2>
        <MoneyCards period={period} scope={scope} figures={MONEY} />
      </section>
      <section aria-labelledby="seg-queue" className="panel">
        <h2 id="seg-queue">{t('segments.queue.title')}</h2>
        <DetractorQueue period={period} scope={scope} />
      </section>
      <section aria-labelledby="seg-customers" className="panel">
        <h2 id="seg-customers">{t('customers.label')}</h2>
        <CustomersTable scope={scope} caption={t('customers.label')} />
      </section>
      <section aria-labelledby="seg-recovery" className="panel">
        <h2 id="seg-recovery">{t('segments.recovery.title')}</h2>
        <RecoveryLog period={period} scope={scope} />
      </section>
      <section aria-labelledby="seg-letgo" className="panel">
        <h2 id="seg-letgo">{t('segments.letGo.title')}</h2>
        <LetGoList period={period} scope={scope} />
      </section>
      <Comments scope={scope} period={period} />
      <section aria-labelledby="seg-team" className="panel">
        <h2 id="seg-team">{t('table.team.label')}</h2>
        <TeamTable period={period} />
      </section>
    </div>
  );
}
