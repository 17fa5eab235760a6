import { secureHeaders } from 'hono/secure-headers';

/**
 * Security headers of the dashboard (`/`, `/login`, every page and asset), the same as
 * the API's plus a Content-Security-Policy suited to the built app: its scripts and
 * styles come from this origin only (Vite emits no inline script), inline style
 * attributes are allowed (React and recharts set them on SVG), data: images and fonts,
 * API calls to this origin, and no framing by anyone (frame-ancestors 'none' and
 * X-Frame-Options DENY: the login page cannot be framed by another origin). HSTS only
 * when the app is served over HTTPS (secure cookies on): sent over plain HTTP it would
 * lock browsers out of a localhost install.
 */
export function dashboardHeaders(options: { secureCookies: boolean }) {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: options.secureCookies ? 'max-age=31536000; includeSubDomains' : false,
  });
}
