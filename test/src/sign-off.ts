import type { TestContext } from './app';

/**
 * Takes a period's run through its sign-off before a close (docs/bonus.md, Approval):
 * HR submits it, an executive approves it. Throws with the API's answer otherwise.
 */
export async function signOff(t: TestContext, period: string): Promise<void> {
  const steps = [
    ['submit', await t.tokenFor('hr')],
    ['approve', await t.tokenFor('executive')],
  ] as const;
  for (const [step, token] of steps) {
    const res = await t.request(`/api/periods/${period}/${step}`, { method: 'POST', token });
    if (res.status !== 200) throw new Error(`${step} ${period}: ${res.status} ${await res.text()}`);
  }
}
