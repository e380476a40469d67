/**
 * R2 over REST: customers whose engagements are already under way are entered with `startedOn` instead of a date
 * (POST /api/customers): stored as started with no ESD and a history entry saying so, never an active ESD (not in
 * /api/engagements), counted as in flight in GET /api/load (P2). Every bad entry is a 400 that stores nothing.
 */
import assert from 'node:assert/strict';
import { LOAD_REPORT } from '../../src/http/schemas/responses';
import { actors, tenantId } from '../common/fixtures';
import {
  assertCustomer, assertError, assertMatches, detailPaths, startApi, type ApiHarness,
} from './api-client';

const T1 = tenantId(1);

/** A workload already under way since `startedOn`, as the POST body gives it. */
function underWay(workload: string, startedOn: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { workload, l1Status: 'InProgress', startedOn, ...extra };
}

function body(workloads: Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { tenantId: T1, name: 'Contoso Ltd', assignee: { type: 'fm', aadObjectId: actors.fm.aadObjectId }, workloads, ...extra };
}

describe('REST: engagements already under way (R2)', () => {
  let h: ApiHarness;
  beforeEach(async () => { h = await startApi(); });
  afterEach(async () => { await h.stop(); });

  describe('POST /api/customers with startedOn', () => {
    it('R2: 201; the workload is started on that day with no ESD, a history entry and a started note; not an active ESD', async () => {
      const res = await h.api('POST', '/api/customers', {
        body: body([
          underWay('ExchangeOnline', '2026-09-14'),
          { workload: 'Intune', l1Status: 'InProgress', engagementStartDate: '2026-12-01' },
        ]),
      });
      const customer = assertCustomer(res, 201);
      const stored = (await h.store.getCustomer(T1))?.value;
      assert.ok(stored);
      const exo = stored.workloads.find((w) => w.workload === 'ExchangeOnline');
      assert.deepEqual(exo, {
        workload: 'ExchangeOnline', l1Status: 'InProgress', engagementStartDate: null, datePrecision: null,
        state: 'started', startedOn: '2026-09-14', completedOn: null, followUpOn: null, revision: 1,
        history: [{
          at: '2026-11-24T09:00:00.000Z', by: { aadObjectId: 'apikey:test-gateway', name: 'test-gateway', role: 'gateway' },
          from: null, to: null, precision: null, reason: 'Entered as already under way (started on 2026-09-14).',
          source: 'gateway',
        }],
      });
      assert.deepEqual(customer.workloads.find((w) => w.workload === 'ExchangeOnline')?.state, 'started', 'the answer is the stored document');
      assert.deepEqual(stored.statusNotes.map((n) => [n.workload, n.kind, n.text]), [
        ['ExchangeOnline', 'started', 'Already under way when entered: communication started on 2026-09-14.'],
      ]);
      const listed = await h.api('GET', '/api/engagements');
      assert.deepEqual((listed.body as { items: { workload: string }[] }).items.map((r) => r.workload), ['Intune'],
        'R1: GET /api/engagements lists active ESDs only');
    });

    it('R2: startedOn may be today (in the caller\'s calendar: UTC for an API key) or as early as 2019-10-01', async () => {
      assertCustomer(await h.api('POST', '/api/customers', {
        body: body([underWay('Teams', '2026-11-24'), underWay('Intune', '2019-10-01')]),
      }), 201);
      const stored = (await h.store.getCustomer(T1))?.value;
      assert.deepEqual(stored?.workloads.map((w) => [w.workload, w.state, w.startedOn]), [
        ['Teams', 'started', '2026-11-24'], ['Intune', 'started', '2019-10-01'],
      ]);
    });

    const refusals: { name: string; workload: Record<string, unknown>; path: string; message: RegExp }[] = [
      { name: 'neither a date nor startedOn', workload: { workload: 'Teams', l1Status: 'InProgress' }, path: 'workloads/0',
        message: /needs an Engagement Start Date \(engagementStartDate\) or month \(engagementStartMonth\) or, when it is already under way, the day it started \(startedOn\)/ },
      { name: 'both a date and startedOn', workload: underWay('Teams', '2026-09-14', { engagementStartDate: '2026-12-01' }),
        path: 'workloads/0/startedOn', message: /^Give either the day it started \(startedOn\).* not both\.$/ },
      { name: 'both a month and startedOn', workload: underWay('Teams', '2026-09-14', { engagementStartMonth: '2027-01' }),
        path: 'workloads/0/startedOn', message: /not both/ },
      { name: 'startedOn in the future', workload: underWay('Teams', '2026-11-25'), path: 'workloads/0/startedOn',
        message: /^The start day 2026-11-25 is in the future \(today is 2026-11-24\): for a start still to come, give the Engagement Start Date \(engagementStartDate\) instead\.$/ },
      { name: 'startedOn before 2019-10-01', workload: underWay('Teams', '2019-09-30'), path: 'workloads/0/startedOn',
        message: /before 2019-10-01, when Engagement Start Dates began: check the year/ },
      { name: 'startedOn on a Blocked workload', workload: { ...underWay('Teams', '2026-09-14'), l1Status: 'Blocked' },
        path: 'workloads/0/startedOn', message: /^Only an InProgress workload can be already under way; a Blocked workload carries no dates: remove startedOn, or set the L1 status to InProgress\.$/ },
      { name: 'startedOn that is no calendar date', workload: underWay('Teams', '2026-02-30'), path: 'workloads/0/startedOn',
        message: /date/ },
      { name: 'startedOn that is not a string', workload: underWay('Teams', 20260914), path: 'workloads/0/startedOn',
        message: /must be text or null/ },
    ];
    for (const { name, workload, path, message } of refusals) {
      it(`R2: 400 for ${name}, at ${path}; nothing stored`, async () => {
        const res = await h.api('POST', '/api/customers', { body: body([underWay('Intune', '2026-09-14'), workload].reverse()) });
        const details = assertError(res, 400, 'validation');
        assert.deepEqual(detailPaths(res), [path]);
        assert.match(details[0]?.message ?? '', message);
        assert.equal(await h.store.getCustomer(T1), undefined, 'nothing was stored, not even the valid workload');
        assert.deepEqual((await h.store.countInFlightByAssignee()).size, 0);
      });
    }

    it('the OpenAPI document describes startedOn on a new customer\'s workload, and only there', async () => {
      const doc = (await h.api('GET', '/api/openapi.json', { as: null })).body as {
        components: { schemas: Record<string, { properties?: Record<string, { description?: string }> }> };
      };
      const entry = doc.components.schemas.WorkloadEntry?.properties?.startedOn;
      assert.match(entry?.description ?? '', /already under way/);
      assert.equal(doc.components.schemas.NewWorkload?.properties?.startedOn, undefined, 'a workload added later has a date (R7, R8)');
    });
  });

  describe('GET /api/load', () => {
    it('P2/R2: an under-way workload is in flight for its FM; of a partner\'s or an unassigned customer, for no FM (R9)', async () => {
      const create = async (n: number, assignee: unknown, startedOn: string[]): Promise<void> => {
        const workloads = ['Teams', 'Intune', 'Viva'].slice(0, startedOn.length).map((w, i) => underWay(w, startedOn[i]));
        assertCustomer(await h.api('POST', '/api/customers', { body: { tenantId: tenantId(n), name: `Customer ${n}`, workloads, ...(assignee ? { assignee } : {}) } }), 201);
      };
      await create(1, { type: 'fm', aadObjectId: actors.fm.aadObjectId }, ['2026-09-14', '2026-11-24']);
      await create(2, { type: 'fm', aadObjectId: actors.fm2.aadObjectId }, ['2020-01-06']);
      await create(3, { type: 'partner', partnerId: 'frp-1', name: 'Fabrikam Services' }, ['2026-10-01']);
      await create(4, null, ['2026-10-01', '2026-10-02', '2026-10-05']);
      const res = await h.api('GET', '/api/load?from=2026-11-24&weeks=2');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assertMatches(LOAD_REPORT, res.body);
      const fms = (res.body as { fms: { name: string; starting: number[]; inFlight: number }[] }).fms;
      assert.deepEqual(fms.map((f) => [f.name, f.starting, f.inFlight]), [
        [actors.fm.name, [0, 0], 2], [actors.fm2.name, [0, 0], 1],
      ], 'in flight, and not starting in any week: they have no ESD');
    });
  });
});
