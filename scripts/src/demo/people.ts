/**
 * People: the head office, one manager per group of segments, and each segment's agents,
 * with three leavers replaced inside the last year and one extra joiner where the book grew.
 */
import type { Role } from '@delight/db';
import type { DemoContext } from './context';
import { type Employee, formatCents, type SegmentSpec, segmentById } from './model';
import { type Country, countryPerson, emailLocalPart, type PersonName } from './names';

// Climates differ on purpose: Riga enterprise is the showcase, Plovdiv SMB the problem child.
const SEGMENTS: readonly SegmentSpec[] = [
  {
    id: 'S01',
    name: 'Kyiv SMB',
    country: 'UA',
    kind: 'smb',
    customerCount: 80,
    agentCount: 6,
    climate: 0,
  },
  {
    id: 'S02',
    name: 'Kyiv enterprise',
    country: 'UA',
    kind: 'enterprise',
    customerCount: 28,
    agentCount: 3,
    climate: 0.3,
  },
  {
    id: 'S03',
    name: 'Lviv retail',
    country: 'UA',
    kind: 'retail',
    customerCount: 55,
    agentCount: 4,
    climate: 0.15,
  },
  {
    id: 'S04',
    name: 'Riga retail',
    country: 'LV',
    kind: 'retail',
    customerCount: 58,
    agentCount: 4,
    climate: 0.1,
  },
  {
    id: 'S05',
    name: 'Riga enterprise',
    country: 'LV',
    kind: 'enterprise',
    customerCount: 24,
    agentCount: 3,
    climate: 0.45,
  },
  {
    id: 'S06',
    name: 'Sofia enterprise',
    country: 'BG',
    kind: 'enterprise',
    customerCount: 32,
    agentCount: 4,
    climate: -0.1,
  },
  {
    id: 'S07',
    name: 'Plovdiv SMB',
    country: 'BG',
    kind: 'smb',
    customerCount: 62,
    agentCount: 5,
    climate: -0.35,
  },
];

/** Segment managers and what they own; two of them run two segments each. */
const MANAGED: readonly (readonly string[])[] = [
  ['S01'],
  ['S02', 'S03'],
  ['S04', 'S05'],
  ['S06'],
  ['S07'],
];

// Quarterly bonus targets by role and country, as [min, max, rounding step].
const BONUS_TARGETS: Record<
  'agent' | 'segment_manager',
  Record<Country, [number, number, number]>
> = {
  agent: { UA: [30000, 45000, 500], LV: [1500, 2400, 50], BG: [2400, 3600, 50] },
  segment_manager: {
    UA: [110000, 150000, 1000],
    LV: [4800, 6200, 100],
    BG: [7500, 10000, 100],
  },
};

/** Segments where an agent left inside the last year and was replaced. */
const REPLACED = new Set(['S01', 'S04', 'S07']);
/** The segment that hired one extra agent inside the last year. */
const GREW = 'S06';

/** The people other sections name directly (sign-ins, segment managers). */
export interface Staff {
  executive: Employee;
  hr: Employee;
  admin: Employee;
  /** segment id → its manager */
  managerOf: ReadonlyMap<string, Employee>;
}

type EmployeeFields = Partial<
  Pick<Employee, 'segment' | 'hiredOn' | 'leftOn' | 'skill' | 'bonusTarget'>
>;

interface Hiring {
  hire(role: Role, country: Country, fields: EmployeeFields): Employee;
  bonusTarget(role: 'agent' | 'segment_manager', country: Country): string;
}

/** Adds employees to ctx.employees with unique names, emails and numbers. */
function hiring(ctx: DemoContext): Hiring {
  const rng = ctx.rng.people;
  const { asOf } = ctx.cal;
  const usedEmails = new Set<string>();
  const emailFor = (name: PersonName) => {
    const base = emailLocalPart(name);
    let local = base;
    for (let i = 2; usedEmails.has(local); i++) local = `${base}${i}`;
    usedEmails.add(local);
    return `${local}@delight.example`;
  };
  const hire = (role: Role, country: Country, fields: EmployeeFields): Employee => {
    let name = countryPerson(rng, country);
    // two colleagues with one name would confuse every screen
    while (ctx.employees.some((e) => e.name.full === name.full)) name = countryPerson(rng, country);
    const e: Employee = {
      externalId: `E${String(ctx.employees.length + 1).padStart(3, '0')}`,
      name,
      email: emailFor(name),
      role,
      country,
      segment: fields.segment ?? null,
      bonusTarget: fields.bonusTarget ?? '0.00',
      // veterans: hired 2 to 9 years before the as-of date
      hiredOn: fields.hiredOn ?? asOf - rng.int(2 * 365 + 30, 9 * 365),
      leftOn: fields.leftOn ?? null,
      skill: fields.skill ?? 0,
    };
    ctx.employees.push(e);
    return e;
  };
  const bonusTarget = (role: 'agent' | 'segment_manager', country: Country) => {
    const [lo, hi, step] = BONUS_TARGETS[role][country];
    return formatCents(Math.round(rng.real(lo, hi) / step) * step * 100);
  };
  return { hire, bonusTarget };
}

function hireManagers(ctx: DemoContext, h: Hiring): Map<string, Employee> {
  const managerOf = new Map<string, Employee>();
  for (const owned of MANAGED) {
    const home = SEGMENTS.find((s) => s.id === owned[0])!;
    const m = h.hire('segment_manager', home.country, {
      segment: home.id,
      bonusTarget: h.bonusTarget('segment_manager', home.country),
      skill: ctx.rng.people.normal(0.1, 0.2),
    });
    for (const id of owned) managerOf.set(id, m);
  }
  return managerOf;
}

function hireAgents(ctx: DemoContext, h: Hiring, spec: SegmentSpec): Employee[] {
  const rng = ctx.rng.people;
  const { asOf } = ctx.cal;
  const agents: Employee[] = [];
  const target = () => h.bonusTarget('agent', spec.country);
  for (let i = 0; i < spec.agentCount; i++) {
    agents.push(
      h.hire('agent', spec.country, {
        segment: spec.id,
        bonusTarget: target(),
        skill: rng.normal(0, 0.4),
      }),
    );
  }
  if (REPLACED.has(spec.id)) {
    const leftOn = asOf - rng.int(60, 330);
    agents.push(
      h.hire('agent', spec.country, {
        segment: spec.id,
        bonusTarget: target(),
        leftOn,
        skill: rng.normal(-0.2, 0.3),
      }),
    );
    // the replacement is one of the current agents, hired a few weeks later
    agents[spec.agentCount - 1]!.hiredOn = Math.min(leftOn + rng.int(10, 45), asOf - 14);
  }
  if (spec.id === GREW) {
    agents[spec.agentCount - 1]!.hiredOn = asOf - rng.int(90, 300);
  }
  return agents;
}

/** Fills ctx.employees and ctx.segments. */
export function generatePeople(ctx: DemoContext): Staff {
  const h = hiring(ctx);
  const executive = h.hire('executive', 'LV', { bonusTarget: '15000.00' });
  const hr = h.hire('hr', 'UA', { bonusTarget: '60000.00' });
  const admin = h.hire('admin', 'BG', { bonusTarget: '4000.00' });
  const managerOf = hireManagers(ctx, h);
  for (const spec of SEGMENTS) {
    const agents = hireAgents(ctx, h, spec);
    ctx.segments.push({ ...spec, manager: managerOf.get(spec.id)!, agents });
  }
  // Some agents clearly better or worse than their peers, so the scorecards differ visibly.
  const seg = (id: string) => segmentById(ctx.segments, id);
  seg('S01').agents[0]!.skill = 0.9;
  seg('S01').agents[1]!.skill = -0.8;
  seg('S04').agents[0]!.skill = 0.8;
  seg('S07').agents[0]!.skill = -0.7;
  seg('S05').agents[0]!.skill = 0.6;
  return { executive, hr, admin, managerOf };
}
