/**
 * The Gateway queue (GET /api/customers?assignee=none, P1) and the FMs suggested for a date (GET /api/suggestions,
 * P2), through the real server over SQLite at NOW (Tue 24 Nov 2026).
 */
import assert from 'node:assert/strict';
import { confirmStart, markCustomerInactive } from '../../src/domain/engagement';
import type { Actor, Customer } from '../../src/domain/types';
import { QUEUE_PAGE, SUGGESTIONS } from '../../src/http/schemas/responses';
import {
  actors, ctx, customerFixture, fmAssignee, inMonth, onDay, partnerAssignee, personFixture, withoutEsd,
} from '../common/fixtures';
import { assertCustomer, assertError, assertMatches, detailPaths, startApi, type ApiHarness } from './api-client';

interface QueueItem {
  tenantId: string; name: string; firstEsd: string | null; workloads: { workload: string }[]; etag: string;
}
interface QueuePage { items: QueueItem[]; continuationToken?: string }
interface Suggestion { aadObjectId: string; name: string; starting: number; inFlight: number; capacity: number | null }

const n = (item: { tenantId: string }): number => parseInt(item.tenantId.slice(-12), 16);

describe('REST: the Gateway queue and the suggested FMs (P1, P2)', () => {
  let h: ApiHarness;
  beforeEach(async () => { h = await startApi(); });
  afterEach(async () => { await h.stop(); });

  describe('GET /api/customers?assignee=none', () => {
    /** Four waiting customers (t11–t14), a partner's (t15) and an FM's (t16), created out of order. */
    async function seed(): Promise<void> {
      for (const customer of [
        customerFixture({ n: 16, assignee: fmAssignee(), workloads: [onDay('Teams', '2026-11-25')] }),
        customerFixture({ n: 11, name: 'Contoso Ltd', assignee: null, workloads: [onDay('Teams', '2026-12-09'), inMonth('Intune', '2027-02')] }),
        customerFixture({ n: 12, name: 'Litware', assignee: null, workloads: [withoutEsd('Teams', 'Blocked')] }),
        customerFixture({ n: 15, assignee: partnerAssignee(), workloads: [onDay('Teams', '2026-11-25')] }),
        customerFixture({ n: 13, name: 'Proseware', assignee: null, workloads: [inMonth('Viva', '2027-01')] }),
        customerFixture({ n: 14, name: 'Tailspin Toys', assignee: null, workloads: [onDay('ExchangeOnline', '2026-11-30')] }),
      ]) await h.store.createCustomer(customer);
    }

    async function page(query: string, as: 'gateway' | 'admin' = 'gateway'): Promise<QueuePage> {
      const res = await h.api('GET', `/api/customers?${query}`, { as });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assertMatches(QUEUE_PAGE, res.body);
      return res.body as QueuePage;
    }

    it('P1: the customers with neither an FM nor a partner, soonest first ESD first, those without one last', async () => {
      await seed();
      const body = await page('assignee=none');
      assert.equal(body.continuationToken, undefined);
      assert.deepEqual(body.items.map((i) => [n(i), i.name, i.firstEsd]), [
        [14, 'Tailspin Toys', '2026-11-30'], [11, 'Contoso Ltd', '2026-12-09'], [13, 'Proseware', '2027-01-01'],
        [12, 'Litware', null],
      ]);
      assert.deepEqual(body.items[1]?.workloads, [
        { workload: 'Teams', l1Status: 'InProgress', state: 'scheduled', engagementStartDate: '2026-12-09', datePrecision: 'day', startedOn: null },
        { workload: 'Intune', l1Status: 'InProgress', state: 'scheduled', engagementStartDate: '2027-02-01', datePrecision: 'month', startedOn: null },
      ]);
      assert.deepEqual((await page('assignee=none', 'admin')).items.map(n), [14, 11, 13, 12], 'admins see it too');
    });

    it('P1: pages of 1 with continuationToken return every waiting customer once, in order', async () => {
      await seed();
      const seen: number[] = [];
      let token: string | undefined;
      do {
        const body = await page(`assignee=none&limit=1${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`);
        assert.ok(body.items.length <= 1);
        seen.push(...body.items.map(n));
        token = body.continuationToken;
      } while (token);
      assert.deepEqual(seen, [14, 11, 13, 12]);
    });

    it('P1: the etag of an item assigns exactly what was listed (PUT …/assignee If-Match); the customer leaves the queue', async () => {
      await seed();
      const [first] = (await page('assignee=none')).items;
      assert.ok(first);
      const url = `/api/customers/${first.tenantId}/assignee`;
      const body = { type: 'fm', aadObjectId: actors.fm2.aadObjectId };
      assertCustomer(await h.api('PUT', url, { body, headers: { 'if-match': first.etag } }), 200);
      assert.deepEqual((await page('assignee=none')).items.map(n), [11, 13, 12]);
      assertError(await h.api('PUT', url, { body: { type: 'fm', aadObjectId: actors.fm.aadObjectId }, headers: { 'if-match': first.etag } }), 412, 'precondition_failed');
      assert.equal((await h.store.getCustomer(first.tenantId))?.value.assignee?.name, actors.fm2.name);
    });

    it('400: another assignee value (only none is supported), no assignee, a bad page size or token, an unknown parameter', async () => {
      await seed();
      for (const [query, paths] of [
        ['assignee=fm', ['assignee']],
        [`assignee=${actors.fm.aadObjectId}`, ['assignee']],
        ['', ['assignee']],
        ['assignee=none&limit=0', ['limit']],
        ['assignee=none&continuationToken=bm9wZQ', ['continuationToken']],
        ['assignee=none&page=2', ['page']],
      ] as const) {
        const res = await h.api('GET', `/api/customers?${query}`);
        const details = assertError(res, 400, 'validation');
        assert.deepEqual(detailPaths(res), paths, query);
        if (paths[0] === 'assignee' && query !== '') assert.match(details[0]?.message ?? '', /"none"/, 'says that only none is supported');
      }
    });

    it('401 without a token; 403 for an FM or a partner', async () => {
      assertError(await h.api('GET', '/api/customers?assignee=none', { as: null }), 401, 'unauthorized');
      assertError(await h.api('GET', '/api/customers?assignee=none', { as: 'fm' }), 403, 'forbidden');
      assertError(await h.api('GET', '/api/customers?assignee=none', { as: 'partner' }), 403, 'forbidden');
    });
  });

  describe('GET /api/suggestions?date=', () => {
    const ann: Actor = { aadObjectId: 'aad-fm-ann', name: 'Ann Able', role: 'fm' };
    const bea: Actor = { aadObjectId: 'aad-fm-bea', name: 'Bea Bold', role: 'fm' };
    const zoe: Actor = { aadObjectId: 'aad-fm-zoe', name: 'Zoe Zhang', role: 'fm' };

    /** Started today (the ESD becomes today, W48: outside the fortnight asked about), so in flight. */
    function started(customer: Customer, workload: string, by: Actor): Customer {
      return confirmStart(customer, workload, ctx(by, 1));
    }

    /**
     * The date asked about is Wed 9 Dec 2026: its ISO week is W50 (7–13 Dec), the next W51 (14–20 Dec).
     * - Farah: Teams 8 Dec (W50) and Intune 16 Dec (W51) start: 2; Viva 21 Dec is W52 (not counted); 1 in flight.
     * - Felix: Teams 10 Dec (W50): 1; OneDrive 4 Dec is W49 (not counted); none in flight.
     * - Zoe: Teams 18 Dec (W51): 1; 2 in flight. Capacity 2 a week.
     * - Ann: Teams 11 Dec (W50) but the customer is inactive (not load, R5): 0; none in flight.
     * - Bea: nothing: 0, 0. Capacity 0.
     * - An unassigned and a partner's customer on 9 Dec count for nobody.
     * So: Ann and Bea (0 starting, 0 in flight: by name), Felix (1, 0), Zoe (1, 2), Farah (2, 1).
     */
    async function seed(): Promise<void> {
      await h.store.putPerson(personFixture(ann));
      await h.store.putPerson(personFixture(bea, { weeklyCapacity: 0 }));
      await h.store.putPerson(personFixture(zoe, { weeklyCapacity: 2 }));
      const customers = [
        customerFixture({ n: 1, assignee: fmAssignee(actors.fm), workloads: [onDay('Teams', '2026-12-08'), onDay('Intune', '2026-12-16'), onDay('Viva', '2026-12-21')] }),
        started(customerFixture({ n: 2, assignee: fmAssignee(actors.fm), workloads: [onDay('Copilot', '2026-11-24')] }), 'Copilot', actors.fm),
        customerFixture({ n: 3, assignee: fmAssignee(actors.fm2), workloads: [onDay('Teams', '2026-12-10'), onDay('OneDrive', '2026-12-04')] }),
        started(started(customerFixture({ n: 4, assignee: fmAssignee(zoe), workloads: [onDay('Teams', '2026-12-18'), onDay('Copilot', '2026-11-24'), onDay('Defender', '2026-11-24')] }), 'Copilot', zoe), 'Defender', zoe),
        markCustomerInactive(customerFixture({ n: 5, assignee: fmAssignee(ann), workloads: [onDay('Teams', '2026-12-11')] }), 'Teams', 'Never answered.', ctx(ann, 1)),
        customerFixture({ n: 6, assignee: null, workloads: [onDay('Teams', '2026-12-09')] }),
        customerFixture({ n: 7, assignee: partnerAssignee(), workloads: [onDay('Teams', '2026-12-09')] }),
      ];
      for (const customer of customers) await h.store.createCustomer(customer);
    }

    it('P2: every FM, fewest starts in that ISO week and the next, then fewest in flight, then by name; with capacity (worked out by hand)', async () => {
      await seed();
      const res = await h.api('GET', '/api/suggestions?date=2026-12-09');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assertMatches(SUGGESTIONS, res.body);
      assert.deepEqual((res.body as Suggestion[]).map((s) => [s.name, s.starting, s.inFlight, s.capacity]), [
        ['Ann Able', 0, 0, null],
        ['Bea Bold', 0, 0, 0],
        [actors.fm2.name, 1, 0, null],
        ['Zoe Zhang', 1, 2, 2],
        [actors.fm.name, 2, 1, null],
      ]);
      assert.equal((res.body as Suggestion[])[0]?.aadObjectId, ann.aadObjectId);
    });

    it('P2: any day of the week gives the same fortnight; a week later the order follows the new fortnight', async () => {
      await seed();
      const names = async (date: string): Promise<string[]> =>
        ((await h.api('GET', `/api/suggestions?date=${date}`, { as: 'admin' })).body as Suggestion[]).map((s) => s.name);
      assert.deepEqual(await names('2026-12-07'), await names('2026-12-13'));
      // W51 + W52: Farah 2 (16, 21 Dec), Zoe 1, Felix 0, Ann 0, Bea 0.
      assert.deepEqual(await names('2026-12-14'), ['Ann Able', 'Bea Bold', actors.fm2.name, 'Zoe Zhang', actors.fm.name]);
      // W49 + W50: Felix 2 (4, 10 Dec), Farah 1 (8 Dec), Zoe 0 (2 in flight), Ann 0, Bea 0.
      assert.deepEqual(await names('2026-12-02'), ['Ann Able', 'Bea Bold', 'Zoe Zhang', actors.fm.name, actors.fm2.name]);
    });

    it('400 without a date or with one that is not a real date; 401 without a token; 403 for an FM or a partner', async () => {
      for (const query of ['', 'date=2026-02-30', 'date=next-week', 'date=2026-12-09&fm=1']) {
        const res = await h.api('GET', `/api/suggestions?${query}`);
        assertError(res, 400, 'validation');
        assert.ok(detailPaths(res).length > 0, query);
      }
      assertError(await h.api('GET', '/api/suggestions?date=2026-12-09', { as: null }), 401, 'unauthorized');
      assertError(await h.api('GET', '/api/suggestions?date=2026-12-09', { as: 'fm' }), 403, 'forbidden');
      assertError(await h.api('GET', '/api/suggestions?date=2026-12-09', { as: 'partner' }), 403, 'forbidden');
    });
  });
});
