import type { Formatter } from '../i18n/format';
import type { KpiKey } from '../kpis/types';
import { MONEY_FIGURES, type MoneyFigure } from '../money/math';
import type { MoneyAnswer } from '../money/service';
import { type BoardPackData, CHAMPIONS_MIN_N, CHAMPIONS_SHOWN } from './board-pack';
import { formatKpi, kpiCards } from './kpi-format';
import {
  generatedLine,
  pageLabel,
  periodLine,
  planVersionsLine,
  scopeLabel,
  statusLine,
} from './labels';
import { drawKpiCard } from './pdf/cards';
import { drawErrorBarChart, drawTrendChart } from './pdf/charts';
import {
  COLOR,
  CONTENT,
  createDocument,
  type Doc,
  documentBytes,
  ensureRoom,
  FONT,
  finishDocument,
} from './pdf/document';
import { heading, note, table } from './pdf/layout';

/** The KPIs on the cards, in the dashboard's order: the headline three first. */
const CARD_KPIS: readonly KpiKey[] = [
  'nps',
  'csat',
  'ces',
  'retention_rate',
  'first_response_h',
  'resolution_h',
  'follow_up_rate',
  'recovery_rate',
];
/** Segments drawn at most: the best and the worst halves beyond it (see segmentsShown). */
const SEGMENTS_SHOWN = 30;
const NPS_AXIS = {
  domain: [-100, 100] as const,
  ticks: [-100, -50, 0, 50, 100],
};

function title(doc: Doc, fmt: Formatter, data: BoardPackData): void {
  doc.font(FONT.bold).fontSize(18).fillColor(COLOR.text);
  doc.text(fmt.t('board.title'), CONTENT.left, CONTENT.top, { width: CONTENT.width });
  doc.font(FONT.regular).fontSize(10);
  doc.text(periodLine(fmt, data.period), { width: CONTENT.width });
  doc.text(fmt.t('report.scopeLine', { scope: scopeLabel(fmt, data.scope, data.scopeName) }), {
    width: CONTENT.width,
  });
  doc.fontSize(8).fillColor(COLOR.muted);
  doc.text(statusLine(fmt, data.status, data.closedAt), { width: CONTENT.width });
  doc.fillColor(COLOR.text);
}

function cards(doc: Doc, fmt: Formatter, data: BoardPackData): void {
  heading(doc, fmt.t('board.kpis.title'), 140);
  note(doc, fmt.t('board.kpis.note', { previousPeriod: fmt.period(data.kpis.previous_period) }));
  doc.moveDown(0.3);
  const perRow = 4;
  const gap = 7;
  const width = (CONTENT.width - gap * (perRow - 1)) / perRow;
  const height = 64;
  const top = doc.y;
  kpiCards(data.kpis, fmt, CARD_KPIS).forEach((card, i) => {
    const box = {
      x: CONTENT.left + (i % perRow) * (width + gap),
      y: top + Math.floor(i / perRow) * (height + gap),
      width,
      height,
    };
    drawKpiCard(doc, box, card);
  });
  doc.x = CONTENT.left;
  doc.y = top + Math.ceil(CARD_KPIS.length / perRow) * (height + gap);
}

function trend(doc: Doc, fmt: Formatter, data: BoardPackData): void {
  const points = data.trend.points;
  heading(
    doc,
    fmt.t('board.trend.title', {
      from: fmt.period(data.trend.from),
      to: fmt.period(data.trend.to),
    }),
    230,
  );
  note(doc, fmt.t('board.trend.note'));
  const box = { x: CONTENT.left, y: doc.y + 4, width: CONTENT.width, height: 170 };
  const xs = drawTrendChart(
    doc,
    box,
    points.map((p) => ({
      label: fmt.monthShort(p.period),
      value: p.kpis.nps.value,
      margin: p.kpis.nps.moe,
    })),
    { ...NPS_AXIS, tickLabel: (v) => fmt.integer(v) },
  );
  // the chart's figures as text under it: readable, selectable, checkable
  const step = xs.length > 1 ? xs[1]! - xs[0]! : CONTENT.width;
  const rows: [string, (i: number) => string][] = [
    [fmt.t('kpi.nps'), (i) => fmt.number(points[i]!.kpis.nps.value, 1)],
    ['±', (i) => fmt.number(points[i]!.kpis.nps.moe, 1)],
    ['n', (i) => fmt.integer(points[i]!.kpis.nps.n)],
  ];
  let y = box.y + box.height + 2;
  doc.font(FONT.regular).fontSize(6.5);
  for (const [label, cell] of rows) {
    doc.fillColor(COLOR.muted).text(label, CONTENT.left, y, { width: 24, align: 'right' });
    doc.fillColor(COLOR.text);
    xs.forEach((x, i) => {
      doc.text(cell(i), x - step / 2, y, { width: step, align: 'center', lineBreak: false });
    });
    y += 9;
  }
  doc.x = CONTENT.left;
  doc.y = y + 4;
}

const ASSUMPTION_ROWS = (fmt: Formatter, m: MoneyAnswer): [string, string][] => {
  const a = m.assumptions.values;
  const share = (v: string) => fmt.shareUpTo(v, 2);
  return [
    [fmt.t('assumption.gross_margin'), share(a.gross_margin)],
    [
      fmt.t('assumption.horizon_years'),
      fmt.t('assumption.years', { years: fmt.decimal(a.horizon_years, 2) }),
    ],
    [fmt.t('assumption.churn_p.promoter'), share(a.churn_p.promoter)],
    [fmt.t('assumption.churn_p.passive'), share(a.churn_p.passive)],
    [fmt.t('assumption.churn_p.detractor'), share(a.churn_p.detractor)],
    [fmt.t('assumption.churn_p.unknown'), share(a.churn_p.unknown)],
    [fmt.t('assumption.happy_tells'), fmt.decimal(a.happy_tells, 4)],
    [fmt.t('assumption.unhappy_tells'), fmt.decimal(a.unhappy_tells, 4)],
    [fmt.t('assumption.influence'), share(a.influence)],
  ];
};

/**
 * When an assumption version starts: a version stored without a date applies to all
 * history (its valid_from is the 1900-01-01 sentinel), which is said in words.
 */
function validFrom(fmt: Formatter, date: string | null): string {
  return date === null || date <= '1900-01-01' ? fmt.t('board.money.allHistory') : fmt.date(date);
}

function moneyValue(fmt: Formatter, m: MoneyAnswer, figure: MoneyFigure): string {
  if (figure === 'recovery_roi') return fmt.share(m.figures.recovery_roi, 1);
  return fmt.money(m.figures[figure], m.currency);
}

function money(doc: Doc, fmt: Formatter, data: BoardPackData): void {
  const m = data.money;
  heading(doc, fmt.t('board.money.title', { currency: m.currency }), 230);
  note(doc, fmt.t('board.money.note', { asOf: fmt.date(data.period.end) }));
  doc.moveDown(0.3);
  const top = doc.y;
  const gap = 14;
  const leftWidth = 290;
  const rightWidth = CONTENT.width - leftWidth - gap;
  const afterFigures = table(
    doc,
    [
      { header: fmt.t('board.money.figure'), width: leftWidth - 110 },
      { header: fmt.t('board.money.amount'), width: 110, align: 'right' },
    ],
    MONEY_FIGURES.map((f) => [fmt.t(`money.${f}`), moneyValue(fmt, m, f)]),
  );
  doc.y = top;
  const assumptionsX = CONTENT.left + leftWidth + gap;
  table(
    doc,
    [
      { header: fmt.t('board.money.assumption'), width: rightWidth - 60 },
      { header: fmt.t('board.money.value'), width: 60, align: 'right' },
    ],
    ASSUMPTION_ROWS(fmt, m),
    { x: assumptionsX },
  );
  note(
    doc,
    m.assumptions.id === null
      ? fmt.t('board.money.defaults')
      : fmt.t('board.money.version', {
          id: m.assumptions.id,
          validFrom: validFrom(fmt, m.assumptions.valid_from),
        }),
    assumptionsX,
    rightWidth,
  );
  doc.y = Math.max(doc.y, afterFigures);
  const c = m.counts;
  note(
    doc,
    fmt.t('board.money.counts', {
      active: c.active_customers,
      promoters: c.promoters,
      passives: c.passives,
      detractors: c.detractors,
      unknown: c.unknown,
      churned: c.churned_in_period,
      recovered: c.recovered_complaints,
      actions: c.recovery_actions,
    }),
  );
}

/**
 * The segments on the chart: all of them up to SEGMENTS_SHOWN; beyond that the best and
 * the worst halves (the pack stays within three pages, and the segments in trouble are
 * never the ones left out), with a note saying how many are not shown.
 */
export function segmentsShown<T>(rows: readonly T[]): { shown: T[]; hidden: number } {
  if (rows.length <= SEGMENTS_SHOWN) return { shown: [...rows], hidden: 0 };
  const half = SEGMENTS_SHOWN / 2;
  return {
    shown: [...rows.slice(0, half), ...rows.slice(-half)],
    hidden: rows.length - SEGMENTS_SHOWN,
  };
}

function segments(doc: Doc, fmt: Formatter, data: BoardPackData): void {
  const { shown: rows, hidden } = segmentsShown(data.segments.rows);
  heading(doc, fmt.t('board.segments.title'), 60);
  note(doc, fmt.t('board.segments.note'));
  doc.moveDown(0.4);
  if (rows.length === 0) {
    note(doc, fmt.t('board.segments.empty'));
    return;
  }
  if (hidden > 0) {
    note(doc, fmt.t('board.segments.hidden', { shown: SEGMENTS_SHOWN, hidden }));
    doc.moveDown(0.3);
  }
  drawErrorBarChart(
    doc,
    rows.map((r) => ({
      label: r.name,
      value: r.kpis.nps.value,
      margin: r.kpis.nps.moe,
      figures: fmt.t('board.segments.figures', {
        nps: fmt.number(r.kpis.nps.value, 1),
        margin: fmt.number(r.kpis.nps.moe, 1),
        n: r.kpis.nps.n,
      }),
    })),
    { ...NPS_AXIS, tickLabel: (v) => fmt.integer(v) },
    { labelWidth: 150, figuresWidth: 120, rowHeight: 15 },
  );
}

function champions(doc: Doc, fmt: Formatter, data: BoardPackData): void {
  const ranked = data.champions.rows.filter((r) => r.rank !== null).slice(0, CHAMPIONS_SHOWN);
  heading(doc, fmt.t('board.champions.title'), 60);
  note(doc, fmt.t('board.champions.note', { minN: CHAMPIONS_MIN_N, shown: CHAMPIONS_SHOWN }));
  doc.moveDown(0.3);
  if (ranked.length === 0) {
    note(doc, fmt.t('board.champions.empty', { minN: CHAMPIONS_MIN_N }));
    return;
  }
  table(
    doc,
    [
      { header: '#', width: 24, align: 'right' },
      { header: fmt.t('board.champions.employee'), width: 211 },
      { header: fmt.t('kpi.nps'), width: 50, align: 'right' },
      { header: '±', width: 45, align: 'right' },
      { header: 'n', width: 40, align: 'right' },
      { header: fmt.t('kpi.csat'), width: 60, align: 'right' },
      { header: fmt.t('kpi.resolution_h'), width: 85, align: 'right' },
    ],
    ranked.map((r) => [
      fmt.integer(r.rank),
      r.name,
      formatKpi(fmt, 'nps', r.kpis.nps.value),
      fmt.number(r.kpis.nps.moe, 1),
      fmt.integer(r.kpis.nps.n),
      formatKpi(fmt, 'csat', r.kpis.csat.value),
      formatKpi(fmt, 'resolution_h', r.kpis.resolution_h.value),
    ]),
  );
}

/** The executive board pack of one period and scope, as a PDF of one to three A4 pages. */
export function renderBoardPack(
  data: BoardPackData,
  fmt: Formatter,
  generatedAt: Date,
): Promise<Buffer> {
  const scope = scopeLabel(fmt, data.scope, data.scopeName);
  const doc = createDocument({
    title: `${fmt.t('board.title')} · ${fmt.period(data.period.key)} · ${scope}`,
    subject: fmt.t('board.subject'),
    locale: fmt.locale,
    createdAt: generatedAt,
  });
  const bytes = documentBytes(doc);
  title(doc, fmt, data);
  cards(doc, fmt, data);
  trend(doc, fmt, data);
  doc.addPage();
  money(doc, fmt, data);
  segments(doc, fmt, data);
  ensureRoom(doc, 80);
  champions(doc, fmt, data);
  const m = data.money.assumptions;
  finishDocument(
    doc,
    [
      generatedLine(fmt, generatedAt, data.dataAsOf),
      fmt.t('board.footer.versions', {
        assumptions:
          m.id === null
            ? fmt.t('board.footer.defaults')
            : fmt.t('board.footer.assumptions', {
                id: m.id,
                validFrom: validFrom(fmt, m.valid_from),
              }),
        plans: planVersionsLine(fmt, data.plans),
        status: statusLine(fmt, data.status, data.closedAt),
      }),
    ],
    pageLabel(fmt),
  );
  return bytes;
}
