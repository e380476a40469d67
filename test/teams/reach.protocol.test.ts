/**
 * Issue 13, reaching every FM, through the real stack: an FM in the directory who never opened the bot has no stored
 * chat; the app creates it through the Bot Connector (POST /v3/conversations at TEAMS_SERVICE_URL, here the
 * recording connector), stores it and sends. A connector that answers "the app is not installed" leaves the FM
 * unreachable (`neverInstalled`) with the reminder kept due, until they install the app.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReachConfig } from '../../src/config';
import { reminderId } from '../../src/services/reminders';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { postJson, teamsInstall, teamsUser } from '../common/activities';
import { startTestApp } from '../common/app';
import { actors, customerFixture, onDay, personFixture, tenantId } from '../common/fixtures';
import { apiClient, contosoBody } from '../http/api-client';
import { GRAPH_TOKEN, startFakeGraph, type FakeGraph } from '../common/fake-graph';
import {
  APP_NOT_INSTALLED, startRecordingConnector, type RecordedRequest, type RecordingConnector,
} from '../common/recording-connector';

const FM = teamsUser(actors.fm.aadObjectId, actors.fm.name);
/** The FMs' own tenant (TEAMS_TENANT_ID), not a customer's. */
const HOME_TENANT = '6b1e1a40-2a7c-4b1e-9d5e-1a2b3c4d5e6f';
const CONTOSO = tenantId(1);

function paths(requests: RecordedRequest[]): string[] {
  return requests.map((r) => `${r.method} ${r.path}`);
}

describe('Teams protocol: reaching an FM who never opened the bot (issue 13)', () => {
  let dir: string;
  let store: SqliteStore;
  let connector: RecordingConnector;
  let app: Awaited<ReturnType<typeof startTestApp>>;

  async function start(reach: ReachConfig | undefined, now = new Date('2026-11-24T09:00:00Z')): Promise<void> {
    app = await startTestApp(store, { now: () => now }, null, reach);
  }

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-reach-'));
    store = SqliteStore.open({ file: path.join(dir, 'esd.sqlite') });
    await store.putPerson(personFixture(actors.fm, { timeZone: 'Europe/London', conversation: null }));
    await store.createCustomer(customerFixture({
      n: 1, name: 'Contoso Ltd', workloads: [onDay('ExchangeOnline', '2026-11-24'), onDay('Teams', '2026-11-25')],
    }));
    connector = await startRecordingConnector();
  });

  afterEach(async () => {
    await app.stop();
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('R3: the chat is created (POST /v3/conversations with the FM\'s Entra id and the tenant), stored, then the card sent; the next cards go straight', async () => {
    await start({ serviceUrl: connector.serviceUrl, tenantId: HOME_TENANT, graph: null });
    assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:00:00Z')), { due: 1, sent: 1, skipped: 0, failed: 0 });
    assert.deepEqual(paths(connector.requests), ['POST /v3/conversations', 'POST /v3/conversations/conversation-1/activities']);
    const create = connector.requests[0]?.body;
    assert.deepEqual(create?.members, [{ id: FM.aadObjectId, name: '' }]);
    assert.equal(create?.isGroup, false);
    assert.equal(create?.tenantId, HOME_TENANT);
    assert.deepEqual(create?.channelData, { tenant: { id: HOME_TENANT } });
    assert.equal(connector.requests[1]?.tenantId, HOME_TENANT, 'the card is paced in the FMs\' tenant');
    const person = (await store.getPerson(FM.aadObjectId))?.value;
    assert.equal(person?.reachable, true);
    assert.equal((person?.conversation?.conversation as { id?: string } | undefined)?.id, 'conversation-1');
    const record = (await store.getSentCard(reminderId(CONTOSO, 'ExchangeOnline', '2026-11-24', 'start')))?.value;
    assert.deepEqual([record?.status, record?.conversationId], ['sent', 'conversation-1']);

    connector.requests.length = 0;
    // Wednesday: the Teams reminder and Tuesday's unanswered Exchange Online one, into the stored chat.
    assert.equal((await app.runReminders(new Date('2026-11-25T09:00:00Z'))).sent, 2);
    assert.deepEqual(paths(connector.requests), Array(2).fill('POST /v3/conversations/conversation-1/activities'));
  });

  it('P1: the welcome cards of an assignment reach an FM who never opened the bot', async () => {
    await start({ serviceUrl: connector.serviceUrl, tenantId: HOME_TENANT, graph: null });
    const created = await apiClient(app.url)('POST', '/api/customers', { body: contosoBody(tenantId(9)) });
    assert.equal(created.status, 201);
    await app.idle();
    const sent = paths(connector.requests);
    assert.equal(sent[0], 'POST /v3/conversations');
    assert.ok(sent.length >= 2 && sent.slice(1).every((p) => p === 'POST /v3/conversations/conversation-1/activities'), sent.join(', '));
  });

  it('without a tenant (neither TEAMS_TENANT_ID nor MicrosoftAppTenantId) no chat is created: the reminder waits, as before', async () => {
    await start(undefined);
    assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:00:00Z')), { due: 1, sent: 0, skipped: 1, failed: 0 });
    assert.equal(connector.requests.length, 0);
  });

  it('R3: Teams refusing the chat (app not installed) marks the FM neverInstalled, keeps the reminder due, and it arrives that day once they install', async () => {
    await start({ serviceUrl: connector.serviceUrl, tenantId: HOME_TENANT, graph: null });
    connector.failNext(APP_NOT_INSTALLED);
    assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:00:00Z')), { due: 1, sent: 0, skipped: 1, failed: 0 });
    const person = (await store.getPerson(FM.aadObjectId))?.value;
    assert.deepEqual([person?.reachable, person?.unreachableReason], [false, 'neverInstalled']);
    assert.deepEqual(await app.runReminders(new Date('2026-11-24T10:00:00Z')), { due: 1, sent: 0, skipped: 1, failed: 0 });
    assert.equal(connector.requests.length, 1, 'a refused chat is not asked for again at every sweep');

    // Mid-day the FM gets the app (an admin's setup policy, or they open it): Teams tells the bot their chat.
    await postJson(`${app.url}/api/messages`, teamsInstall(connector.serviceUrl, FM, 'add', 'Europe/London'));
    await connector.waitFor(2); // the help card of the install
    connector.requests.length = 0;
    assert.equal((await app.runReminders(new Date('2026-11-24T14:00:00Z'))).sent, 1, 'the day\'s reminder arrives that day');
    assert.deepEqual(paths(connector.requests), [`POST /v3/conversations/${encodeURIComponent(`a:personal-${FM.id}`)}/activities`]);
  });

  describe('unreachable FMs are visible, their reminders never dropped', () => {
    const EXCHANGE = reminderId(CONTOSO, 'ExchangeOnline', '2026-11-24', 'start');

    async function refused(): Promise<void> {
      await start({ serviceUrl: connector.serviceUrl, tenantId: HOME_TENANT, graph: null });
      connector.failNext(APP_NOT_INSTALLED);
      await app.runReminders(new Date('2026-11-24T09:00:00Z'));
    }

    it('GET /api/people?reachable=false (admin) lists the FM with the reason and the reminders waiting; GET /api/reminders shows the reminder pending with why', async () => {
      await refused();
      const api = apiClient(app.url);
      const people = await api('GET', '/api/people?reachable=false', { as: 'admin' });
      assert.equal(people.status, 200);
      assert.deepEqual(people.body, { items: [{
        aadObjectId: FM.aadObjectId, name: actors.fm.name, email: `${FM.aadObjectId}@contoso.example`, role: 'fm',
        reason: 'neverInstalled', remindersWaiting: 1,
      }] });
      const pending = await api('GET', '/api/reminders?status=pending', { as: 'admin' });
      type Item = { id: string; status: string; reason: string; attempts: number };
      const { items } = pending.body as { items: Item[] };
      assert.deepEqual(items.map((i) => [i.id, i.status, i.attempts]), [[EXCHANGE, 'pending', 0]]);
      assert.match(items[0]?.reason ?? '', /no chat with the bot yet .*goes out once they install it/);
      assert.equal((await api('GET', '/api/people?reachable=false', { as: 'gateway' })).status, 403);
      assert.equal((await api('GET', '/api/people?reachable=true', { as: 'admin' })).status, 400);
      assert.equal((await api('GET', '/api/people', { as: 'admin' })).status, 400);

      await postJson(`${app.url}/api/messages`, teamsInstall(connector.serviceUrl, FM, 'add', 'Europe/London'));
      await app.runReminders(new Date('2026-11-24T14:00:00Z'));
      assert.deepEqual((await api('GET', '/api/people?reachable=false', { as: 'admin' })).body, { items: [] });
      const record = (await store.getSentCard(EXCHANGE))?.value;
      assert.deepEqual([record?.status, record?.lastError, record?.attempts], ['sent', null, 1]);
    });

    it('R3, R5: a reminder waiting for days is not expired at any day\'s end; once the FM can be reached, only that day\'s card goes out', async () => {
      await refused();
      for (const day of ['2026-11-25', '2026-11-26']) await app.runReminders(new Date(`${day}T09:00:00Z`));
      assert.equal((await store.getSentCard(EXCHANGE))?.value.status, 'retrying', 'still pending, never expired');
      assert.equal(connector.requests.length, 1, 'only the refused chat: nothing sent, nothing asked again');

      await postJson(`${app.url}/api/messages`, teamsInstall(connector.serviceUrl, FM, 'add', 'Europe/London'));
      await connector.waitFor(2);
      connector.requests.length = 0;
      // Thursday: Exchange Online's last follow-up (copy 2) and Teams' first follow-up (copy 1), one card each.
      assert.equal((await app.runReminders(new Date('2026-11-26T11:00:00Z'))).sent, 2);
      assert.equal(connector.requests.length, 2, 'no replay of the days missed');
      const first = (await store.getSentCard(EXCHANGE))?.value;
      assert.deepEqual([first?.status, first?.lastError], ['sent', null], 'the waiting record is settled by the later card');
    });
  });

  describe('GRAPH_INSTALL=on: the app is installed through Microsoft Graph when Teams will not open the chat', () => {
    let graph: FakeGraph;
    const FM2 = teamsUser(actors.fm2.aadObjectId, actors.fm2.name);

    beforeEach(async () => {
      graph = await startFakeGraph();
      await start({
        serviceUrl: connector.serviceUrl, tenantId: HOME_TENANT,
        graph: { catalogId: 'catalog-app-1', baseUrl: graph.baseUrl, tokenUrl: graph.tokenUrl },
      });
    });

    afterEach(() => graph.stop());

    it('R3: Teams refuses the chat, Graph installs the app (installedApps, catalog id, bot token), the chat is created and the card sent', async () => {
      connector.failNext(APP_NOT_INSTALLED);
      assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:00:00Z')), { due: 1, sent: 1, skipped: 0, failed: 0 });
      assert.deepEqual(graph.requests.map((r) => `${r.method} ${r.path}`), [
        'POST /token', `POST /v1.0/users/${FM.aadObjectId}/teamwork/installedApps`,
      ]);
      assert.deepEqual(graph.requests[0]?.body.grant_type, 'client_credentials');
      assert.equal(graph.requests[0]?.body.scope, 'https://graph.microsoft.com/.default');
      assert.deepEqual(graph.installs()[0]?.body, { 'teamsApp@odata.bind': `${graph.baseUrl}/appCatalogs/teamsApps/catalog-app-1` });
      assert.equal(graph.installs()[0]?.authorization, `Bearer ${GRAPH_TOKEN}`);
      assert.deepEqual(paths(connector.requests), [
        'POST /v3/conversations', 'POST /v3/conversations', 'POST /v3/conversations/conversation-1/activities',
      ]);
      assert.equal((await store.getPerson(FM.aadObjectId))?.value.reachable, true);
    });

    it('a 403 from Graph is logged once, not per FM; each FM is listed unreachable, graphRefused, and not tried again', async () => {
      await store.putPerson(personFixture(actors.fm2, { timeZone: 'Europe/London', conversation: null }));
      await store.createCustomer(customerFixture({
        n: 2, name: 'Fabrikam', assignee: { type: 'fm', aadObjectId: FM2.aadObjectId, name: actors.fm2.name }, workloads: [onDay('Intune', '2026-11-24')],
      }));
      connector.failNext(APP_NOT_INSTALLED, APP_NOT_INSTALLED);
      const forbidden = { status: 403, body: { error: { code: 'Forbidden', message: 'Missing role permissions' } } };
      graph.answerNext(forbidden, forbidden);
      assert.deepEqual(await app.runReminders(new Date('2026-11-24T09:00:00Z')), { due: 2, sent: 0, skipped: 2, failed: 0 });
      assert.equal(graph.installs().length, 2);
      assert.equal(app.logger.lines.filter((line) => line.includes('Microsoft Graph refused to install the app')).length, 1);
      const listed = await apiClient(app.url)('GET', '/api/people?reachable=false', { as: 'admin' });
      const items = (listed.body as { items: { aadObjectId: string; reason: string }[] }).items;
      assert.deepEqual(items.map((i) => [i.aadObjectId, i.reason]).sort(), [
        [FM.aadObjectId, 'graphRefused'], [FM2.aadObjectId, 'graphRefused'],
      ].sort());
      await app.runReminders(new Date('2026-11-24T10:00:00Z'));
      assert.equal(graph.installs().length, 2, 'not asked again at every sweep');
    });
  });
});
