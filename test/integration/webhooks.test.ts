import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { importGolden } from '../src/golden';

// The clock of the app: 2026-03-20 12:00:00 UTC; deliveries are a minute old.
const NOW_MS = Date.UTC(2026, 2, 20, 12, 0, 0);
const NOW_S = NOW_MS / 1000;
const TYPEFORM_SECRET = 'typeform-webhook-secret-123';
const DELIGHTED_KEY = 'delighted-private-api-key-456';
const GENERIC_SECRET = 'generic-sender-secret-789';

// Signatures computed here with node's HMAC, as each vendor documents it (independent of
// the app's own code).
const typeformSignature = (body: string, secret = TYPEFORM_SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`;
const delightedSignature = (body: string, secret = DELIGHTED_KEY) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const genericSignature = (body: string, ts: number) =>
  `sha256=${createHmac('sha256', GENERIC_SECRET).update(`${ts}.${body}`).digest('hex')}`;

/** Typeform's documented form_response webhook body (an NPS question and a hidden field). */
function typeformBody(token: string, score: number, submittedAt: number) {
  const iso = new Date(submittedAt * 1000).toISOString().replace('.000Z', 'Z');
  return JSON.stringify({
    event_id: `01HEVENT${token}`,
    event_type: 'form_response',
    form_response: {
      form_id: 'lT4Z3j',
      token,
      landed_at: iso,
      submitted_at: iso,
      hidden: { customer_id: 'C0040', agent: 'E006' },
      calculated: { score: 0 },
      definition: {
        id: 'lT4Z3j',
        title: 'How likely are you to recommend us?',
        fields: [
          { id: 'Hx1Nps', title: 'How likely…', type: 'nps', ref: 'nps_question', properties: {} },
          { id: 'Tx2Why', title: 'Why?', type: 'long_text', ref: 'why', properties: {} },
        ],
      },
      answers: [
        {
          type: 'number',
          number: score,
          field: { id: 'Hx1Nps', type: 'nps', ref: 'nps_question' },
        },
        {
          type: 'text',
          text: 'Quick and kind',
          field: { id: 'Tx2Why', type: 'long_text', ref: 'why' },
        },
      ],
    },
  });
}

/** Delighted's documented survey_response webhook body (event_data is a survey response). */
function delightedBody(id: string, score: number, updatedAt: number, comment: string | null) {
  return JSON.stringify({
    event_type: 'survey_response.updated',
    event_id: `evt-${id}-${updatedAt}`,
    event_data: {
      id,
      person: {
        id: '5139',
        email: 'buyer@customer.example',
        name: 'A Buyer',
        created_at: updatedAt - 86400,
        last_sent_at: updatedAt - 3600,
      },
      survey_type: 'nps',
      score,
      comment,
      permalink: `https://delighted.com/r/${id}`,
      created_at: updatedAt - 30,
      updated_at: updatedAt,
      person_properties: {
        'Delighted Source': 'Email',
        'Customer ID': 'C0013',
        'Agent ID': 'E006',
      },
      notes: [],
      tags: [],
      additional_answers: [],
    },
  });
}

interface Nps {
  n: number;
  promoters: number;
  detractors: number;
  value: number | null;
}

describe.each(databaseTargets())('survey-tool webhooks on %s', (target) => {
  let t: TestContext;
  const post = (source: string, body: string, headers: Record<string, string>) =>
    t.app.request(`/api/webhooks/${source}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const nps = async (): Promise<Nps> => {
    const res = await t.request('/api/kpis?period=2026-03');
    expect(res.status).toBe(200);
    return ((await res.json()) as { kpis: { nps: Nps } }).kpis.nps;
  };

  beforeAll(async () => {
    t = await createTestContext(target, { today: '2026-03-20', now: () => NOW_MS });
    await importGolden(t.db.database);
    const sources = [
      [
        'typeform',
        {
          kind: 'typeform',
          secret: TYPEFORM_SECRET,
          mapping: {
            score: 'nps_question',
            kind: 'nps',
            customer: 'customer_id',
            employee: 'agent',
            comment: 'why',
          },
        },
      ],
      [
        'delighted',
        {
          kind: 'delighted',
          secret: DELIGHTED_KEY,
          mapping: { customer: 'Customer ID', employee: 'Agent ID' },
        },
      ],
      [
        'crm-survey',
        {
          kind: 'generic',
          secret: GENERIC_SECRET,
          mapping: {
            response_id: 'answer.id',
            score: 'answer.value',
            kind: 'csat',
            customer: 'who.customer',
            employee: 'who.agent',
            responded_at: 'answer.at',
          },
        },
      ],
    ] as const;
    for (const [name, body] of sources) {
      const res = await t.sendJson('PUT', `/api/webhook-sources/${name}`, body);
      expect(res.status, await res.clone().text()).toBe(201);
    }
  });
  afterAll(() => t.db.drop());

  it('a Typeform and a Delighted delivery land responses that show in /api/kpis', async () => {
    const before = await nps();
    const tf = typeformBody('a3a12ec67a1365927098a606107fac15', 0, NOW_S - 60);
    const tfRes = await post('typeform', tf, { 'Typeform-Signature': typeformSignature(tf) });
    expect(tfRes.status).toBe(200);
    expect(await tfRes.json()).toEqual({
      source: 'typeform',
      response: 'typeform:a3a12ec67a1365927098a606107fac15',
      changes: { inserted: 1, updated: 0, unchanged: 0 },
    });
    const dl = delightedBody('4932', 10, NOW_S - 60, 'Great service!');
    const dlRes = await post('delighted', dl, {
      'X-Delighted-Webhook-Signature': delightedSignature(dl),
    });
    expect(dlRes.status).toBe(200);
    expect(((await dlRes.json()) as { response: string }).response).toBe('delighted:4932');

    // one detractor (Typeform's 0) and one promoter (Delighted's 10) more, by hand:
    const after = await nps();
    expect(after.n).toBe(before.n + 2);
    expect(after.promoters).toBe(before.promoters + 1);
    expect(after.detractors).toBe(before.detractors + 1);
    const expected = ((after.promoters - after.detractors) / after.n) * 100;
    expect(after.value).toBeCloseTo(expected, 9);
  });

  it('is idempotent on the response id: a repeat changes nothing, an edit updates the row', async () => {
    const before = await nps();
    const tf = typeformBody('a3a12ec67a1365927098a606107fac15', 0, NOW_S - 60);
    const again = await post('typeform', tf, { 'Typeform-Signature': typeformSignature(tf) });
    expect(((await again.json()) as { changes: unknown }).changes).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    });
    // Delighted sends the response again when the comment is added later
    const edited = delightedBody('4932', 10, NOW_S - 10, 'Great service! Thanks, Jānis');
    const res = await post('delighted', edited, {
      'X-Delighted-Webhook-Signature': delightedSignature(edited),
    });
    expect(((await res.json()) as { changes: unknown }).changes).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 0,
    });
    expect(await nps()).toEqual(before);
  });

  it('refuses a missing or wrong signature (401), and writes nothing', async () => {
    const before = await nps();
    const tf = typeformBody('b0000000000000000000000000000001', 10, NOW_S - 60);
    const dl = delightedBody('5000', 10, NOW_S - 60, null);
    const refusals = [
      await post('typeform', tf, {}),
      await post('typeform', tf, {
        'Typeform-Signature': typeformSignature(tf, 'another-secret-000'),
      }),
      // hex where Typeform sends base64
      await post('typeform', tf, {
        'Typeform-Signature': `sha256=${createHmac('sha256', TYPEFORM_SECRET).update(tf).digest('hex')}`,
      }),
      await post('typeform', tf.replace('"number":10', '"number":9'), {
        'Typeform-Signature': typeformSignature(tf),
      }),
      await post('delighted', dl, {}),
      await post('delighted', dl, {
        'X-Delighted-Webhook-Signature': delightedSignature(dl, 'wrong-key-xxxxxxx'),
      }),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(401);
      expect(((await res.json()) as { code: string }).code).toBe('invalid_signature');
    }
    expect(await nps()).toEqual(before);
  });

  it('refuses a replay outside the 5-minute window, even correctly signed', async () => {
    const old = typeformBody('c0000000000000000000000000000001', 10, NOW_S - 301);
    const tfRes = await post('typeform', old, { 'Typeform-Signature': typeformSignature(old) });
    expect(tfRes.status).toBe(401);
    expect(((await tfRes.json()) as { code: string }).code).toBe('signature_expired');
    const dl = delightedBody('6000', 10, NOW_S - 301, null);
    const dlRes = await post('delighted', dl, {
      'X-Delighted-Webhook-Signature': delightedSignature(dl),
    });
    expect(((await dlRes.json()) as { code: string }).code).toBe('signature_expired');
    // 299 s is inside the window
    const fresh = typeformBody('c0000000000000000000000000000002', 10, NOW_S - 299);
    expect(
      (await post('typeform', fresh, { 'Typeform-Signature': typeformSignature(fresh) })).status,
    ).toBe(200);
  });

  it('a generic JSON sender: mapped fields, a signed timestamp, the same refusals', async () => {
    const body = JSON.stringify({
      answer: { id: 'S-77', value: 5, at: '2026-03-20T11:58:00Z' },
      who: { customer: 'C0009', agent: 'E012' },
    });
    const ts = NOW_S - 30;
    const ok = await post('crm-survey', body, {
      'X-Delight-Timestamp': String(ts),
      'X-Delight-Signature': genericSignature(body, ts),
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { response: string }).response).toBe('crm-survey:S-77');
    const stale = NOW_S - 400;
    const replay = await post('crm-survey', body, {
      'X-Delight-Timestamp': String(stale),
      'X-Delight-Signature': genericSignature(body, stale),
    });
    expect(((await replay.json()) as { code: string }).code).toBe('signature_expired');
    // the timestamp is signed: moving it forward breaks the signature
    const moved = await post('crm-survey', body, {
      'X-Delight-Timestamp': String(NOW_S),
      'X-Delight-Signature': genericSignature(body, ts),
    });
    expect(((await moved.json()) as { code: string }).code).toBe('invalid_signature');
  });

  it('an unknown customer is refused by the ingest checks (422), an unknown source is a 404', async () => {
    const tf = typeformBody('d0000000000000000000000000000001', 9, NOW_S - 60).replace(
      'C0040',
      'C9999',
    );
    const res = await post('typeform', tf, { 'Typeform-Signature': typeformSignature(tf) });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { code: string }).code).toBe('import_rejected');
    expect(
      (await post('no-such-tool', tf, { 'Typeform-Signature': typeformSignature(tf) })).status,
    ).toBe(404);
  });

  it('the admin API lists sources without secrets; a mapping that misses a rule is a 422', async () => {
    const list = await t.request('/api/webhook-sources');
    const text = await list.text();
    expect(text).not.toContain(TYPEFORM_SECRET);
    expect(text).not.toContain(DELIGHTED_KEY);
    expect(
      (JSON.parse(text) as { sources: { name: string }[] }).sources.map((s) => s.name),
    ).toEqual(['crm-survey', 'delighted', 'typeform']);
    const noScore = await t.sendJson('PUT', '/api/webhook-sources/other', {
      kind: 'generic',
      secret: 'x'.repeat(20),
      mapping: { customer: 'c', response_id: 'id', kind: 'nps' },
    });
    expect(noScore.status).toBe(422);
    expect(((await noScore.json()) as { details: { path: string }[] }).details[0]!.path).toBe(
      'mapping.score',
    );
    const badShape = await t.sendJson('PUT', '/api/webhook-sources/other', {
      kind: 'surveymonkey',
      mapping: {},
    });
    expect(badShape.status).toBe(400);
    const asHr = await t.request('/api/webhook-sources', { token: await t.tokenFor('hr') });
    expect(asHr.status).toBe(403);
  });
});
