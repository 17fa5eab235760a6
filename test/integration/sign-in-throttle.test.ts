import { createApp } from '@delight/api';
import { createUser } from '@delight/api/auth';
import { queryRows } from '@delight/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { userCommand } from '../../scripts/src/commands/user';
import { createTestContext, type TestContext } from '../src/app';
import { captureOutput } from '../src/capture';
import { databaseTargets } from '../src/databases';

const PASSWORD = 'correct horse battery';

/** A request from a given peer address, as @hono/node-server would hand it to the app. */
const fromAddress = (address: string) => ({
  incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: 'IPv4' } },
});

/**
 * Sign-in throttling (issue 10 point 17): a guesser slows only themself. Throttles are
 * per account and address (growing waits) and per address; nothing locks an account
 * for everybody, an admin can lift a throttle, and messages speak in minutes.
 */
describe.each(databaseTargets())('sign-in throttling on %s', (target) => {
  let t: TestContext;
  let app: TestContext['app'];

  const login = (email: string, password: string, address: string, headers = {}) =>
    app.request(
      '/api/auth/login',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ email, password }),
      },
      fromAddress(address),
    );
  const statuses = async (email: string, address: string, n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await login(email, `guess ${i}`, address)).status);
    return out;
  };
  /** Moves the account's attempts back in time, as if that many seconds had passed. */
  const age = (email: string, seconds: number) =>
    t.db.database.db.execute(
      sql`update login_attempts set at = at - make_interval(secs => ${seconds}) where email = ${email}`,
    );
  const user = (email: string, role: 'executive' | 'admin' | 'hr' = 'executive') =>
    createUser(t.db.database.db, { email, password: PASSWORD, role });

  beforeAll(async () => {
    t = await createTestContext(target);
    app = t.app;
  });
  afterAll(() => t.db.drop());

  it('five wrong passwords from one address do not lock the owner out from another', async () => {
    await user('exec@x.example');
    expect(await statuses('exec@x.example', '198.51.100.1', 5)).toEqual([401, 401, 401, 401, 401]);
    // the guesser's own address now waits …
    expect((await login('exec@x.example', 'guess 5', '198.51.100.1')).status).toBe(429);
    // … the owner, elsewhere, signs in at once, and so do other accounts from the guesser's address
    expect((await login('exec@x.example', PASSWORD, '203.0.113.10')).status).toBe(200);
    await user('other@x.example');
    expect((await login('other@x.example', PASSWORD, '198.51.100.1')).status).toBe(200);
  });

  it('the waits grow from the guessing address (1, 2, 4 minutes …) and are said in minutes', async () => {
    await user('grow@x.example');
    const address = '198.51.100.2';
    await statuses('grow@x.example', address, 5);
    const waits: number[] = [];
    const messages: string[] = [];
    for (let round = 0; round < 3; round++) {
      // even the right password waits: otherwise the 429 would tell the guesser nothing
      const refused = await login('grow@x.example', PASSWORD, address);
      expect(refused.status).toBe(429);
      const body = (await refused.json()) as {
        code: string;
        message: string;
        details: { retryAfter: number; limit: string };
      };
      expect(body.code).toBe('rate_limited');
      expect(body.details.limit).toBe('account_address');
      const wait = Number(refused.headers.get('retry-after'));
      expect(body.details.retryAfter).toBe(wait);
      waits.push(wait);
      messages.push(body.message);
      // the wait passes (the refused try was not counted), and one more wrong guess
      await age('grow@x.example', wait + 1);
      expect((await login('grow@x.example', 'wrong again', address)).status).toBe(401);
    }
    // 60 s after the 5th failure, then 120 s after the 6th, 240 s after the 7th (±2 s of test time)
    expect(waits.map((w, i) => Math.abs(w - 60 * 2 ** i) <= 2)).toEqual([true, true, true]);
    expect(messages[0]).toMatch(/try again in 1 minute\b/);
    expect(messages[1]).toMatch(/try again in 2 minutes\b/);
    expect(messages[2]).toMatch(/try again in 4 minutes\b/);
    for (const m of messages) expect(m).not.toMatch(/\d\s*s\b/);
  });

  it('a success from an address resets that address’s count; refused tries do not lengthen the wait', async () => {
    await user('reset@x.example');
    const address = '198.51.100.3';
    await statuses('reset@x.example', address, 4);
    expect((await login('reset@x.example', PASSWORD, address)).status).toBe(200);
    expect(await statuses('reset@x.example', address, 5)).toEqual([401, 401, 401, 401, 401]);
    // hammering while throttled is not recorded …
    for (let i = 0; i < 5; i++) {
      expect((await login('reset@x.example', 'x', address)).status).toBe(429);
    }
    // … so a minute after the 5th failure the right password works again
    await age('reset@x.example', 61);
    expect((await login('reset@x.example', PASSWORD, address)).status).toBe(200);
  });

  it('parallel guesses from one address cannot slip past the limit', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (async () => (await login('burst@x.example', `guess ${i}`, '198.18.0.1')).status)(),
      ),
    );
    expect(answers.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    const verdicts = answers.filter((s) => s === 401).length;
    expect(verdicts).toBeLessThanOrEqual(5);
    const [row] = await queryRows<{ n: number }>(
      t.db.database.db,
      sql`select count(*)::int as n from login_attempts where email = 'burst@x.example'`,
    );
    expect(row!.n).toBe(verdicts);
  });

  it('20 failures from one address across accounts slow that address, not others, and not accounts that signed in there before', async () => {
    await user('colleague@x.example');
    const office = '203.0.113.66';
    // the colleague signed in from the office earlier: a known address for that account
    expect((await login('colleague@x.example', PASSWORD, office)).status).toBe(200);
    const sprayStarted = Date.now();
    for (let i = 0; i < 20; i++) {
      expect((await login(`spray${i}@x.example`, 'password1', office)).status).toBe(401);
    }
    await user('newcomer@x.example');
    const blocked = await login('newcomer@x.example', PASSWORD, office);
    expect(blocked.status).toBe(429);
    const body = (await blocked.json()) as { message: string; details: { limit: string } };
    expect(body.details.limit).toBe('address');
    // 15 minutes from the oldest of the 20 failures (the spray itself took some seconds)
    const retry = Number(blocked.headers.get('retry-after'));
    const elapsed = Math.ceil((Date.now() - sprayStarted) / 1000);
    expect(retry).toBeGreaterThanOrEqual(900 - elapsed - 1);
    expect(retry).toBeLessThanOrEqual(900);
    expect(body.message).toContain(`try again in ${Math.ceil(retry / 60)} minutes`);
    expect((await login('newcomer@x.example', PASSWORD, '203.0.113.67')).status).toBe(200);
    expect((await login('colleague@x.example', PASSWORD, office)).status).toBe(200);
  });

  it('an admin lifts a throttle (API and CLI), audited; the user list shows the failures', async () => {
    const victim = await user('locked@x.example', 'admin');
    const address = '198.51.100.4';
    await statuses('locked@x.example', address, 5);
    expect((await login('locked@x.example', PASSWORD, address)).status).toBe(429);

    const listed = (await (await t.request('/api/users')).json()) as {
      users: { id: number; failedSignIns: number }[];
    };
    expect(listed.users.find((u) => u.id === victim.id)?.failedSignIns).toBe(5);

    const res = await t.request(`/api/users/${victim.id}/unlock`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: victim.id, cleared: 5, failedSignIns: 0 });
    expect((await login('locked@x.example', PASSWORD, address)).status).toBe(200);
    const audit = await queryRows<{ action: string; after: unknown }>(
      t.db.database.db,
      sql`select action, after from audit_log where entity = 'user:locked@x.example' and action = 'user.unlock'`,
    );
    expect(audit).toEqual([{ action: 'user.unlock', after: { failedSignIns: 0 } }]);

    // the same from the command line
    await statuses('locked@x.example', address, 5);
    expect((await login('locked@x.example', PASSWORD, address)).status).toBe(429);
    vi.stubEnv('DELIGHT_PASSWORD', '');
    const cli = await captureOutput(() =>
      userCommand(['unlock', String(victim.id)], t.db.database),
    );
    vi.unstubAllEnvs();
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/forgot 5 failed sign-in/);
    expect((await login('locked@x.example', PASSWORD, address)).status).toBe(200);
    expect((await t.request('/api/users/999999/unlock', { method: 'POST' })).status).toBe(404);
  });

  describe('client address behind proxies', () => {
    const addressOf = async (
      email: string,
      trustedProxies: string[],
      peer: string,
      forwarded: string,
    ) => {
      app = createApp({ database: t.db.database, trustedProxies });
      try {
        expect((await login(email, 'nope', peer, { 'x-forwarded-for': forwarded })).status).toBe(
          401,
        );
      } finally {
        app = t.app;
      }
      const rows = await queryRows<{ address: string }>(
        t.db.database.db,
        sql`select address from login_attempts where email = ${email}`,
      );
      return rows.map((r) => r.address);
    };

    it('ignores X-Forwarded-For unless the peer is a trusted proxy', async () => {
      expect(await addressOf('xff1@x.example', [], '203.0.113.90', '10.9.9.9')).toEqual([
        '203.0.113.90',
      ]);
      expect(
        await addressOf('xff2@x.example', ['10.0.0.0/8'], '203.0.113.91', '192.0.2.5'),
      ).toEqual(['203.0.113.91']);
    });

    it('takes the first untrusted hop from the right: a client cannot spoof what the proxies add', async () => {
      // client 192.0.2.7 sent a forged "1.2.3.4"; the balancer (10.0.0.5) appended the
      // client, an inner proxy (127.0.0.1) appended the balancer
      expect(
        await addressOf(
          'xff3@x.example',
          ['loopback', '10.0.0.0/8'],
          '127.0.0.1',
          '1.2.3.4, 192.0.2.7, 10.0.0.5',
        ),
      ).toEqual(['192.0.2.7']);
      // only the inner proxy trusted: the balancer's address is the client's
      expect(
        await addressOf(
          'xff4@x.example',
          ['loopback'],
          '127.0.0.1',
          '1.2.3.4, 192.0.2.7, 10.0.0.5',
        ),
      ).toEqual(['10.0.0.5']);
      // a hop that is not an address ends the walk at the last trusted one's view
      expect(await addressOf('xff5@x.example', ['loopback'], '127.0.0.1', 'not-an-ip')).toEqual([
        '127.0.0.1',
      ]);
    });

    it('so throttles behind a balancer are per client, not one for everybody', async () => {
      await user('behind@x.example');
      const balanced = createApp({ database: t.db.database, trustedProxies: ['10.0.0.0/8'] });
      const viaBalancer = (password: string, client: string) =>
        balanced.request(
          '/api/auth/login',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
            body: JSON.stringify({ email: 'behind@x.example', password }),
          },
          fromAddress('10.0.0.5'),
        );
      for (let i = 0; i < 5; i++) expect((await viaBalancer('x', '192.0.2.50')).status).toBe(401);
      expect((await viaBalancer(PASSWORD, '192.0.2.50')).status).toBe(429);
      expect((await viaBalancer(PASSWORD, '192.0.2.51')).status).toBe(200);
    });
  });
});
