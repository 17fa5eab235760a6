import type { RunSignOff } from '../bonus/approval-sign-off';
import type { BonusLine } from '../bonus/math';
import type { BonusRow } from '../bonus/service';
import { DASH, type Formatter } from '../i18n/format';
import type { Period } from '../lib/period';
import { formatKpi, kpiLabel } from './kpi-format';
import { generatedLine, pageLabel, periodLine, statusLine } from './labels';
import {
  COLOR,
  CONTENT,
  createDocument,
  type Doc,
  documentBytes,
  FONT,
  finishDocument,
} from './pdf/document';
import { heading, note, pairs, table } from './pdf/layout';
import { measured, signedMoney, sourceLabel, statementSteps } from './statement-steps';

/** One employee's bonus statement: the row of the run, with the period's state. */
export interface StatementData {
  period: Period;
  status: 'open' | 'closed';
  closedAt: string | null;
  row: BonusRow;
  dataAsOf: string | null;
  /** the run's sign-off: a submitted, approved or closed run's statement carries it */
  signOff?: RunSignOff;
}

/** "Run approved by user:eva@… on Apr 3, 2026 (submitted by …)." */
export function signOffLine(fmt: Formatter, s: RunSignOff | undefined): string | null {
  if (!s) return null;
  if ((s.state === 'approved' || s.state === 'closed') && s.approved_by) {
    return fmt.t('report.signOff.approved', {
      approvedBy: s.approved_by,
      approvedAt: fmt.dateTime(s.approved_at),
      submittedBy: s.submitted_by ?? '',
    });
  }
  if (s.state === 'submitted' && s.submitted_by) {
    return fmt.t('report.signOff.submitted', {
      submittedBy: s.submitted_by,
      submittedAt: fmt.dateTime(s.submitted_at),
    });
  }
  if (s.state === 'open' && s.reopen_reason) {
    return fmt.t('report.signOff.reopened', { reason: s.reopen_reason });
  }
  return null;
}

const roleLabel = (fmt: Formatter, role: string) =>
  ['admin', 'executive', 'hr', 'segment_manager', 'agent'].includes(role)
    ? fmt.t(`role.${role as 'admin' | 'executive' | 'hr' | 'segment_manager' | 'agent'}`)
    : role;

function header(doc: Doc, fmt: Formatter, st: StatementData): void {
  const r = st.row;
  doc.font(FONT.bold).fontSize(18).fillColor(COLOR.text);
  doc.text(fmt.t('statement.title'), CONTENT.left, CONTENT.top, { width: CONTENT.width });
  doc.font(FONT.regular).fontSize(10).text(periodLine(fmt, st.period), { width: CONTENT.width });
  doc.fontSize(8).fillColor(COLOR.muted);
  doc.text(statusLine(fmt, st.status, st.closedAt), { width: CONTENT.width });
  const signed = signOffLine(fmt, st.signOff);
  if (signed) doc.text(signed, { width: CONTENT.width });
  if (st.status === 'open') doc.text(fmt.t('statement.projection'), { width: CONTENT.width });
  doc.fillColor(COLOR.text).moveDown(0.6);

  const top = doc.y;
  const half = (CONTENT.width - 16) / 2;
  pairs(
    doc,
    [
      [fmt.t('statement.employee'), `${r.name} (${r.employee})`],
      [fmt.t('statement.role'), roleLabel(fmt, r.role)],
      [fmt.t('statement.segment'), r.segment ?? fmt.t('statement.noSegment')],
      [fmt.t('statement.email'), r.email],
    ],
    CONTENT.left,
    half,
    80,
  );
  const leftBottom = doc.y;
  doc.y = top;
  pairs(
    doc,
    [
      [
        st.status === 'open' ? fmt.t('statement.projectedBonus') : fmt.t('statement.bonus'),
        fmt.money(r.bonus_amount, r.currency),
      ],
      [fmt.t('statement.target'), fmt.money(r.bonus_target, r.currency)],
      [fmt.t('statement.totalAchievement'), fmt.shareUpTo(r.total_achievement, 2)],
      [
        fmt.t('statement.proration'),
        fmt.t('statement.prorationDays', { days: r.proration_days, periodDays: r.period_days }),
      ],
      [
        fmt.t('statement.plan'),
        fmt.t('statement.planVersion', { plan: r.plan, validFrom: fmt.date(r.plan_valid_from) }),
      ],
    ],
    CONTENT.left + half + 16,
    half,
    95,
  );
  doc.x = CONTENT.left;
  doc.y = Math.max(leftBottom, doc.y) + 4;
}

/** The value the achievement is measured on and where it comes from, or the rule instead. */
function usedCell(fmt: Formatter, l: BonusLine, own: string): string {
  if (l.fallback === null) return `${own}\n${sourceLabel(fmt, l.source)}`;
  if (l.fallback === 'segment') {
    return `${measured(fmt, l.kpi, l.value, l.n, l.moe)}\n${sourceLabel(fmt, l.source)}\n${fmt.t('statement.fallback.segment')}`;
  }
  return `${DASH}\n${fmt.t(`statement.fallback.${l.fallback}`)}`;
}

function lines(doc: Doc, fmt: Formatter, r: BonusRow): void {
  heading(doc, fmt.t('statement.lines.title'), 60);
  table(
    doc,
    [
      { header: fmt.t('statement.lines.kpi'), width: 70 },
      { header: fmt.t('statement.lines.weight'), width: 40, align: 'right' },
      { header: fmt.t('statement.lines.own'), width: 88 },
      { header: fmt.t('statement.lines.used'), width: 103 },
      { header: fmt.t('statement.lines.curve'), width: 92 },
      { header: fmt.t('statement.lines.achievement'), width: 62, align: 'right' },
      { header: fmt.t('statement.lines.contribution'), width: 60, align: 'right' },
    ],
    r.lines.map((l) => {
      const own = measured(
        fmt,
        l.kpi,
        l.own_value,
        l.own_n,
        l.fallback === 'segment' ? null : l.moe,
      );
      return [
        kpiLabel(fmt, l.kpi),
        fmt.decimal(l.weight, 4),
        `${own}\n${fmt.t('statement.lines.minSample', { min: l.min_sample })}`,
        usedCell(fmt, l, own),
        fmt.t('statement.lines.curveValues', {
          threshold: formatKpi(fmt, l.kpi, l.threshold),
          target: formatKpi(fmt, l.kpi, l.target),
          stretch: formatKpi(fmt, l.kpi, l.stretch),
        }),
        l.achievement === null ? fmt.t('statement.excluded') : fmt.decimal(l.achievement, 4),
        fmt.decimal(l.contribution, 4),
      ];
    }),
    { fontSize: 7.5 },
  );
}

/** Manual adjustments (accepted disputes): each its own line, with its reason. */
function adjustments(doc: Doc, fmt: Formatter, r: BonusRow): void {
  if (r.adjustments.length === 0) return;
  heading(doc, fmt.t('statement.adjustments.title'), 40);
  table(
    doc,
    [
      { header: fmt.t('statement.adjustments.reason'), width: 415 },
      { header: fmt.t('statement.adjustments.amount'), width: 100, align: 'right' },
    ],
    [
      [fmt.t('statement.computedBonus'), fmt.money(r.computed_amount, r.currency)],
      ...r.adjustments.map((a) => [a.reason, signedMoney(fmt, a.amount, r.currency)]),
      [fmt.t('statement.bonus'), fmt.money(r.bonus_amount, r.currency)],
    ],
    { fontSize: 8 },
  );
}

function steps(doc: Doc, fmt: Formatter, r: BonusRow): void {
  heading(doc, fmt.t('statement.steps.title'), 60);
  doc.font(FONT.regular).fontSize(8).fillColor(COLOR.text);
  statementSteps(fmt, r).forEach((step, i) => {
    doc.text(`${i + 1}. ${step}`, CONTENT.left, doc.y, { width: CONTENT.width, paragraphGap: 2 });
  });
  doc.moveDown(0.5);
  note(doc, fmt.t('statement.rounding'));
}

/** Draws one statement on `doc`, which ends it (its own file). */
export function drawStatement(
  doc: Doc,
  fmt: Formatter,
  st: StatementData,
  generatedAt: Date,
): void {
  header(doc, fmt, st);
  lines(doc, fmt, st.row);
  adjustments(doc, fmt, st.row);
  steps(doc, fmt, st.row);
  finishDocument(
    doc,
    [
      generatedLine(fmt, generatedAt, st.dataAsOf),
      fmt.t('statement.footer.versions', {
        plan: fmt.t('statement.planVersion', {
          plan: st.row.plan,
          validFrom: fmt.date(st.row.plan_valid_from),
        }),
        status: statusLine(fmt, st.status, st.closedAt),
      }),
      ...(signOffLine(fmt, st.signOff) ? [signOffLine(fmt, st.signOff)!] : []),
    ],
    pageLabel(fmt),
  );
}

/** One statement as a PDF (one or two A4 pages). */
export function renderStatement(
  st: StatementData,
  fmt: Formatter,
  generatedAt: Date,
): Promise<Buffer> {
  const doc = createDocument({
    title: `${fmt.t('statement.title')} · ${st.row.name} · ${fmt.period(st.period.key)}`,
    subject: fmt.t('statement.subject'),
    locale: fmt.locale,
    createdAt: generatedAt,
  });
  const bytes = documentBytes(doc);
  drawStatement(doc, fmt, st, generatedAt);
  return bytes;
}
