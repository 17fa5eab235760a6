import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryView } from '../../components/States';
import { TableWrap } from '../../components/TableWrap';
import { auditAction, auditChanges, auditEntity } from '../../lib/audit';
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
          <TableWrap label={'Audit log'}>
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
                    <td>{auditAction(e.action)}</td>
                    <td>{auditEntity(e.entity)}</td>
                    <td>
                      <ChangeList before={e.before} after={e.after} />
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
          </TableWrap>
        )}
      </QueryView>
    </>
  );
}

/** What changed, field by field: "NPS line › weight: 30 % → 35 %" style, not raw JSON. */
function ChangeList({ before, after }: { before: unknown; after: unknown }) {
  const changes = auditChanges(before, after);
  if (changes.length === 0) return <span className="muted">no field changed</span>;
  const created = before === null || before === undefined;
  return (
    <details>
      <summary>
        {created
          ? `${changes.length} ${changes.length === 1 ? 'field' : 'fields'} set`
          : `${changes.length} ${changes.length === 1 ? 'field' : 'fields'} changed`}
      </summary>
      <table className="kv diff" data-testid="audit-diff">
        <thead>
          <tr>
            <th scope="col">Field</th>
            {!created && <th scope="col">Before</th>}
            <th scope="col">{created ? 'Value' : 'After'}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.field}>
              <th scope="row">{c.field}</th>
              {!created && <td>{c.before}</td>}
              <td>{c.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
