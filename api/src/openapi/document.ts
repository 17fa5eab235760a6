import { Scalar } from '@scalar/hono-api-reference';
import type { Env, Hono, Schema } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { generateSpecs } from 'hono-openapi';

/** Where the reference page loads Scalar from (its one script and its stylesheet). */
const SCALAR_CDN = 'https://cdn.jsdelivr.net';

export const OPENAPI_DOCUMENTATION = {
  openapi: '3.1.0',
  info: {
    title: 'Delight Ledger API',
    version: '1',
    description:
      'The API of Delight Ledger. Every error answer has the shape `{ code, message, details?, requestId }`; see docs/api.md for the codes. Send a session cookie (and X-CSRF-Token on writes) or `Authorization: Bearer TOKEN`.',
  },
  components: {
    securitySchemes: {
      token: {
        type: 'http',
        scheme: 'bearer',
        description: 'An API token (pnpm delight token create, or /api/tokens)',
      },
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: 'dl_session',
        description:
          'The session of a signed-in user (POST /api/auth/login); writes also need X-CSRF-Token',
      },
    },
  },
  security: [{ token: [] }, { session: [] }],
} as const;

/**
 * The OpenAPI 3.1 document of an app, generated from its routes' declarations (the
 * describe() and validate() middlewares in each routes.ts). Made once per app.
 */
export function openApiDocument<E extends Env, S extends Schema, B extends string>(
  app: Hono<E, S, B>,
) {
  return generateSpecs(app, {
    documentation: structuredClone(OPENAPI_DOCUMENTATION) as never,
    defaultValidationErrorResponse: false,
    // export.csv, statement.pdf … are routes, not static files
    excludeStaticFile: false,
    exclude: ['/api/openapi.json', '/api/docs'],
  });
}

/**
 * GET /api/openapi.json and the reference page GET /api/docs (Scalar). The page alone
 * gets a Content-Security-Policy that lets Scalar's script (by nonce, from its CDN) and
 * styles run; no other answer of the API allows any script.
 */
export function mountOpenApi<E extends Env, S extends Schema, B extends string>(
  app: Hono<E, S, B>,
): void {
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get('/api/openapi.json', async (c) => {
    document ??= openApiDocument(app);
    return c.json(await document);
  });
  app.get(
    '/api/docs',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: [NONCE, SCALAR_CDN],
        styleSrc: ["'self'", "'unsafe-inline'", SCALAR_CDN, 'https://fonts.scalar.com'],
        fontSrc: ["'self'", 'data:', SCALAR_CDN, 'https://fonts.scalar.com'],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
      },
    }),
    Scalar((c) => ({
      url: '/api/openapi.json',
      pageTitle: 'Delight Ledger API',
      cdn: `${SCALAR_CDN}/npm/@scalar/api-reference`,
      nonce: c.get('secureHeadersNonce'),
    })),
  );
}
