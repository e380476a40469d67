/**
 * The day-of-start reminder through the real stack: the sweep sends the ESD card proactively through the real
 * CloudAdapter to a recording Bot Connector, which can also answer like Teams does when it refuses.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reminderId } from '../../src/services/reminders';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { postJson, teamsInstall, teamsInvoke, teamsUser } from '../common/activities';
import { startTestApp } from '../common/app';
import {
  actors, customerFixture, NOW, onDay, partnerAssignee, personFixture, sentCardFixture, tenantId,
} from '../common/fixtures';
import { startRecordingConnector, type RecordedRequest, type RecordingConnector } from '../common/recording-connector';

const FM = teamsUser(actors.fm.aadObjectId, actors.fm.name);
const CONTOSO = tenantId(1);

function bannerOf(request: RecordedRequest | undefined): string {
  type Banner = { items?: { inlines?: { text: string }[] }[] };
  const card = (request?.body.attachments as { content: { body: Banner[] } }[] | undefined)?.[0]?.content;
  return card?.body[0]?.items?.[0]?.inlines?.[0]?.text ?? '';
}

describe('Teams protocol: the day-of-start reminder (sweep, real adapter, recording connector)', () => {
  let dir: string;
  let store: SqliteStore;
  let connector: RecordingConnector;
  let app: Awaited<ReturnType<typeof startTestApp>>;

  async function install(): Promise<void> {
    await postJson(`${app.url}/api/messages`, teamsInstall(connector.serviceUrl, FM, 'add', 'Europe/London'));
    await connector.waitFor(1); // the welcome help card
    connector.requests.length = 0;
  }

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-rem-'));
    store = SqliteStore.open({ file: path.join(dir, 'esd.sqlite') });
    await store.putPerson(personFixture(actors.fm, { timeZone: 'Europe/London' }));
    await store.createCustomer(customerFixture({
      n: 1, name: 'Contoso Ltd', workloads: [onDay('ExchangeOnline', '2026-11-24'), onDay('Teams', '2026-11-28')],
    }));
    await store.createCustomer(customerFixture({ n: 2, name: 'Partnered', assignee: partnerAssignee(), workloads: [onDay('OneDrive', '2026-11-24')] }));
    await store.createCustomer(customerFixture({ n: 3, name: 'Unassigned', assignee: null, workloads: [onDay('Intune', '2026-11-24')] }));
    connector = await startRecordingConnector();
    app = await startTestApp(store, { now: () => NOW });
    await install();
  });

  afterEach(async () => {
    await app.stop();
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('on the ESD the assigned FM gets the card in their local morning, once (R3); partners and unassigned customers never (R9)', async () => {
    assert.deepEqual(await app.runReminders(new Date('2026-11-24T08:59:00Z')), { due: 0, sent: 0, skipped: 0, failed: 0 }, 'before 09:00 in London');
    assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:00:00Z')), { due: 1, sent: 1, skipped: 0, failed: 0 });
    assert.equal(connector.requests.length, 1);
    const [sent] = connector.requests;
    assert.equal(sent?.path, `/v3/conversations/${encodeURIComponent(`a:personal-${FM.id}`)}/activities`);
    assert.match(bannerOf(sent), /Today is the Engagement Start Date/);
    assert.match(String(sent?.body.summary), /Contoso Ltd · Exchange Online/);
    const record = (await store.getSentCard(reminderId(CONTOSO, 'ExchangeOnline', '2026-11-24', 'start')))?.value;
    assert.equal(record?.status, 'sent');
    assert.ok(record?.activityId, 'the activity id is kept so the card can be updated later');
    assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:00:00Z')), { due: 1, sent: 0, skipped: 1, failed: 0 }, 'a second sweep for the same instant sends nothing');
    assert.deepEqual(await app.runReminders(new Date('2026-11-24T15:00:00Z')), { due: 1, sent: 0, skipped: 1, failed: 0 });
    assert.equal(connector.requests.length, 1, 'nothing was sent twice');
  });

  it('an ESD on a Saturday is asked about on Monday morning, saying which day it was', async () => {
    await app.runReminders(new Date('2026-11-24T09:00:00Z'));
    connector.requests.length = 0;
    assert.equal((await app.runReminders(new Date('2026-11-28T10:00:00Z'))).sent, 0, 'not on the weekend');
    // With it goes the last follow-up of the Exchange Online reminder, still unanswered since Tuesday.
    assert.equal((await app.runReminders(new Date('2026-11-30T09:30:00Z'))).sent, 2);
    assert.ok(connector.requests.some((r) => /The Engagement Start Date was Sat, 28 Nov 2026/.test(bannerOf(r))));
  });

  it('after "no response yet" the FM is asked again the next working day, and not after "customer inactive" (R5)', async () => {
    await app.runReminders(new Date('2026-11-24T09:00:00Z'));
    const data = { tenantId: CONTOSO, workload: 'ExchangeOnline', revision: 1, note: 'No answer to two calls.' };
    await postJson(`${app.url}/api/messages`, teamsInvoke(connector.serviceUrl, FM, 'noResponse', data));
    await app.idle(); // the reminder card is redrawn in place first
    assert.equal(connector.requests.at(-1)?.method, 'PUT');
    connector.requests.length = 0;
    assert.equal((await app.runReminders(new Date('2026-11-24T16:00:00Z'))).sent, 0);
    assert.equal((await app.runReminders(new Date('2026-11-25T09:00:00Z'))).sent, 1);
    assert.match(bannerOf(connector.requests[0]), /You asked to be reminded: did Contoso Ltd answer about Exchange Online/);
    await postJson(`${app.url}/api/messages`, teamsInvoke(connector.serviceUrl, FM, 'customerInactive', { ...data, revision: 2, note: 'Gone quiet.' }));
    assert.equal((await app.runReminders(new Date('2026-11-26T09:00:00Z'))).due, 0);
  });

  it('a blocked conversation is final: recorded, the FM marked unreachable, and not retried', async () => {
    connector.failNext({ status: 403, body: { error: { code: 'ConversationBlockedByUser', message: 'blocked' } } });
    assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:00:00Z')), { due: 1, sent: 0, skipped: 0, failed: 1 });
    const record = (await store.getSentCard(reminderId(CONTOSO, 'ExchangeOnline', '2026-11-24', 'start')))?.value;
    assert.deepEqual([record?.status, record?.lastError], ['failed', '403 ConversationBlockedByUser']);
    assert.equal((await store.getPerson(FM.aadObjectId))?.value.reachable, false);
    assert.deepEqual(await app.runReminders(new Date('2026-11-24T10:00:00Z')), { due: 1, sent: 0, skipped: 1, failed: 0 });
    assert.equal(connector.requests.length, 1, 'one attempt only');
  });

  it('Teams throttling (429) beyond the notifier\'s retries is left for the next sweep, which delivers once', async () => {
    const busy = { status: 429, headers: { 'Retry-After': '0' }, body: { error: { code: 'Throttled', message: 'slow down' } } };
    connector.failNext(busy, busy, busy, busy);
    assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:00:00Z')), { due: 1, sent: 0, skipped: 0, failed: 1 });
    const id = reminderId(CONTOSO, 'ExchangeOnline', '2026-11-24', 'start');
    assert.equal((await store.getSentCard(id))?.value.status, 'retrying');
    assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:05:00Z')), { due: 1, sent: 1, skipped: 0, failed: 0 });
    const record = (await store.getSentCard(id))?.value;
    assert.deepEqual([record?.status, record?.attempts], ['sent', 2]);
    assert.equal(connector.requests.filter((r) => r.method === 'POST').length, 5, 'four refused tries, then one delivery');
  });

  it('a reminder claimed by a sweep that crashed before sending is sent once its claim expires (REMINDER_CLAIM_SECONDS), once', async () => {
    const id = reminderId(CONTOSO, 'ExchangeOnline', '2026-11-24', 'start');
    await store.claimSentCard(sentCardFixture(CONTOSO, 'ExchangeOnline', '2026-11-24', 'start', { id, status: 'claimed' }));
    assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:01:59Z')), { due: 1, sent: 0, skipped: 1, failed: 0 }, 'the claim still holds');
    assert.equal(connector.requests.length, 0);
    assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:02:00Z')), { due: 1, sent: 1, skipped: 0, failed: 0 }, '120 s later it is taken over');
    assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:10:00Z')), { due: 1, sent: 0, skipped: 1, failed: 0 });
    assert.equal(connector.requests.length, 1, 'sent once');
    assert.deepEqual([(await store.getSentCard(id))?.value.status, (await store.getSentCard(id))?.value.attempts], ['sent', 1]);
  });

  it('an FM who cannot be reached yet is not given up on: the card goes out once they install the bot', async () => {
    await postJson(`${app.url}/api/messages`, teamsInstall(connector.serviceUrl, FM, 'remove'));
    assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:00:00Z')), { due: 1, sent: 0, skipped: 1, failed: 0 });
    await install();
    assert.equal((await app.runReminders(new Date('2026-11-24T11:00:00Z'))).sent, 1);
  });
});
