/**
 * The bot in the real Teams chat UI (Microsoft 365 Agents Playground) driven by a headless Chromium: what a person
 * sees. Slow (a 9 MB UI per page load), so only a few scenarios live here; the rest are protocol-level tests.
 */
import assert from 'node:assert/strict';
import { addDays, todayIn } from '../../src/domain/dates';
import { DEMO_PEOPLE } from '../../src/services/demo-data';
import { formatDay } from '../../src/teams/cards/format';
import { startE2e, type E2e } from './harness';
import { typed, UI_TIMEOUT_MS } from './teams-page';

const CONTOSO = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

describe('Teams client end to end (Agents Playground + Chromium)', function () {
  this.timeout(3 * UI_TIMEOUT_MS);
  let e2e: E2e | undefined;

  before(async () => {
    e2e = await startE2e();
  });

  after(async () => {
    await e2e?.stop();
  });

  it('the FM types "help" and sees the help card with its commands', async () => {
    assert.ok(e2e, 'the e2e environment started');
    const teams = await e2e.newTeamsPage();
    await teams.openChat();
    await teams.send('help');
    const card = await teams.lastCard();
    try {
      await card.getByText('FastTrack Engagement Start Date', { exact: true }).waitFor();
      await card.getByText('upcoming', { exact: true }).waitFor();
    } finally {
      await teams.screenshot('teams-client-help');
    }
  });

  it('the FM types "upcoming", opens a row, reschedules with a reason, and sees the updated card; date and reason are stored together (R6)', async () => {
    assert.ok(e2e, 'the e2e environment started');
    const alice = DEMO_PEOPLE[0];
    assert.ok(alice);
    const newDate = addDays(todayIn(alice.timeZone, new Date()), 10);
    const reason = 'The customer asked to move the first call.';
    const teams = await e2e.newTeamsPage();
    await teams.openChat();
    await teams.send('upcoming');
    const card = await teams.lastCard(); // the work list: one card, whose rows open ESD cards in its place
    try {
      await card.getByText('Needs your answer', { exact: false }).first().waitFor();
      await teams.clickRowAction('Open', ['Contoso Ltd', 'Exchange Online'], card);
      await card.getByRole('button', { name: 'Back to my list', exact: true }).waitFor();
      await teams.waitForQuiet();
      await teams.clickAction('Reschedule', card);
      await teams.fillDate('New date', typed(newDate), card);
      await teams.fillText('Reason (recorded in the Overall Status Notes)', reason, card);
      await teams.clickAction('Save the new date', card);
      await card.getByText(`Rescheduled to ${formatDay(newDate)}`, { exact: false }).waitFor();
      await card.getByText(reason).waitFor(); // the note, shown on the refreshed card
    } finally {
      await teams.screenshot('teams-client-reschedule');
    }
    const stored = (await e2e.store.getCustomer(CONTOSO))?.value;
    const workload = stored?.workloads.find((w) => w.workload === 'ExchangeOnline');
    assert.equal(workload?.engagementStartDate, newDate);
    assert.equal(workload?.history.at(-1)?.reason, reason);
    assert.deepEqual(stored?.statusNotes.at(-1)?.kind, 'dateChanged');
    assert.equal(stored?.statusNotes.at(-1)?.text, reason);
  });
});
