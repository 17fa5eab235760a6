import { readFileSync } from 'node:fs';
import { create, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import type { Locale } from '../../i18n/locales';
// pdfkit's typings learn that registerFont takes a parsed fontkit font (types only)
import type {} from './pdfkit-fontkit';

/**
 * The one way a report PDF is made: A4, the shipped DejaVu Sans embedded (Latin with
 * Latvian, Cyrillic and the currency signs; subset to the glyphs used, with a ToUnicode
 * map so text is selectable and extractable), metadata, a footer on every page.
 *
 * The fonts are read and parsed once per process from the repository (fonts/,
 * Bitstream Vera licence + public domain, see fonts/LICENSE.txt): no network at build
 * or run time. Each document still embeds its own subset.
 */
function loadFont(file: string): Font {
  const parsed = create(readFileSync(new URL(`../fonts/${file}`, import.meta.url)));
  if (!('layout' in parsed)) throw new Error(`${file} is a font collection, not a font`);
  return parsed;
}
const REGULAR = loadFont('DejaVuSans.ttf');
const BOLD = loadFont('DejaVuSans-Bold.ttf');

export type Doc = PDFKit.PDFDocument;

export const PAGE = { width: 595.28, height: 841.89, margin: 40 } as const;
/** Room kept at the bottom of every page for the footer. */
const FOOTER_HEIGHT = 34;
export const CONTENT = {
  left: PAGE.margin,
  right: PAGE.width - PAGE.margin,
  width: PAGE.width - 2 * PAGE.margin,
  top: PAGE.margin,
  bottom: PAGE.height - PAGE.margin - FOOTER_HEIGHT,
} as const;

export const COLOR = {
  text: '#1a1a1a',
  muted: '#595959',
  rule: '#c8c8c8',
  grid: '#e3e3e3',
  band: '#cfe3f1',
  blue: '#0072B2',
  better: '#00664a',
  worse: '#a33a00',
  panel: '#f4f6f8',
} as const;

export const FONT = { regular: 'regular', bold: 'bold' } as const;

export interface DocumentMeta {
  title: string;
  subject: string;
  locale: Locale;
  /** the instant the document is made: CreationDate, and the footer's "generated" */
  createdAt: Date;
}

export function createDocument(meta: DocumentMeta): Doc {
  const doc = new PDFDocument({
    size: 'A4',
    margins: {
      top: PAGE.margin,
      left: PAGE.margin,
      right: PAGE.margin,
      bottom: PAGE.margin + FOOTER_HEIGHT,
    },
    bufferPages: true,
    pdfVersion: '1.7',
    lang: meta.locale,
    displayTitle: true,
    info: {
      Title: meta.title,
      Subject: meta.subject,
      Creator: 'Delight Ledger',
      CreationDate: meta.createdAt,
    },
  });
  doc.registerFont(FONT.regular, REGULAR);
  doc.registerFont(FONT.bold, BOLD);
  doc.font(FONT.regular).fontSize(9).fillColor(COLOR.text);
  return doc;
}

/** Starts a new page when less than `height` is left above the footer. */
export function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > CONTENT.bottom) {
    doc.addPage();
    doc.x = CONTENT.left;
    doc.y = CONTENT.top;
  }
}

/**
 * Writes the footer lines and "page n of N" on every page, then ends the document.
 * The footer sits in the bottom margin, which is lifted while it is drawn so pdfkit
 * does not start another page for it.
 */
export function finishDocument(
  doc: Doc,
  footerLines: string[],
  pageLabel: (page: number, pages: number) => string,
): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const top = PAGE.height - PAGE.margin - FOOTER_HEIGHT + 8;
    doc
      .moveTo(CONTENT.left, top - 4)
      .lineTo(CONTENT.right, top - 4)
      .lineWidth(0.5)
      .strokeColor(COLOR.rule)
      .stroke();
    doc.font(FONT.regular).fontSize(6.5).fillColor(COLOR.muted);
    const label = pageLabel(i - start + 1, count);
    const labelWidth = doc.widthOfString(label);
    doc.text(footerLines.join('\n'), CONTENT.left, top, {
      width: CONTENT.width - labelWidth - 12,
      lineGap: 1,
    });
    doc.text(label, CONTENT.right - labelWidth, top, { width: labelWidth, lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
}

/** The finished document's bytes. */
export function documentBytes(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** Renders a document with `draw` and returns its bytes. */
export async function renderPdf(meta: DocumentMeta, draw: (doc: Doc) => void): Promise<Buffer> {
  const doc = createDocument(meta);
  const bytes = documentBytes(doc);
  draw(doc);
  return bytes;
}
