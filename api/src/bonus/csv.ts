import { Readable } from 'node:stream';
import type { Executor } from '@delight/db';
import { stringify } from 'csv-stringify';
import { minorUnits, roundMoney } from '../lib/decimal';
import { notFound } from '../lib/errors';
import { fitsPlaces, fixedHalfEven, parseQ, type Q, q } from '../lib/exact';
import type { Period } from '../lib/period';
import { snapshotKpis, type Viewer } from './queries';
import type { BonusRow } from './service';
import { bonusRows, planKpis, plansInForce } from './service';

/**
 * Text cells that a spreadsheet would run as a formula get a leading `'` (DESIGN.md,
 * HR CSV layout). Only text cells: our numbers (`-7.1429`) are written as numbers.
 */
export function neutralise(text: string | null): string {
  if (text === null) return '';
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A 4-decimal cell: the half-even rounding of the exact value (fraction text). */
const num4 = (exact: string | null) => (exact === null ? '' : fixedHalfEven(parseQ(exact), 4));

/**
 * The payout factor printed with as many decimals as it takes for
 * round_half_even(bonus_target × factor) to give bonus_amount: its exact decimal when
 * that has at most `p` digits, else its half-even rounding (or, next to an exact
 * half-cent tie, its truncation toward the side half-even took), at the first
 * precision p ≥ 6 that reconciles.
 */
export function reconcilingFactor(
  factor: Q,
  bonusTarget: string,
  amount: string,
  currency: string,
): string {
  const places = minorUnits(currency);
  const target = q(bonusTarget);
  const reconciles = (text: string) => fixedHalfEven(target.mul(q(text)), places) === amount;
  for (let p = FACTOR_MIN_PLACES; p <= 40; p++) {
    if (fitsPlaces(factor, p)) return fixedHalfEven(factor, p);
    const candidates = [
      fixedHalfEven(factor, p),
      fixedHalfEven(factor.floor(p), p),
      fixedHalfEven(factor.ceil(p), p),
    ];
    const found = candidates.find(reconciles);
    if (found) return found;
  }
  return fixedHalfEven(factor, 40);
}
const FACTOR_MIN_PLACES = 6;

/**
 * `spec`: exactly DESIGN.md's columns. `reconciling` (the default export): the same,
 * then `payout_factor` (= total_achievement × proration, with enough decimals that
 * bonus_target × payout_factor rounds half-even to bonus_amount). The 4-decimal
 * columns cannot reconcile a large target by themselves (2606.55 × 0.6781 = 1767.50,
 * not 1767.57), and the spec fixes them at 4 decimals, so the factor is a column of
 * its own, after every column the spec names: a reader by position or by name of the
 * spec's columns sees them unchanged.
 */
export type CsvLayout = 'spec' | 'reconciling';

/**
 * The reconciling layout's columns after the spec's: `payout_factor`, then
 * `adjustments` (the sum of the manual adjustments, signed, in minor units), so that
 * bonus_amount = round_half_even(bonus_target × payout_factor) + adjustments, and the
 * run's sign-off: `run_state` (open, submitted, approved, closed) and `approved_by`.
 */
export const RECONCILING_COLUMNS = [
  'payout_factor',
  'adjustments',
  'run_state',
  'approved_by',
] as const;

/** The run's state and approver, the same on every record of the file. */
export interface CsvSignOff {
  state: string;
  approved_by: string | null;
}

export function csvHeader(kpis: readonly string[], layout: CsvLayout = 'reconciling'): string[] {
  return [
    'external_id',
    'name',
    'email',
    'role',
    'segment',
    'period',
    'currency',
    'bonus_target',
    'proration',
    ...kpis.flatMap((k) => [`${k}_value`, `${k}_n`, `${k}_achievement`, `${k}_contribution`]),
    'total_achievement',
    'bonus_amount',
    ...(layout === 'reconciling' ? [...RECONCILING_COLUMNS] : []),
  ];
}

/** One CSV record: 4 decimals for numbers, minor units for money, empty outside the plan. */
export function csvRecord(
  row: BonusRow,
  period: string,
  kpis: readonly string[],
  layout: CsvLayout = 'reconciling',
  signOff: CsvSignOff = { state: 'open', approved_by: null },
): string[] {
  const byKpi = new Map(row.lines.map((l) => [l.kpi as string, l]));
  return [
    neutralise(row.employee),
    neutralise(row.name),
    neutralise(row.email),
    neutralise(row.role),
    neutralise(row.segment),
    neutralise(period),
    neutralise(row.currency),
    roundMoney(row.bonus_target, row.currency),
    num4(row.exact.proration),
    ...kpis.flatMap((k) => {
      const l = byKpi.get(k);
      if (!l) return ['', '', '', ''];
      // an excluded line: empty achievement, contribution 0; value and n those used
      return [
        num4(l.exact.value),
        String(l.n),
        num4(l.exact.achievement),
        num4(l.exact.contribution),
      ];
    }),
    num4(row.exact.total_achievement),
    row.bonus_amount,
    ...(layout === 'reconciling'
      ? [
          reconcilingFactor(
            parseQ(row.exact.payout_factor),
            row.bonus_target,
            row.computed_amount,
            row.currency,
          ),
          row.adjustment_total,
          neutralise(signOff.state),
          neutralise(signOff.approved_by),
        ]
      : []),
  ];
}

/**
 * How the cells are separated and how decimals are written. The spec's format (the
 * default) is `,` and `.`; a spreadsheet set up for Latvian, Russian, Ukrainian or
 * Bulgarian opens `;` with decimal commas (`?delimiter=semicolon&decimal=comma`).
 * Only the separators change: the same cells, the same exact values, the same
 * neutralised text.
 */
export interface CsvFormat {
  delimiter: 'comma' | 'semicolon';
  decimal: 'point' | 'comma';
}
export const SPEC_FORMAT: CsvFormat = { delimiter: 'comma', decimal: 'point' };

/** Columns before bonus_target are text (ids, names, codes); the numbers follow. */
const TEXT_COLUMNS = 7;
/** The reconciling layout ends with two text columns: run_state, approved_by. */
const TRAILING_TEXT_COLUMNS: Record<CsvLayout, number> = { spec: 0, reconciling: 2 };

/** A record with its number cells written with a decimal comma (text cells untouched). */
export function withDecimalComma(
  record: readonly string[],
  layout: CsvLayout = 'reconciling',
): string[] {
  const numbersEnd = record.length - TRAILING_TEXT_COLUMNS[layout];
  return record.map((cell, i) =>
    i < TEXT_COLUMNS || i >= numbersEnd ? cell : cell.replace('.', ','),
  );
}

/** `bonus-2026-Q1.csv` */
export const csvFileName = (period: string) => `bonus-${period}.csv`;

/**
 * The HR CSV of a period as a stream: rows are computed (or read from the snapshot)
 * a page at a time and written through csv-stringify as they come, so memory does
 * not grow with the number of employees. UTF-8 with BOM (spreadsheets then read
 * Cyrillic names right), CRLF records (RFC 4180). Everything that can fail with a
 * 4xx is checked before the first byte.
 */
export async function hrCsv(
  db: Executor,
  period: Period,
  viewer: Viewer,
  layout: CsvLayout = 'reconciling',
  format: CsvFormat = SPEC_FORMAT,
): Promise<Readable> {
  const { state, rows } = await bonusRows(db, period, viewer);
  let kpis: string[];
  if (state.status === 'closed') {
    if (state.id === null) throw notFound(`No snapshot for ${period.key}`);
    kpis = await snapshotKpis(db, state.id);
  } else {
    kpis = planKpis(await plansInForce(db, period));
  }
  const cells =
    format.decimal === 'comma'
      ? (record: string[]) => withDecimalComma(record, layout)
      : (record: string[]): string[] => record;
  async function* records() {
    yield csvHeader(kpis, layout);
    const signOff = { state: state.status, approved_by: state.approved_by };
    for await (const row of rows) yield cells(csvRecord(row, period.key, kpis, layout, signOff));
  }
  const stringifier = stringify({
    bom: true,
    record_delimiter: 'windows',
    delimiter: format.delimiter === 'semicolon' ? ';' : ',',
  });
  const source = Readable.from(records());
  source.on('error', (err) => stringifier.destroy(err));
  return source.pipe(stringifier);
}
