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
import { bearer, startTestApp } from '../common/app';
import {
  actors, ctx, customerFixture, NOW, onDay, partnerAssignee, personFixture, sentCardFixture, tenantId,
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

  describe('never lost, and followed up (issue 9)', () => {
    const EXCHANGE = reminderId(CONTOSO, 'ExchangeOnline', '2026-11-24', 'start');
    const posts = (): RecordedRequest[] => connector.requests.filter((r) => r.method === 'POST');
    const about = (name: string): RecordedRequest[] => posts().filter((r) => String(r.body.summary).includes(`${name} ·`));
    const busy = { status: 429, headers: { 'Retry-After': '0' }, body: { error: { code: 'Throttled', message: 'slow down' } } };

    async function sweepMornings(days: string[], at = 'T09:00:00Z'): Promise<void> {
      for (const day of days) await app.runReminders(new Date(`${day}${at}`));
    }

    it('R3: a send whose outcome is unknown (connection reset after Teams got it) is sent again the same day: the FM may see a second copy', async () => {
      connector.failNext({ status: 0, drop: 'reset' });
      assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:00:00Z')), { due: 1, sent: 0, skipped: 0, failed: 1 });
      assert.equal((await store.getSentCard(EXCHANGE))?.value.status, 'retrying', 'not given up: it may never have arrived');
      assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:05:00Z')), { due: 1, sent: 1, skipped: 0, failed: 0 });
      // The documented trade-off: the connector got the card twice (once before the reset); acting on either copy
      // is recorded once, and both are redrawn.
      assert.deepEqual(about('Contoso Ltd').map((r) => r.status), [0, 200]);
      assert.deepEqual([(await store.getSentCard(EXCHANGE))?.value.status, (await store.getSentCard(EXCHANGE))?.value.attempts], ['sent', 2]);
      assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:10:00Z')), { due: 1, sent: 0, skipped: 1, failed: 0 }, 'then never again that day');
    });

    it('R3: 429 bursts across sweeps are never final within the day: the third sweep delivers, once', async () => {
      connector.failNext(...Array.from({ length: 8 }, () => busy));
      assert.equal((await app.runReminders(new Date('2026-11-24T09:00:00Z'))).failed, 1);
      assert.equal((await app.runReminders(new Date('2026-11-24T09:05:00Z'))).failed, 1);
      assert.equal((await app.runReminders(new Date('2026-11-24T09:10:00Z'))).sent, 1);
      assert.deepEqual([(await store.getSentCard(EXCHANGE))?.value.status, (await store.getSentCard(EXCHANGE))?.value.attempts], ['sent', 3]);
      assert.deepEqual(posts().map((r) => r.status), [...Array.from({ length: 8 }, () => 429), 200]);
    });

    it('R3: a reminder still undelivered when the FM\'s day ends is failed as expired, listed so, and the next working morning asks again', async () => {
      connector.failNext(busy, busy, busy, busy);
      await app.runReminders(new Date('2026-11-24T09:00:00Z'));
      assert.equal((await store.getSentCard(EXCHANGE))?.value.status, 'retrying');
      assert.equal((await app.runReminders(new Date('2026-11-24T23:59:00Z'))).sent, 1, 'still the same day in London: retried');
      connector.requests.length = 0;
      // Undelivered again at the day's last sweep, then midnight in London.
      await store.updateSentCard({ ...(await store.getSentCard(EXCHANGE))!.value, status: 'retrying' }, (await store.getSentCard(EXCHANGE))!.etag);
      assert.deepEqual(await app.runReminders(new Date('2026-11-25T00:00:30Z')), { due: 0, sent: 0, skipped: 0, failed: 1 });
      const record = (await store.getSentCard(EXCHANGE))?.value;
      assert.deepEqual([record?.status, record?.lastError], ['failed', 'expired']);
      const listed = await fetch(`${app.url}/api/reminders?status=failed`, { headers: { authorization: bearer('admin') } });
      const items = ((await listed.json()) as { items: { id: string; reason: string }[] }).items;
      assert.match(items.find((i) => i.id === EXCHANGE)?.reason ?? '', /before the end of the person's day/);
      assert.equal(connector.requests.length, 0, 'nothing sent at midnight');
      assert.equal((await app.runReminders(new Date('2026-11-25T09:00:00Z'))).sent, 1, 'the follow-up in the morning');
      assert.equal((await store.getSentCard(`${EXCHANGE}.1`))?.value.status, 'sent');
    });

    it('a Monday digest still undelivered when that Monday ends is failed as expired too (only Mondays retry it)', async () => {
      const id = `digest.${FM.aadObjectId}.2026-11-23`;
      await store.claimSentCard(sentCardFixture(CONTOSO, 'ExchangeOnline', '2026-11-23', 'start', {
        id, kind: 'digest', tenantId: '', workload: '', status: 'retrying',
      }));
      await app.runReminders(new Date('2026-11-23T23:59:00Z'));
      assert.equal((await store.getSentCard(id))?.value.status, 'retrying', 'still Monday in London');
      await app.runReminders(new Date('2026-11-24T00:00:30Z'));
      const record = (await store.getSentCard(id))?.value;
      assert.deepEqual([record?.status, record?.lastError], ['failed', 'expired']);
    });

    it('R3: an ignored reminder follows up on the next working mornings across a weekend, REMINDER_FOLLOW_UPS (2) times, then stops', async () => {
      await store.createCustomer(customerFixture({ n: 4, name: 'Fabrikam', workloads: [onDay('SharePointOnline', '2026-11-27')] }));
      await sweepMornings(['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03']);
      const days = about('Fabrikam').map((r) => new Date(r.at).toISOString().slice(0, 10));
      assert.equal(days.length, 3, 'Friday, then Monday and Tuesday');
      const id = reminderId(tenantId(4), 'SharePointOnline', '2026-11-27', 'start');
      const records = await Promise.all([id, `${id}.1`, `${id}.2`, `${id}.3`].map((i) => store.getSentCard(i)));
      assert.deepEqual(records.map((r) => r?.value.dueOn), ['2026-11-27', '2026-11-30', '2026-12-01', undefined]);
      assert.ok(records.slice(0, 3).every((r) => r?.value.status === 'sent'));
    });

    it('R3: follow-ups keep to the FM\'s local morning across a DST change (London, 25 Oct 2026)', async () => {
      await store.createCustomer(customerFixture({
        n: 5, name: 'Tailspin', workloads: [onDay('Intune', '2026-10-23')], context: ctx(actors.gateway, 0, '2026-10-01'),
      }));
      assert.equal((await app.runReminders(new Date('2026-10-23T07:59:00Z'))).sent, 0, '08:59 BST');
      assert.equal((await app.runReminders(new Date('2026-10-23T08:00:00Z'))).sent, 1, '09:00 BST');
      assert.equal((await app.runReminders(new Date('2026-10-26T08:30:00Z'))).sent, 0, '08:30 GMT on Monday');
      assert.equal((await app.runReminders(new Date('2026-10-26T09:00:00Z'))).sent, 1, '09:00 GMT on Monday');
      assert.equal((await store.getSentCard(`${reminderId(tenantId(5), 'Intune', '2026-10-23', 'start')}.1`))?.value.dueOn, '2026-10-26');
    });

    it('R3, R5: an answer to a follow-up ends the series', async () => {
      await sweepMornings(['2026-11-24', '2026-11-25']);
      assert.equal(about('Contoso Ltd').length, 2, 'the reminder and its first follow-up');
      const data = { tenantId: CONTOSO, workload: 'ExchangeOnline', revision: 1 };
      const answer = await postJson(`${app.url}/api/messages`, teamsInvoke(connector.serviceUrl, FM, 'confirmStart', data));
      assert.equal(answer.status, 200);
      await app.idle();
      assert.equal((await store.getCustomer(CONTOSO))?.value.workloads.find((w) => w.workload === 'ExchangeOnline')?.state, 'started');
      connector.requests.length = 0;
      assert.deepEqual(await app.runReminders(new Date('2026-11-26T09:00:00Z')), { due: 0, sent: 0, skipped: 0, failed: 0 });
      assert.equal(posts().length, 0);
    });

    it('R3: more than DIGEST_THRESHOLD (5) cards for one FM in one morning arrive as one summary card, each reminder recorded sent once', async () => {
      for (let n = 10; n < 16; n++) {
        await store.createCustomer(customerFixture({ n, name: `Customer ${n}`, workloads: [onDay('Teams', '2026-11-24')] }));
      }
      assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:00:00Z')), { due: 7, sent: 7, skipped: 0, failed: 0 });
      assert.equal(posts().length, 1, 'one card for seven reminders');
      const card = JSON.stringify(posts()[0]?.body.attachments);
      for (const name of ['Contoso Ltd', 'Customer 10', 'Customer 15']) assert.ok(card.includes(name), name);
      const records = await Promise.all([EXCHANGE, reminderId(tenantId(12), 'Teams', '2026-11-24', 'start')].map((i) => store.getSentCard(i)));
      assert.deepEqual(records.map((r) => [r?.value.status, r?.value.activityId]), [['sent', null], ['sent', null]], 'no ESD card of their own to redraw');
      assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:05:00Z')), { due: 7, sent: 0, skipped: 7, failed: 0 });
      assert.equal(posts().length, 1, 'never twice');
    });
  });
});
