import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { CasesTable } from '../pages/cases/CasesTable';
import { casesQuery } from '../pages/cases/queries';
import { QueryView } from './States';

/**
 * What to do next, first on a manager's or agent's landing page: their open and
 * overdue cases, most urgent first, then a link to the whole list.
 */
export function MyCases() {
  const active = useQuery(casesQuery({ status: 'active', sort: 'due', page: 1, page_size: 10 }));
  const overdue = useQuery(casesQuery({ overdue: 'true', page: 1, page_size: 1 }));
  const open = useQuery(casesQuery({ status: 'open', page: 1, page_size: 1 }));
  return (
    <section className="panel my-cases" aria-labelledby="my-cases">
      <h2 id="my-cases">Your cases: who to call next</h2>
      <p data-testid="my-cases-summary">
        {open.data && overdue.data
          ? `${open.data.total === 1 ? 'One case is' : `${open.data.total} cases are`} open; ${overdue.data.total === 1 ? 'one is' : `${overdue.data.total} are`} overdue.`
          : 'Counting your cases…'}{' '}
        <Link href="/cases">See every case</Link>
      </p>
      <QueryView
        query={active}
        isEmpty={(d) => d.rows.length === 0}
        empty="No open case: every detractor and complaint has been followed up."
      >
        {(d) => <CasesTable rows={d.rows} currency={d.currency} />}
      </QueryView>
    </section>
  );
}
