import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { unauthorized } from '../lib/errors';
import { principalForToken } from './tokens';

/** Every /api call but health needs a credential: `Authorization: Bearer TOKEN`. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw unauthorized();
  const principal = await principalForToken(c.var.deps.database.db, match[1]!);
  if (!principal) throw unauthorized('Unknown or revoked API token');
  c.set('principal', principal);
  await next();
});
