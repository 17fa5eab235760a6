import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedBonusRows } from './expected';
import { type E2E, startE2E } from './harness';

const Q = '2026-Q1';
const e006 = () => expectedBonusRows(Q).find((r) => r.employee === 'E006')!;
/** "€1,767.57": the dashboard's en-US money format. */
const euro = (amount: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(Number(amount));

/**
 * Issue 17, done means: HR submits, an executive approves, an employee disputes, HR
 * resolves, HR closes — all in the product, all audited.
 */
describe('bonus run sign-off and a dispute, in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  it('HR submits, an executive approves, an employee disputes, HR resolves, HR closes', async () => {
    const hr = await e2e.open('hr');
    const exec = await e2e.open('executive');
    const agent = await e2e.open('agent');
    const hrState = hr.page.getByTestId('period-state');
    const execState = exec.page.getByTestId('period-state');

    // HR submits
    await hr.goto(`/hr?period=${Q}`);
    await hrState.getByRole('button', { name: 'Submit for approval' }).click();
    await hrState.getByTestId('run-state').getByText('submitted').waitFor();
    await hrState
      .getByText('The run is waiting for an executive or an admin to approve it.')
      .waitFor();

    // an executive approves
    await exec.goto(`/hr?period=${Q}`);
    await execState.getByRole('button', { name: 'Approve the run' }).click();
    await execState.getByTestId('run-state').getByText('approved').waitFor();
    await execState
      .getByTestId('approved-by')
      .getByText(/Approved by user:e001@delight\.example/)
      .waitFor();

    // the employee disputes a line of their statement
    await agent.goto(`/scorecard?period=${Q}`);
    const mine = agent.page.getByTestId('statement-disputes');
    await mine.getByText('This run is approved: approved by user:e001@delight.example.').waitFor();
    const form = mine.getByRole('form', { name: 'Dispute a line of this statement' });
    await form.getByLabel('Line').selectOption('nps');
    await form.getByLabel('What is wrong?').fill('Two detractors were about the billing outage.');
    await form.getByRole('button', { name: 'Dispute this line' }).click();
    await mine.getByText('waiting for HR to answer.', { exact: false }).waitFor();

    // HR sees the open dispute; the run cannot be approved with it (said on the exec page)
    await hr.goto(`/hr?period=${Q}`);
    const disputes = hr.page.getByTestId('disputes');
    await disputes
      .getByText('One dispute is open: the run cannot be approved until it is resolved.')
      .waitFor();
    // HR resolves: accepted with an adjustment
    const row = disputes.locator('tr[data-employee="E006"]');
    await row.getByRole('button', { name: 'Accept…' }).click();
    const accept = row.getByRole('form', { name: 'Accept the dispute' });
    await accept.getByLabel('Adjustment (signed, e.g. 50.00 or -12.50)').fill('50.00');
    await accept
      .getByLabel('Reason the employee reads')
      .fill('The outage was not the agent’s doing.');
    await accept.getByRole('button', { name: 'Accept with this adjustment' }).click();
    await disputes.getByText('No dispute is open on this run.').waitFor();
    // the adjustment changed the approved figures: the run is open again, with the reason
    await hrState.getByTestId('run-state').getByText('open').waitFor();
    await hrState
      .getByTestId('reopen-reason')
      .getByText(
        /An adjustment of 50\.00 EUR for E006 \(dispute \d+\) changed the figures of Q1 2026 after the run was approved/,
      )
      .waitFor();

    // the employee sees the answer and the adjustment as its own line
    await agent.goto(`/scorecard?period=${Q}`);
    const want = new Decimal(e006().bonus_amount).plus(50).toFixed(2);
    await mine
      .getByText(
        /Accepted by user:e002@delight\.example .* with an adjustment of 50\.00: The outage was not the agent’s doing\./,
      )
      .waitFor();
    const adjustments = mine.getByTestId('adjustments');
    await adjustments.getByText('+€50.00').waitFor();
    expect(await adjustments.locator('tr').last().locator('td').textContent()).toBe(euro(want));
    expect(await agent.page.getByTestId('bonus-amount').textContent()).toBe(euro(want));

    // sign-off again, then HR closes behind the confirmation
    await hrState.getByRole('button', { name: 'Submit for approval' }).click();
    await hrState.getByTestId('run-state').getByText('submitted').waitFor();
    await exec.goto(`/hr?period=${Q}`);
    await execState.getByRole('button', { name: 'Approve the run' }).click();
    await execState.getByTestId('run-state').getByText('approved').waitFor();
    await hr.goto(`/hr?period=${Q}`);
    await hrState.getByRole('button', { name: 'Close period…' }).click();
    await hrState.getByRole('button', { name: 'Cancel' }).click();
    await hrState.getByRole('button', { name: 'Close period…' }).click();
    await hrState.getByRole('button', { name: 'Close Q1 2026' }).click();
    await hrState.getByTestId('run-state').getByText('closed').waitFor();
    expect(await hrState.getByRole('button').count()).toBe(0);

    // all audited
    const audit = hr.page.getByTestId('audit');
    for (const action of [
      'Bonus run submitted for approval',
      'Bonus run approved',
      'Statement line disputed',
      'Dispute accepted with an adjustment',
      'Bonus run sent back to open',
      'Period closed',
    ]) {
      await audit.getByRole('cell', { name: action }).first().waitFor();
    }
    // a closed run's statement can no longer be disputed (the scorecard's "what do I
    // need" is refused for a closed period: that 409 is the page's, not this flow's)
    expect(agent.errors).toEqual([]);
    await agent.goto(`/scorecard?period=${Q}`);
    await mine.getByText('This run is closed: approved by user:e001@delight.example.').waitFor();
    expect(await mine.getByRole('form').count()).toBe(0);

    await hr.screenshot('approval-flow-hr');
    for (const s of [hr, exec]) expect(s.errors).toEqual([]);
    for (const s of [hr, exec, agent]) await s.context.close();
  });
});
