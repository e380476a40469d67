/**
 * P3 over REST: GET /api/customers/{tenantId}/timeline and GET /api/reports/gaps on the hand-worked customers of
 * test/common/gap-fixtures.ts (the arithmetic is in test/domain/timeline.test.ts).
 */
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { GAP_REPORT, TIMELINE } from '../../src/http/schemas/responses';
import { parseCsvLine } from '../../src/services/csv/parse-line';
import { bearer } from '../common/app';
import { ALPHA_NAME, GAP_TENANTS, gapCustomers } from '../common/gap-fixtures';
import { tenantId } from '../common/fixtures';
import { assertError, assertMatches, detailPaths, startApi, type ApiHarness } from './api-client';

interface TimelineBody {
  tenantId: string;
  name: string;
  items: { workload: string; start: string; estimated: boolean; overlapping: boolean; gapDays: number | null }[];
}

interface GapReportBody {
  from: string;
  to: string;
  customers: { tenantId: string; name: string; gaps: { workload: string; gapDays: number; waiting: boolean }[] }[];
  summary: { gaps: number; medianDays: number | null; p90Days: number | null; waiting: number };
}

describe('REST: timelines and gaps (P3)', () => {
  let h: ApiHarness;
  before(async () => {
    h = await startApi();
    for (const customer of gapCustomers()) await h.store.createCustomer(customer);
  });
  after(async () => { await h.stop(); });

  describe('GET /api/customers/{tenantId}/timeline', () => {
    it('P3 R2 R7: the contract\'s shape, in order of start: the under-way first step, 11 days, 12 days to an estimate', async () => {
      for (const as of ['gateway', 'admin'] as const) {
        const res = await h.api('GET', `/api/customers/${GAP_TENANTS.alpha.toUpperCase()}/timeline`, { as });
        assert.equal(res.status, 200);
        assertMatches(TIMELINE, res.body);
        const body = res.body as TimelineBody;
        assert.deepEqual([body.tenantId, body.name], [GAP_TENANTS.alpha, ALPHA_NAME]);
        assert.deepEqual(body.items.map((i) => [i.workload, i.start, i.estimated, i.overlapping, i.gapDays]), [
          ['ExchangeOnline', '2026-09-01', false, false, null],
          ['Teams', '2026-12-01', false, false, 11],
          ['Intune', '2027-02-01', true, false, 12],
        ]);
      }
      const intune = ((await h.api('GET', `/api/customers/${GAP_TENANTS.alpha}/timeline`)).body as TimelineBody).items[2];
      assert.deepEqual(intune, {
        workload: 'Intune', source: 'serialDeployment', engagementStartDate: '2027-02-01', datePrecision: 'month',
        state: 'scheduled', startedOn: null, completedOn: null, start: '2027-02-01', estimated: true, overlapping: false,
        gapDays: 12, after: { workload: 'Teams', completedOn: '2027-01-20' },
      });
    });

    it('P3: an overlapping start has no gap (null, never negative)', async () => {
      const body = (await h.api('GET', `/api/customers/${GAP_TENANTS.bravo}/timeline`)).body as TimelineBody;
      assert.deepEqual(body.items.map((i) => [i.workload, i.overlapping, i.gapDays]), [
        ['SharePointOnline', false, null], ['OneDrive', true, null], ['Teams', false, 4], ['Copilot', false, 10],
      ]);
    });

    it('404 for an unknown tenant, 400 for an id that is not a GUID, 403 for FM and partner keys', async () => {
      assertError(await h.api('GET', `/api/customers/${tenantId(999)}/timeline`), 404, 'not_found');
      const bad = await h.api('GET', '/api/customers/not-a-guid/timeline');
      assertError(bad, 400, 'validation');
      assert.deepEqual(detailPaths(bad), ['tenantId']);
      for (const as of ['fm', 'partner'] as const) {
        assertError(await h.api('GET', `/api/customers/${GAP_TENANTS.alpha}/timeline`, { as }), 403, 'forbidden');
      }
    });
  });

  describe('GET /api/reports/gaps', () => {
    it('P3: each gap of [from, to] per customer (by name), the median, the 90th percentile and the waiting, worked out by hand', async () => {
      const res = await h.api('GET', '/api/reports/gaps?from=2026-12-01&to=2027-02-28', { as: 'admin' });
      assert.equal(res.status, 200);
      assertMatches(GAP_REPORT, res.body);
      const body = res.body as GapReportBody;
      assert.deepEqual([body.from, body.to], ['2026-12-01', '2027-02-28']);
      // Delta completed nothing: no gap, not listed.
      assert.deepEqual(body.customers.map((c) => [c.name, c.gaps.map((g) => [g.workload, g.gapDays, g.waiting])]), [
        [ALPHA_NAME, [['Teams', 11, false], ['Intune', 12, true]]],
        ['Bravo Industries', [['Teams', 4, false], ['Copilot', 10, true]]],
        ['Charlie Co', [['Defender', 0, false]]],
      ]);
      // 0, 4, 10, 11, 12: median the 3rd (10), 90th percentile the ceil(4.5) = 5th (12); Intune and Copilot wait.
      assert.deepEqual(body.summary, { gaps: 5, medianDays: 10, p90Days: 12, waiting: 2 });
    });

    it('P3: the bounds are inclusive; without them, the year up to today (UTC)', async () => {
      const narrow = (await h.api('GET', '/api/reports/gaps?from=2026-12-02&to=2027-01-31')).body as GapReportBody;
      // Alpha's Teams starts 12-01 and Intune 02-01: out. 0, 4, 10: median 4, 90th the 3rd (10); Copilot waits.
      assert.deepEqual(narrow.summary, { gaps: 3, medianDays: 4, p90Days: 10, waiting: 1 });
      const byDefault = (await h.api('GET', '/api/reports/gaps')).body as GapReportBody;
      assert.deepEqual(byDefault, {
        from: '2025-11-24', to: '2026-11-24', customers: [],
        summary: { gaps: 0, medianDays: null, p90Days: null, waiting: 0 },
      });
    });

    it('P3: Accept: text/csv answers a row per gap, read back whole by the import\'s CSV reader and by csv-parse: a name with a comma, a quote and a leading = stays one cell, made inert', async () => {
      const res = await fetch(`${h.url}/api/reports/gaps?from=2026-12-01&to=2027-02-28`, {
        headers: { authorization: bearer('gateway'), accept: 'text/csv' },
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.equal(res.headers.get('content-disposition'), 'attachment; filename="gaps-2026-12-01-2027-02-28.csv"');
      const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
      const expected = [
        ['tenantId', 'customerName', 'workload', 'state', 'start', 'estimated', 'after', 'completedOn', 'gapDays', 'waiting'],
        [GAP_TENANTS.alpha, `'${ALPHA_NAME}`, 'Teams', 'completed', '2026-12-01', 'false', 'ExchangeOnline', '2026-11-20', '11', 'false'],
        [GAP_TENANTS.alpha, `'${ALPHA_NAME}`, 'Intune', 'scheduled', '2027-02-01', 'true', 'Teams', '2027-01-20', '12', 'true'],
        [GAP_TENANTS.bravo, 'Bravo Industries', 'Teams', 'completed', '2026-12-14', 'false', 'OneDrive', '2026-12-10', '4', 'false'],
        [GAP_TENANTS.bravo, 'Bravo Industries', 'Copilot', 'awaitingCustomer', '2027-01-01', 'true', 'Teams', '2026-12-22', '10', 'true'],
        [GAP_TENANTS.charlie, 'Charlie Co', 'Defender', 'started', '2026-12-07', 'false', 'Windows', '2026-12-07', '0', 'false'],
      ];
      const lines = text.replace(/^\uFEFF/, '').split('\r\n');
      assert.equal(lines.pop(), '', 'the last line ends with CRLF too');
      assert.deepEqual(lines.map((line) => parseCsvLine(line)), expected.map((fields) => ({ ok: true, fields })));
      const parsed: unknown = parse(text, { bom: true });
      assert.deepEqual(parsed, expected);
      // JSON stays the answer without Accept, and when JSON is preferred.
      const json = await fetch(`${h.url}/api/reports/gaps?from=2026-12-01&to=2027-02-28`, {
        headers: { authorization: bearer('gateway'), accept: 'application/json, text/csv;q=0.5' },
      });
      assert.equal((await json.json() as GapReportBody).summary.gaps, 5);
    });

    it('400 for a bad date, to before from, a range over 366 days; 403 for FM and partner keys', async () => {
      for (const [query, path] of [
        ['from=2026-02-30', 'from'], ['to=tomorrow', 'to'], ['from=2026-12-02&to=2026-12-01', 'to'],
        ['from=2026-01-01&to=2027-01-02', 'to'], ['colour=blue', 'colour'],
      ] as const) {
        const res = await h.api('GET', `/api/reports/gaps?${query}`);
        assertError(res, 400, 'validation');
        assert.deepEqual(detailPaths(res), [path], query);
      }
      assert.equal((await h.api('GET', '/api/reports/gaps?from=2026-01-01&to=2027-01-01')).status, 200, '366 days');
      for (const as of ['fm', 'partner'] as const) {
        assertError(await h.api('GET', '/api/reports/gaps', { as }), 403, 'forbidden');
      }
    });
  });
});
