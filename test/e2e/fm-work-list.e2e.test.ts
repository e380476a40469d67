/**
 * The FM's work list in the real Teams chat UI (Microsoft 365 Agents Playground + headless Chromium): `upcoming`
 * answers one card, a row opens its ESD card in place, "Communication started" records the day it really happened
 * (R5), and the way back answers the list as it now is.
 */
import assert from 'node:assert/strict';
import { addDays, todayIn } from '../../src/domain/dates';
import { DEMO_PEOPLE } from '../../src/services/demo-data';
import { formatDay } from '../../src/teams/cards/format';
import { startE2e, type E2e } from './harness';
import { typed, UI_TIMEOUT_MS } from './teams-page';

const CONTOSO = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

describe('Teams client end to end: the FM\'s work list (Agents Playground + Chromium)', function () {
  this.timeout(4 * UI_TIMEOUT_MS);
  let e2e: E2e | undefined;

  before(async () => {
    e2e = await startE2e();
  });

  after(async () => {
    await e2e?.stop();
  });

  it('R3/R5: `upcoming` → open a row → "Communication started" two days ago → the card shows it, the store holds the moved ESD, and back to the list', async () => {
    assert.ok(e2e, 'the e2e environment started');
    const alice = DEMO_PEOPLE[0];
    assert.ok(alice);
    const today = todayIn(alice.timeZone, new Date());
    const startedOn = addDays(today, -2);
    const teams = await e2e.newTeamsPage();
    await teams.openChat();
    await teams.send('upcoming');
    const card = await teams.lastCard();
    const shots: string[] = [];
    try {
      await card.getByText('Needs your answer', { exact: false }).first().waitFor();
      await teams.waitForQuiet();
      shots.push(await teams.screenshot('fm-work-list-1-upcoming'));
      await teams.clickRowAction('Open', ['Contoso Ltd', 'Exchange Online'], card);
      await card.getByRole('button', { name: 'Back to my list', exact: true }).waitFor();
      await teams.clickAction('Communication started', card);
      await teams.fillDate('The day communication started', typed(startedOn), card);
      await card.getByRole('button', { name: 'Record the start', exact: true }).scrollIntoViewIfNeeded();
      await teams.waitForQuiet(500);
      shots.push(await teams.screenshot('fm-work-list-2-start-day'));
      await teams.clickAction('Record the start', card);
      await card.getByText(`Recorded: communication with the customer started on ${formatDay(startedOn)}.`, { exact: false }).waitFor();
      await teams.waitForQuiet();
      shots.push(await teams.screenshot('fm-work-list-3-started'));
      const stored = (await e2e.store.getCustomer(CONTOSO))?.value.workloads.find((w) => w.workload === 'ExchangeOnline');
      assert.deepEqual([stored?.state, stored?.startedOn, stored?.engagementStartDate], ['started', startedOn, startedOn]);
      assert.deepEqual([stored?.history.at(-1)?.from, stored?.history.at(-1)?.to], [today, startedOn]);
      await teams.clickAction('Back to my list', card);
      await card.getByText('Needs your answer', { exact: false }).first().waitFor();
      await card.getByText('Litware Inc', { exact: false }).waitFor();
      assert.equal(await teams.rowCount(['Contoso Ltd', 'Exchange Online'], card), 0, 'started: no longer in the list');
      await teams.waitForQuiet();
      shots.push(await teams.screenshot('fm-work-list-4-back'));
    } finally {
      if (shots.length < 4) shots.push(await teams.screenshot('fm-work-list-failed'));
      process.stdout.write(`      screenshots: ${shots.join(', ')}\n`);
    }
  });
});
