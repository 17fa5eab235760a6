import type { Db } from '@delight/db';
import { auditLog, type Executor } from '@delight/db';

export interface AuditEntry {
  /** who: `user:<email>`, `token:<name>`, `cli` */
  actor: string;
  /** what: `plan.create`, `plan.update`, `assumptions.update`, `period.close`, `import` */
  action: string;
  /** which: `plan:agents@2026-01-01`, `assumptions`, `period:2026-Q1` */
  entity: string;
  before?: unknown;
  after?: unknown;
}

/** Appends to the audit log; call it inside the transaction that makes the change. */
export async function writeAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await (db as Db).insert(auditLog).values({
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
