import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Database } from '@delight/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../scripts/src/server';

/**
 * Issue 11.10: `/`, `/login` and every page of the dashboard carry the API's security
 * headers and a CSP for the built app; the login page could be framed by any origin.
 * (The browser suite runs the real dashboard under this CSP.)
 */
describe('security headers on the dashboard', () => {
  let dist: string;
  let database: Database;
  const servers: RunningServer[] = [];
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'delight-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>',
    );
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    database = await createDb();
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await database.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const serve = async (secureCookies: boolean) => {
    const s = await startServer({ database, port: 0, webDist: dist, secureCookies });
    servers.push(s);
    return s.url;
  };

  it('sends CSP, frame-ancestors none, nosniff and a referrer policy on every page; HSTS only over HTTPS', async () => {
    const plain = await serve(false);
    for (const path of [
      '/',
      '/login',
      '/hr',
      '/admin?tab=import',
      '/assets/app.js',
      '/api/health',
    ]) {
      const res = await fetch(`${plain}${path}`);
      expect(res.status, path).toBe(200);
      const h = res.headers;
      expect(h.get('x-content-type-options'), path).toBe('nosniff');
      expect(h.get('referrer-policy'), path).toMatch(/no-referrer|strict-origin/);
      expect(h.get('x-frame-options'), path).toMatch(/DENY|SAMEORIGIN/);
      if (!path.startsWith('/api')) {
        const csp = h.get('content-security-policy') ?? '';
        expect(csp, path).toContain("frame-ancestors 'none'");
        expect(csp, path).toContain("script-src 'self'");
        expect(csp, path).toContain("default-src 'self'");
        expect(h.get('x-frame-options'), path).toBe('DENY');
        expect(h.get('strict-transport-security'), path).toBeNull();
      }
    }
    const secure = await serve(true);
    const res = await fetch(`${secure}/login`);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });
});
