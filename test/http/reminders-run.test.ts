/**
 * Issue 9, defect 3: `POST /api/reminders/run` and its `asOf`. Odd instants (year 1, a leap second, before the
 * service existed) answered 500 or ran; a future one sent the future day's card now and claimed its id, so on the
 * real day nothing was sent. Now: a real instant from 2019-10-01 on, in production at most five minutes ahead; outside
 * production a future instant runs as a simulation and the answer says so. A refused run sends and claims nothing.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../src/app';
import { SWEEP_RESULT } from '../../src/http/schemas/responses';
import { memoryLogger } from '../../src/log/logger';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { postJson, teamsInstall, teamsUser } from '../common/activities';
import { TEST_CONFIG } from '../common/app';
import { actors, customerFixture, NOW, onDay, personFixture, tenantId } from '../common/fixtures';
import { startRecordingConnector, type RecordingConnector } from '../common/recording-connector';
import { apiClient, assertError, assertMatches, type Api } from './api-client';

const FM = teamsUser(actors.fm.aadObjectId, actors.fm.name);
const T1 = tenantId(1);
/** Thursday 26 November 2026, the day Teams starts: two days after NOW. */
const ESD_DAY_MORNING = '2026-11-26T09:30:00Z';
const ODD_INSTANTS = [
  '0001-01-01T00:00:00Z', '2026-11-24T23:59:60Z', '2016-12-31T23:59:60Z', '2019-09-30T23:59:59Z',
  '1970-01-01T00:00:00Z', '2026-02-30T09:00:00Z', '9999-12-31T23:59:59Z',
];

for (const production of [true, false]) {
  describe(`POST /api/reminders/run asOf ${production ? 'in production' : 'outside production'} (defect 3 of issue 9)`, function () {
    this.timeout(20_000);
    let dir: string;
    let store: SqliteStore;
    let connector: RecordingConnector;
    let app: RunningApp;
    let api: Api;

    beforeEach(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-asof-'));
      store = SqliteStore.open({ file: path.join(dir, 'esd.sqlite') });
      await store.putPerson(personFixture(actors.fm, { timeZone: 'Europe/London' }));
      await store.createCustomer(customerFixture({ n: 1, name: 'Contoso Ltd', workloads: [onDay('Teams', '2026-11-26')] }));
      connector = await startRecordingConnector();
      app = await startApp({
        config: { ...TEST_CONFIG, production }, store, logger: memoryLogger('warn'), clock: { now: () => NOW },
      });
      api = apiClient(app.url);
      await postJson(`${app.url}/api/messages`, teamsInstall(connector.serviceUrl, FM, 'add', 'Europe/London'));
      await connector.waitFor(1); // the welcome help card
      connector.requests.length = 0;
    });
    afterEach(async () => {
      await app.stop();
      await connector.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    async function nothingSentOrClaimed(what: string): Promise<void> {
      assert.equal(connector.requests.length, 0, `${what}: no card sent`);
      assert.deepEqual(await store.listSentCardsForWorkload(T1, 'Teams'), [], `${what}: no reminder claimed`);
    }

    for (const asOf of ODD_INSTANTS) {
      it(`asOf ${asOf} is a 400 naming asOf, never 500; nothing is sent or claimed`, async () => {
        const res = await api('POST', '/api/reminders/run', { as: 'admin', body: { asOf } });
        const details = assertError(res, 400, 'validation');
        assert.deepEqual(details.map((d) => d.path), ['asOf']);
        await nothingSentOrClaimed(asOf);
      });
    }

    it('now, and a few minutes ahead of the clock, run as usual: not a simulation', async () => {
      for (const asOf of [NOW.toISOString(), '2026-11-24T09:04:59Z', '2019-10-01T00:00:00Z']) {
        const res = await api('POST', '/api/reminders/run', { as: 'admin', body: { asOf } });
        assert.equal(res.status, 200, `${asOf}: ${JSON.stringify(res.body)}`);
        assertMatches(SWEEP_RESULT, res.body);
        assert.deepEqual(res.body, { due: 0, sent: 0, skipped: 0, failed: 0 }, asOf);
      }
    });

    if (production) {
      it('a future asOf (the ESD day\'s morning) is a 400: the day\'s card is neither sent now nor claimed, so it still goes on the day', async () => {
        for (const asOf of [ESD_DAY_MORNING, '2026-11-24T09:05:01Z']) {
          const res = await api('POST', '/api/reminders/run', { as: 'admin', body: { asOf } });
          const [detail] = assertError(res, 400, 'validation');
          assert.equal(detail?.path, 'asOf');
          assert.match(detail?.message ?? '', /five minutes/);
        }
        await nothingSentOrClaimed('future asOf');
        assert.deepEqual(await app.runReminders(new Date(ESD_DAY_MORNING)), { due: 1, sent: 1, skipped: 0, failed: 0 },
          'on the day itself the card goes');
        assert.equal(connector.requests.length, 1);
      });
    } else {
      it('a future asOf runs as a simulation of that day, and the answer says so', async () => {
        const res = await api('POST', '/api/reminders/run', { as: 'admin', body: { asOf: ESD_DAY_MORNING } });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assertMatches(SWEEP_RESULT, res.body);
        assert.deepEqual(res.body, { due: 1, sent: 1, skipped: 0, failed: 0, simulated: true });
        assert.equal(connector.requests.length, 1, 'the ESD day\'s card was sent, as the simulation asked');
      });
    }
  });
}
