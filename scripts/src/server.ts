import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { type AppDeps, createApp } from '@delight/api';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { dashboardHeaders } from './security-headers';

export interface ServerOptions extends AppDeps {
  port: number;
  /** built dashboard (web/dist); API only when absent */
  webDist?: string;
  hostname?: string;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Serves the API and the built dashboard on one port (SPA fallback to index.html). */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  const { port, webDist, hostname = '127.0.0.1', ...deps } = options;
  const api = createApp(deps);
  const root = new Hono();
  root.all('/api/*', (c) => api.fetch(c.req.raw, c.env));
  root.get('/metrics', (c) => api.fetch(c.req.raw, c.env));
  root.use('*', dashboardHeaders({ secureCookies: deps.secureCookies ?? false }));
  if (webDist && existsSync(join(webDist, 'index.html'))) {
    // serveStatic resolves `root` against the working directory
    const dist = relative(process.cwd(), webDist) || '.';
    root.use(
      '/assets/*',
      serveStatic({
        root: dist,
        onFound: (_path, c) => {
          c.header('Cache-Control', 'public, max-age=31536000, immutable');
        },
      }),
    );
    root.use('/*', serveStatic({ root: dist }));
    root.get('*', serveStatic({ path: join(dist, 'index.html') }));
  }
  return new Promise((resolvePromise) => {
    const server = serve({ fetch: root.fetch, port, hostname }, (info: AddressInfo) => {
      resolvePromise({
        url: `http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => server.close((err) => (err ? fail(err) : done()))),
      });
    });
  });
}
