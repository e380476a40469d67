/** The admin's routes: PUT /api/people/{aadObjectId} (the directory) and POST /api/reminders/run (the sweep). */
import assert from 'node:assert/strict';
import { PERSON, SWEEP_RESULT } from '../../src/http/schemas/responses';
import { postJson, teamsMessage } from '../common/app';
import { teamsUser } from '../common/activities';
import { startRecordingConnector, type RecordingConnector } from '../common/recording-connector';
import { tenantId } from '../common/fixtures';
import { assertError, assertMatches, detailPaths, startApi, type ApiHarness } from './api-client';

const OLIVIA = teamsUser('aad-olivia', 'Olivia Newfm');
const PERSON_URL = `/api/people/${OLIVIA.aadObjectId}`;
const OLIVIA_ENTRY = { name: 'Olivia Newfm', email: 'olivia@contoso.example', role: 'fm', timeZone: 'Europe/London' };

describe('REST: admin routes', () => {
  let h: ApiHarness;
  let connector: RecordingConnector;
  beforeEach(async () => {
    h = await startApi();
    connector = await startRecordingConnector();
  });
  afterEach(async () => {
    await h.stop();
    await connector.stop();
  });

  /** Olivia says hello to the bot: the directory learns where her chat is (the bot's write). */
  async function oliviaTalksToTheBot(): Promise<void> {
    await postJson(`${h.url}/api/messages`, teamsMessage(connector.serviceUrl, 'hello', OLIVIA));
    await connector.waitFor(1);
    connector.requests.length = 0;
  }

  describe('PUT /api/people/{aadObjectId}', () => {
    it('creates (201) then replaces (200) the entry; the answer never shows the conversation', async () => {
      const created = await h.api('PUT', PERSON_URL, { as: 'admin', body: OLIVIA_ENTRY });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assertMatches(PERSON, created.body);
      assert.deepEqual(created.body, { aadObjectId: OLIVIA.aadObjectId, ...OLIVIA_ENTRY, reachable: true, updatedAt: '2026-11-24T09:00:00.000Z' });
      const replaced = await h.api('PUT', PERSON_URL, { as: 'admin', body: { ...OLIVIA_ENTRY, role: 'partner', partnerId: 'frp-9' } });
      assert.equal(replaced.status, 200);
      assert.equal((await h.store.getPerson(OLIVIA.aadObjectId))?.value.partnerId, 'frp-9');
    });

    it('keeps the conversation reference and reachability the bot stored (read, merge, write with the etag)', async () => {
      await oliviaTalksToTheBot();
      const before = (await h.store.getPerson(OLIVIA.aadObjectId))?.value;
      assert.ok(before?.conversation, 'the bot recorded her chat');
      assert.equal(before.role, null, 'known to the bot, but no role yet');
      const res = await h.api('PUT', PERSON_URL, { as: 'admin', body: OLIVIA_ENTRY });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal((res.body as Record<string, unknown>).conversation, undefined);
      const after = (await h.store.getPerson(OLIVIA.aadObjectId))?.value;
      assert.deepEqual(after?.conversation, before.conversation);
      assert.deepEqual([after?.role, after?.timeZone, after?.reachable], ['fm', 'Europe/London', true]);
    });

    it('400: a time zone that is not IANA, a partner without partnerId, partnerId on another role, a bad email, unknown fields', async () => {
      const cases: [Record<string, unknown>, string[]][] = [
        [{ ...OLIVIA_ENTRY, timeZone: 'Mars/Olympus' }, ['timeZone']],
        [{ ...OLIVIA_ENTRY, role: 'partner' }, ['partnerId']],
        [{ ...OLIVIA_ENTRY, partnerId: 'frp-1' }, ['partnerId']],
        [{ ...OLIVIA_ENTRY, email: 'olivia' }, ['email']],
        [{ ...OLIVIA_ENTRY, role: 'boss', reachable: false }, ['reachable', 'role']],
        [{ name: 'Olivia' }, ['email', 'role', 'timeZone']],
      ];
      for (const [body, paths] of cases) {
        const res = await h.api('PUT', PERSON_URL, { as: 'admin', body });
        assertError(res, 400, 'validation');
        assert.deepEqual(detailPaths(res), paths, JSON.stringify(body));
      }
      assert.equal(await h.store.getPerson(OLIVIA.aadObjectId), undefined);
    });
  });

  describe('PUT /api/people/{aadObjectId}: weeklyCapacity and locale (P2)', () => {
    it('P2: weeklyCapacity and locale are stored and answered; a later PUT without them (or with null) unsets them', async () => {
      const set = await h.api('PUT', PERSON_URL, { as: 'admin', body: { ...OLIVIA_ENTRY, weeklyCapacity: 3, locale: 'zh-CN' } });
      assert.equal(set.status, 201, JSON.stringify(set.body));
      assertMatches(PERSON, set.body);
      assert.deepEqual([(set.body as Record<string, unknown>).weeklyCapacity, (set.body as Record<string, unknown>).locale], [3, 'zh-CN']);
      const stored = (await h.store.getPerson(OLIVIA.aadObjectId))?.value;
      assert.deepEqual([stored?.weeklyCapacity, stored?.locale], [3, 'zh-CN']);
      const zero = await h.api('PUT', PERSON_URL, { as: 'admin', body: { ...OLIVIA_ENTRY, weeklyCapacity: 0, locale: 'en-US' } });
      assert.deepEqual([(zero.body as Record<string, unknown>).weeklyCapacity, (zero.body as Record<string, unknown>).locale], [0, 'en-US']);
      for (const body of [OLIVIA_ENTRY, { ...OLIVIA_ENTRY, weeklyCapacity: null, locale: null }]) {
        const unset = await h.api('PUT', PERSON_URL, { as: 'admin', body });
        assert.equal(unset.status, 200);
        assertMatches(PERSON, unset.body);
        assert.deepEqual(Object.keys(unset.body as object).filter((k) => k === 'weeklyCapacity' || k === 'locale'), []);
        const person = (await h.store.getPerson(OLIVIA.aadObjectId))?.value;
        assert.deepEqual([person?.weeklyCapacity, person?.locale], [undefined, undefined]);
      }
    });

    it('P2: the load report and the suggestions show the capacity an admin set', async () => {
      await h.api('PUT', PERSON_URL, { as: 'admin', body: { ...OLIVIA_ENTRY, weeklyCapacity: 4 } });
      const load = await h.api('GET', '/api/load?from=2026-11-30&weeks=1');
      const olivia = (load.body as { fms: { aadObjectId: string; capacity: number | null }[] }).fms
        .find((fm) => fm.aadObjectId === OLIVIA.aadObjectId);
      assert.equal(olivia?.capacity, 4);
      const suggested = await h.api('GET', '/api/suggestions?date=2026-11-30');
      assert.equal((suggested.body as { aadObjectId: string; capacity: number | null }[])
        .find((fm) => fm.aadObjectId === OLIVIA.aadObjectId)?.capacity, 4);
    });

    it('400: a weeklyCapacity that is negative, fractional, text or over 1000, and a locale not offered; nothing stored', async () => {
      const cases: [Record<string, unknown>, string[]][] = [
        [{ ...OLIVIA_ENTRY, weeklyCapacity: -1 }, ['weeklyCapacity']],
        [{ ...OLIVIA_ENTRY, weeklyCapacity: 2.5 }, ['weeklyCapacity']],
        [{ ...OLIVIA_ENTRY, weeklyCapacity: '3' }, ['weeklyCapacity']],
        [{ ...OLIVIA_ENTRY, weeklyCapacity: 1001 }, ['weeklyCapacity']],
        [{ ...OLIVIA_ENTRY, locale: 'fr-FR' }, ['locale']],
        [{ ...OLIVIA_ENTRY, locale: 'zh-cn', weeklyCapacity: -2 }, ['locale', 'weeklyCapacity']],
      ];
      for (const [body, paths] of cases) {
        const res = await h.api('PUT', PERSON_URL, { as: 'admin', body });
        assertError(res, 400, 'validation');
        assert.deepEqual(detailPaths(res), paths, JSON.stringify(body));
      }
      assert.equal(await h.store.getPerson(OLIVIA.aadObjectId), undefined);
    });
  });

  describe('POST /api/reminders/run', () => {
    it('runs the sweep as of asOf; a second run for the same asOf sends nothing new', async () => {
      await oliviaTalksToTheBot();
      await h.api('PUT', PERSON_URL, { as: 'admin', body: OLIVIA_ENTRY });
      const customer = await h.api('POST', '/api/customers', {
        body: {
          tenantId: tenantId(5), name: 'Northwind', assignee: { type: 'fm', aadObjectId: OLIVIA.aadObjectId },
          workloads: [{ workload: 'Teams', l1Status: 'InProgress', engagementStartDate: '2026-11-24' }],
        },
      });
      assert.equal(customer.status, 201, JSON.stringify(customer.body));
      const first = await h.api('POST', '/api/reminders/run', { as: 'admin', body: { asOf: '2026-11-24T09:00:00Z' } });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assertMatches(SWEEP_RESULT, first.body);
      assert.deepEqual(first.body, { due: 1, sent: 1, skipped: 0, failed: 0 });
      assert.equal(connector.requests.length, 1, 'the ESD card went to Olivia\'s chat');
      const second = await h.api('POST', '/api/reminders/run', { as: 'admin', body: { asOf: '2026-11-24T09:00:00Z' } });
      assert.deepEqual(second.body, { due: 1, sent: 0, skipped: 1, failed: 0 });
      assert.equal(connector.requests.length, 1, 'nothing sent twice');
    });

    it('without a body runs as of now; a bad instant or an unknown field is a 400', async () => {
      const res = await h.api('POST', '/api/reminders/run', { as: 'admin' });
      assert.deepEqual([res.status, res.body], [200, { due: 0, sent: 0, skipped: 0, failed: 0 }]);
      assert.deepEqual(detailPaths(await h.api('POST', '/api/reminders/run', { as: 'admin', body: { asOf: '2026-11-24' } })), ['asOf']);
      assert.deepEqual(detailPaths(await h.api('POST', '/api/reminders/run', { as: 'admin', body: { asof: '2026-11-24T09:00:00Z' } })), ['asof']);
    });
  });
});
