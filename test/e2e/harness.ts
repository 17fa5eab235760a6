import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createUser } from '@delight/api/auth';
import type { Database, Role } from '@delight/db';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/src/chromium';
import { loadDemo } from '../../scripts/src/seed';
import { startServer } from '../../scripts/src/server';
import { buildWebIfNeeded, WEB_DIST } from '../../scripts/src/web-build';
import { createTestDatabase, type TargetName } from '../src/databases';
import { importGolden } from '../src/golden';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = join(repoRoot, 'test/artifacts');

export const launchChromium = () =>
  chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

/** Builds web/dist when it is missing or older than any source of the web app. */
export const ensureWebBuilt = () => buildWebIfNeeded({ quiet: true });

/** One sign-in user per role, on golden employees (the password is only for this test run). */
export const USERS: Record<Role, { email: string; employee: string | null }> = {
  executive: { email: 'e001@delight.example', employee: 'E001' },
  hr: { email: 'e002@delight.example', employee: 'E002' },
  admin: { email: 'e003@delight.example', employee: 'E003' },
  segment_manager: { email: 'e004@delight.example', employee: 'E004' },
  agent: { email: 'e006@delight.example', employee: 'E006' },
};
export const PASSWORD = 'e2e-password-123';

export interface E2E {
  url: string;
  /** external id of the employee each role signs in as */
  employees: Record<Role, string | null>;
  database: Database;
  browser: Browser;
  /** a fresh browser context (en-US, given width), already signed in as the role unless null */
  open(role: Role | null, options?: { width?: number }): Promise<Session>;
  close(): Promise<void>;
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** console errors and uncaught page errors seen so far */
  errors: string[];
  goto(path: string): Promise<void>;
  screenshot(name: string): Promise<void>;
}

export interface E2EOptions {
  /** the golden set (default), or the demo company as `pnpm start` loads it, as of a date */
  data?: 'golden' | { demoAsOf: string };
}

/**
 * The real server (API + built dashboard) on a free port, over a fresh database
 * (in-memory PGlite, or a new database on the test server) loaded with the golden set
 * or the demo company, and a headless Chromium to drive it.
 */
export async function startE2E(
  target: TargetName = 'pglite',
  options: E2EOptions = {},
): Promise<E2E> {
  ensureWebBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  const testDb = await createTestDatabase(target);
  const database = testDb.database;
  const signIns = {} as Record<Role, { email: string; password: string; employee: string | null }>;
  const data = options.data ?? 'golden';
  if (data === 'golden') {
    await importGolden(database);
    for (const [role, u] of Object.entries(USERS) as [Role, (typeof USERS)[Role]][]) {
      await createUser(database.db, {
        email: u.email,
        password: PASSWORD,
        role,
        employee: u.employee,
      });
      signIns[role] = { ...u, password: PASSWORD };
    }
  } else {
    // the demo's own sign-ins, one per role
    for (const u of (await loadDemo(database, { asOf: data.demoAsOf })).users) signIns[u.role] = u;
  }
  const server = await startServer({ database, port: 0, webDist: WEB_DIST });
  const browser = await launchChromium();

  const open = async (role: Role | null, options: { width?: number } = {}): Promise<Session> => {
    const width = options.width ?? 1280;
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'en-US',
      timezoneId: 'UTC',
      viewport: { width, height: width < 600 ? 844 : 900 },
    });
    if (role) {
      // page.request shares the context's cookie jar, so the session cookie sticks
      const res = await context.request.post('/api/auth/login', {
        data: { email: signIns[role].email, password: signIns[role].password },
      });
      if (!res.ok())
        throw new Error(`sign-in as ${role} failed: ${res.status()} ${await res.text()}`);
    }
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(String(err)));
    return {
      context,
      page,
      errors,
      goto: async (path) => {
        await page.goto(path, { waitUntil: 'networkidle' });
      },
      screenshot: async (name) => {
        await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
      },
    };
  };

  return {
    url: server.url,
    employees: Object.fromEntries(
      Object.entries(signIns).map(([role, u]) => [role, u.employee]),
    ) as Record<Role, string | null>,
    database,
    browser,
    open,
    close: async () => {
      await browser.close();
      await server.close();
      await testDb.drop();
    },
  };
}
