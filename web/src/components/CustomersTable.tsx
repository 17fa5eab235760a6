import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { MessageId } from '../i18n/catalogs';
import { useT } from '../i18n/useT';
import { formatInteger, formatMoney } from '../lib/format';
import { useSegmentName } from '../lib/segments';
import { useView } from '../lib/url';
import { customerHref } from '../pages/cases/queries';
import { type CustomerSort, customersQuery } from '../queries/customers';
import { QueryView } from './States';
import { TableWrap } from './TableWrap';

const SORTABLE: { key: CustomerSort; label: MessageId; num?: boolean }[] = [
  { key: 'name', label: 'customers.col.name' },
  { key: 'ttm', label: 'customers.col.ttm', num: true },
  { key: 'open_complaints', label: 'customers.col.openComplaints', num: true },
  { key: 'revenue_at_risk', label: 'customers.col.revenueAtRisk', num: true },
  { key: 'clv', label: 'customers.col.clv', num: true },
];
const SORTS = new Set<string>(SORTABLE.map((s) => s.key));

const CLASS_LABEL: Record<string, MessageId> = {
  promoter: 'customers.class.promoter',
  passive: 'customers.class.passive',
  detractor: 'customers.class.detractor',
  unknown: 'customers.class.unknown',
};

/**
 * Customers of a scope, sorted and paged by the server; sort, direction and page are
 * URL parameters (`prefix` keeps two tables on one page apart).
 */
export function CustomersTable({
  scope,
  prefix = '',
  pageSize = 25,
  defaultSort = 'ttm',
  caption,
}: {
  scope?: string;
  prefix?: string;
  pageSize?: number;
  defaultSort?: CustomerSort;
  caption?: string;
}) {
  const t = useT();
  const { period, params, setParam } = useView();
  const rawSort = params.get(`${prefix}sort`) ?? defaultSort;
  const sort = (SORTS.has(rawSort) ? rawSort : defaultSort) as CustomerSort;
  const dir = params.get(`${prefix}dir`) === 'asc' ? 'asc' : 'desc';
  const page = Math.max(1, Number(params.get(`${prefix}page`)) || 1);
  const segmentName = useSegmentName();
  const query = useQuery(
    customersQuery({ period, ...(scope ? { scope } : {}), sort, dir, page, pageSize }),
  );
  const classLabel = (c: string) => {
    const id = CLASS_LABEL[c];
    return id ? t(id) : c;
  };
  const setSort = (key: CustomerSort) => {
    const nextDir =
      key === sort ? (dir === 'desc' ? 'asc' : 'desc') : key === 'name' ? 'asc' : 'desc';
    setParam(`${prefix}sort`, key);
    setParam(`${prefix}dir`, nextDir);
  };
  return (
    <QueryView query={query} isEmpty={(d) => d.total === 0} empty={t('customers.empty')}>
      {(d) => {
        const pages = Math.max(1, Math.ceil(d.total / d.page_size));
        return (
          <TableWrap label={caption ?? t('customers.label')}>
            <table className="data" data-testid={`${prefix}customers`}>
              {caption && <caption className="sr-only">{caption}</caption>}
              <thead>
                <tr>
                  {/* the customer and their revenue first: in view on a phone */}
                  {SORTABLE.map((c) => (
                    <SortHeader key={c.key} col={c} sort={sort} dir={dir} onSort={setSort} />
                  ))}
                  <th scope="col">{t('customers.col.segment')}</th>
                  <th scope="col">{t('customers.col.npsClass')}</th>
                  <th scope="col" className="num">
                    {t('customers.col.latest')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.customers.map((c) => (
                  <tr key={c.external_id}>
                    <td translate="no">
                      <Link href={customerHref(c.external_id)}>{c.name}</Link>{' '}
                      <span className="muted">({c.external_id})</span>
                    </td>
                    <td className="num">{formatMoney(c.ttm, d.currency)}</td>
                    <td className="num">{formatInteger(c.open_complaints)}</td>
                    <td className="num">{formatMoney(c.revenue_at_risk, d.currency)}</td>
                    <td className="num">{formatMoney(c.clv, d.currency)}</td>
                    <td translate="no">{segmentName(c.segment)}</td>
                    <td>{classLabel(c.nps_class)}</td>
                    <td className="num">
                      {[c.latest.nps, c.latest.csat, c.latest.ces]
                        .map((s) => (s ? formatInteger(s.score) : '—'))
                        .join(' / ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="pager">
              <button
                type="button"
                disabled={page <= 1}
                onClick={() => setParam(`${prefix}page`, String(page - 1))}
              >
                {t('customers.previous')}
              </button>
              <span>
                {t('customers.page', {
                  page: formatInteger(page),
                  pages: formatInteger(pages),
                  total: d.total,
                })}
              </span>
              <button
                type="button"
                disabled={page >= pages}
                onClick={() => setParam(`${prefix}page`, String(page + 1))}
              >
                {t('customers.next')}
              </button>
            </div>
          </TableWrap>
        );
      }}
    </QueryView>
  );
}

function SortHeader({
  col,
  sort,
  dir,
  onSort,
}: {
  col: { key: CustomerSort; label: MessageId; num?: boolean };
  sort: CustomerSort;
  dir: 'asc' | 'desc';
  onSort: (key: CustomerSort) => void;
}) {
  const t = useT();
  const active = col.key === sort;
  return (
    <th
      scope="col"
      className={col.num ? 'num' : undefined}
      aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" className="sort" onClick={() => onSort(col.key)}>
        {t(col.label)} {active ? (dir === 'asc' ? '▲' : '▼') : ''}
      </button>
    </th>
  );
}
