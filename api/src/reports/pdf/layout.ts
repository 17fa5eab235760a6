import { COLOR, CONTENT, type Doc, ensureRoom, FONT } from './document';

/** A section heading, with room for at least `keep` points of what follows on the same page. */
export function heading(doc: Doc, text: string, keep = 60): void {
  ensureRoom(doc, keep + 20);
  doc.moveDown(0.4);
  doc.font(FONT.bold).fontSize(11).fillColor(COLOR.text);
  doc.text(text, CONTENT.left, doc.y, { width: CONTENT.width });
  doc.moveDown(0.25);
}

/** A muted line of explanation under a heading or a table. */
export function note(
  doc: Doc,
  text: string,
  x: number = CONTENT.left,
  width: number = CONTENT.width,
): void {
  doc.font(FONT.regular).fontSize(7).fillColor(COLOR.muted);
  doc.text(text, x, doc.y, { width });
  doc.fillColor(COLOR.text);
}

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

export interface TableOptions {
  x?: number;
  fontSize?: number;
  /** cells in bold, e.g. a total row */
  boldRows?: ReadonlySet<number>;
}

const PAD = 3;

/**
 * A plain table: a bold header (repeated after a page break), rows that wrap their
 * cells, thin rules between rows. Returns the y below it.
 */
export function table(
  doc: Doc,
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): number {
  const x0 = options.x ?? CONTENT.left;
  const size = options.fontSize ?? 8;
  const width = columns.reduce((s, c) => s + c.width, 0);

  const rowHeight = (cells: readonly string[], bold: boolean) => {
    doc.font(bold ? FONT.bold : FONT.regular).fontSize(size);
    return (
      Math.max(
        ...cells.map((cell, i) => doc.heightOfString(cell, { width: columns[i]!.width - 2 * PAD })),
      ) +
      2 * PAD
    );
  };
  const drawRow = (cells: readonly string[], y: number, h: number, bold: boolean) => {
    doc
      .font(bold ? FONT.bold : FONT.regular)
      .fontSize(size)
      .fillColor(COLOR.text);
    let x = x0;
    cells.forEach((cell, i) => {
      const col = columns[i]!;
      doc.text(cell, x + PAD, y + PAD, { width: col.width - 2 * PAD, align: col.align ?? 'left' });
      x += col.width;
    });
    doc
      .moveTo(x0, y + h)
      .lineTo(x0 + width, y + h)
      .lineWidth(bold ? 0.7 : 0.3)
      .strokeColor(COLOR.rule)
      .stroke();
  };
  const header = columns.map((c) => c.header);
  const headerHeight = rowHeight(header, true);

  let y = doc.y;
  const startPage = (needed: number) => {
    if (y + headerHeight + needed > CONTENT.bottom) {
      doc.addPage();
      y = CONTENT.top;
    }
    drawRow(header, y, headerHeight, true);
    y += headerHeight;
  };
  startPage(rows.length > 0 ? rowHeight(rows[0]!, false) : 0);
  rows.forEach((cells, r) => {
    const bold = options.boldRows?.has(r) ?? false;
    const h = rowHeight(cells, bold);
    if (y + h > CONTENT.bottom) {
      doc.addPage();
      y = CONTENT.top;
      startPage(h);
    }
    drawRow(cells, y, h, bold);
    y += h;
  });
  doc.x = CONTENT.left;
  doc.y = y + 4;
  return doc.y;
}

/** Label–value pairs in two aligned columns (a small key/value table without header). */
export function pairs(
  doc: Doc,
  items: readonly [string, string][],
  x: number,
  width: number,
  labelWidth: number,
): number {
  let y = doc.y;
  for (const [label, value] of items) {
    doc.font(FONT.regular).fontSize(8).fillColor(COLOR.muted);
    const h = Math.max(
      doc.heightOfString(label, { width: labelWidth - 4 }),
      doc.font(FONT.bold).heightOfString(value, { width: width - labelWidth }),
    );
    doc
      .font(FONT.regular)
      .fillColor(COLOR.muted)
      .text(label, x, y, { width: labelWidth - 4 });
    doc
      .font(FONT.bold)
      .fillColor(COLOR.text)
      .text(value, x + labelWidth, y, { width: width - labelWidth });
    y += h + 2;
  }
  doc.y = y;
  return y;
}
