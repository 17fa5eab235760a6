import { createMiddleware } from 'hono/factory';
import { badRequest } from './errors';

const hasNul = (text: string) => text.includes('\u0000') || /\\u0000/i.test(text);

/**
 * PostgreSQL text cannot hold a NUL character: one reaching a query fails it with a
 * 500. Refuse it at the door instead — in the URL (query and path) and in JSON bodies
 * (raw or escaped as \u0000). Import files are checked by the CSV parser.
 */
export const rejectNulCharacters = createMiddleware(async (c, next) => {
  let url: string;
  try {
    url = decodeURIComponent(c.req.url);
  } catch {
    throw badRequest('The request URL is not valid percent-encoding');
  }
  if (url.includes('\u0000')) throw badRequest('The request URL contains a NUL character');
  if (c.req.header('content-type')?.includes('application/json')) {
    // Hono keeps the text, so later c.req.json() reads the same body
    if (hasNul(await c.req.text())) throw badRequest('The request body contains a NUL character');
  }
  await next();
});
