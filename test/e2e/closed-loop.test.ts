import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moneyText, percentText } from './expected';
import { type E2E, startE2E } from './harness';

interface CaseRow {
  id: string;
  subject: string;
  source: string;
  segment: string;
  state: string;
  resolved_at: string | null;
}
interface History {
  history: { event: string }[];
}
const quarterOf = (iso: string) =>
  `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
const cents = (amount: string) => {
  const [whole, frac = ''] = amount.split('.');
  return BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0').slice(0, 2));
};
const fromCents = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;

describe('the closed loop in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('a manager logs a follow-up call and a gift on a case: follow_up_rate, recovery_cost and the state change', async () => {
    const s = await e2e.open('segment_manager');
    const { page } = s;
    const api = s.context.request;
    // an open complaint case of the manager's segments, resolved, not followed up yet
    const list = (await (
      await api.get('/api/cases?kind=complaint&status=open&page_size=200')
    ).json()) as {
      rows: CaseRow[];
    };
    let chosen: CaseRow | undefined;
    for (const row of list.rows.filter((r) => r.resolved_at !== null)) {
      const detail = (await (await api.get(`/api/cases/${row.id}`)).json()) as History;
      if (!detail.history.some((h) => h.event === 'follow_up' || h.event === 'contact')) {
        chosen = row;
        break;
      }
    }
    expect(chosen, 'a resolved complaint without a follow-up').toBeDefined();
    const c = chosen!;
    const period = quarterOf(c.resolved_at!);
    const scope = `segment:${c.segment}`;
    const kpis = (await (await api.get(`/api/kpis?period=${period}&scope=${scope}`)).json()) as {
      kpis: { follow_up_rate: { value: number; n: number } };
    };
    const money = (await (await api.get(`/api/money?period=${period}&scope=${scope}`)).json()) as {
      currency: string;
      figures: { recovery_cost: string };
    };
    const before = kpis.kpis.follow_up_rate;
    const followed = Math.round((before.value * before.n) / 100);
    // one more of the same n is followed up; the gift adds 40.00 to the quarter's cost
    const followAfter = percentText((100 * (followed + 1)) / before.n);
    const costAfter = moneyText(
      fromCents(cents(money.figures.recovery_cost) + 4000n),
      money.currency,
    );

    await s.goto(`/cases/${c.id}`);
    await page.getByTestId('case-state').filter({ hasText: 'Open' }).waitFor();
    await page
      .getByTestId('case-follow-up-rate')
      .filter({ hasText: percentText(before.value) })
      .waitFor();
    // the call, an hour after the resolution (the browser runs in UTC)
    const at = new Date(Date.parse(c.resolved_at!) + 3_600_000).toISOString().slice(0, 16);
    const contact = page.getByRole('form', { name: 'Log a contact' });
    await contact.getByLabel('Channel').selectOption('call');
    await contact.getByLabel('Outcome').selectOption('reached');
    await contact.getByLabel('When (leave empty for now)').fill(at);
    await contact.getByLabel('Note').fill('Called back after the fix; all good.');
    await contact.getByRole('button', { name: 'Log the contact' }).click();
    await page.getByRole('status').filter({ hasText: 'The contact is logged.' }).waitFor();
    await page.getByTestId('case-state').filter({ hasText: 'Contacted' }).waitFor();
    await page.getByTestId('case-follow-up-rate').filter({ hasText: followAfter }).waitFor();

    const action = page.getByRole('form', { name: 'Log a recovery action' });
    await action.getByLabel('Kind of recovery').selectOption('gift');
    await action.getByLabel('Cost').fill('40.00');
    await action.getByLabel('Currency').fill('EUR');
    await action.getByLabel('When (leave empty for now)').fill(at);
    await action.getByRole('button', { name: 'Log the recovery action' }).click();
    await page.getByRole('status').filter({ hasText: 'The recovery action is logged.' }).waitFor();
    await page.getByTestId('case-recovery-cost').filter({ hasText: costAfter }).waitFor();

    const close = page.getByRole('form', { name: 'Close the case' });
    await close.getByLabel('Reason').selectOption('recovered');
    await close.getByRole('button', { name: 'Close the case' }).click();
    await page.getByTestId('case-state').filter({ hasText: 'Closed' }).waitFor();
    expect(await page.getByTestId('case-history').textContent()).toContain('Gift');
    await s.screenshot('case');
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('the case list puts overdue cases first and marks them', async () => {
    const s = await e2e.open('segment_manager');
    await s.goto('/cases');
    const first = s.page.getByTestId('cases').locator('tbody tr').first();
    await first.waitFor();
    expect(await first.getAttribute('class')).toBe('overdue');
    expect(await first.textContent()).toContain('Overdue');
    await s.screenshot('cases');
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('a comment search finds a Cyrillic word', async () => {
    const s = await e2e.open('admin');
    const { page } = s;
    // a Cyrillic word of a golden comment, looked up independently through the API
    const all = (await (
      await s.context.request.get('/api/responses?page_size=100&kind=nps')
    ).json()) as { rows: { comment: string }[] };
    const word = all.rows
      .flatMap((r) => r.comment.split(/[^\p{L}]+/u))
      .find((w) => /^[\u0400-\u04ff]{5,}$/u.test(w));
    expect(word, 'a Cyrillic word in the golden comments').toBeDefined();
    await s.goto('/segments?scope=company');
    const panel = page.getByRole('region', { name: 'What customers wrote' });
    await panel.getByLabel('Every period, not only this one').check();
    await panel.getByLabel('Search the comments').fill(word!.toUpperCase());
    await panel.getByRole('button', { name: 'Search' }).click();
    // the list shows only comments with the word, whatever its case, once the answer is in
    const quotes = panel.getByTestId('comments').locator('blockquote');
    await expect
      .poll(async () => {
        const texts = await quotes.allTextContents();
        return (
          texts.length > 0 && texts.every((t) => t.toLowerCase().includes(word!.toLowerCase()))
        );
      })
      .toBe(true);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
