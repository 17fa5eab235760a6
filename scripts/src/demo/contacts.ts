import type { DemoContext } from './context';
import { DAY_MS, formatInstant, HOUR_MS } from './dates';
import type { Rng } from './random';

/** A row of contacts.csv: external_id, response, complaint, employee, contacted_at, channel, outcome, note. */
export type ContactRow = [
  string,
  string | null,
  string | null,
  string,
  string,
  string,
  string,
  string | null,
];

/** What the contact history needs of a response or complaint of the demo. */
export interface ContactSubjects {
  responses: { id: string; kind: string; score: number; respondedAt: number; owner: string }[];
  complaints: {
    id: string;
    validity: string;
    openedAt: number;
    resolvedAt: number | null;
    followUpAt: number | null;
    owner: string;
  }[];
}

const NOTES = {
  reached: [
    'Talked it through; the customer appreciated the call.',
    'Apologised and explained what went wrong.',
    'Customer is calmer now and will give us another chance.',
  ],
  no_answer: ['Voicemail left.', 'No answer; will try again tomorrow.', null],
  resolved: ['Sorted out on the call, customer confirmed.', 'Credit note agreed and sent.'],
} as const;

const CHANNELS = { call: 45, email: 20, message: 15, meeting: 10, letter: 10 } as const;

/**
 * The demo's contacts.csv: the touches people logged on detractor answers and valid
 * complaints (every channel and outcome), so cases exist in every state: most older
 * detractors were called, some late (past the 48 h SLA), some never (open and overdue);
 * some complaints were followed up after resolution, some contacted before it (no
 * follow-up), recent ones not yet. Every touch lies before the as-of instant.
 */
export function demoContacts(rng: Rng, subjects: ContactSubjects, asOfMs: number): ContactRow[] {
  const rows: ContactRow[] = [];
  const add = (
    subject: { response?: string; complaint?: string },
    employee: string,
    at: number,
    outcome: keyof typeof NOTES,
  ) => {
    if (at >= asOfMs) return false;
    const note = rng.pick(NOTES[outcome]);
    rows.push([
      `CT${String(rows.length + 1).padStart(6, '0')}`,
      subject.response ?? null,
      subject.complaint ?? null,
      employee,
      formatInstant(at),
      rng.weighted(CHANNELS),
      outcome,
      note,
    ]);
    return true;
  };
  for (const r of subjects.responses) {
    if (r.kind !== 'nps' || r.score > 6) continue;
    const old = asOfMs - r.respondedAt > 14 * 24 * HOUR_MS;
    if (!rng.chance(old ? 0.85 : 0.55)) continue;
    const band = rng.weighted({ inTime: 70, late: 20, veryLate: 10 });
    const hours =
      band === 'inTime' ? rng.real(1, 44) : band === 'late' ? rng.real(49, 96) : rng.real(100, 300);
    const at = r.respondedAt + hours * HOUR_MS;
    const outcome = rng.weighted({ reached: 60, no_answer: 25, resolved: 15 });
    if (
      add({ response: r.id }, r.owner, at, outcome) &&
      outcome === 'no_answer' &&
      rng.chance(0.5)
    ) {
      add({ response: r.id }, r.owner, at + rng.real(20, 72) * HOUR_MS, 'reached');
    }
  }
  for (const k of subjects.complaints) {
    if (k.validity !== 'valid') continue;
    if (rng.chance(0.15)) {
      // a touch while the complaint is still open: no follow-up, however it went
      const until = (k.resolvedAt ?? asOfMs) - k.openedAt;
      add({ complaint: k.id }, k.owner, k.openedAt + rng.real(0.1, 0.9) * until, 'reached');
    }
    if (k.resolvedAt !== null && k.followUpAt === null && rng.chance(0.35)) {
      const outcome = rng.weighted({ reached: 70, resolved: 20, no_answer: 10 });
      add({ complaint: k.id }, k.owner, k.resolvedAt + rng.real(2, 150) * HOUR_MS, outcome);
    }
  }
  return rows;
}

/**
 * The closed-loop section (issue 13): after responses and complaints, from its own
 * stream, so every other file stays byte-identical. Response ids are those of
 * responses.csv (their order in ctx.responses).
 */
export function generateContacts(ctx: DemoContext): void {
  const ownerOf = (c: DemoContext['customers'][number]) =>
    (c.accountManager ?? c.segment.manager).externalId;
  ctx.contacts = demoContacts(
    ctx.rng.contacts,
    {
      responses: ctx.responses.map((r, i) => ({
        id: `R${String(i + 1).padStart(6, '0')}`,
        kind: r.kind,
        score: r.score,
        respondedAt: r.respondedAt,
        owner: ownerOf(r.customer),
      })),
      complaints: ctx.complaints.map((k) => ({
        id: k.externalId,
        validity: k.validity,
        openedAt: k.openedAt,
        resolvedAt: k.resolvedAt,
        followUpAt: k.followUpAt,
        owner: ownerOf(k.customer),
      })),
    },
    ctx.cal.asOf * DAY_MS,
  );
}
