/**
 * Customers: each segment's book, numbered in order of acquisition, with the let-go
 * candidates (three serial complainers and one costly small customer) marked.
 */
import { DEMO_MONTHS, type DemoContext } from './context';
import { CURRENCY, type Customer, cmp, type Employee, type Segment } from './model';
import { companyName } from './names';

function segmentCustomers(ctx: DemoContext, s: Segment, usedNames: Set<string>): Customer[] {
  const rng = ctx.rng.customers;
  const { asOf, firstDay, lastDay } = ctx.cal;
  const out: Customer[] = [];
  const count = Math.round(s.customerCount * rng.real(0.9, 1.1));
  const current = s.agents.filter((a) => a.leftOn === null);
  const enterprise = s.kind === 'enterprise';
  for (let i = 0; i < count; i++) {
    let name = companyName(rng, s.country, enterprise);
    for (let tries = 0; usedNames.has(name) && tries < 20; tries++) {
      name = companyName(rng, s.country, enterprise);
    }
    if (usedNames.has(name)) name = `${name} (${s.name})`;
    usedNames.add(name);

    let accountManager: Employee | null = null;
    if (enterprise) accountManager = rng.chance(0.2) ? s.manager : rng.pick(current);
    else if (rng.chance(0.85)) accountManager = rng.pick(current);

    // A quarter of the book was won during the demo window, the rest earlier.
    const acquiredOn = rng.chance(0.25)
      ? rng.int(firstDay, lastDay - 20)
      : asOf - rng.int(DEMO_MONTHS * 31 + 10, 10 * 365);
    const baseEur =
      s.kind === 'enterprise'
        ? rng.logNormal(12000, 0.6)
        : rng.logNormal(s.kind === 'smb' ? 900 : 600, 0.65);
    const mood =
      s.climate + rng.normal(0, 0.8) + (accountManager ? accountManager.skill * 0.5 : -0.2);
    out.push({
      externalId: '',
      name,
      segment: s,
      currency: CURRENCY[s.country],
      accountManager,
      acquiredOn,
      churnedOn: null,
      mood,
      baseEur,
      growth: rng.normal(0.04, 0.08),
      serialComplainer: false,
      costly: false,
    });
  }
  return out;
}

/** Long-standing, small customers picked for the let-go list. */
function markLetGoCandidates(ctx: DemoContext): void {
  const longStanding = ctx.customers.filter(
    (c) => c.segment.kind !== 'enterprise' && c.acquiredOn < ctx.cal.firstDay,
  );
  const picks = ctx.rng.customers.shuffle(longStanding).slice(0, 4);
  for (const c of picks.slice(0, 3)) {
    c.serialComplainer = true;
    c.mood = Math.min(c.mood, -0.6);
  }
  const costly = picks[3]!;
  costly.costly = true;
  costly.baseEur = 140;
}

/** Fills ctx.customers. */
export function generateCustomers(ctx: DemoContext): void {
  const usedNames = new Set<string>();
  for (const s of ctx.segments) ctx.customers.push(...segmentCustomers(ctx, s, usedNames));
  // Numbered in order of acquisition, as a CRM would have numbered them.
  ctx.customers.sort((a, b) => a.acquiredOn - b.acquiredOn || cmp(a.name, b.name));
  ctx.customers.forEach((c, i) => {
    c.externalId = `C${String(i + 1).padStart(4, '0')}`;
  });
  markLetGoCandidates(ctx);
}
