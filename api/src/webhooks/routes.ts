import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/access';
import type { AppEnv } from '../context';
import { retryAfterHeader } from '../import/routes';
import { payloadTooLarge } from '../lib/errors';
import { validate } from '../lib/validation';
import { describer, json, noContent } from '../openapi/describe';
import { mappingSchema, SOURCE_KINDS, sourceBodySchema } from './payloads';
import { checkSourceName, deleteSource, listSources, receiveWebhook, saveSource } from './service';

/** One survey response is small; a delivery above this is refused while it streams in. */
const WEBHOOK_MAX_BYTES = 1024 * 1024;

const changes = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
const delivered = z.object({
  source: z.string(),
  response: z.string().nullable(),
  changes: changes.nullable(),
  ignored: z.string().optional(),
});
const sourceInfo = z.object({
  name: z.string(),
  kind: z.enum(SOURCE_KINDS),
  mapping: mappingSchema,
  enabled: z.boolean(),
  url: z.string(),
  updated_at: z.string(),
  updated_by: z.string().nullable(),
});
const nameParam = z.object({ source: z.string().min(1).max(63) });

// POST /api/webhooks/{source}: deliveries from survey tools, mounted before sign-in (the
// sender's signature is the credential).
export const webhookRoutes = new Hono<AppEnv>().use(retryAfterHeader).post(
  '/:source',
  describer('Webhooks')({
    summary: 'A survey response from Delighted, Typeform or a generic JSON sender',
    description:
      'Signed by the sender with the source\'s secret: Typeform `Typeform-Signature: sha256=base64(HMAC-SHA256(secret, body))`; Delighted `X-Delighted-Webhook-Signature: sha256=hex(HMAC-SHA256(API key, body))`; generic `X-Delight-Timestamp: <unix s>` and `X-Delight-Signature: sha256=hex(HMAC-SHA256(secret, "<timestamp>.<body>"))`. Outside a 5-minute window (Typeform: submitted_at, Delighted: event_data.updated_at, generic: the timestamp) a delivery is refused (401 signature_expired). See docs/api.md.',
    public: true,
    parameters: [
      { name: 'source', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'Typeform-Signature', in: 'header', required: false, schema: { type: 'string' } },
      {
        name: 'X-Delighted-Webhook-Signature',
        in: 'header',
        required: false,
        schema: { type: 'string' },
      },
      { name: 'X-Delight-Signature', in: 'header', required: false, schema: { type: 'string' } },
      { name: 'X-Delight-Timestamp', in: 'header', required: false, schema: { type: 'string' } },
    ],
    requestBody: {
      required: true,
      content: {
        'application/json': { schema: { type: 'object', description: "The sender's own payload" } },
      },
    },
    responses: {
      200: json(
        delivered,
        'Written (or a repeat that changed nothing, or an event that is not a response)',
      ),
    },
  }),
  async (c) => {
    if (Number(c.req.header('content-length') ?? 0) > WEBHOOK_MAX_BYTES) {
      throw payloadTooLarge('A webhook delivery may be at most 1 MB');
    }
    const rawBody = await c.req.text();
    if (Buffer.byteLength(rawBody) > WEBHOOK_MAX_BYTES) {
      throw payloadTooLarge('A webhook delivery may be at most 1 MB');
    }
    const { deps } = c.var;
    const answer = await receiveWebhook(deps.database.db, {
      name: c.req.param('source'),
      rawBody,
      header: (name) => c.req.header(name),
      nowSeconds: Math.floor(deps.now() / 1000),
      reportingCurrency: deps.reportingCurrency,
    });
    return c.json(answer, 200);
  },
);

const doc = describer('Webhooks');

// /api/webhook-sources: an admin configures the senders, their secrets and mappings.
export const webhookSourceRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    requireRole(c.var.principal, 'admin');
    await next();
  })
  .get(
    '/',
    doc({
      summary: 'The webhook sources (admin); secrets are never shown',
      responses: { 200: json(z.object({ sources: z.array(sourceInfo) })) },
    }),
    async (c) => c.json({ sources: await listSources(c.var.deps.database.db) }, 200),
  )
  .put(
    '/:source',
    doc({
      summary: 'Create or change a webhook source: kind, secret, field mapping (admin)',
      responses: {
        200: json(z.object({ created: z.literal(false), source: sourceInfo }), 'Changed'),
        201: json(z.object({ created: z.literal(true), source: sourceInfo }), 'Created'),
      },
    }),
    validate('param', nameParam),
    validate('json', sourceBodySchema),
    async (c) => {
      const name = checkSourceName(c.req.valid('param').source);
      const saved = await saveSource(
        c.var.deps.database.db,
        name,
        c.req.valid('json'),
        c.var.principal.label,
      );
      return saved.created
        ? c.json({ created: true as const, source: saved.source }, 201)
        : c.json({ created: false as const, source: saved.source }, 200);
    },
  )
  .delete(
    '/:source',
    doc({ summary: 'Remove a webhook source (admin)', responses: { 204: noContent('Removed') } }),
    validate('param', nameParam),
    async (c) => {
      await deleteSource(
        c.var.deps.database.db,
        c.req.valid('param').source,
        c.var.principal.label,
      );
      return c.body(null, 204);
    },
  );
