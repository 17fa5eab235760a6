import { join } from 'node:path';
import { columnsOf } from '../columns';
import { DAY_MS, INCREMENT_DAY } from '../scales';
import {
  activeSpan,
  agentEmployee,
  agentOf,
  type Company,
  customerId,
  employeeId,
  responseId,
} from './company';
import { CsvWriter } from './csv-writer';
import { surveyComment } from './names';
import { type RowRng, rowRng, STREAM } from './rng';
import { instantText } from './time';

export type ResponseKind = 'nps' | 'csat' | 'ces';
type Cells = (string | number | null)[];

const round = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(x)));

/** A score that follows the customer's mood (NPS around +20, CSAT around 75 %). */
function score(kind: ResponseKind, mood: number, rng: RowRng): number {
  if (kind === 'nps') return round(6 + 4.5 * mood + rng.normal(0, 1.8), 0, 10);
  if (kind === 'csat') return round(3 + 2 * mood + rng.normal(0, 0.9), 1, 5);
  return round(3.5 + 3 * mood + rng.normal(0, 1.2), 1, 7);
}

/** One response of customer i at a random instant of [fromMs, toMs). */
export function responseRow(
  company: Company,
  rng: RowRng,
  j: number,
  i: number,
  fromMs: number,
  toMs: number,
): { cells: Cells; kind: ResponseKind } {
  const kindDraw = rng.next();
  const kind: ResponseKind = kindDraw < 0.5 ? 'nps' : kindDraw < 0.8 ? 'csat' : 'ces';
  const at = fromMs + Math.floor(rng.next() * (toMs - fromMs));
  const am = company.accountManager[i]!;
  const who = rng.next();
  const agent =
    who < 0.85 && am >= 0 ? am : who < 0.95 ? agentOf(company, company.segment[i]!, rng) : -1;
  const cells: Cells = [
    responseId(j),
    customerId(i),
    agent < 0 ? null : employeeId(agentEmployee(company, agent)),
    kind,
    score(kind, company.mood[i]!, rng),
    instantText(at, rng.chance(0.1) ? 3 : 0),
    rng.chance(0.12) ? surveyComment(rng) : null,
  ];
  return { cells, kind };
}

/** responses.csv: exactly spec.responses answers, each by a customer while they were one. */
export async function writeResponses(dir: string, company: Company): Promise<number> {
  const out = new CsvWriter(join(dir, 'responses.csv'), columnsOf('responses.csv'));
  for (let j = 0; j < company.spec.responses; j++) {
    const rng = rowRng(company.seed, STREAM.response, j);
    const i = rng.int(0, company.spec.customers - 1);
    const [from, to] = activeSpan(company, i);
    await out.row(responseRow(company, rng, j, i, from * DAY_MS, to * DAY_MS).cells);
  }
  return out.close();
}

/** A customer who is still a customer on the increment day. */
export function stayingCustomer(company: Company, rng: RowRng): number {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const i = rng.int(0, company.spec.customers - 1);
    if (company.churned[i]! < 0 && company.acquired[i]! <= INCREMENT_DAY) return i;
  }
  throw new Error('no customer stays until the increment day');
}
