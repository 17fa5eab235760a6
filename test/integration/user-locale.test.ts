import { createUser } from '@delight/api/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../src/app';
import { databaseTargets } from '../src/databases';
import { importGolden } from '../src/golden';
import { pdfLines, requirePdftotext } from '../src/pdf';

const PASSWORD = 'a long enough secret';

/**
 * The language a person chose in the header is stored on their user (users.locale),
 * answered by login and /me, so it follows them to another browser, and the PDFs speak
 * it unless the request names another (?lang). Issue 14, point 4.
 */
describe.each(databaseTargets())('the user’s language on %s', (target) => {
  let t: TestContext;

  const call = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  async function signIn(email: string, acceptLanguage = 'en-US') {
    const res = await call(
      'POST',
      '/api/auth/login',
      { email, password: PASSWORD },
      { 'accept-language': acceptLanguage },
    );
    expect(res.status).toBe(200);
    const cookie = /dl_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
    const answer = (await res.json()) as { csrfToken: string; user: { locale: string | null } };
    return { cookie: `dl_session=${cookie}`, csrf: answer.csrfToken, locale: answer.user.locale };
  }
  type Session = Awaited<ReturnType<typeof signIn>>;
  const choose = (s: Session, locale: unknown, csrf = s.csrf) =>
    call('PATCH', '/api/account/locale', { locale }, { cookie: s.cookie, 'x-csrf-token': csrf });
  const me = async (s: Session) =>
    (
      (await (await t.app.request('/api/auth/me', { headers: { cookie: s.cookie } })).json()) as {
        user: { locale: string | null };
      }
    ).user.locale;

  beforeAll(async () => {
    requirePdftotext();
    t = await createTestContext(target, { today: '2026-05-20' });
    await importGolden(t.db.database);
    await createUser(t.db.database.db, {
      email: 'olena@x.example',
      password: PASSWORD,
      role: 'executive',
      employee: 'E001',
    });
  });
  afterAll(() => t.db.drop());

  it('is unset until chosen, then follows the person to a second browser', async () => {
    const first = await signIn('olena@x.example', 'lv-LV,lv;q=0.9');
    expect(first.locale).toBeNull();
    expect(await me(first)).toBeNull();

    const res = await choose(first, 'uk');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ locale: 'uk' });
    expect(await me(first)).toBe('uk');

    // another browser that says lv: the stored choice wins
    const second = await signIn('olena@x.example', 'lv-LV,lv;q=0.9');
    expect(second.locale).toBe('uk');
    expect(await me(second)).toBe('uk');
  });

  it('takes only a language that has catalogs, only with the CSRF header, only from a person', async () => {
    const s = await signIn('olena@x.example');
    for (const bad of ['xx', 'en-XA', 'EN', 7, null]) {
      const res = await choose(s, bad);
      expect(res.status, String(bad)).toBe(400);
    }
    expect((await choose(s, 'ru', 'wrong')).status).toBe(403);
    const token = await t.tokenFor('admin');
    const byToken = await t.request('/api/account/locale', {
      method: 'PATCH',
      token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'ru' }),
    });
    expect(byToken.status).toBe(403);
    expect(await me(s)).toBe('uk');
  });

  it('the PDFs speak the stored language unless ?lang names another', async () => {
    const s = await signIn('olena@x.example');
    expect((await choose(s, 'lv')).status).toBe(200);
    const pdf = async (query: string) => {
      const res = await t.app.request(`/api/reports/executive.pdf?period=2026-Q1${query}`, {
        headers: { cookie: s.cookie, 'accept-language': 'bg' },
      });
      expect(res.status).toBe(200);
      return {
        language: res.headers.get('content-language'),
        text: pdfLines(new Uint8Array(await res.arrayBuffer())).join('\n'),
      };
    };
    const stored = await pdf('');
    expect(stored.language).toBe('lv');
    expect(stored.text).toContain('Pārskats valdei');
    // the quarter in Latvian words, never "Q1"
    expect(stored.text).toContain('2026. g. 1. ceturksnis');
    expect(stored.text).not.toContain('Q1 2026');
    const asked = await pdf('&lang=ru');
    expect(asked.language).toBe('ru');
    expect(asked.text).toContain('Отчёт для руководства');
    expect(asked.text).toContain('I кв. 2026 г.');
  });
});
