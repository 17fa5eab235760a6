import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Decimal from 'decimal.js';

/**
 * Reading PDFs as a person's PDF viewer would: the text, extracted with `pdftotext` of
 * Debian's poppler-utils (installed by .ci/run). A machine without it fails the PDF
 * tests with this message, never silently.
 */
export function requirePdftotext(): void {
  const probe = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  if (probe.error) {
    throw new Error(
      'pdftotext is missing: the PDF tests read the documents’ text with it. Install Debian’s ' +
        'poppler-utils (sudo apt-get install poppler-utils), or put a pdftotext on the PATH.',
    );
  }
}

const withFile = <T>(bytes: Uint8Array, use: (path: string) => T): T => {
  const dir = mkdtempSync(join(tmpdir(), 'delight-pdf-'));
  try {
    const path = join(dir, 'doc.pdf');
    writeFileSync(path, bytes);
    return use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** The text of every page in reading layout, pages split on form feeds; whitespace runs are one space. */
export function pdfPages(bytes: Uint8Array): string[] {
  const text = withFile(bytes, (path) =>
    execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }),
  );
  return text
    .split('\f')
    .filter((page, i, all) => i < all.length - 1 || page.trim() !== '')
    .map((page) =>
      page
        .split('\n')
        .map((line) => line.replace(/\s+/gu, ' ').trim())
        .join('\n'),
    );
}

export const pdfText = (bytes: Uint8Array): string => pdfPages(bytes).join('\n');
export const pdfLines = (bytes: Uint8Array): string[] =>
  pdfText(bytes)
    .split('\n')
    .filter((l) => l !== '');

// ---------------------------------------------------------------------------
// How a figure is printed (en), computed here without the product's formatter: decimal.js
// half-even rounding of the API's value, and English digit grouping.

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** `value` with exactly `places` decimals, half-even, grouped: 1234.5 → "1,234.5"; null → "—". */
export function fixed(value: number | string | null, places: number): string {
  if (value === null) return '—';
  const text = new Decimal(value).toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN).toFixed(places);
  const negative = text.startsWith('-') && !/^-0(\.0*)?$/.test(text);
  const [int, frac] = text.replace(/^-/, '').split('.') as [string, string | undefined];
  return `${negative ? '-' : ''}${group(int)}${frac ? `.${frac}` : ''}`;
}

/** Up to `places` decimals, trailing zeros dropped: 0.63074 → "0.6307", 1 → "1". */
export function upTo(value: number | string, places: number): string {
  const d = new Decimal(value).toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN);
  const [int, frac] = d.abs().toFixed().split('.') as [string, string | undefined];
  return `${d.isNegative() && !d.isZero() ? '-' : ''}${group(int)}${frac ? `.${frac}` : ''}`;
}

/** A signed change with a sign unless it rounds to zero: +1.2, -20.5, 0.0. */
export function signed(value: number, places: number): string {
  const s = fixed(value, places);
  return s.startsWith('-') || /^[0.,]+$/.test(s) ? s : `+${s}`;
}

const SYMBOL: Record<string, string> = { EUR: '€', USD: '$', GBP: '£' };

/** A money string as English Intl prints it: €156,446.20, UAH 243,955.45 (no float involved). */
export function money(amount: string | null, currency: string): string {
  if (amount === null) return '—';
  const negative = amount.startsWith('-');
  const body = fixed(amount.replace(/^-/, ''), 2);
  const symbol = SYMBOL[currency];
  const unsigned = symbol ? `${symbol}${body}` : `${currency} ${body}`;
  return negative ? `-${unsigned}` : unsigned;
}

/** Percent units (0–100) with one decimal: 50 → "50.0%". */
export const percent = (value: number | null, places = 1) =>
  value === null ? '—' : `${fixed(value, places)}%`;

const escapeRegex = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A printed figure or phrase, found whatever spacing pdftotext guessed between its glyphs
 * ("n = 8" may come out as "n=8"), and not as part of a longer number ("8" in "85").
 */
export function printed(expected: string): RegExp {
  const body = [...expected.replace(/\s+/gu, '')].map(escapeRegex).join('\\s*');
  const digitEdge = (ch: string | undefined) => ch !== undefined && /[\d]/.test(ch);
  const before = digitEdge(expected.trim()[0]) || expected.trim()[0] === '-' ? '(?<![\\d.,])' : '';
  const after = digitEdge(expected.trim().at(-1)) ? '(?![\\d])' : '';
  return new RegExp(`${before}${body}${after}`, 'u');
}

/** Whether the text holds every part, each printed as `printed` finds it. */
export const holds = (text: string, ...parts: string[]): boolean =>
  parts.every((p) => printed(p).test(text));
