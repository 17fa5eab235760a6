/**
 * The deterministic demo company: a seed and an as-of date in, the DESIGN.md import
 * files out (as strings). Everything happens strictly before the as-of day, so the
 * demo never contains the future; revenue covers the 24 full months before it.
 *
 * One hidden variable drives the story: each customer's `mood` (segment climate plus
 * personal noise plus their account manager's skill). Survey scores, complaint rates,
 * churn and the way complaints end all follow from mood and agent skill, so the KPIs,
 * the money figures and the bonus screens tell one consistent story.
 *
 * Each section is its own module and gets the DemoContext (./context): its random
 * stream, the calendar, and the lists earlier sections filled.
 */
import { applyChurn } from './churn';
import { generateComplaints, numberComplaints } from './complaints';
import { generateContacts } from './contacts';
import { createContext } from './context';
import { generateCustomers } from './customers';
import { parseDay, todayUtc } from './dates';
import { type DemoFileName, demoFiles } from './files';
import { generateFx } from './fx';
import { generatePeople } from './people';
import { generateRecovery } from './recovery';
import { generateResponses } from './responses';
import { generateRevenue } from './revenue';
import { plantSignals } from './signals';
import { type DemoUser, demoUsers } from './users';

export { DEMO_MONTHS } from './context';
export { DEMO_FILE_NAMES, type DemoFileName } from './files';
export type { DemoUser } from './users';

export interface DemoOptions {
  seed?: number;
  /** YYYY-MM-DD; the data ends the day before. Default: today (UTC). */
  asOf?: string;
}

export interface Demo {
  files: Record<DemoFileName, string>;
  users: DemoUser[];
}

export const DEFAULT_DEMO_SEED = 2026;

export function generateDemo(options: DemoOptions = {}): Demo {
  const ctx = createContext(
    options.seed ?? DEFAULT_DEMO_SEED,
    parseDay(options.asOf ?? todayUtc()),
  );
  // The order matters twice: a section reads what earlier ones put in ctx, and sections
  // sharing a stream (complaints, churn, recovery, responses share `events`) draw in this
  // order. Moving a call, or drawing more from a shared stream, changes the demo.
  const fx = generateFx(ctx);
  const staff = generatePeople(ctx); // ctx.employees, ctx.segments
  generateCustomers(ctx); // ctx.customers
  const complaintsOf = generateComplaints(ctx);
  applyChurn(ctx, complaintsOf); // churnedOn; ctx.complaints
  const planted = plantSignals(ctx); // planted complaints into ctx.complaints
  numberComplaints(ctx);
  generateRecovery(ctx, fx, planted.complaints); // ctx.actions
  generateResponses(ctx, complaintsOf, planted.responses); // ctx.responses
  generateRevenue(ctx, fx); // ctx.revenue
  generateContacts(ctx); // ctx.contacts (closed loop; its own stream)
  // A NEW SECTION (demo cases, contacts, ...) plugs in here, after everything it reads and
  // before demoFiles: a module `<section>.ts` exporting `generate<Section>(ctx)`, a list for
  // its records in DemoContext, its own stream in DemoStreams (`root.fork('<section>')` in
  // createContext, so the files above stay byte-identical) and its file in files.ts
  // (DEMO_FILE_NAMES plus a writer). Changes inside a section (say, multilingual survey
  // comments in responses.ts) should take any new draws from a new stream too: one more
  // draw from `events` reshuffles every complaint, action and response after it.
  return { files: demoFiles(ctx, fx), users: demoUsers(ctx, staff) };
}
