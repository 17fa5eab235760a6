import type { Box } from './cards';
import { COLOR, CONTENT, type Doc, FONT } from './document';

/** A value with its 95 % margin of error (NPS), null where there is no answer. */
export interface Estimate {
  value: number | null;
  margin: number | null;
}

export interface Axis {
  domain: readonly [number, number];
  ticks: readonly number[];
  tickLabel: (v: number) => string;
}

const clamp = (v: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, v));

/**
 * A line chart with its ± margin-of-error band, as vector paths (real lines and
 * polygons, not an image): one band and one line per run of periods that have a value
 * (a period without answers breaks the line rather than inventing a value), a dot per
 * value. Returns the x centre of each point, for a data table under it.
 */
export function drawTrendChart(
  doc: Doc,
  box: Box,
  points: readonly (Estimate & { label: string })[],
  axis: Axis,
): number[] {
  const axisWidth = 26;
  const labelHeight = 12;
  const plot = {
    x: box.x + axisWidth,
    y: box.y + 4,
    width: box.width - axisWidth - 4,
    height: box.height - labelHeight - 8,
  };
  const [lo, hi] = axis.domain;
  const yOf = (v: number) =>
    plot.y + plot.height - ((clamp(v, axis.domain) - lo) / (hi - lo)) * plot.height;
  const step = plot.width / Math.max(1, points.length);
  const xOf = (i: number) => plot.x + step * (i + 0.5);

  doc.font(FONT.regular).fontSize(6.5);
  for (const t of axis.ticks) {
    const y = yOf(t);
    doc
      .moveTo(plot.x, y)
      .lineTo(plot.x + plot.width, y)
      .lineWidth(t === 0 ? 0.8 : 0.4)
      .strokeColor(t === 0 ? COLOR.muted : COLOR.grid)
      .stroke();
    const label = axis.tickLabel(t);
    doc
      .fillColor(COLOR.muted)
      .text(label, box.x, y - 3.5, { width: axisWidth - 4, align: 'right' });
  }

  // runs of consecutive points that have a value
  const runs: number[][] = [];
  points.forEach((p, i) => {
    if (p.value === null) return;
    const last = runs.at(-1);
    if (last && last.at(-1) === i - 1) last.push(i);
    else runs.push([i]);
  });

  doc.save();
  doc.fillColor(COLOR.band).fillOpacity(0.9);
  for (const run of runs) {
    const upper = run.map((i) => [xOf(i), yOf(points[i]!.value! + (points[i]!.margin ?? 0))]);
    const lower = run.map((i) => [xOf(i), yOf(points[i]!.value! - (points[i]!.margin ?? 0))]);
    if (run.length === 1) {
      const [[x, yTop]] = upper as [[number, number]];
      const [[, yBottom]] = lower as [[number, number]];
      doc.rect(x - 3, yTop, 6, yBottom - yTop).fill();
      continue;
    }
    doc
      .polygon(...(upper as [number, number][]), ...(lower.reverse() as [number, number][]))
      .fill();
  }
  doc.restore();

  doc.lineWidth(1.6).strokeColor(COLOR.blue);
  for (const run of runs) {
    run.forEach((i, k) => {
      const x = xOf(i);
      const y = yOf(points[i]!.value!);
      if (k === 0) doc.moveTo(x, y);
      else doc.lineTo(x, y);
    });
    if (run.length > 1) doc.stroke();
  }
  for (const run of runs) {
    for (const i of run) doc.circle(xOf(i), yOf(points[i]!.value!), 2).fillColor(COLOR.blue).fill();
  }

  doc.font(FONT.regular).fontSize(6.5).fillColor(COLOR.muted);
  points.forEach((p, i) => {
    doc.text(p.label, xOf(i) - step / 2, plot.y + plot.height + 4, {
      width: step,
      align: 'center',
      lineBreak: false,
    });
  });
  doc.fillColor(COLOR.text);
  return points.map((_, i) => xOf(i));
}

export interface BarRow extends Estimate {
  label: string;
  /** the figures in words beside the bar: "-7.1 ± 21.5 · n = 56" */
  figures: string;
}

/**
 * Horizontal bars from zero with error bars of ± the margin of error, one row per
 * entity, the figures written beside each bar. Continues on the next page when the
 * rows do not fit. Returns the y below it.
 */
export function drawErrorBarChart(
  doc: Doc,
  rows: readonly BarRow[],
  axis: Axis,
  layout: { labelWidth: number; figuresWidth: number; rowHeight: number },
): number {
  const plotX = CONTENT.left + layout.labelWidth;
  const plotWidth = CONTENT.width - layout.labelWidth - layout.figuresWidth - 8;
  const [lo, hi] = axis.domain;
  const xOf = (v: number) => plotX + ((clamp(v, axis.domain) - lo) / (hi - lo)) * plotWidth;
  const axisHeight = 12;

  let i = 0;
  while (i < rows.length) {
    const room = Math.floor((CONTENT.bottom - doc.y - axisHeight) / layout.rowHeight);
    if (room < 2) {
      doc.addPage();
      doc.y = CONTENT.top;
      continue;
    }
    const chunk = rows.slice(i, i + room);
    const top = doc.y;
    const bottom = top + chunk.length * layout.rowHeight;
    doc.font(FONT.regular).fontSize(6.5);
    for (const t of axis.ticks) {
      const x = xOf(t);
      doc
        .moveTo(x, top)
        .lineTo(x, bottom)
        .lineWidth(t === 0 ? 0.8 : 0.4)
        .strokeColor(t === 0 ? COLOR.muted : COLOR.grid)
        .stroke();
      doc.fillColor(COLOR.muted).text(axis.tickLabel(t), x - 15, bottom + 2, {
        width: 30,
        align: 'center',
        lineBreak: false,
      });
    }
    chunk.forEach((row, k) => {
      const y = top + k * layout.rowHeight;
      const mid = y + layout.rowHeight / 2;
      doc.font(FONT.regular).fontSize(7.5).fillColor(COLOR.text);
      doc.text(row.label, CONTENT.left, mid - 4, {
        width: layout.labelWidth - 6,
        lineBreak: false,
        ellipsis: true,
      });
      if (row.value !== null) {
        const x0 = xOf(0);
        const x1 = xOf(row.value);
        doc
          .rect(Math.min(x0, x1), mid - 4, Math.max(0.8, Math.abs(x1 - x0)), 8)
          .fillColor(COLOR.blue)
          .fillOpacity(0.75)
          .fill()
          .fillOpacity(1);
        if (row.margin !== null) {
          const a = xOf(row.value - row.margin);
          const b = xOf(row.value + row.margin);
          doc.lineWidth(0.9).strokeColor(COLOR.text);
          doc.moveTo(a, mid).lineTo(b, mid).stroke();
          doc
            .moveTo(a, mid - 3)
            .lineTo(a, mid + 3)
            .stroke();
          doc
            .moveTo(b, mid - 3)
            .lineTo(b, mid + 3)
            .stroke();
        }
      }
      doc.font(FONT.regular).fontSize(7).fillColor(COLOR.text);
      doc.text(row.figures, CONTENT.right - layout.figuresWidth, mid - 4, {
        width: layout.figuresWidth,
        align: 'right',
        lineBreak: false,
      });
    });
    i += chunk.length;
    doc.x = CONTENT.left;
    doc.y = bottom + axisHeight + 2;
  }
  return doc.y;
}
