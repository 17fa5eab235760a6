/**
 * The demo's in-memory model: the records the sections build and the small pure helpers
 * they share. No section logic lives here, so every section can import it without cycles.
 */
import type { Role } from '@delight/db';
import type { Country, PersonName } from './names';
import type { Rng } from './random';

export const CURRENCY: Record<Country, string> = { UA: 'UAH', LV: 'EUR', BG: 'BGN' };

export type SegmentKind = 'smb' | 'retail' | 'enterprise';
export interface SegmentSpec {
  id: string;
  name: string;
  country: Country;
  kind: SegmentKind;
  customerCount: number;
  agentCount: number;
  /** how happy this market is with us, on the mood scale */
  climate: number;
}

export interface Employee {
  externalId: string;
  name: PersonName;
  email: string;
  role: Role;
  country: Country;
  segment: string | null;
  bonusTarget: string;
  hiredOn: number;
  leftOn: number | null;
  /** service quality on the mood scale: better scores, faster answers, more follow-ups */
  skill: number;
}

export interface Segment extends SegmentSpec {
  manager: Employee;
  /** agents ever assigned, leavers included */
  agents: Employee[];
}

export interface Customer {
  externalId: string;
  name: string;
  segment: Segment;
  currency: string;
  accountManager: Employee | null;
  acquiredOn: number;
  churnedOn: number | null;
  mood: number;
  /** typical monthly revenue in EUR */
  baseEur: number;
  growth: number;
  /** a let-go candidate: complains a lot, mostly without reason */
  serialComplainer: boolean;
  /** a small customer whose recovery cost more than they are worth */
  costly: boolean;
}

export type Severity = 'low' | 'medium' | 'high';
export type Validity = 'valid' | 'unfounded' | 'pending';
export type RecoveryKind =
  | 'apology_call'
  | 'apology_email'
  | 'handwritten_letter'
  | 'meeting'
  | 'gift'
  | 'free_service'
  | 'discount'
  | 'refund';

export interface Complaint {
  externalId: string;
  customer: Customer;
  handler: Employee;
  openedAt: number;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  validity: Validity;
  severity: Severity;
  followUpAt: number | null;
}

export interface RecoveryAction {
  complaint: Complaint;
  kind: RecoveryKind;
  /** in the customer's currency, as cents */
  costCents: number;
  currency: string;
  performedAt: number;
  employee: Employee;
}

export type SurveyKind = 'nps' | 'csat' | 'ces';
export interface SurveyResponse {
  customer: Customer;
  employee: Employee | null;
  kind: SurveyKind;
  score: number;
  respondedAt: number;
  comment: string | null;
}

/** One month of one customer's revenue, in the customer's currency. */
export interface RevenueRow {
  customer: Customer;
  month: number;
  /** whole cents */
  cents: number;
  currency: string;
}

export const worksOn = (e: Employee, day: number) =>
  e.hiredOn <= day && (e.leftOn === null || day <= e.leftOn);

/** Code-point order, not localeCompare: the output must not depend on the ICU build. */
export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Cents as a decimal string, with integer arithmetic so no float artefacts reach the CSV. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function segmentById(segments: readonly Segment[], id: string): Segment {
  const s = segments.find((x) => x.id === id);
  if (!s) throw new Error(`no demo segment ${id}`);
  return s;
}

/**
 * An agent of the segment working that day (`prefer` with probability `preferP` when they
 * work), else the segment's manager. Draws from `rng`, so callers pass the events stream.
 */
export function activeAgent(
  rng: Rng,
  s: Segment,
  day: number,
  prefer: Employee | null,
  preferP: number,
): Employee {
  if (prefer && worksOn(prefer, day) && rng.chance(preferP)) return prefer;
  const on = s.agents.filter((a) => worksOn(a, day));
  return on.length > 0 ? rng.pick(on) : s.manager;
}
