import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatNumber } from '../../lib/format';
import { KIND_LABEL } from '../cases/labels';
import type { Effectiveness } from '../cases/queries';

/**
 * NPS after recovery per kind, beside the baseline of complaints with no action, with
 * each bar's margin of error and its n: a kind whose bar and whisker stay above the
 * baseline works; overlapping whiskers mean the data cannot tell yet.
 */
export function RecoveryChart({ data }: { data: Effectiveness }) {
  const rows = [...data.kinds, data.baseline]
    .filter((g) => g.nps_after.n > 0)
    .map((g) => ({
      kind: KIND_LABEL[g.kind] ?? g.kind,
      nps: g.nps_after.value,
      moe: g.nps_after.moe ?? 0,
      label: `n = ${g.nps_after.n}`,
    }));
  if (rows.length === 0) {
    return <p className="muted">No NPS answers after resolved complaints in this period yet.</p>;
  }
  return (
    <div className="chart" style={{ height: 320 }} data-testid="recovery-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 20, right: 20, bottom: 40, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="kind" angle={-20} textAnchor="end" interval={0} />
          <YAxis domain={[-100, 100]} />
          <Tooltip formatter={(v) => formatNumber(typeof v === 'number' ? v : null, 1)} />
          <ReferenceLine y={data.baseline.nps_after.value ?? 0} strokeDasharray="4 4" />
          <Bar dataKey="nps" name="NPS after resolution" fill="#3b6ea5">
            <ErrorBar dataKey="moe" width={6} strokeWidth={1.5} />
            <LabelList dataKey="label" position="top" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
