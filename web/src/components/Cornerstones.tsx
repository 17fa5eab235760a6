import { useQuery } from '@tanstack/react-query';
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, json } from '../api/client';
import { useT } from '../i18n/useT';
import { formatInteger } from '../lib/format';
import { formatKpi, kpiName } from '../lib/kpis';
import { convertPeriod, periodLabel, shiftPeriod } from '../lib/period';
import type { TrendAnswer } from '../queries/kpis';
import { QueryView } from './States';

const STONES = [
  ['acquired', 'overview.cornerstones.acquired'],
  ['retention_rate', 'overview.cornerstones.retention_rate'],
  ['held_dissatisfied_rate', 'overview.cornerstones.held_dissatisfied_rate'],
] as const;

/**
 * The three cornerstones of a segment or manager side by side: customers acquired,
 * retention, and dissatisfied customers held, each with its last six quarters.
 */
export function Cornerstones({ period, scope }: { period: string; scope: string }) {
  const t = useT();
  const to = convertPeriod(period, 'quarter');
  const from = shiftPeriod(to, -5);
  const query = useQuery({
    queryKey: ['kpis', 'trend', scope, from, to, 'quarter'],
    queryFn: () =>
      json<TrendAnswer>(api.kpis.trend.$get({ query: { scope, from, to, grain: 'quarter' } })),
  });
  return (
    <QueryView query={query}>
      {(d) => (
        <div className="cards cornerstones" data-testid="cornerstones">
          {STONES.map(([key, title]) => {
            const last = d.points.at(-1)?.kpis[key];
            const series = d.points.map((p) => ({
              period: periodLabel(p.period),
              value: p.kpis[key].value,
            }));
            return (
              <article key={key} className="card" aria-label={t(title)}>
                <h3>{t(title)}</h3>
                <p className="muted">{kpiName(t, key)}</p>
                <p className="value">{formatKpi(key, last?.value ?? null)}</p>
                <p className="muted">
                  {t('overview.cornerstones.meta', {
                    n: formatInteger(last?.n ?? 0),
                    period: periodLabel(to),
                  })}
                </p>
                <div style={{ height: 60 }}>
                  <ResponsiveContainer width="100%" height="100%">
                    <LineChart data={series}>
                      <XAxis dataKey="period" hide />
                      <YAxis hide domain={['auto', 'auto']} />
                      <Tooltip
                        formatter={(v) => formatKpi(key, typeof v === 'number' ? v : null)}
                      />
                      <Line
                        type="monotone"
                        dataKey="value"
                        stroke="#3b6ea5"
                        dot={false}
                        connectNulls
                      />
                    </LineChart>
                  </ResponsiveContainer>
                </div>
              </article>
            );
          })}
        </div>
      )}
    </QueryView>
  );
}
