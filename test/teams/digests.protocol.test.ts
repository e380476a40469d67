/**
 * Issue 9 item 4, the Monday digests, through the real app and a recording Bot Connector with injected time
 * (app.runReminders(asOf)), on SQLite and on the Cosmos test server: each FM gets their week and what waits for their
 * answer, each Gateway person the customers without an FM soon and last week's undelivered reminders, on Monday in
 * their own morning, once.
 */
import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../src/app';
import { recordNoResponse } from '../../src/domain/engagement';
import type { Customer, Person } from '../../src/domain/types';
import { REMINDER_PAGE } from '../../src/http/schemas/responses';
import { memoryLogger } from '../../src/log/logger';
import { digestId } from '../../src/services/digests';
import { headsUpId } from '../../src/services/heads-up';
import type { Store } from '../../src/store/store';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import { postJson, teamsInstall, teamsInvoke, teamsUser, type TeamsUser } from '../common/activities';
import { bearer, TEST_CONFIG } from '../common/app';
import {
  actors, ctx, customerFixture, fmAssignee, inMonth, NOW, onDay, personFixture, sentCardFixture, tenantId,
} from '../common/fixtures';
import { startRecordingConnector, type RecordingConnector } from '../common/recording-connector';
import { storeKinds, type OpenedStore } from '../common/stores';
import { assertMatches } from '../http/api-client';
import { assertValidCard, executeActions, listRows, textBlocks, textRuns } from './card-helpers';
import { cardOf } from './teams-client';

const FARAH = teamsUser(actors.fm.aadObjectId, actors.fm.name);
const FELIX = teamsUser(actors.fm2.aadObjectId, actors.fm2.name);
const GABRIELA = teamsUser(actors.gateway.aadObjectId, actors.gateway.name);
const IDLE = { aadObjectId: 'aad-fm-3', name: 'Ida Idle', role: 'fm' } as const;
const MONDAY = '2026-11-30';
const at = (instant: string): Date => new Date(`${instant}Z`);

const PEOPLE: Person[] = [
  personFixture(actors.fm), personFixture(actors.fm2), personFixture(actors.gateway), personFixture(IDLE),
];

/** Entered on Tuesday 24 November; the digests come the Monday after (30 November). */
function customers(): Customer[] {
  let tailspin = customerFixture({ n: 3, name: 'Tailspin Toys', workloads: [onDay('Windows', '2026-11-26')] });
  tailspin = recordNoResponse(tailspin, 'Windows', 'Voicemail.', ctx(actors.fm, 1, '2026-11-26')); // asked again 27 Nov
  return [
    customerFixture({
      n: 1, name: 'Contoso Ltd',
      workloads: [onDay('ExchangeOnline', '2026-11-25'), onDay('Teams', '2026-12-02'), onDay('Intune', '2026-12-09')],
    }),
    customerFixture({ n: 2, name: 'Fabrikam', workloads: [onDay('OneDrive', '2026-12-06'), inMonth('Viva', '2026-12')] }),
    tailspin,
    customerFixture({ n: 4, name: 'Other FM Inc', assignee: fmAssignee(actors.fm2), workloads: [onDay('Teams', '2026-12-01')] }),
    customerFixture({ n: 5, name: 'Northwind', assignee: null, workloads: [onDay('Teams', '2026-12-03')] }),
    customerFixture({ n: 6, name: 'Litware', assignee: null, workloads: [onDay('Defender', '2026-12-11')] }),
    customerFixture({ n: 7, name: 'Woodgrove', assignee: null, workloads: [onDay('Purview', '2026-12-20')] }),
  ];
}

/** Failed cards: one reminder of last week (listed), and others that are not (older, today, a heads-up). */
async function seedFailures(store: Store): Promise<void> {
  const failed = { status: 'failed', attempts: 1, lastError: '403 ConversationBlockedByUser' } as const;
  await store.claimSentCard(sentCardFixture(tenantId(3), 'Windows', '2026-11-26', 'start', failed));
  await store.claimSentCard(sentCardFixture(tenantId(1), 'ExchangeOnline', '2026-11-20', 'start', failed));
  await store.claimSentCard(sentCardFixture(tenantId(2), 'OneDrive', MONDAY, 'start', failed));
  await store.claimSentCard({
    ...sentCardFixture(tenantId(5), 'Teams', '2026-11-26', 'start', failed), id: headsUpId(tenantId(5), GABRIELA.aadObjectId),
    kind: 'headsUp', recipientId: GABRIELA.aadObjectId,
  });
}


for (const kind of storeKinds) {
  describe(`Teams protocol: the Monday digests (issue 9 item 4; ${kind.name})`, () => {
    let opened: OpenedStore;
    let store: Store;
    let connector: RecordingConnector;
    let app: RunningApp;

    async function start(digests: boolean): Promise<void> {
      opened = await kind.open();
      store = opened.store;
      for (const person of PEOPLE) await store.putPerson(person);
      for (const customer of customers()) await store.createCustomer(customer);
      await seedFailures(store);
      connector = await startRecordingConnector();
      app = await startApp({
        config: { ...TEST_CONFIG, reminders: { ...TEST_CONFIG.reminders, digests } }, store,
        logger: memoryLogger('error'), clock: { now: () => NOW },
      });
    }

    afterEach(async () => {
      await app.stop();
      await connector.stop();
      await opened.cleanup();
    });

    /** Opens the bot for `who` in `timeZone` (the bot keeps their chat) and forgets the welcome it sends. */
    async function install(who: TeamsUser, timeZone: string): Promise<void> {
      const before = connector.requests.length;
      await postJson(`${app.url}/api/messages`, teamsInstall(connector.serviceUrl, who, 'add', timeZone));
      await connector.waitFor(before + 1);
      connector.requests.splice(before);
    }

    /** The digests the connector received (reminders and heads-ups of the same sweeps left out), by recipient. */
    function digests(who?: TeamsUser): AdaptiveCard[] {
      return connector.requests.filter((r) => r.method === 'POST' && Array.isArray(r.body.attachments))
        .filter((r) => who === undefined || decodeURIComponent(r.path).includes(`a:personal-${who.id}`))
        .map(cardOf)
        .filter((card) => /^(Your week from|The Gateway's week from)/.test(String(textBlocks(card)[0]?.text)));
    }

    it('P2, R3, R5: an FM gets the week\'s start dates and what waits for their answer on Monday from the reminder hour, once even when two sweeps run at once; its rows open their ESD cards', async () => {
      await start(true);
      await install(FARAH, 'Europe/London');
      await app.runReminders(at('2026-11-30T08:59:00'));
      assert.deepEqual(digests(), [], 'before 09:00 in London');
      await Promise.all([app.runReminders(at('2026-11-30T09:00:00')), app.runReminders(at('2026-11-30T09:00:00'))]);
      await app.runReminders(at('2026-11-30T15:00:00'));
      const sent = digests(FARAH);
      assert.equal(sent.length, 1, 'once');
      const [card] = sent as [AdaptiveCard];
      assertValidCard(card);
      assert.equal(textBlocks(card)[0]?.text, 'Your week from Mon, 30 Nov 2026');
      assert.deepEqual(listRows(card).map((r) => r.text), [
        'Contoso Ltd · Exchange Online · Wed, 25 Nov 2026 · asked on Wed, 25 Nov 2026',
        'Tailspin Toys · Windows · Thu, 26 Nov 2026 · follow-up due Fri, 27 Nov 2026',
        'Fabrikam · Microsoft Viva · expected in December 2026',
        'Contoso Ltd · Microsoft Teams · Wed, 2 Dec 2026',
        'Fabrikam · OneDrive · Sun, 6 Dec 2026',
      ]);
      const record = (await store.getSentCard(digestId(FARAH.aadObjectId, MONDAY)))?.value;
      assert.deepEqual(
        [record?.kind, record?.status, record?.tenantId, record?.workload, record?.dueOn, record?.recipientId],
        ['digest', 'sent', '', '', MONDAY, FARAH.aadObjectId],
      );
      const open = listRows(card)[1]?.open;
      assert.deepEqual(open, { verb: 'open', tenantId: tenantId(3), workload: 'Windows', from: 'upcoming' });
      const res = await postJson(`${app.url}/api/messages`, teamsInvoke(connector.serviceUrl, FARAH, 'open', open ?? {}));
      const answer = await res.json() as { statusCode: number; value: AdaptiveCard };
      assert.equal(answer.statusCode, 200);
      assert.equal(textRuns(answer.value)[0], 'Tailspin Toys');
    });

    it('P2: nothing on the Sunday before nor on Tuesday: a digest missed on its Monday is not sent later in the week', async () => {
      await start(true);
      await install(FARAH, 'Europe/London');
      await app.runReminders(at('2026-11-29T10:00:00'));
      await app.runReminders(at('2026-12-01T09:00:00'));
      assert.deepEqual(digests(), []);
      assert.equal(await store.getSentCard(digestId(FARAH.aadObjectId, MONDAY)), undefined);
      assert.equal(await store.getSentCard(digestId(FARAH.aadObjectId, '2026-12-01')), undefined);
    });

    it('P2: an FM where it is still Sunday gets nothing yet, and theirs in their own Monday morning', async () => {
      await start(true);
      await install(FELIX, 'Pacific/Honolulu');
      await app.runReminders(at('2026-11-30T09:00:00')); // 23:00 on Sunday in Honolulu
      assert.deepEqual(digests(FELIX), []);
      await app.runReminders(at('2026-11-30T19:00:00')); // 09:00 on Monday there
      assert.deepEqual(digests(FELIX).map((card) => listRows(card).map((r) => r.text)), [
        ['Other FM Inc · Microsoft Teams · Tue, 1 Dec 2026'],
      ]);
    });

    it('P1: a Gateway person gets the customers without an FM starting within two weeks and last week\'s failed reminders; "Open the queue" answers the queue card', async () => {
      await start(true);
      await install(GABRIELA, 'Europe/London');
      await app.runReminders(at('2026-11-30T09:00:00'));
      const sent = digests(GABRIELA);
      assert.equal(sent.length, 1);
      const [card] = sent as [AdaptiveCard];
      assertValidCard(card);
      assert.deepEqual(textBlocks(card).map((b) => b.text).filter((t) => /\(\d+\)$/.test(String(t))), [
        'Customers without an FM starting by Sun, 13 Dec 2026 (2)', 'Reminders Teams did not deliver last week (1)',
        'FMs the bot cannot reach (3)', // issue 13: the FMs of this test never opened the bot
      ]);
      assert.deepEqual(listRows(card).map((r) => r.text), [
        'Northwind · Thu, 3 Dec 2026',
        'Litware · Fri, 11 Dec 2026',
        'Tailspin Toys · Windows · to Farah Manager · Thu, 26 Nov 2026 · The person blocked the bot or Teams refused the '
          + 'chat; they get cards again once they talk to the bot.',
        'Farah Manager · 2 reminders waiting · has not installed the app',
        'Felix Manager · 0 reminders waiting · has not installed the app',
        'Ida Idle · 0 reminders waiting · has not installed the app',
      ]);
      const [showQueue] = executeActions(card);
      const res = await postJson(`${app.url}/api/messages`,
        teamsInvoke(connector.serviceUrl, GABRIELA, 'showQueue', showQueue?.data as Record<string, unknown>));
      const answer = await res.json() as { statusCode: number; value: AdaptiveCard };
      assert.equal(answer.statusCode, 200);
      assert.ok(textBlocks(answer.value).some((b) => b.text === 'Customers waiting for an FM'));
    });

    it('issue 13: an admin gets the Gateway\'s digest, which names the FMs the bot cannot reach and their reminders waiting', async () => {
      await start(true);
      await store.putPerson(personFixture(actors.admin));
      const ADA = teamsUser(actors.admin.aadObjectId, actors.admin.name);
      await install(ADA, 'Europe/London');
      await install(FELIX, 'Europe/London');
      await app.runReminders(at('2026-11-30T09:00:00'));
      const [card] = digests(ADA) as [AdaptiveCard];
      assert.ok(card, 'the admin got a digest');
      assert.equal(textBlocks(card)[0]?.text, 'The Gateway\'s week from Mon, 30 Nov 2026');
      assert.deepEqual(listRows(card).map((r) => r.text).filter((t) => t.includes('waiting')), [
        'Farah Manager · 2 reminders waiting · has not installed the app',
        'Ida Idle · 0 reminders waiting · has not installed the app',
      ], 'Felix opened the bot: he is not listed');
    });

    it('P2, P1: nobody to tell: an empty digest is not sent and nothing is claimed; someone who cannot be reached yet gets theirs once they can, that Monday', async () => {
      await start(true);
      await install(teamsUser(IDLE.aadObjectId, IDLE.name), 'Europe/London');
      const first = await app.runReminders(at('2026-11-30T09:00:00'));
      assert.ok(first.skipped >= 3, 'Farah, Felix and Gabriela cannot be reached; Ida has nothing this week');
      assert.deepEqual(digests(), []);
      for (const who of [IDLE.aadObjectId, FARAH.aadObjectId, GABRIELA.aadObjectId]) {
        assert.equal(await store.getSentCard(digestId(who, MONDAY)), undefined, who);
      }
      await install(FARAH, 'Europe/London');
      await app.runReminders(at('2026-11-30T11:00:00'));
      assert.equal(digests(FARAH).length, 1);
    });

    it('DIGESTS=off: no digest on Monday, nothing claimed', async () => {
      await start(false);
      await install(FARAH, 'Europe/London');
      await install(GABRIELA, 'Europe/London');
      await app.runReminders(at('2026-11-30T09:00:00'));
      assert.deepEqual(digests(), []);
      assert.equal(await store.getSentCard(digestId(FARAH.aadObjectId, MONDAY)), undefined);
      assert.equal(await store.getSentCard(digestId(GABRIELA.aadObjectId, MONDAY)), undefined);
    });

    it('GET /api/reminders lists a digest with its recipient and no customer or workload', async () => {
      await start(true);
      await install(GABRIELA, 'Europe/London');
      await app.runReminders(at('2026-11-30T09:00:00'));
      const res = await fetch(`${app.url}/api/reminders?from=${MONDAY}&to=${MONDAY}`, { headers: { authorization: bearer('admin') } });
      assert.equal(res.status, 200);
      const body = await res.json() as { items: Record<string, unknown>[] };
      assertMatches(REMINDER_PAGE, body);
      const digest = body.items.find((item) => item.kind === 'digest');
      assert.deepEqual(digest, {
        id: digestId(GABRIELA.aadObjectId, MONDAY), kind: 'digest', tenantId: null, customerName: null, workload: null,
        aadObjectId: GABRIELA.aadObjectId, fmName: GABRIELA.name, dueOn: MONDAY, status: 'sent', attempts: 1, reason: null,
      });
    });

    it('issue 11: an FM whose directory locale is zh-CN gets the digest in Chinese; the Gateway person with none, English', async () => {
      await start(true);
      await install(FARAH, 'Europe/London');
      await install(GABRIELA, 'Europe/London');
      // Set after the install (whose client names en-GB): as PUT /api/people `locale` does.
      const farah = await store.getPerson(actors.fm.aadObjectId);
      assert.ok(farah);
      await store.putPerson({ ...farah.value, locale: 'zh-CN' }, farah.etag);
      await app.runReminders(at('2026-11-30T09:00:00'));
      const chinese = connector.requests.filter((r) => decodeURIComponent(r.path).includes(`a:personal-${FARAH.id}`))
        .filter((r) => Array.isArray(r.body.attachments)).map((r) => JSON.stringify(cardOf(r)))
        .find((text) => text.includes('你从 2026年11月30日 星期一 开始的一周'));
      assert.ok(chinese, 'the FM\'s digest in Chinese');
      assert.match(chinese, /本周的接洽开始日期（\d+）/);
      assert.doesNotMatch(chinese, /Your week from|Waiting for your answer/);
      assert.equal(digests(GABRIELA).length, 1, 'the Gateway\'s digest in English');
    });
  });
}
