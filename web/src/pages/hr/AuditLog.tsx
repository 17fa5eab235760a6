import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryView } from '../../components/States';
import { TableWrap } from '../../components/TableWrap';
import type { MessageId } from '../../i18n/catalogs';
import { Msg } from '../../i18n/Msg';
import { useT } from '../../i18n/useT';
import { auditAction, auditChanges, auditEntity, auditPlanEntity } from '../../lib/audit';
import { formatDate, formatDateTime } from '../../lib/format';
import { auditQuery } from '../../queries/bonus';

const ACTIONS: { value: string; label: MessageId }[] = [
  { value: '', label: 'audit.filter.all' },
  { value: 'plan.', label: 'audit.filter.plans' },
  { value: 'assumptions.', label: 'audit.filter.assumptions' },
  { value: 'period.', label: 'audit.filter.periods' },
  { value: 'import', label: 'audit.filter.imports' },
];

/** Who changed what and when, newest first, with before and after. */
export function AuditLog() {
  const t = useT();
  const [action, setAction] = useState('');
  // keyset pages: the stack of `before` cursors walked so far
  const [cursors, setCursors] = useState<number[]>([]);
  const before = cursors.at(-1);
  const query = useQuery(auditQuery({ action, ...(before ? { before } : {}) }));
  return (
    <>
      <label>
        {t('audit.filter.show')}{' '}
        <select
          value={action}
          onChange={(e) => {
            setAction(e.target.value);
            setCursors([]);
          }}
        >
          {ACTIONS.map((a) => (
            <option key={a.value} value={a.value}>
              {t(a.label)}
            </option>
          ))}
        </select>
      </label>
      <QueryView query={query} isEmpty={(p) => p.entries.length === 0} empty={t('audit.empty')}>
        {(p) => (
          <TableWrap label={t('hr.audit')}>
            <table className="data" data-testid="audit">
              <thead>
                <tr>
                  <th scope="col">{t('audit.col.when')}</th>
                  <th scope="col">{t('audit.col.who')}</th>
                  <th scope="col">{t('audit.col.what')}</th>
                  <th scope="col">{t('audit.col.entity')}</th>
                  <th scope="col">{t('audit.col.change')}</th>
                </tr>
              </thead>
              <tbody>
                {p.entries.map((e) => (
                  <tr key={e.id}>
                    <td>{formatDateTime(e.at)}</td>
                    <td translate="no">{e.actor}</td>
                    <td>{auditAction(t, e.action)}</td>
                    <td>
                      <AuditEntity entity={e.entity} />
                    </td>
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
                {t('audit.newer')}
              </button>
              <button
                type="button"
                disabled={p.next_before === null}
                onClick={() => p.next_before !== null && setCursors((c) => [...c, p.next_before!])}
              >
                {t('audit.older')}
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
  const t = useT();
  const changes = auditChanges(t, before, after);
  if (changes.length === 0) return <span className="muted">{t('audit.noFieldChanged')}</span>;
  const created = before === null || before === undefined;
  return (
    <details>
      <summary>
        {created
          ? t('audit.fieldsSet', { n: changes.length })
          : t('audit.fieldsChanged', { n: changes.length })}
      </summary>
      <table className="kv diff" data-testid="audit-diff">
        <thead>
          <tr>
            <th scope="col">{t('audit.col.field')}</th>
            {!created && <th scope="col">{t('audit.col.before')}</th>}
            <th scope="col">{created ? t('audit.col.value') : t('audit.col.after')}</th>
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

/** The entry's entity in words; a plan's key is its own name, not a word to translate. */
function AuditEntity({ entity }: { entity: string }) {
  const t = useT();
  const plan = auditPlanEntity(entity);
  if (!plan) return <>{auditEntity(t, entity)}</>;
  return (
    <Msg
      id="audit.entity.plan"
      values={{ key: <span translate="no">{plan.key}</span>, date: formatDate(plan.date) }}
    />
  );
}
