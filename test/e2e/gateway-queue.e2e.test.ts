/**
 * The Gateway queue in the real Teams chat UI (Microsoft 365 Agents Playground + Chromium), as the demo Gateway
 * person Grace sees it (P1, P2): `queue`, open "Assign an FM" on the customer about to start, pick an FM from the
 * list (least loaded first, with their load), assign, and the card confirms; the store holds the assignee.
 */
import assert from 'node:assert/strict';
import { DEMO_PEOPLE } from '../../src/services/demo-data';
import { startE2e, type E2e } from './harness';
import { UI_TIMEOUT_MS } from './teams-page';

const WIDE_WORLD = '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

describe('Teams client end to end: the Gateway assigns from `queue` (P1, P2)', function () {
  this.timeout(3 * UI_TIMEOUT_MS);
  let e2e: E2e | undefined;

  before(async () => {
    e2e = await startE2e({ currentUser: 'Grace Gateway' });
  });

  after(async () => {
    await e2e?.stop();
  });

  it('Grace types "queue", assigns the customer about to start to an FM from the list, and the card confirms it', async () => {
    assert.ok(e2e, 'the e2e environment started');
    const bob = DEMO_PEOPLE.find((p) => p.name === 'Bob Fm');
    assert.ok(bob);
    const teams = await e2e.newTeamsPage();
    await teams.openChat();
    await teams.send('queue');
    const card = await teams.lastCard();
    await teams.waitForQuiet();
    try {
      await card.getByText('Customers waiting for an FM', { exact: true }).waitFor();
      await card.getByText('Wide World Importers', { exact: true }).waitFor();
      await teams.clickAction('Assign an FM', card, 0); // the first customer: the soonest start
      const choice = await teams.chooseOption('FM (least loaded first)', /^Bob Fm — \d+ starting that fortnight, \d+ in flight$/, card);
      assert.match(choice, /^Bob Fm — /);
      await teams.screenshot('gateway-queue-pick');
      await teams.clickAction('Assign', card);
      await card.getByText('Wide World Importers is now assigned to Bob Fm', { exact: false }).waitFor();
    } finally {
      await teams.screenshot('gateway-queue-assign');
    }
    const stored = (await e2e.store.getCustomer(WIDE_WORLD))?.value;
    assert.deepEqual(stored?.assignee, { type: 'fm', aadObjectId: bob.aadObjectId, name: 'Bob Fm' });
    assert.match(stored?.statusNotes.at(-1)?.text ?? '', /Assigned to FM Bob Fm/);
    assert.equal(stored?.statusNotes.at(-1)?.by.name, 'Grace Gateway');
  });
});
