import { formatDate } from './format';
import { kpiLabel } from './kpis';
import { periodLabel } from './period';

// Audit entries in words: what happened, to what, and which fields changed from what to
// what. The API stores actions, entities and before/after as machine data.

export const AUDIT_ACTION: Record<string, string> = {
  'plan.create': 'Plan version created',
  'plan.update': 'Plan version changed',
  'assumptions.update': 'Assumptions changed',
  'period.close': 'Period closed',
  'period.submit': 'Bonus run submitted for approval',
  'period.approve': 'Bonus run approved',
  'period.reopen': 'Bonus run sent back to open',
  'dispute.raise': 'Statement line disputed',
  'dispute.accept': 'Dispute accepted with an adjustment',
  'dispute.reject': 'Dispute rejected',
  import: 'Data imported',
  'leaderboard.settings': 'Leaderboard settings changed',
  'user.create': 'User created',
  'user.update': 'User changed',
  'user.password': 'Password changed',
  'user.unlock': 'Sign-in lock lifted',
};

export const auditAction = (action: string): string =>
  AUDIT_ACTION[action] ?? action.replaceAll(/[._]/g, ' ');

/** "plan:agents@2025-10-01" → "Plan agents, version from Oct 1, 2025". */
export function auditEntity(entity: string): string {
  const plan = /^plan:(.+)@(\d{4}-\d{2}-\d{2})$/.exec(entity);
  if (plan) return `Plan ${plan[1]}, version from ${formatDate(plan[2])}`;
  const assumptions = /^assumptions@(\d{4}-\d{2}-\d{2})$/.exec(entity);
  if (assumptions) return `Assumptions from ${formatDate(assumptions[1])}`;
  if (entity === 'assumptions@all-history') return 'Assumptions for all periods';
  if (entity === 'data') return 'Imported data';
  const period = /^period:(.+)$/.exec(entity);
  if (period) return periodLabel(period[1]!);
  const user = /^user:(.+)$/.exec(entity);
  if (user) return `User ${user[1]}`;
  return entity.replaceAll('_', ' ');
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const FIELD: Record<string, string> = {
  below_min: 'below the minimum',
  min_sample: 'minimum sample',
  payout_at_threshold: 'payout at threshold',
  shrink: 'shrinkage k',
  churn_p: 'churn probability',
  gross_margin: 'gross margin',
  horizon_years: 'horizon (years)',
  happy_tells: 'people a promoter tells',
  unhappy_tells: 'people a detractor tells',
  valid_from: 'valid from',
  period_kind: 'period kind',
};
const fieldName = (k: string) => FIELD[k] ?? k.replaceAll('_', ' ');

const leafText = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return /^[a-z_]+$/.test(v) ? kpiLabelOr(v) : v;
  return String(v);
};
const kpiLabelOr = (v: string) => (kpiLabel(v) !== v ? kpiLabel(v) : v.replaceAll('_', ' '));

/** Leaves of a JSON value by readable path; lines of a plan are named by their KPI. */
function leaves(value: unknown, path: string, out: Map<string, string>): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const kpi =
        item && typeof item === 'object' && 'kpi' in item && typeof item.kpi === 'string'
          ? kpiLabel(item.kpi)
          : null;
      const name = kpi ? `${kpi} line` : `item ${i + 1}`;
      leaves(item, path ? `${path} › ${name}` : name, out);
    });
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'kpi' && path) continue; // the line is already named by its KPI
      // a plan's lines are named by their KPI ("NPS line › weight"), not "lines › …"
      const name = k === 'lines' && Array.isArray(v) ? '' : fieldName(k);
      leaves(v, name && path ? `${path} › ${name}` : name || path, out);
    }
    return;
  }
  out.set(path || 'value', leafText(value));
}

/** The fields that differ between before and after, each with both values, in words. */
export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  leaves(before, '', a);
  leaves(after, '', b);
  const fields = [...new Set([...a.keys(), ...b.keys()])];
  return fields
    .filter((f) => a.get(f) !== b.get(f))
    .map((f) => ({ field: f, before: a.get(f) ?? '—', after: b.get(f) ?? '—' }));
}
