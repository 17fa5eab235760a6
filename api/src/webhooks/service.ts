import { type Db, webhookSources } from '@delight/db';
import { asc, eq, sql } from 'drizzle-orm';
import { writeAudit } from '../audit/log';
import { ingestBatch } from '../ingest/service';
import { badRequest, notFound } from '../lib/errors';
import {
  deliveryOf,
  type Mapping,
  mappingSchema,
  type SourceBody,
  type SourceKind,
} from './payloads';
import { verifyDelighted, verifyGeneric, verifyTypeform } from './signature';

/** A source as the admin API shows it: never its secret. */
export interface SourceInfo {
  name: string;
  kind: SourceKind;
  mapping: Mapping;
  enabled: boolean;
  url: string;
  updated_at: string;
  updated_by: string | null;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function checkSourceName(name: string): string {
  if (!NAME.test(name)) {
    throw badRequest(
      'A source name is 1–63 lowercase letters, digits and dashes (e.g. "typeform")',
    );
  }
  return name;
}

const infoOf = (r: typeof webhookSources.$inferSelect): SourceInfo => ({
  name: r.name,
  kind: r.kind,
  mapping: mappingSchema.parse(typeof r.mapping === 'string' ? JSON.parse(r.mapping) : r.mapping),
  enabled: r.enabled,
  url: `/api/webhooks/${r.name}`,
  updated_at: r.updatedAt,
  updated_by: r.updatedBy,
});

export async function listSources(db: Db): Promise<SourceInfo[]> {
  const rows = await db.select().from(webhookSources).orderBy(asc(webhookSources.name));
  return rows.map(infoOf);
}

/** Creates or changes a source; a new source needs its secret, a change may keep it. */
export async function saveSource(
  db: Db,
  name: string,
  body: SourceBody,
  actor: string,
): Promise<{ created: boolean; source: SourceInfo }> {
  checkSourceName(name);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(webhookSources)
      .where(eq(webhookSources.name, name))
      .for('update');
    if (!before && body.secret === undefined) {
      throw badRequest('A new source needs its secret (the one the sender signs with)');
    }
    const values = {
      kind: body.kind,
      mapping: body.mapping,
      enabled: body.enabled,
      updatedBy: actor,
      updatedAt: sql`now()`,
      ...(body.secret !== undefined ? { secret: body.secret } : {}),
    };
    const [row] = before
      ? await tx.update(webhookSources).set(values).where(eq(webhookSources.name, name)).returning()
      : await tx
          .insert(webhookSources)
          .values({ name, ...values, secret: body.secret! })
          .returning();
    const source = infoOf(row!);
    await writeAudit(tx, {
      actor,
      action: before ? 'webhook_source.update' : 'webhook_source.create',
      entity: `webhook_source:${name}`,
      before: before ? infoOf(before) : null,
      // the secret is never written to the audit log; only whether it changed
      after: { ...source, secret_changed: body.secret !== undefined },
    });
    return { created: !before, source };
  });
}

export async function deleteSource(db: Db, name: string, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [gone] = await tx.delete(webhookSources).where(eq(webhookSources.name, name)).returning();
    if (!gone) throw notFound(`No webhook source "${name}"`);
    await writeAudit(tx, {
      actor,
      action: 'webhook_source.delete',
      entity: `webhook_source:${name}`,
      before: infoOf(gone),
      after: null,
    });
  });
}

export interface Delivered {
  source: string;
  /** the response's external id (`<source>:<sender's response id>`), or null when ignored */
  response: string | null;
  /** what the write changed: a repeated delivery of the same response changes nothing */
  changes: { inserted: number; updated: number; unchanged: number } | null;
  ignored?: string;
}

export interface WebhookRequest {
  name: string;
  rawBody: string;
  header(name: string): string | undefined;
  nowSeconds: number;
  reportingCurrency: string;
}

/**
 * One delivery: the source's signature is checked over the raw body (401 when missing
 * or wrong, or outside the 5-minute window), the body is read as the sender documents
 * it and mapped to a response, written through the ingest path. Idempotent on the
 * sender's response id: it is the response's external id, so a repeat (or a retry)
 * writes the same row again and changes nothing; a later edit of the response updates it.
 */
export async function receiveWebhook(db: Db, request: WebhookRequest): Promise<Delivered> {
  const [source] = await db
    .select()
    .from(webhookSources)
    .where(eq(webhookSources.name, request.name));
  // an unknown and a disabled source answer alike
  if (!source?.enabled) throw notFound(`No webhook source "${request.name}"`);
  const { rawBody, nowSeconds } = request;
  let signedAt = nowSeconds;
  if (source.kind === 'typeform') {
    verifyTypeform(source.secret, rawBody, request.header('typeform-signature'));
  } else if (source.kind === 'delighted') {
    verifyDelighted(source.secret, rawBody, request.header('x-delighted-webhook-signature'));
  } else {
    const timestamp = request.header('x-delight-timestamp');
    verifyGeneric(
      source.secret,
      rawBody,
      { signature: request.header('x-delight-signature'), timestamp },
      nowSeconds,
    );
    signedAt = Number(timestamp);
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch (err) {
    throw badRequest(`The body is not valid JSON: ${(err as Error).message}`);
  }
  const mapping = infoOf(source).mapping;
  const delivery = deliveryOf(
    source.kind,
    source.name,
    body,
    mapping,
    source.kind === 'generic' ? signedAt : nowSeconds,
  );
  if ('ignored' in delivery) {
    return { source: source.name, response: null, changes: null, ignored: delivery.ignored };
  }
  const batch = { rows: [delivery.row] };
  const answer = await ingestBatch(db, {
    kind: 'responses',
    body: batch,
    rawBody: JSON.stringify(batch),
    actor: `webhook:${source.name}`,
    caller: `webhook:${source.name}`,
    idempotencyKey: undefined,
    reportingCurrency: request.reportingCurrency,
  });
  return { source: source.name, response: delivery.row.external_id, changes: answer.body.changes };
}
