import { join } from 'node:path';
import { columnsOf } from '../columns';
import { HISTORY_START_DAY, INCREMENT_DAY, WINDOW_START_DAY } from '../scales';
import { type Company, countryOf, employeeId, FIXED_ROLES, segmentId } from './company';
import { CsvWriter } from './csv-writer';
import { type Country, CURRENCY, PER_EUR, personName } from './names';
import { rowRng, STREAM } from './rng';
import { dayText } from './time';

/** employees.csv: executive, hr, admin, the segment managers, then the agents. */
export async function writeEmployees(dir: string, company: Company): Promise<number> {
  const out = new CsvWriter(join(dir, 'employees.csv'), columnsOf('employees.csv'));
  for (let e = 0; e < company.spec.employees; e++) {
    const rng = rowRng(company.seed, STREAM.employee, e);
    const managerIndex = e - FIXED_ROLES.length;
    const agentIndex = managerIndex - company.managers;
    const fixed = FIXED_ROLES[e];
    let role: string;
    let segment: number | null = null;
    if (fixed) role = fixed;
    else if (agentIndex < 0) {
      role = 'segment_manager';
      segment = managerIndex * 2; // the first of the two segments they manage
    } else {
      role = 'agent';
      segment = agentIndex % company.spec.segments;
    }
    const country: Country = segment === null ? 'LV' : countryOf(segment);
    const hired =
      role === 'agent' && rng.chance(0.15)
        ? rng.int(WINDOW_START_DAY, INCREMENT_DAY - 30)
        : rng.int(HISTORY_START_DAY - 1500, WINDOW_START_DAY - 1);
    const left =
      role === 'agent' && rng.chance(0.05) ? rng.int(hired + 1, INCREMENT_DAY - 1) : null;
    const targetEur = role === 'agent' ? rng.int(30, 60) * 50 : rng.int(80, 120) * 50;
    await out.row([
      employeeId(e),
      personName(rng, country),
      `${employeeId(e).toLowerCase()}@bench.example`,
      role,
      segment === null ? null : segmentId(segment),
      (targetEur * PER_EUR[country]).toFixed(2),
      CURRENCY[country],
      dayText(hired),
      left === null ? null : dayText(left),
    ]);
  }
  return out.close();
}
