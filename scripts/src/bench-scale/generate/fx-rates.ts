import { join } from 'node:path';
import { columnsOf } from '../columns';
import { MONTHS } from '../scales';
import { CsvWriter } from './csv-writer';

/** The lev is pegged (1 EUR = 1.95583 BGN); the hryvnia drifts a little month by month. */
export function fxRate(currency: 'UAH' | 'BGN', month: number): string {
  if (currency === 'BGN') return '0.511292';
  return (0.0232 * (1 + 0.04 * Math.sin(month / 3))).toFixed(6);
}

/** fx_rates.csv: UAH and BGN in EUR for every month of the window. */
export async function writeFxRates(dir: string): Promise<number> {
  const out = new CsvWriter(join(dir, 'fx_rates.csv'), columnsOf('fx_rates.csv'));
  for (let m = 0; m < MONTHS.length; m++) {
    await out.row([MONTHS[m]!, 'UAH', fxRate('UAH', m)]);
    await out.row([MONTHS[m]!, 'BGN', fxRate('BGN', m)]);
  }
  return out.close();
}
