import { Readable } from 'node:stream';
import type { Executor } from '@delight/db';
import { stringify } from 'csv-stringify';
import { roundFixed, roundMoney } from '../lib/decimal';
import { notFound } from '../lib/errors';
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

const num4 = (x: number | null) => (x === null ? '' : roundFixed(x, 4));

export function csvHeader(kpis: readonly string[]): string[] {
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
  ];
}

/** One CSV record: 4 decimals for numbers, minor units for money, empty outside the plan. */
export function csvRecord(row: BonusRow, period: string, kpis: readonly string[]): string[] {
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
    num4(row.proration),
    ...kpis.flatMap((k) => {
      const l = byKpi.get(k);
      if (!l) return ['', '', '', ''];
      // an excluded line: empty achievement, contribution 0; value and n those used
      return [num4(l.value), String(l.n), num4(l.achievement), num4(l.contribution)];
    }),
    num4(row.total_achievement),
    row.bonus_amount,
  ];
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
export async function hrCsv(db: Executor, period: Period, viewer: Viewer): Promise<Readable> {
  const { state, rows } = await bonusRows(db, period, viewer);
  let kpis: string[];
  if (state.status === 'closed') {
    if (state.id === null) throw notFound(`No snapshot for ${period.key}`);
    kpis = await snapshotKpis(db, state.id);
  } else {
    kpis = planKpis(await plansInForce(db, period));
  }
  async function* records() {
    yield csvHeader(kpis);
    for await (const row of rows) yield csvRecord(row, period.key, kpis);
  }
  const stringifier = stringify({ bom: true, record_delimiter: 'windows' });
  const source = Readable.from(records());
  source.on('error', (err) => stringifier.destroy(err));
  return source.pipe(stringifier);
}
