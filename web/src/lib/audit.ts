import type { MessageId } from '../i18n/catalogs';
import type { Translate } from '../i18n/useT';
import { formatDate } from './format';
import { kpiName } from './kpis';
import { periodLabel } from './period';
import { BELOW_MIN_CHOICE } from './problems';

// Audit entries in words: what happened, to what, and which fields changed from what to
// what. The API stores actions, entities and before/after as machine data; the words are
// the catalogs' (web/src/i18n/messages), the machine names only where no word is known.

export const AUDIT_ACTION: Readonly<Record<string, MessageId>> = {
  'plan.create': 'audit.action.planCreate',
  'plan.update': 'audit.action.planUpdate',
  'assumptions.update': 'audit.action.assumptionsUpdate',
  'period.close': 'audit.action.periodClose',
  'period.submit': 'audit.action.periodSubmit',
  'period.approve': 'audit.action.periodApprove',
  'period.reopen': 'audit.action.periodReopen',
  'dispute.raise': 'audit.action.disputeRaise',
  'dispute.accept': 'audit.action.disputeAccept',
  'dispute.reject': 'audit.action.disputeReject',
  import: 'audit.action.import',
  'leaderboard.settings': 'audit.action.leaderboardSettings',
  'user.create': 'audit.action.userCreate',
  'user.update': 'audit.action.userUpdate',
  'user.password': 'audit.action.userPassword',
  'user.unlock': 'audit.action.userUnlock',
};

export function auditAction(t: Translate, action: string): string {
  const id = AUDIT_ACTION[action];
  return id ? t(id) : action.replaceAll(/[._]/g, ' ');
}

/** "plan:agents@2025-10-01" → its key and date, or null for another entity. */
export function auditPlanEntity(entity: string): { key: string; date: string } | null {
  const plan = /^plan:(.+)@(\d{4}-\d{2}-\d{2})$/.exec(entity);
  return plan ? { key: plan[1]!, date: plan[2]! } : null;
}

/** "plan:agents@2025-10-01" → "Plan agents, version from Oct 1, 2025". */
export function auditEntity(t: Translate, entity: string): string {
  const plan = auditPlanEntity(entity);
  if (plan) return t('audit.entity.plan', { key: plan.key, date: formatDate(plan.date) });
  const assumptions = /^assumptions@(\d{4}-\d{2}-\d{2})$/.exec(entity);
  if (assumptions) return t('audit.entity.assumptions', { date: formatDate(assumptions[1]) });
  if (entity === 'assumptions@all-history') return t('audit.entity.assumptionsAll');
  if (entity === 'data') return t('audit.entity.data');
  const period = /^period:(.+)$/.exec(entity);
  if (period) return periodLabel(period[1]!);
  const user = /^user:(.+)$/.exec(entity);
  if (user) return t('audit.entity.user', { user: user[1]! });
  return entity.replaceAll('_', ' ');
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const FIELD: Readonly<Record<string, MessageId>> = {
  below_min: 'audit.field.belowMin',
  min_sample: 'audit.field.minSample',
  payout_at_threshold: 'audit.field.payoutAtThreshold',
  shrink: 'audit.field.shrink',
  churn_p: 'audit.field.churnP',
  gross_margin: 'audit.field.grossMargin',
  horizon_years: 'audit.field.horizonYears',
  happy_tells: 'audit.field.happyTells',
  unhappy_tells: 'audit.field.unhappyTells',
  influence: 'audit.field.influence',
  valid_from: 'audit.field.validFrom',
  period_kind: 'audit.field.periodKind',
  weight: 'audit.field.weight',
  threshold: 'audit.field.threshold',
  target: 'audit.field.target',
  stretch: 'audit.field.stretch',
  cap: 'audit.field.cap',
  role: 'audit.field.role',
  key: 'audit.field.key',
  promoter: 'audit.field.promoter',
  passive: 'audit.field.passive',
  detractor: 'audit.field.detractor',
  unknown: 'audit.field.unknown',
};

const PERIOD_KIND: Readonly<Record<string, MessageId>> = {
  month: 'audit.kind.month',
  quarter: 'audit.kind.quarter',
  year: 'audit.kind.year',
};

/** Readable path and value of every leaf of before and after, in the reader's words. */
function words(t: Translate) {
  const fieldName = (k: string) => {
    const id = FIELD[k];
    return id ? t(id) : k.replaceAll('_', ' ');
  };
  const kpiLabelOr = (v: string) => {
    if (kpiName(t, v) !== v) return kpiName(t, v);
    const word = BELOW_MIN_CHOICE[v] ?? PERIOD_KIND[v];
    return word ? t(word) : v.replaceAll('_', ' ');
  };
  const leafText = (v: unknown): string => {
    if (v === null || v === undefined) return '—';
    if (typeof v === 'string') return /^[a-z_]+$/.test(v) ? kpiLabelOr(v) : v;
    return String(v);
  };
  /** Leaves of a JSON value by readable path; lines of a plan are named by their KPI. */
  function leaves(value: unknown, path: string, out: Map<string, string>): void {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const kpi =
          item && typeof item === 'object' && 'kpi' in item && typeof item.kpi === 'string'
            ? kpiName(t, item.kpi)
            : null;
        const name = kpi ? t('audit.line', { kpi }) : t('audit.item', { n: i + 1 });
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
    out.set(path || t('audit.value'), leafText(value));
  }
  return leaves;
}

/** The fields that differ between before and after, each with both values, in words. */
export function auditChanges(t: Translate, before: unknown, after: unknown): FieldChange[] {
  const leaves = words(t);
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  leaves(before, '', a);
  leaves(after, '', b);
  const fields = [...new Set([...a.keys(), ...b.keys()])];
  return fields
    .filter((f) => a.get(f) !== b.get(f))
    .map((f) => ({ field: f, before: a.get(f) ?? '—', after: b.get(f) ?? '—' }));
}
