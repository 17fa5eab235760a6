import { join } from 'node:path';
import { columnsOf } from '../columns';
import {
  agentEmployee,
  type Company,
  countryOf,
  customerId,
  employeeId,
  segmentId,
} from './company';
import { CsvWriter } from './csv-writer';
import { companyName } from './names';
import { rowRng, STREAM } from './rng';
import { dayText } from './time';

/** customers.csv, from the company model (names drawn from a stream of their own). */
export async function writeCustomers(dir: string, company: Company): Promise<number> {
  const out = new CsvWriter(join(dir, 'customers.csv'), columnsOf('customers.csv'));
  for (let i = 0; i < company.spec.customers; i++) {
    const g = company.segment[i]!;
    const am = company.accountManager[i]!;
    const churned = company.churned[i]!;
    const rng = rowRng(company.seed, STREAM.customer, -1 - i);
    await out.row([
      customerId(i),
      companyName(rng, countryOf(g), i + 1),
      segmentId(g),
      am < 0 ? null : employeeId(agentEmployee(company, am)),
      dayText(company.acquired[i]!),
      churned < 0 ? null : dayText(churned),
    ]);
  }
  return out.close();
}
