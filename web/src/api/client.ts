import type { App } from '@delight/api';
import { hc } from 'hono/client';

/** Any non-2xx answer of the API, carrying its one error shape `{ code, message, details? }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** the whole body, for fields beside the shape (e.g. `errors` of a rejected import) */
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// The CSRF token comes with the session (/api/auth/me, /api/auth/login) and is sent on
// every write; the session cookie itself is HttpOnly and travels by `credentials`.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function toApiError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> | undefined;
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  const code = typeof body?.code === 'string' ? body.code : `http_${res.status}`;
  const message =
    typeof body?.message === 'string' ? body.message : `Request failed (${res.status})`;
  return new ApiError(res.status, code, message, body?.details, body);
}

/** fetch with the session cookie, the CSRF header on writes, and errors thrown as ApiError. */
export const apiFetch: typeof fetch = async (input, init) => {
  const method = (init?.method ?? 'GET').toUpperCase();
  const headers = new Headers(init?.headers);
  if (WRITE.has(method) && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  const res = await fetch(input, { ...init, headers, credentials: 'include' });
  if (!res.ok) throw await toApiError(res);
  return res;
};

/** The one typed client: its types come from the API's route definitions. */
export const client = hc<App>('/', { fetch: apiFetch });
export const api = client.api;

/** The typed JSON body of a typed client call (non-2xx has thrown already). */
export async function body<R extends { json(): Promise<unknown> }>(
  res: Promise<R>,
): Promise<Awaited<ReturnType<R['json']>>> {
  return (await res).json() as Promise<Awaited<ReturnType<R['json']>>>;
}

/** Reads the JSON body of a response the client already checked (non-2xx throws). */
export async function json<T>(res: Response | Promise<Response>): Promise<T> {
  return (await (await res).json()) as T;
}

type Query = Record<string, string | number | undefined | null>;

function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * GET of an endpoint whose route is not typed yet (its sub-app is still being written):
 * same cookie, CSRF and error handling as `client`. Replace each use with the typed call
 * once the route lands.
 */
export function getJson<T>(path: string, query?: Query): Promise<T> {
  return json<T>(apiFetch(withQuery(path, query)));
}

/** URL of a download (the browser follows it with the session cookie). */
export function downloadUrl(path: string, query?: Query): string {
  return withQuery(path, query);
}
