import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryView } from '../../components/States';
import { formatDateTime } from '../../lib/format';
import { auditQuery } from '../../queries/bonus';

const ACTIONS = [
  { value: '', label: 'Everything' },
  { value: 'plan.', label: 'Plans' },
  { value: 'assumptions.', label: 'Assumptions' },
  { value: 'period.', label: 'Periods' },
  { value: 'import', label: 'Imports' },
];

/** Who changed what and when, newest first, with before and after. */
export function AuditLog() {
  const [action, setAction] = useState('');
  // keyset pages: the stack of `before` cursors walked so far
  const [cursors, setCursors] = useState<number[]>([]);
  const before = cursors.at(-1);
  const query = useQuery(auditQuery({ action, ...(before ? { before } : {}) }));
  return (
    <>
      <label>
        Show{' '}
        <select
          value={action}
          onChange={(e) => {
            setAction(e.target.value);
            setCursors([]);
          }}
        >
          {ACTIONS.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
      </label>
      <QueryView query={query} isEmpty={(p) => p.entries.length === 0} empty="No changes recorded.">
        {(p) => (
          <div className="table-wrap">
            <table className="data" data-testid="audit">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Entity</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {p.entries.map((e) => (
                  <tr key={e.id}>
                    <td>{formatDateTime(e.at)}</td>
                    <td>{e.actor}</td>
                    <td>{e.action}</td>
                    <td>{e.entity}</td>
                    <td>
                      <details>
                        <summary>before / after</summary>
                        <pre className="diff">
                          {JSON.stringify({ before: e.before, after: e.after }, null, 2)}
                        </pre>
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="pager">
              <button
                type="button"
                disabled={cursors.length === 0}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                Newer
              </button>
              <button
                type="button"
                disabled={p.next_before === null}
                onClick={() => p.next_before !== null && setCursors((c) => [...c, p.next_before!])}
              >
                Older
              </button>
            </div>
          </div>
        )}
      </QueryView>
    </>
  );
}
