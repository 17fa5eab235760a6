import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  ErrorBar,
  Label,
  LabelList,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChangeNote } from '../../components/ChangeNote';
import { useT } from '../../i18n/useT';
import { PALETTE, SERIES } from '../../lib/colors';
import { formatInteger, formatMoney, formatMonthShort, formatNumber } from '../../lib/format';
import { periodLabel } from '../../lib/period';
import type { BreakdownRow, TrendPoint } from '../../queries/kpis';

const fmtNps = (v: unknown) => formatNumber(typeof v === 'number' ? v : null, 1);

/**
 * The NPS line with a band of ± its margin of error around it (95 %): where the band
 * of two months overlaps, the move between them may be noise.
 */
export function NpsTrendChart({ points }: { points: TrendPoint[] }) {
  const t = useT();
  const data = points.map((p) => {
    const k = p.kpis.nps;
    const band: [number, number] | null =
      k.value === null || k.moe === null
        ? null
        : [Math.max(-100, k.value - k.moe), Math.min(100, k.value + k.moe)];
    return { period: p.period, nps: k.value, n: k.n, moe: k.moe, band };
  });
  return (
    <div className="chart" data-testid="nps-trend">
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#e3e3e3" strokeDasharray="3 3" />
          <XAxis
            dataKey="period"
            tickFormatter={(p: string) => formatMonthShort(p)}
            minTickGap={16}
          />
          <YAxis domain={[-100, 100]} ticks={[-100, -50, 0, 50, 100]} width={44} />
          <ReferenceLine y={0} stroke={PALETTE.grey} />
          <Tooltip
            formatter={(v, name) =>
              name === 'band' && Array.isArray(v)
                ? [
                    t('overview.chart.bandRange', { low: fmtNps(v[0]), high: fmtNps(v[1]) }),
                    t('overview.chart.band'),
                  ]
                : [fmtNps(v), t('kpi.name.nps')]
            }
            labelFormatter={(p) => periodLabel(String(p))}
          />
          <Area
            type="linear"
            dataKey="band"
            name="band"
            stroke="none"
            fill={PALETTE.blue}
            fillOpacity={0.15}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            type="linear"
            dataKey="nps"
            stroke={PALETTE.blue}
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
      <p className="muted chart-note">{t('overview.chart.bandNote')}</p>
    </div>
  );
}

/** NPS per segment with its 95 % margin of error; a click opens the records behind it. */
export function SegmentNpsChart({
  rows,
  onSelect,
}: {
  rows: BreakdownRow[];
  onSelect: (id: string) => void;
}) {
  const t = useT();
  const data = rows.map((r) => ({
    id: r.id,
    name: r.name,
    nps: r.kpis.nps?.value ?? null,
    moe: r.kpis.nps?.moe ?? 0,
    n: r.kpis.nps?.n ?? 0,
    change: r.changes?.nps ?? null,
  }));
  return (
    <div className="chart" data-testid="segment-nps">
      {/* the axis names the segments (data, not text) */}
      <div translate="no">
        <ResponsiveContainer width="100%" height={data.length > 3 ? 310 : 260}>
          <BarChart
            data={data}
            margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
            // a click anywhere in a segment's band (bar, error bar or hover cursor) opens it
            onClick={(state) => {
              const i = Number(state?.activeTooltipIndex);
              const row = Number.isInteger(i) ? data[i] : undefined;
              if (row) onSelect(row.id);
            }}
            style={{ cursor: 'pointer' }}
          >
            <CartesianGrid stroke="#e3e3e3" strokeDasharray="3 3" vertical={false} />
            {/* names of more than a few segments would run into each other: slant them */}
            <XAxis
              dataKey="name"
              interval={0}
              tick={{ fontSize: 12 }}
              {...(data.length > 3 ? { angle: -30, textAnchor: 'end', height: 72 } : {})}
            />
            <YAxis domain={[-100, 100]} ticks={[-100, -50, 0, 50, 100]} width={44} />
            <ReferenceLine y={0} stroke={PALETTE.grey} />
            <Tooltip
              formatter={(v, _n, item) => [
                t('overview.chart.npsMoeN', {
                  nps: fmtNps(v),
                  moe: fmtNps(item.payload.moe),
                  n: formatInteger(item.payload.n),
                }),
                t('kpi.name.nps'),
              ]}
            />
            <Bar dataKey="nps" isAnimationActive={false}>
              {data.map((d, i) => (
                <Cell key={d.id} fill={SERIES[i % SERIES.length]} />
              ))}
              <ErrorBar dataKey="moe" width={6} stroke={PALETTE.grey} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ul className="chart-legend">
        {data.map((d) => (
          <li key={d.id}>
            <button type="button" className="link-button" onClick={() => onSelect(d.id)}>
              <span translate="no">{d.name}</span>
              {`: ${fmtNps(d.nps)} ± ${fmtNps(d.moe)}`}
            </button>{' '}
            <ChangeNote kpi="nps" change={d.change} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface ScatterPoint {
  id: string;
  name: string;
  nps: number | null;
  moe: number | null;
  n: number;
  /** revenue of the last 12 months, decimal string in the reporting currency */
  revenue: string;
}

type ScatterDatum = Omit<ScatterPoint, 'revenue'> & { revenue: number; revenueText: string };

/** The tooltip of one segment: its name, NPS ± MoE, n and revenue. */
function ScatterTip({ active, payload }: { active?: boolean; payload?: { payload?: unknown }[] }) {
  const t = useT();
  const d = payload?.[0]?.payload as ScatterDatum | undefined;
  if (!active || !d) return null;
  return (
    <div className="chart-tip" data-testid="scatter-tip">
      <strong translate="no">{d.name}</strong>
      <div>
        {t('overview.chart.npsTip', {
          nps: fmtNps(d.nps),
          moe: fmtNps(d.moe),
          n: formatInteger(d.n),
        })}
      </div>
      <div>{t('overview.chart.revenueTip', { revenue: d.revenueText })}</div>
    </div>
  );
}

/** Each segment's NPS against its revenue, each point named; a click opens the segment. */
export function NpsScatter({
  points,
  currency,
  onSelect,
}: {
  points: ScatterPoint[];
  currency: string;
  onSelect: (id: string) => void;
}) {
  const t = useT();
  const data: ScatterDatum[] = points
    .filter((p) => p.nps !== null)
    .map((p) => ({
      ...p,
      revenue: Number(p.revenue),
      revenueText: formatMoney(p.revenue, currency),
    }));
  return (
    <div className="chart" data-testid="nps-scatter">
      {/* each point is labelled with its segment's name (data, not text) */}
      <div translate="no">
        <ResponsiveContainer width="100%" height={300}>
          <ScatterChart margin={{ top: 16, right: 24, bottom: 24, left: 8 }}>
            <CartesianGrid stroke="#e3e3e3" strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="revenue"
              name={t('overview.chart.revenue')}
              tickFormatter={(v: number) => formatMoney(String(v), currency, { compact: true })}
            >
              <Label value={t('money.label.ttm_revenue')} position="insideBottom" offset={-16} />
            </XAxis>
            <YAxis
              type="number"
              dataKey="nps"
              name={t('kpi.name.nps')}
              domain={[-100, 100]}
              width={52}
            >
              <Label value={t('kpi.name.nps')} angle={-90} position="insideLeft" offset={4} />
            </YAxis>
            <ReferenceLine y={0} stroke={PALETTE.grey} />
            <Tooltip content={<ScatterTip />} />
            <Scatter
              data={data}
              fill={PALETTE.blue}
              shape="diamond"
              isAnimationActive={false}
              cursor="pointer"
              onClick={(d) => {
                const id = (d as { payload?: { id?: string } }).payload?.id;
                if (id) onSelect(id);
              }}
            >
              <LabelList dataKey="name" position="top" fontSize={11} fill="#333" />
            </Scatter>
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <ul className="sr-only">
        {data.map((d) => (
          <li key={d.id}>
            <span translate="no">{d.name}</span>
            {': '}
            {t('overview.chart.pointText', {
              nps: fmtNps(d.nps),
              moe: fmtNps(d.moe),
              n: formatInteger(d.n),
              revenue: d.revenueText,
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
