import { complaints, contacts, type Db, responses, revenue } from '@delight/db';
import { rowBuilders } from './builders';

/**
 * The hand-made dataset of the closed-loop tests (cases, acting, new KPIs). Every
 * figure the tests expect is worked out from these rows in the test itself.
 *
 * Segments: SA (manager M1; agents A1, A2), SB (manager M2; agent A3).
 * Customers: CA1 (SA, A1), CA2 (SA, no account manager: owner M1), CP (SA, A2),
 * CN (SA, A1, acquired 2026-02-10, no answer ever), CX (SA, A1, acquired 2026-04-01),
 * CB1 (SB, A3, churns 2026-07-01), CB2 (SB, A3, acquired 2026-03-01).
 */
export async function seedClosedLoop(db: Db) {
  const b = rowBuilders(db);
  const M1 = await b.employee('M1', 'segment_manager');
  const M2 = await b.employee('M2', 'segment_manager');
  const A1 = await b.employee('A1', 'agent');
  const A2 = await b.employee('A2', 'agent');
  const A3 = await b.employee('A3', 'agent');
  const SA = await b.segment('SA', M1);
  const SB = await b.segment('SB', M2);
  for (const e of [M1, A1, A2]) await b.assign(e, SA);
  for (const e of [M2, A3]) await b.assign(e, SB);
  const CA1 = await b.customer('CA1', SA, A1, '2020-01-01');
  const CA2 = await b.customer('CA2', SA, null, '2020-01-01', '2026-05-01');
  const CP = await b.customer('CP', SA, A2, '2019-01-01');
  const CN = await b.customer('CN', SA, A1, '2026-02-10');
  await b.customer('CX', SA, A1, '2026-04-01');
  const CB1 = await b.customer('CB1', SB, A3, '2020-01-01', '2026-07-01');
  await b.customer('CB2', SB, A3, '2026-03-01');

  const resp = (
    externalId: string,
    customerId: number,
    employeeId: number | null,
    score: number,
    respondedAt: string,
    comment: string | null = null,
  ) => ({ externalId, customerId, employeeId, kind: 'nps' as const, score, respondedAt, comment });
  const r = await db
    .insert(responses)
    .values([
      resp('R1', CA1, A1, 3, '2026-01-10T10:00:00Z', 'Доставка опоздала на неделю'),
      resp('R2', CA2, A1, 6, '2026-01-20T00:00:00Z', 'Piegāde kavējās, zvanīju trīs reizes'),
      resp('R3', CB1, A3, 0, '2026-02-01T00:00:00Z', 'Nobody answers the phone'),
      resp('R4', CA1, A1, 9, '2026-02-05T00:00:00Z', 'Отличный сервис, спасибо'),
      resp('R5', CA1, A1, 5, '2026-03-01T00:00:00Z'),
      resp('RP1', CP, A2, 2, '2026-01-02T00:00:00Z'),
      resp('RP2', CP, A2, 10, '2026-03-20T00:00:00Z', 'Great support'),
    ])
    .returning({ id: responses.id, externalId: responses.externalId });
  const rid = (x: string) => r.find((row) => row.externalId === x)!.id;

  const compl = (
    externalId: string,
    customerId: number,
    employeeId: number,
    openedAt: string,
    resolvedAt: string | null,
    followUpAt: string | null,
  ) => ({
    externalId,
    customerId,
    employeeId,
    openedAt,
    firstResponseAt: null,
    resolvedAt,
    followUpAt,
    validity: 'valid' as const,
    severity: 'medium' as const,
  });
  const k = await db
    .insert(complaints)
    .values([
      compl('K1', CA1, A1, '2026-01-05T00:00:00Z', '2026-01-08T12:00:00Z', null),
      compl('K2', CB1, A3, '2026-02-01T00:00:00Z', '2026-02-03T00:00:00Z', '2026-02-04T00:00:00Z'),
      compl('K3', CA2, A1, '2026-03-01T00:00:00Z', '2026-03-10T00:00:00Z', null),
      compl('KN', CN, A1, '2026-03-15T00:00:00Z', null, null),
    ])
    .returning({ id: complaints.id, externalId: complaints.externalId });
  const kid = (x: string) => k.find((row) => row.externalId === x)!.id;

  const touch = (
    externalId: string,
    subject: { responseId: number } | { complaintId: number },
    employeeId: number,
    contactedAt: string,
    outcome: 'reached' | 'no_answer' | 'resolved',
  ) => ({
    externalId,
    responseId: 'responseId' in subject ? subject.responseId : null,
    complaintId: 'complaintId' in subject ? subject.complaintId : null,
    employeeId,
    contactedAt,
    channel: 'call' as const,
    outcome,
    note: null,
  });
  await db.insert(contacts).values([
    // exactly responded_at + 48 h: within the SLA
    touch('T1', { responseId: rid('R1') }, A1, '2026-01-12T10:00:00Z', 'reached'),
    // 48 h and 1 s: late
    touch('T2', { responseId: rid('R2') }, M1, '2026-01-22T00:00:01Z', 'reached'),
    // 2 h, no answer: a contact all the same
    touch('T5', { responseId: rid('R5') }, A1, '2026-03-01T02:00:00Z', 'no_answer'),
    // on K1, before its resolution: not a follow-up
    touch('TK1', { complaintId: kid('K1') }, A1, '2026-01-08T10:00:00Z', 'reached'),
    // on K3, after resolution but not reached: not a follow-up
    touch('TK3', { complaintId: kid('K3') }, A1, '2026-03-11T00:00:00Z', 'no_answer'),
  ]);
  await db.insert(revenue).values([
    { customerId: CA1, month: '2026-06-01', amount: '1000.00', currency: 'EUR' },
    { customerId: CB1, month: '2026-06-01', amount: '200.00', currency: 'EUR' },
  ]);
  return { rid, kid, ids: { M1, M2, A1, A2, A3 } };
}
