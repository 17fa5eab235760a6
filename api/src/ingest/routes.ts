import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { changesSchema, retryAfterHeader } from '../import/routes';
import { badRequest, forbidden, notFound, payloadTooLarge } from '../lib/errors';
import { describer, json } from '../openapi/describe';
import { INGEST_KINDS, type IngestKind, ingestBatch } from './service';

/** 10,000 rows with long comments fit; a bigger body is refused while it streams in. */
const INGEST_MAX_BYTES = 64 * 1024 * 1024;

// /api/ingest/{responses,complaints,recovery-actions,contacts}: JSON batches from machine
// clients (an ingest token, or any admin credential), with an optional Idempotency-Key.
const tooLarge = () => payloadTooLarge('An ingest batch may be at most 64 MB');

const ingestAnswer = z.object({ ingested: z.number().int(), changes: changesSchema });

export const ingestRoutes = new Hono<AppEnv>().use(retryAfterHeader).post(
  '/:kind',
  describer('Ingest')({
    summary: 'A JSON batch of rows (responses, complaints, recovery-actions, contacts)',
    description:
      'Columns as in the import files (docs/import-format.md). An `Idempotency-Key` header makes a retry answer the first result (`Idempotent-Replayed: true`).',
    parameters: [
      {
        name: 'kind',
        in: 'path',
        required: true,
        schema: { type: 'string', enum: Object.keys(INGEST_KINDS) },
      },
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: { type: 'string', maxLength: 200 },
      },
    ],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['rows'],
            properties: { rows: { type: 'array', items: { type: 'object' } } },
          },
        },
      },
    },
    responses: { 200: json(ingestAnswer) },
  }),
  async (c) => {
    const p = c.var.principal;
    if (!p.ingestOnly && p.role !== 'admin') {
      throw forbidden('Sending data needs an ingest token or the admin role');
    }
    const kind = c.req.param('kind');
    if (!(kind in INGEST_KINDS)) {
      throw notFound(
        `No ingest endpoint "${kind}"; use one of ${Object.keys(INGEST_KINDS).join(', ')}`,
      );
    }
    if (!c.req.header('content-type')?.startsWith('application/json')) {
      throw badRequest('Send the batch as application/json: { "rows": [ … ] }');
    }
    // (the NUL guard has read JSON bodies already: Hono keeps the text for every reader)
    if (Number(c.req.header('content-length') ?? 0) > INGEST_MAX_BYTES) throw tooLarge();
    const rawBody = await c.req.text();
    if (Buffer.byteLength(rawBody) > INGEST_MAX_BYTES) throw tooLarge();
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch (err) {
      throw badRequest(`The body is not valid JSON: ${(err as Error).message}`);
    }
    const answer = await ingestBatch(c.var.deps.database.db, {
      kind: kind as IngestKind,
      body,
      rawBody,
      actor: p.label,
      caller: `${p.kind}:${p.id}`,
      idempotencyKey: c.req.header('idempotency-key'),
      reportingCurrency: c.var.deps.reportingCurrency,
    });
    if (answer.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(answer.body, answer.status);
  },
);
