/**
 * What every demo section gets: its random stream, the demo's calendar and the lists the
 * sections grow in order (people, then customers, then events). Sections read what earlier
 * sections put here and append their own records; anything else they hand on is a return
 * value, passed explicitly in generateDemo.
 */

import type { ContactRow } from './contacts';
import { monthOfDay, monthStartDay } from './dates';
import type {
  Complaint,
  Customer,
  Employee,
  RecoveryAction,
  RevenueRow,
  Segment,
  SurveyResponse,
} from './model';
import { Rng } from './random';

/** Months of revenue (and of surveys and complaints) before the as-of month. */
export const DEMO_MONTHS = 24;

/**
 * One stream per part, so tuning one part does not reshuffle the others. A new section
 * adds its own `root.fork('<label>')` here; it must never draw from another section's
 * stream (that would change every file after it).
 */
export interface DemoStreams {
  people: Rng;
  customers: Rng;
  fx: Rng;
  /** complaints, churn, recovery actions and survey responses, in that order */
  events: Rng;
  revenue: Rng;
  signals: Rng;
  /** contacts.csv (closed loop) */
  contacts: Rng;
}

/** Days and months as the numbers of ./dates. */
export interface DemoCalendar {
  /** the as-of day: the data ends the day before */
  asOf: number;
  asOfMonth: number;
  firstMonth: number;
  firstDay: number;
  /** the last day with data */
  lastDay: number;
}

export interface DemoContext {
  rng: DemoStreams;
  cal: DemoCalendar;
  employees: Employee[];
  segments: Segment[];
  customers: Customer[];
  complaints: Complaint[];
  actions: RecoveryAction[];
  responses: SurveyResponse[];
  revenue: RevenueRow[];
  contacts: ContactRow[];
}

export function createContext(seed: number, asOf: number): DemoContext {
  const root = new Rng(seed);
  const asOfMonth = monthOfDay(asOf);
  const firstMonth = asOfMonth - DEMO_MONTHS;
  return {
    rng: {
      people: root.fork('people'),
      customers: root.fork('customers'),
      fx: root.fork('fx'),
      events: root.fork('events'),
      revenue: root.fork('revenue'),
      signals: root.fork('signals'),
      contacts: root.fork('contacts'),
    },
    cal: { asOf, asOfMonth, firstMonth, firstDay: monthStartDay(firstMonth), lastDay: asOf - 1 },
    employees: [],
    segments: [],
    customers: [],
    complaints: [],
    actions: [],
    responses: [],
    revenue: [],
    contacts: [],
  };
}
