import type { Formatter } from '../i18n/format';
import type { Period } from '../lib/period';
import type { Scope } from '../lib/scope';

/** "Segment Retail, Baltics (S1)", "Company". */
export function scopeLabel(fmt: Formatter, scope: Scope, name: string | null): string {
  if (scope.kind === 'company') return fmt.t('scope.company');
  const named = name ?? scope.id;
  return fmt.t(`scope.${scope.kind}`, { name: named, id: scope.id });
}

/** "Q1 2026 · Jan 1 – Mar 31, 2026" */
export function periodLine(fmt: Formatter, period: Period): string {
  const last = new Date(Date.parse(`${period.end}T00:00:00Z`) - 86_400_000)
    .toISOString()
    .slice(0, 10);
  return fmt.t('report.periodLine', {
    period: fmt.period(period.key),
    range: fmt.dateRange(period.start, last),
  });
}

/** "open: the figures can still change" / "closed on Apr 2, 2026" */
export function statusLine(
  fmt: Formatter,
  status: 'open' | 'closed',
  closedAt: string | null,
): string {
  return status === 'closed'
    ? fmt.t('report.status.closed', { closedAt: fmt.dateTime(closedAt) })
    : fmt.t('report.status.open');
}

/** "agents from Jan 1, 2025, segment_managers from Jan 1, 2025" / "none" */
export function planVersionsLine(fmt: Formatter, plans: Record<string, string>): string {
  const entries = Object.entries(plans);
  if (entries.length === 0) return fmt.t('report.plans.none');
  return entries
    .map(([plan, validFrom]) =>
      fmt.t('report.plans.version', { plan, validFrom: fmt.date(validFrom) }),
    )
    .join(', ');
}

/** The footer's first line: when the document was made and how fresh the data is. */
export function generatedLine(fmt: Formatter, generatedAt: Date, dataAsOf: string | null): string {
  return fmt.t('report.footer.generated', {
    generated: fmt.dateTime(generatedAt),
    asOf: dataAsOf === null ? fmt.t('report.footer.noData') : fmt.dateTime(dataAsOf),
  });
}

export const pageLabel = (fmt: Formatter) => (page: number, pages: number) =>
  fmt.t('report.footer.page', { page, pages });
