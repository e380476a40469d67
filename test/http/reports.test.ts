/** GET /api/engagements (paged listing of active ESDs, R1) and GET /api/load (FM load per ISO week, P2). */
import assert from 'node:assert/strict';
import { confirmStart } from '../../src/domain/engagement';
import { ENGAGEMENT_PAGE, LOAD_REPORT } from '../../src/http/schemas/responses';
import { actors, ctx, customerFixture, fmAssignee, inMonth, onDay, partnerAssignee, personFixture, tenantId, withoutEsd } from '../common/fixtures';
import { assertError, assertMatches, detailPaths, startApi, type ApiHarness } from './api-client';

interface Row { tenantId: string; workload: string; engagementStartDate: string }
interface RowPage { items: Row[]; continuationToken?: string }

describe('REST: reports', () => {
  let h: ApiHarness;
  beforeEach(async () => { h = await startApi(); });
  afterEach(async () => { await h.stop(); });

  describe('GET /api/engagements', () => {
    /** 12 customers of two FMs, two workloads each, dates spread over December and January. */
    async function seed(): Promise<void> {
      for (let n = 1; n <= 12; n++) {
        await h.store.createCustomer(customerFixture({
          n, assignee: fmAssignee(n % 2 ? actors.fm : actors.fm2),
          workloads: [onDay('Teams', `2026-12-${String(n + 1).padStart(2, '0')}`), inMonth('Intune', n % 3 ? '2027-01' : '2026-12'), withoutEsd('Viva', 'NoIntent')],
        }));
      }
    }

    async function allPages(query: string, limit: number): Promise<Row[]> {
      const rows: Row[] = [];
      let token: string | undefined;
      do {
        const res = await h.api('GET', `/api/engagements?${query}&limit=${limit}${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assertMatches(ENGAGEMENT_PAGE, res.body);
        const page = res.body as RowPage;
        assert.ok(page.items.length <= limit);
        rows.push(...page.items);
        token = page.continuationToken;
      } while (token);
      return rows;
    }

    const key = (r: Row): string => `${r.engagementStartDate} ${r.tenantId} ${r.workload}`;

    it('pages with continuationToken: every active row once, in date order; NoIntent workloads never (R1)', async () => {
      await seed();
      const rows = await allPages('from=2026-11-24', 5);
      assert.equal(rows.length, 24);
      assert.equal(new Set(rows.map(key)).size, 24, 'no row twice');
      assert.deepEqual(rows.map(key), [...rows.map(key)].sort(), 'ordered by date, tenant, workload');
      assert.ok(rows.every((r) => r.workload !== 'Viva'));
    });

    it('filters by [from, to] inclusive and by assignee', async () => {
      await seed();
      const december = await allPages('from=2026-12-01&to=2026-12-31', 7);
      assert.ok(december.every((r) => r.engagementStartDate >= '2026-12-01' && r.engagementStartDate <= '2026-12-31'));
      assert.equal(december.length, 12 + 4, 'the Teams dates and the December month estimates');
      const edge = await allPages('from=2026-12-02&to=2026-12-02', 10);
      assert.deepEqual(edge.map((r) => [r.tenantId, r.workload]), [[tenantId(1), 'Teams']]);
      const felix = await allPages(`assignee=${actors.fm2.aadObjectId}`, 100);
      assert.equal(felix.length, 12);
    });

    it('400 for to before from, a bad date, a limit out of range, a foreign continuationToken, an unknown parameter', async () => {
      for (const [query, paths] of [
        ['from=2026-12-10&to=2026-12-01', ['to']],
        ['from=2026-13-01', ['from']],
        ['limit=0', ['limit']],
        ['limit=ten', ['limit']],
        ['continuationToken=bm9wZQ', ['continuationToken']],
        ['page=2', ['page']],
      ] as const) {
        const res = await h.api('GET', `/api/engagements?${query}`);
        assertError(res, 400, 'validation');
        assert.deepEqual(detailPaths(res), paths, query);
      }
    });
  });

  describe('GET /api/load', () => {
    it('counts per ISO week from the week holding `from`, month estimates apart (R7), every FM even at 0, in-flight work and capacity (P2)', async () => {
      await h.store.putPerson(personFixture({ aadObjectId: 'aad-fm-3', name: 'Zoe Idle', role: 'fm' }, { weeklyCapacity: 2 }));
      await h.store.putPerson(personFixture({ aadObjectId: 'aad-gw', name: 'Gary Gateway', role: 'gateway' }));
      await h.store.createCustomer(customerFixture({
        n: 1, workloads: [onDay('Teams', '2026-11-30'), onDay('Intune', '2026-12-06'), inMonth('Viva', '2026-12'), withoutEsd('Purview', 'Blocked')],
      }));
      await h.store.createCustomer(customerFixture({ n: 2, assignee: fmAssignee(actors.fm2), workloads: [onDay('Teams', '2026-12-14')] }));
      await h.store.createCustomer(customerFixture({ n: 3, assignee: partnerAssignee(), workloads: [onDay('Teams', '2026-12-01')] }));
      // A workload started today: in flight, and still counted in the week of its ESD.
      const started = await h.store.createCustomer(customerFixture({ n: 4, workloads: [onDay('Copilot', '2026-11-24')] }));
      await h.store.replaceCustomer(confirmStart(started.value, 'Copilot', ctx(actors.fm)), started.etag);

      const res = await h.api('GET', '/api/load?from=2026-12-02&weeks=3');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assertMatches(LOAD_REPORT, res.body);
      assert.deepEqual(res.body, {
        from: '2026-12-02',
        weeks: ['2026-W49', '2026-W50', '2026-W51'],
        fms: [
          {
            aadObjectId: actors.fm.aadObjectId, name: actors.fm.name, starting: [3, 0, 0], estimated: [1, 0, 0],
            inFlight: 1, capacity: null,
          },
          {
            aadObjectId: actors.fm2.aadObjectId, name: actors.fm2.name, starting: [0, 0, 1], estimated: [0, 0, 0],
            inFlight: 0, capacity: null,
          },
          { aadObjectId: 'aad-fm-3', name: 'Zoe Idle', starting: [0, 0, 0], estimated: [0, 0, 0], inFlight: 0, capacity: 2 },
        ],
      });
      const thisWeek = await h.api('GET', '/api/load?from=2026-11-24&weeks=1');
      assert.deepEqual((thisWeek.body as { fms: { starting: number[] }[] }).fms[0]?.starting, [1], 'the started workload counts in its week');
    });

    it('defaults to 8 weeks from today (UTC); weeks must be 1–26', async () => {
      const res = await h.api('GET', '/api/load', { as: 'admin' });
      const body = res.body as { from: string; weeks: string[]; fms: unknown[] };
      assert.deepEqual([body.from, body.weeks.length, body.weeks[0], body.fms.length], ['2026-11-24', 8, '2026-W48', 2]);
      for (const weeks of ['0', '27', '1.5']) assert.deepEqual(detailPaths(await h.api('GET', `/api/load?weeks=${weeks}`)), ['weeks']);
    });
  });
});
