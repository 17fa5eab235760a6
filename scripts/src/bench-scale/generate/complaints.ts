import { join } from 'node:path';
import { columnsOf } from '../columns';
import { DAY_MS, INCREMENT_DAY } from '../scales';
import {
  activeSpan,
  agentEmployee,
  agentOf,
  type Company,
  complaintId,
  countryOf,
  customerId,
  employeeId,
} from './company';
import { CsvWriter } from './csv-writer';
import { CURRENCY, PER_EUR } from './names';
import { type RowRng, rowRng, STREAM } from './rng';
import { HOUR_MS, instantText } from './time';

type Cells = (string | number | null)[];

/** Recovery kinds with their typical cost in EUR. */
const RECOVERY: readonly { kind: string; eur: [number, number] }[] = [
  { kind: 'apology_call', eur: [0, 5] },
  { kind: 'apology_email', eur: [0, 1] },
  { kind: 'handwritten_letter', eur: [2, 8] },
  { kind: 'meeting', eur: [20, 120] },
  { kind: 'gift', eur: [15, 80] },
  { kind: 'free_service', eur: [30, 250] },
  { kind: 'discount', eur: [10, 200] },
  { kind: 'refund', eur: [40, 600] },
];

export interface ComplaintRows {
  complaint: Cells;
  actions: Cells[];
  valid: boolean;
  firstResponse: boolean;
}

/**
 * One complaint of customer i opened in [fromMs, toMs), with its recovery actions.
 * Nothing about it is recorded at or after `endMs` (the data's "now"): a response or
 * resolution that would fall later is simply not there yet.
 */
export function complaintRows(
  company: Company,
  rng: RowRng,
  k: number,
  i: number,
  fromMs: number,
  toMs: number,
  endMs: number,
): ComplaintRows {
  const g = company.segment[i]!;
  const am = company.accountManager[i]!;
  const agent = am >= 0 && rng.chance(0.7) ? am : agentOf(company, g, rng);
  const employee = employeeId(agentEmployee(company, agent));
  const opened = fromMs + Math.floor(rng.next() * (toMs - fromMs));
  const within = (ms: number) => (ms < endMs ? ms : null);
  const first = rng.chance(0.95) ? within(opened + rng.logNormal(4, 1) * HOUR_MS) : null;
  const resolved = rng.chance(0.88)
    ? within((first ?? opened) + rng.logNormal(30, 1) * HOUR_MS)
    : null;
  const followUp =
    resolved !== null && rng.chance(0.65) ? within(resolved + rng.real(0, 220) * HOUR_MS) : null;
  const v = rng.next();
  const validity = v < 0.8 ? 'valid' : v < 0.92 ? 'unfounded' : 'pending';
  const s = rng.next();
  const severity = s < 0.6 ? 'low' : s < 0.9 ? 'medium' : 'high';
  const id = complaintId(k);
  const text = (ms: number | null) => (ms === null ? null : instantText(ms));
  const complaint: Cells = [
    id,
    customerId(i),
    employee,
    text(opened),
    text(first),
    text(resolved),
    validity,
    severity,
    text(followUp),
  ];
  const a = rng.next();
  const count = a < 0.45 ? 0 : a < 0.85 ? 1 : 2;
  const country = countryOf(g);
  const actions: Cells[] = [];
  const until = (resolved ?? opened + 72 * HOUR_MS) + 24 * HOUR_MS;
  for (let n = 0; n < count; n++) {
    const { kind, eur } = rng.pick(RECOVERY);
    const performed = Math.min(opened + rng.real(0, until - opened), endMs - 60_000);
    actions.push([
      `A${id.slice(1)}-${n + 1}`,
      id,
      kind,
      (rng.real(eur[0], eur[1]) * PER_EUR[country]).toFixed(2),
      CURRENCY[country],
      instantText(performed),
      employee,
    ]);
  }
  return { complaint, actions, valid: validity === 'valid', firstResponse: first !== null };
}

/** A complaint-prone customer: of two drawn, the unhappier. */
export function complainingCustomer(company: Company, rng: RowRng): number {
  const a = rng.int(0, company.spec.customers - 1);
  const b = rng.int(0, company.spec.customers - 1);
  return company.mood[a]! <= company.mood[b]! ? a : b;
}

/** complaints.csv and recovery_actions.csv in one pass (actions belong to their complaint). */
export async function writeComplaints(
  dir: string,
  company: Company,
): Promise<{ complaints: number; actions: number }> {
  const complaints = new CsvWriter(join(dir, 'complaints.csv'), columnsOf('complaints.csv'));
  const actions = new CsvWriter(
    join(dir, 'recovery_actions.csv'),
    columnsOf('recovery_actions.csv'),
  );
  const endMs = INCREMENT_DAY * DAY_MS;
  for (let k = 0; k < company.spec.complaints; k++) {
    const rng = rowRng(company.seed, STREAM.complaint, k);
    const i = complainingCustomer(company, rng);
    const [from, to] = activeSpan(company, i);
    const rows = complaintRows(company, rng, k, i, from * DAY_MS, to * DAY_MS, endMs);
    await complaints.row(rows.complaint);
    for (const action of rows.actions) await actions.row(action);
  }
  return { complaints: await complaints.close(), actions: await actions.close() };
}
