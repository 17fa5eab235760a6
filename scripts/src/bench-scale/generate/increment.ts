import { join } from 'node:path';
import { columnsOf } from '../columns';
import { DAY_MS, INCREMENT_DAY, incrementCounts, WINDOW_END_DAY } from '../scales';
import type { Company } from './company';
import { complaintRows } from './complaints';
import { CsvWriter } from './csv-writer';
import { type ResponseKind, responseRow, stayingCustomer } from './responses';
import { rowRng, STREAM } from './rng';

/** What the increment adds to the measured quarter's KPI samples (for the check after it). */
export interface IncrementSummary {
  day: string;
  responses: number;
  complaints: number;
  actions: number;
  byKind: Record<ResponseKind, number>;
  /** valid complaints with a first response: the first_response_h sample grows by this */
  validWithFirstResponse: number;
}

/**
 * "One more day": the answers and complaints of the day after the main data
 * (about 0.15 % of the scale's responses and complaints, a day's worth), with new ids
 * continuing the main files', by customers who are still customers that day.
 */
export async function writeIncrement(dir: string, company: Company): Promise<IncrementSummary> {
  const counts = incrementCounts(company.spec);
  const from = INCREMENT_DAY * DAY_MS;
  const to = WINDOW_END_DAY * DAY_MS;
  const responses = new CsvWriter(join(dir, 'responses.csv'), columnsOf('responses.csv'));
  const byKind: Record<ResponseKind, number> = { nps: 0, csat: 0, ces: 0 };
  for (let n = 0; n < counts.responses; n++) {
    const rng = rowRng(company.seed, STREAM.incrementResponse, n);
    const i = stayingCustomer(company, rng);
    const row = responseRow(company, rng, company.spec.responses + n, i, from, to);
    byKind[row.kind]++;
    await responses.row(row.cells);
  }
  const complaints = new CsvWriter(join(dir, 'complaints.csv'), columnsOf('complaints.csv'));
  const actions = new CsvWriter(
    join(dir, 'recovery_actions.csv'),
    columnsOf('recovery_actions.csv'),
  );
  let validWithFirstResponse = 0;
  for (let n = 0; n < counts.complaints; n++) {
    const rng = rowRng(company.seed, STREAM.incrementComplaint, n);
    const i = stayingCustomer(company, rng);
    const k = company.spec.complaints + n;
    const rows = complaintRows(company, rng, k, i, from, to - 6 * 3_600_000, to);
    if (rows.valid && rows.firstResponse) validWithFirstResponse++;
    await complaints.row(rows.complaint);
    for (const action of rows.actions) await actions.row(action);
  }
  return {
    day: new Date(from).toISOString().slice(0, 10),
    responses: await responses.close(),
    complaints: await complaints.close(),
    actions: await actions.close(),
    byKind,
    validWithFirstResponse,
  };
}
