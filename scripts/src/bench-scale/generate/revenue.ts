import { join } from 'node:path';
import { columnsOf } from '../columns';
import { DAY_MS, MONTHS } from '../scales';
import { type Company, countryOf, customerId } from './company';
import { CsvWriter } from './csv-writer';
import { CURRENCY, PER_EUR } from './names';
import { rowRng, STREAM } from './rng';

const monthDay = (m: number) => Date.UTC(2024, 9 + m, 1) / DAY_MS;

/** Whether customer i has a revenue row in month m (it was a customer on some day of it). */
export function hasRevenue(company: Company, i: number, m: number): boolean {
  const churned = company.churned[i]!;
  return company.acquired[i]! < monthDay(m + 1) && (churned < 0 || churned > monthDay(m));
}

/**
 * revenue.csv: one row per customer and month they were a customer in, in the segment's
 * currency, around the customer's typical amount; now and then a credit note (negative).
 */
export async function writeRevenue(dir: string, company: Company): Promise<number> {
  const out = new CsvWriter(join(dir, 'revenue.csv'), columnsOf('revenue.csv'));
  for (let i = 0; i < company.spec.customers; i++) {
    const country = countryOf(company.segment[i]!);
    const perEur = PER_EUR[country];
    const id = customerId(i);
    const base = company.base[i]! * perEur;
    for (let m = 0; m < MONTHS.length; m++) {
      if (!hasRevenue(company, i, m)) continue;
      const rng = rowRng(company.seed, STREAM.revenue, i * MONTHS.length + m);
      const amount = rng.chance(0.004)
        ? -rng.real(0.05, 0.3) * base - 1
        : Math.max(1, base * (1 + rng.normal(0, 0.15)));
      await out.row([id, MONTHS[m]!, amount.toFixed(2), CURRENCY[country]]);
    }
  }
  return out.close();
}
