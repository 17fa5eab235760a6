import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useView } from '../../lib/url';
import { meQuery } from '../../queries/auth';
import { CasesTable } from './CasesTable';
import { type CaseFilters, casesQuery, reassignCases } from './queries';

const PAGE_SIZE = 50;

/**
 * The work list of the closed loop: every case the caller may see, filtered, sorted
 * and paged by the server; overdue cases first. Managers reassign in bulk.
 */
export default function CasesPage() {
  const me = useQuery(meQuery());
  const { params, setParam } = useView();
  const get = (k: string) => params.get(k) ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const filters: CaseFilters = {
    status: get('status') || 'active',
    overdue: get('overdue'),
    kind: get('kind'),
    segment: get('segment'),
    owner: get('owner'),
    score_max: get('score_max'),
    min_revenue: get('min_revenue'),
    sort: get('sort') || 'due',
    page,
    page_size: PAGE_SIZE,
  };
  const list = useQuery(casesQuery(filters));
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [owner, setOwner] = useState('');
  const reassign = useMutation({
    mutationFn: () => reassignCases([...selected], owner.trim()),
    onSuccess: async () => {
      setSelected(new Set());
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });
  const role = me.data?.user.role;
  const mayReassign = role === 'segment_manager' || role === 'admin';
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const select = (name: string, label: string, options: [string, string][]) => (
    <label>
      {label}
      <select value={get(name)} onChange={(e) => setParam(name, e.target.value)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
  const text = (name: string, label: string, placeholder: string) => (
    <label>
      {label}
      <input
        defaultValue={get(name)}
        placeholder={placeholder}
        onBlur={(e) => setParam(name, e.target.value.trim())}
        onKeyDown={(e) => {
          if (e.key === 'Enter') setParam(name, e.currentTarget.value.trim());
        }}
      />
    </label>
  );
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div className="page cases">
      <div className="page-head">
        <h1>Cases</h1>
      </div>
      <form
        className="filters controls"
        aria-label="Filter cases"
        onSubmit={(e) => e.preventDefault()}
      >
        {select('status', 'State', [
          ['active', 'Open or contacted'],
          ['open', 'Open'],
          ['contacted', 'Contacted'],
          ['closed', 'Closed'],
        ])}
        {select('overdue', 'Due', [
          ['', 'Any'],
          ['true', 'Overdue only'],
          ['false', 'Not overdue'],
        ])}
        {select('kind', 'Kind', [
          ['', 'Answers and complaints'],
          ['response', 'Detractor answers'],
          ['complaint', 'Complaints'],
        ])}
        {text('segment', 'Segment', 'segment id, e.g. S1')}
        {text('owner', 'Owner', 'employee id')}
        {text('score_max', 'Score at most', '0–6')}
        {text('min_revenue', 'Revenue at risk at least', 'e.g. 1000')}
        {select('sort', 'Sort by', [
          ['due', 'Due time, newest first'],
          ['revenue', 'Revenue at risk, highest first'],
          ['opened', 'Opened, newest first'],
        ])}
      </form>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.rows.length === 0 ? (
        <Empty>No case matches these filters.</Empty>
      ) : (
        <>
          <p className="muted" data-testid="cases-total">
            {total === 1 ? 'One case matches.' : `${total} cases match.`} Overdue cases come first.
          </p>
          {mayReassign ? (
            <fieldset className="controls bulk">
              <legend>Reassign the selected cases</legend>
              <label>
                New owner
                <input
                  value={owner}
                  onChange={(e) => setOwner(e.target.value)}
                  placeholder="employee id of your team"
                />
              </label>
              <button
                type="button"
                disabled={selected.size === 0 || owner.trim() === '' || reassign.isPending}
                onClick={() => reassign.mutate()}
              >
                {selected.size === 1
                  ? 'Give the selected case to this owner'
                  : `Give the ${selected.size} selected cases to this owner`}
              </button>
              {reassign.isError ? <ErrorState error={reassign.error} /> : null}
              {reassign.isSuccess ? (
                <span role="status">The cases have their new owner.</span>
              ) : null}
            </fieldset>
          ) : null}
          <CasesTable
            rows={list.data.rows}
            currency={list.data.currency}
            {...(mayReassign ? { selected, onToggle: toggle } : {})}
          />
          <nav className="pager" aria-label="Pages of cases">
            <button
              type="button"
              disabled={page <= 1}
              onClick={() => setParam('page', String(page - 1))}
            >
              Previous page
            </button>
            <span>
              Page {page} of {pages}
            </span>
            <button
              type="button"
              disabled={page >= pages}
              onClick={() => setParam('page', String(page + 1))}
            >
              Next page
            </button>
          </nav>
        </>
      )}
    </div>
  );
}
