/** The Gateway's REST routes end to end: create, read, assign, add and change workloads (R1, R4, R6, R7, R8, R9). */
import assert from 'node:assert/strict';
import { actors, assertDateChangesMatchNotes, tenantId } from '../common/fixtures';
import {
  assertCustomer, assertError, contosoBody, detailPaths, startApi, type ApiHarness, type CustomerBody,
} from './api-client';

const T1 = tenantId(1);
const CUSTOMER_URL = `/api/customers/${T1}`;

describe('REST: customers', () => {
  let h: ApiHarness;
  beforeEach(async () => { h = await startApi(); });
  afterEach(async () => { await h.stop(); });

  async function create(body: Record<string, unknown> = contosoBody(T1)): Promise<CustomerBody> {
    return assertCustomer(await h.api('POST', '/api/customers', { body }), 201);
  }

  async function storedEtag(tenant = T1): Promise<string | undefined> {
    return (await h.store.getCustomer(tenant))?.etag;
  }

  describe('POST /api/customers', () => {
    it('creates the customer of docs/contract.md: 201, ETag, Location; a month stores its 1st (R7); the gateway is recorded (R4)', async () => {
      const res = await h.api('POST', '/api/customers', { body: contosoBody(T1.toUpperCase()) });
      const customer = assertCustomer(res, 201);
      assert.equal(res.headers.get('location'), CUSTOMER_URL, 'the tenant id is stored lower case');
      assert.deepEqual(customer.assignee, { type: 'fm', aadObjectId: actors.fm.aadObjectId, name: actors.fm.name }, 'the FM\'s name comes from the directory');
      const [exo, intune, spo] = customer.workloads;
      assert.deepEqual([exo?.engagementStartDate, exo?.datePrecision, exo?.state], ['2026-12-01', 'day', 'scheduled']);
      assert.deepEqual([intune?.engagementStartDate, intune?.datePrecision], ['2027-02-01', 'month']);
      assert.deepEqual([spo?.engagementStartDate, spo?.state, spo?.history.length], [null, 'notApplicable', 0]);
      assert.deepEqual(exo?.history.map((h) => [h.from, h.to, h.source, h.by.aadObjectId, h.by.role]),
        [[null, '2026-12-01', 'gateway', 'apikey:test-gateway', 'gateway']]);
    });

    it('an admin may create too, recorded as admin', async () => {
      const customer = assertCustomer(await h.api('POST', '/api/customers', { as: 'admin', body: contosoBody(T1) }), 201);
      assert.equal(customer.workloads[0]?.history[0]?.by.role, 'admin');
    });

    it('409 conflict when the tenant exists; the stored customer is unchanged', async () => {
      const first = await create();
      const again = await h.api('POST', '/api/customers', { body: { ...contosoBody(T1), name: 'Someone else' } });
      assertError(again, 409, 'conflict');
      assert.equal(await storedEtag(), first.etag.replace(/"/g, ''));
      assert.equal((await h.store.getCustomer(T1))?.value.name, 'Contoso Ltd');
    });

    it('400 with one detail per bad field: GUID, unknown workload, impossible date, unknown property', async () => {
      const res = await h.api('POST', '/api/customers', {
        body: {
          tenantId: 'not-a-guid', name: 'Contoso', colour: 'blue',
          workloads: [
            { workload: 'ExchangeOnline', l1Status: 'InProgress', engagementStartDate: '2026-12-01' },
            { workload: 'Exchange', l1Status: 'InProgress', engagementStartDate: '2026-12-01' },
            { workload: 'Teams', l1Status: 'InProgress', engagementStartDate: '2026-02-30' },
          ],
        },
      });
      const details = assertError(res, 400, 'validation');
      assert.deepEqual(detailPaths(res), ['colour', 'tenantId', 'workloads/1/workload', 'workloads/2/engagementStartDate']);
      assert.match(details.find((d) => d.path === 'colour')?.message ?? '', /not a known property/);
      assert.match(details.find((d) => d.path === 'workloads/2/engagementStartDate')?.message ?? '', /real date/);
      assert.equal(await storedEtag('not-a-guid'), undefined);
    });

    it('400 for a date on a Blocked workload (R1), both a date and a month, InProgress without a date, a past date', async () => {
      const res = await h.api('POST', '/api/customers', {
        body: {
          tenantId: T1, name: 'Contoso',
          workloads: [
            { workload: 'Teams', l1Status: 'Blocked', engagementStartDate: '2026-12-01' },
            { workload: 'Intune', l1Status: 'InProgress', engagementStartDate: '2026-12-01', engagementStartMonth: '2026-12' },
            { workload: 'OneDrive', l1Status: 'InProgress' },
            { workload: 'Viva', l1Status: 'InProgress', engagementStartDate: '2026-11-23' },
          ],
        },
      });
      const details = assertError(res, 400, 'validation');
      assert.deepEqual(detailPaths(res), ['workloads/0', 'workloads/1', 'workloads/2', 'workloads/3/engagementStartDate']);
      assert.match(details[0]?.message ?? '', /applies only to InProgress workloads, not Blocked: remove the date/);
      assert.equal(await storedEtag(), undefined, 'nothing was stored');
    });

    it('400 when the FM is not in the directory; a partner needs partnerId and name (R9)', async () => {
      const unknownFm = await h.api('POST', '/api/customers', { body: { ...contosoBody(T1), assignee: { type: 'fm', aadObjectId: 'aad-nobody' } } });
      assertError(unknownFm, 400, 'validation');
      assert.deepEqual(detailPaths(unknownFm), ['assignee/aadObjectId']);
      const partner = await h.api('POST', '/api/customers', { body: { ...contosoBody(T1), assignee: { type: 'partner', aadObjectId: 'x' } } });
      assertError(partner, 400, 'validation');
      assert.deepEqual(detailPaths(partner), ['assignee/aadObjectId', 'assignee/name', 'assignee/partnerId']);
    });

    it('400 when there is no body, or it is not an object', async () => {
      assert.deepEqual(detailPaths(await h.api('POST', '/api/customers', {})), ['']);
      const list = await h.api('POST', '/api/customers', { body: [1, 2] });
      assertError(list, 400, 'validation');
      assert.match((list.body as { error: { details: { message: string }[] } }).error.details[0]?.message ?? '', /must be an object/);
    });

    it('issue 9 defect 8: a name of only zero-width spaces is refused (nothing stored); 150 emoji are a valid name '
      + '(characters, as the OpenAPI maxLength counts); a newline in a name becomes a space', async () => {
      const invisible = await h.api('POST', '/api/customers', { body: { ...contosoBody(T1), name: '\u200B\u200B\u200B' } });
      assert.deepEqual(detailPaths(invisible), ['name']);
      assertError(await h.api('GET', CUSTOMER_URL), 404, 'not_found');
      const emoji = '🏢'.repeat(150);
      const named = await h.api('POST', '/api/customers', { body: { ...contosoBody(T1), name: emoji } });
      assert.equal(assertCustomer(named, 201) && (named.body as { name: string }).name, emoji);
      const twoLines = await h.api('POST', '/api/customers', { body: { ...contosoBody(tenantId(8)), name: 'Fabrikam\r\nLtd' } });
      assert.equal(assertCustomer(twoLines, 201) && (twoLines.body as { name: string }).name, 'Fabrikam Ltd');
    });
  });

  describe('GET /api/customers/{tenantId}', () => {
    it('answers the document with its ETag, for gateway and admin', async () => {
      const created = await create();
      for (const as of ['gateway', 'admin'] as const) {
        assert.equal(assertCustomer(await h.api('GET', CUSTOMER_URL, { as }), 200).etag, created.etag);
      }
    });

    it('404 for an unknown tenant, 400 for a tenant id that is no GUID', async () => {
      assertError(await h.api('GET', `/api/customers/${tenantId(9)}`), 404, 'not_found');
      const bad = await h.api('GET', '/api/customers/contoso');
      assertError(bad, 400, 'validation');
      assert.deepEqual(detailPaths(bad), ['tenantId']);
    });
  });

  describe('PUT /api/customers/{tenantId}/assignee', () => {
    it('assigns an FM of the directory, then a partner (R9), each with a note', async () => {
      await create({ ...contosoBody(T1), assignee: undefined });
      const fm = assertCustomer(await h.api('PUT', `${CUSTOMER_URL}/assignee`, { body: { type: 'fm', aadObjectId: actors.fm2.aadObjectId } }), 200);
      assert.deepEqual(fm.assignee, { type: 'fm', aadObjectId: actors.fm2.aadObjectId, name: actors.fm2.name });
      const partner = assertCustomer(await h.api('PUT', `${CUSTOMER_URL}/assignee`, {
        as: 'admin', body: { type: 'partner', partnerId: 'frp-1', name: 'Fabrikam Services' },
      }), 200);
      assert.deepEqual(partner.assignee, { type: 'partner', partnerId: 'frp-1', name: 'Fabrikam Services' });
      assert.deepEqual(partner.statusNotes.map((n) => n.text), [`Assigned to FM ${actors.fm2.name}.`, 'Assigned to partner Fabrikam Services.']);
    });

    it('412 with a stale If-Match, 404 for an unknown tenant, 400 for an unknown property; nothing changes', async () => {
      const created = await create();
      const fm2 = { type: 'fm', aadObjectId: actors.fm2.aadObjectId };
      assertError(await h.api('PUT', `${CUSTOMER_URL}/assignee`, { body: fm2, headers: { 'if-match': '"41"' } }), 412, 'precondition_failed');
      assertError(await h.api('PUT', `/api/customers/${tenantId(9)}/assignee`, { body: fm2 }), 404, 'not_found');
      const extra = await h.api('PUT', `${CUSTOMER_URL}/assignee`, { body: { ...fm2, partnerId: 'p' } });
      assertError(extra, 400, 'validation');
      assert.deepEqual(detailPaths(extra), ['partnerId']);
      assert.equal(`"${await storedEtag()}"`, created.etag);
    });
  });

  describe('POST /api/customers/{tenantId}/workloads', () => {
    it('adds a serial deployment with a month estimate (R7) and a success-review workload (R8)', async () => {
      await create();
      const serial = assertCustomer(await h.api('POST', `${CUSTOMER_URL}/workloads`, {
        body: { workload: 'Teams', l1Status: 'InProgress', engagementStartMonth: '2027-03' },
      }), 201);
      const teams = serial.workloads.find((w) => w.workload === 'Teams');
      assert.deepEqual([teams?.engagementStartDate, teams?.datePrecision, teams?.history[0]?.source], ['2027-03-01', 'month', 'serialDeployment']);
      const review = assertCustomer(await h.api('POST', `${CUSTOMER_URL}/workloads`, {
        body: { workload: 'Viva', l1Status: 'InProgress', engagementStartDate: '2027-01-11', context: 'successReview' },
      }), 201);
      assert.equal(review.workloads.find((w) => w.workload === 'Viva')?.history[0]?.source, 'successReview');
    });

    it('409 for a workload the customer has, 400 for a bad context, 404 for an unknown tenant', async () => {
      const created = await create();
      assertError(await h.api('POST', `${CUSTOMER_URL}/workloads`, { body: { workload: 'Intune', l1Status: 'Unknown' } }), 409, 'conflict');
      const bad = await h.api('POST', `${CUSTOMER_URL}/workloads`, { body: { workload: 'Teams', l1Status: 'Unknown', context: 'whim' } });
      assert.deepEqual(detailPaths(bad), ['context']);
      assertError(await h.api('POST', `/api/customers/${tenantId(9)}/workloads`, { body: { workload: 'Teams', l1Status: 'Unknown' } }), 404, 'not_found');
      assert.equal(`"${await storedEtag()}"`, created.etag);
    });
  });

  describe('PATCH /api/customers/{tenantId}/workloads/{workload}', () => {
    const EXO = `${CUSTOMER_URL}/workloads/ExchangeOnline`;

    it('moves the date with its reason in one write: history and a dateChanged note (R6, R10)', async () => {
      await create();
      const changed = assertCustomer(await h.api('PATCH', EXO, { body: { engagementStartDate: '2026-12-08', reason: 'Customer asked for the 8th' } }), 200);
      const last = changed.workloads.find((w) => w.workload === 'ExchangeOnline')?.history.at(-1);
      assert.deepEqual([last?.from, last?.to, last?.reason, last?.source], ['2026-12-01', '2026-12-08', 'Customer asked for the 8th', 'api']);
      assert.deepEqual(changed.statusNotes.map((n) => [n.kind, n.workload, n.text]), [['dateChanged', 'ExchangeOnline', 'Customer asked for the 8th']]);
      const stored = await h.store.getCustomer(T1);
      assert.ok(stored);
      assertDateChangesMatchNotes(stored.value);
    });

    it('a month through PATCH stores its 1st with precision month (R7)', async () => {
      await create();
      const changed = assertCustomer(await h.api('PATCH', EXO, { body: { engagementStartMonth: '2027-01', reason: 'Only the month is known' } }), 200);
      const exo = changed.workloads.find((w) => w.workload === 'ExchangeOnline');
      assert.deepEqual([exo?.engagementStartDate, exo?.datePrecision], ['2027-01-01', 'month']);
    });

    it('400 and nothing written: a date change without a reason (R6), a date and a month, a date on a Blocked workload (R1), an impossible date', async () => {
      const created = await create();
      const cases: [Record<string, unknown>, string[]][] = [
        [{ engagementStartDate: '2026-12-08' }, ['reason']],
        [{ engagementStartDate: '2026-12-08', engagementStartMonth: '2027-01', reason: 'both' }, ['']],
        [{ l1Status: 'Blocked', engagementStartDate: '2026-12-08' }, ['engagementStartDate']],
        [{ engagementStartDate: '2026-02-30', reason: 'x' }, ['engagementStartDate']],
        [{ reason: 'nothing to change' }, ['']],
        [{ engagementStartDate: '2026-12-08', reason: 'x', note: 'extra' }, ['note']],
      ];
      for (const [body, paths] of cases) {
        const res = await h.api('PATCH', EXO, { body });
        assertError(res, 400, 'validation');
        assert.deepEqual(detailPaths(res), paths, JSON.stringify(body));
      }
      assert.equal(`"${await storedEtag()}"`, created.etag, 'every refused request left the document as it was');
    });

    it('400 for a workload outside the catalogue, 404 for one the customer lacks, 409 to date a Blocked workload', async () => {
      await create();
      assert.deepEqual(detailPaths(await h.api('PATCH', `${CUSTOMER_URL}/workloads/Exchange`, { body: { l1Status: 'Blocked' } })), ['workload']);
      assertError(await h.api('PATCH', `${CUSTOMER_URL}/workloads/Teams`, { body: { l1Status: 'Blocked' } }), 404, 'not_found');
      assertError(await h.api('PATCH', `${CUSTOMER_URL}/workloads/SharePointOnline`, { body: { engagementStartDate: '2026-12-08', reason: 'x' } }), 409, 'conflict');
    });

    it('honors If-Match: 412 when stale (nothing written); the ETag back, quoted or not or weak, applies', async () => {
      const created = await create();
      const stale = await h.api('PATCH', EXO, { body: { engagementStartDate: '2026-12-08', reason: 'r' }, headers: { 'if-match': '"999"' } });
      assertError(stale, 412, 'precondition_failed');
      assert.equal(`"${await storedEtag()}"`, created.etag);
      let etag = created.etag;
      for (const [form, date] of [[(e: string) => e, '2026-12-09'], [(e: string) => e.replace(/"/g, ''), '2026-12-10'], [(e: string) => `W/${e}`, '2026-12-11']] as const) {
        const res = await h.api('PATCH', EXO, { body: { engagementStartDate: date, reason: `to ${date}` }, headers: { 'if-match': form(etag) } });
        const next = assertCustomer(res, 200);
        assert.notEqual(next.etag, etag);
        etag = next.etag;
      }
      assertError(await h.api('PATCH', EXO, { body: { engagementStartDate: '2026-12-14', reason: 'r' }, headers: { 'if-match': created.etag } }), 412, 'precondition_failed');
    });

    it('leaving InProgress keeps the history, ends the active ESD and drops the row from /api/engagements (R1)', async () => {
      await create();
      const before = await h.api('GET', '/api/engagements');
      assert.deepEqual((before.body as { items: { workload: string }[] }).items.map((r) => r.workload), ['ExchangeOnline', 'Intune']);
      const blocked = assertCustomer(await h.api('PATCH', EXO, { body: { l1Status: 'Blocked', reason: 'Tenant migration first' } }), 200);
      const exo = blocked.workloads.find((w) => w.workload === 'ExchangeOnline');
      assert.deepEqual([exo?.l1Status, exo?.state, exo?.history.length], ['Blocked', 'notApplicable', 1]);
      assert.equal(blocked.statusNotes.at(-1)?.kind, 'statusChanged');
      const after = await h.api('GET', '/api/engagements');
      assert.deepEqual((after.body as { items: { workload: string }[] }).items.map((r) => r.workload), ['Intune']);
      const back = assertCustomer(await h.api('PATCH', EXO, { body: { l1Status: 'InProgress', engagementStartDate: '2027-01-04', reason: 'Unblocked' } }), 200);
      assert.deepEqual(back.workloads.find((w) => w.workload === 'ExchangeOnline')?.history.map((e) => [e.from, e.to]),
        [[null, '2026-12-01'], ['2026-12-01', '2027-01-04']]);
    });
  });
});
