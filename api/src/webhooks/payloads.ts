import { z } from 'zod';
import { unprocessable } from '../lib/errors';
import { DOMAIN_RULE } from '../lib/validation';
import { checkFresh } from './signature';

export const SOURCE_KINDS = ['delighted', 'typeform', 'generic'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
const SURVEY_KINDS = ['nps', 'csat', 'ces'] as const;
type SurveyKind = (typeof SURVEY_KINDS)[number];

/**
 * Which field of a delivery is what. The names mean, per kind:
 * - delighted: `customer` / `employee` are keys of `event_data.person_properties`
 *   (the score, kind and comment are Delighted's own fields);
 * - typeform: `score` / `comment` are a question's `ref` (or field id), `customer` /
 *   `employee` hidden fields; `kind` the survey kind of the score question;
 * - generic: every name is a dotted path in the JSON body (`data.answer.score`).
 */
export const mappingSchema = z.object({
  customer: z.string().min(1).max(200),
  employee: z.string().min(1).max(200).optional(),
  score: z.string().min(1).max(200).optional(),
  comment: z.string().min(1).max(200).optional(),
  response_id: z.string().min(1).max(200).optional(),
  responded_at: z.string().min(1).max(200).optional(),
  kind: z.enum(SURVEY_KINDS).optional(),
});
export type Mapping = z.infer<typeof mappingSchema>;

/** PUT /api/webhook-sources/{name}: the kind, the secret (required when new) and the mapping. */
export const sourceBodySchema = z
  .object({
    kind: z.enum(SOURCE_KINDS),
    secret: z.string().min(16, 'A secret has at least 16 characters').max(500).optional(),
    mapping: mappingSchema,
    enabled: z.boolean().default(true),
  })
  .strict()
  .refine((b) => b.kind === 'delighted' || b.mapping.score !== undefined, {
    message: 'Map the score: which question (typeform) or path (generic) holds it',
    path: ['mapping', 'score'],
    params: DOMAIN_RULE,
  })
  .refine((b) => b.kind !== 'generic' || b.mapping.response_id !== undefined, {
    message: "Map the response id: the path of the sender's unique id of the response",
    path: ['mapping', 'response_id'],
    params: DOMAIN_RULE,
  })
  .refine((b) => b.kind === 'delighted' || b.mapping.kind !== undefined, {
    message: 'Say which survey kind the score is (nps, csat or ces)',
    path: ['mapping', 'kind'],
    params: DOMAIN_RULE,
  });
export type SourceBody = z.infer<typeof sourceBodySchema>;

// Delighted's webhook body (survey_response.created / .updated): event_data is the
// survey response object of its API (unix-second times, person_properties).
export const delightedPayload = z.object({
  event_type: z.string(),
  event_id: z.string().optional(),
  event_data: z.looseObject({
    id: z.union([z.string().min(1), z.number().int()]),
    score: z.number().int(),
    survey_type: z.string().optional(),
    comment: z.string().nullable().optional(),
    created_at: z.number(),
    updated_at: z.number().optional(),
    person: z.looseObject({}).optional(),
    person_properties: z.record(z.string(), z.unknown()).nullable().optional(),
  }),
});

// Typeform's webhook body (event_type form_response): token is the response id.
const typeformAnswer = z.looseObject({
  type: z.string(),
  field: z.looseObject({ id: z.string(), ref: z.string().optional(), type: z.string().optional() }),
  number: z.number().optional(),
  text: z.string().optional(),
});
export const typeformPayload = z.object({
  event_id: z.string(),
  event_type: z.string(),
  form_response: z.looseObject({
    form_id: z.string(),
    token: z.string().min(1),
    submitted_at: z.string(),
    landed_at: z.string().optional(),
    hidden: z.record(z.string(), z.unknown()).optional(),
    answers: z.array(typeformAnswer).default([]),
  }),
});

/** A response row for the ingest path (the columns of responses.csv). */
export interface ResponseRow {
  external_id: string;
  customer: string;
  employee?: string;
  kind: SurveyKind;
  score: number;
  responded_at: string;
  comment?: string;
}

/** What a delivery carries: a response to write, or an event that is not one (ignored). */
export type Delivery = { row: ResponseRow } | { ignored: string };

const problem = (path: string, message: string) =>
  unprocessable(`${path}: ${message}`, [{ path, message }]);

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw unprocessable(
    `The body is not shaped as the sender documents it: ${issues[0]?.path}: ${issues[0]?.message}`,
    issues,
  );
}

/** A value as text for an id column (numbers as their digits), else undefined. */
function text(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function required(v: unknown, path: string): string {
  const t = text(v);
  if (t === undefined) throw problem(path, 'is missing or empty');
  return t;
}

const optional = (row: ResponseRow, key: 'employee' | 'comment', v: unknown) => {
  const t = text(v);
  if (t !== undefined) row[key] = t;
};

const isoOfUnix = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

function delighted(name: string, body: unknown, mapping: Mapping, now: number): Delivery {
  const payload = parse(delightedPayload, body);
  if (
    !payload.event_type.startsWith('survey_response.') ||
    payload.event_type.endsWith('unsubscribed')
  ) {
    return { ignored: payload.event_type };
  }
  const data = payload.event_data;
  // Delighted signs no time: the response's own updated_at (in the signed body) is the
  // delivery's time; a webhook is sent when the response is created or updated.
  checkFresh(data.updated_at ?? data.created_at, now, 'event_data.updated_at');
  const type = data.survey_type ?? 'nps';
  const kind = type === 'cesv2' ? 'ces' : type;
  if (!(SURVEY_KINDS as readonly string[]).includes(kind)) {
    throw problem(
      'event_data.survey_type',
      `"${type}" is not a survey kind of Delight Ledger (nps, csat, ces)`,
    );
  }
  const props = data.person_properties ?? {};
  const row: ResponseRow = {
    external_id: `${name}:${data.id}`,
    customer: required(props[mapping.customer], `event_data.person_properties.${mapping.customer}`),
    kind: kind as SurveyKind,
    score: data.score,
    responded_at: isoOfUnix(data.created_at),
  };
  if (mapping.employee) optional(row, 'employee', props[mapping.employee]);
  optional(row, 'comment', data.comment);
  return { row };
}

function typeform(name: string, body: unknown, mapping: Mapping, now: number): Delivery {
  const payload = parse(typeformPayload, body);
  if (payload.event_type !== 'form_response') return { ignored: payload.event_type };
  const response = payload.form_response;
  const submitted = Date.parse(response.submitted_at);
  // Typeform signs no time either: submitted_at (in the signed body) bounds replays.
  checkFresh(submitted / 1000, now, 'form_response.submitted_at');
  const answer = (ref: string) =>
    response.answers.find((a) => a.field.ref === ref || a.field.id === ref);
  const scoreRef = mapping.score!;
  const score = answer(scoreRef)?.number;
  if (score === undefined) {
    throw problem('form_response.answers', `no number answer to the question "${scoreRef}"`);
  }
  const hidden = response.hidden ?? {};
  const row: ResponseRow = {
    external_id: `${name}:${response.token}`,
    customer: required(hidden[mapping.customer], `form_response.hidden.${mapping.customer}`),
    kind: mapping.kind!,
    score,
    responded_at: new Date(submitted).toISOString().replace('.000Z', 'Z'),
  };
  if (mapping.employee) optional(row, 'employee', hidden[mapping.employee]);
  if (mapping.comment) optional(row, 'comment', answer(mapping.comment)?.text);
  return { row };
}

/** The value at a dotted path (`data.answers.0.score`). */
export function at(body: unknown, path: string): unknown {
  let v: unknown = body;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function generic(name: string, body: unknown, mapping: Mapping, signedAt: number): Delivery {
  if (body === null || typeof body !== 'object') throw problem('(body)', 'must be a JSON object');
  const scoreValue = at(body, mapping.score!);
  const score =
    typeof scoreValue === 'string' && scoreValue.trim() !== '' ? Number(scoreValue) : scoreValue;
  if (typeof score !== 'number' || !Number.isFinite(score)) {
    throw problem(mapping.score!, 'must be a number');
  }
  const when = mapping.responded_at
    ? required(at(body, mapping.responded_at), mapping.responded_at)
    : isoOfUnix(signedAt);
  const row: ResponseRow = {
    external_id: `${name}:${required(at(body, mapping.response_id!), mapping.response_id!)}`,
    customer: required(at(body, mapping.customer), mapping.customer),
    kind: mapping.kind!,
    score,
    responded_at: when,
  };
  if (mapping.employee) optional(row, 'employee', at(body, mapping.employee));
  if (mapping.comment) optional(row, 'comment', at(body, mapping.comment));
  return { row };
}

/** The response a delivery of a source carries, mapped to a responses row. */
export function deliveryOf(
  kind: SourceKind,
  name: string,
  body: unknown,
  mapping: Mapping,
  nowSeconds: number,
): Delivery {
  if (kind === 'delighted') return delighted(name, body, mapping, nowSeconds);
  if (kind === 'typeform') return typeform(name, body, mapping, nowSeconds);
  return generic(name, body, mapping, nowSeconds);
}
