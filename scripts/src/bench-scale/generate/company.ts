/**
 * The shape of the generated company, as pure functions of (scale, seed): who is who,
 * which segment every customer belongs to and when they came and went. Every file
 * generator reads this one model, so references between files always hold.
 *
 * Employees, by index: 0 executive, 1 hr, 2 admin, then one segment manager per two
 * segments, then agents; agent a works in segment a mod G. Per customer a hidden
 * `mood` (the segment's climate plus personal noise) drives scores, complaints and churn.
 */
import { HISTORY_START_DAY, INCREMENT_DAY, type ScaleSpec, WINDOW_START_DAY } from '../scales';
import { COUNTRIES, type Country } from './names';
import { type RowRng, rowRng, STREAM } from './rng';

export interface Company {
  spec: ScaleSpec;
  seed: number;
  managers: number;
  agents: number;
  /** per customer index */
  segment: Int32Array;
  /** UTC day numbers; churned −1 when the customer stays */
  acquired: Int32Array;
  churned: Int32Array;
  /** agent index of the account manager, −1 for none */
  accountManager: Int32Array;
  mood: Float32Array;
  /** typical monthly revenue in EUR */
  base: Float32Array;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const employeeId = (e: number) => `E${pad(e + 1, 6)}`;
export const segmentId = (g: number) => `S${pad(g + 1, 5)}`;
export const customerId = (i: number) => `C${pad(i + 1, 8)}`;
export const responseId = (j: number) => `R${pad(j + 1, 9)}`;
export const complaintId = (k: number) => `K${pad(k + 1, 8)}`;

export const FIXED_ROLES = ['executive', 'hr', 'admin'] as const;

export function countryOf(segment: number): Country {
  return COUNTRIES[segment % COUNTRIES.length]!;
}

/** Employee index of agent a. */
export const agentEmployee = (company: Company, a: number) =>
  FIXED_ROLES.length + company.managers + a;
/** Employee index of the manager of segment g. */
export const managerEmployee = (g: number) => FIXED_ROLES.length + Math.floor(g / 2);

/** How many agents work in segment g. */
export function agentsIn(company: Company, g: number): number {
  const G = company.spec.segments;
  return g >= company.agents ? 0 : Math.floor((company.agents - 1 - g) / G) + 1;
}

/** A random agent of segment g. */
export function agentOf(company: Company, g: number, rng: RowRng): number {
  return g + company.spec.segments * rng.int(0, agentsIn(company, g) - 1);
}

/** A segment's climate on the mood scale (Riga may love us, Plovdiv may not). */
export function climate(seed: number, g: number): number {
  return rowRng(seed, STREAM.segment, g).real(-0.15, 0.15);
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function buildCompany(spec: ScaleSpec, seed: number): Company {
  const G = spec.segments;
  const managers = Math.ceil(G / 2);
  const agents = spec.employees - FIXED_ROLES.length - managers;
  if (agents < G) {
    throw new Error(
      `scale ${spec.name}: ${spec.employees} employees leave fewer agents than segments`,
    );
  }
  const C = spec.customers;
  const company: Company = {
    spec,
    seed,
    managers,
    agents,
    segment: new Int32Array(C),
    acquired: new Int32Array(C),
    churned: new Int32Array(C),
    accountManager: new Int32Array(C),
    mood: new Float32Array(C),
    base: new Float32Array(C),
  };
  const climates = Array.from({ length: G }, (_, g) => climate(seed, g));
  for (let i = 0; i < C; i++) {
    const rng = rowRng(seed, STREAM.customer, i);
    const g = rng.int(0, G - 1);
    const mood = clamp(0.5 + climates[g]! + rng.normal(0, 0.22), 0, 1);
    const acquired = rng.chance(0.92)
      ? rng.int(HISTORY_START_DAY, WINDOW_START_DAY - 1)
      : rng.int(WINDOW_START_DAY, INCREMENT_DAY - 1);
    let churned = -1;
    const lo = Math.max(acquired + 1, WINDOW_START_DAY + 1);
    if (rng.chance(0.02 + 0.1 * (1 - mood)) && lo <= INCREMENT_DAY - 1) {
      churned = rng.int(lo, INCREMENT_DAY - 1);
    }
    company.segment[i] = g;
    company.mood[i] = mood;
    company.acquired[i] = acquired;
    company.churned[i] = churned;
    company.accountManager[i] = rng.chance(0.97) ? agentOf(company, g, rng) : -1;
    company.base[i] = rng.logNormal(400, 0.9);
  }
  return company;
}

/** Days a customer can answer a survey in: [from, to), inside the main window. */
export function activeSpan(company: Company, i: number): [number, number] {
  const from = Math.max(company.acquired[i]!, WINDOW_START_DAY);
  const churned = company.churned[i]!;
  const to = churned < 0 ? INCREMENT_DAY : Math.min(churned, INCREMENT_DAY);
  return [from, Math.max(to, from + 1)];
}
