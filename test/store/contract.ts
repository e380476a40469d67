/**
 * The Store contract: one suite every implementation passes (as botbuilder's storageBaseTests does for its
 * storages). Each test opens a fresh, empty store, so no test depends on another's data. Tests assert what is
 * stored and which error comes back, never how the store got there.
 */
import assert from 'node:assert/strict';
import { addNote } from '../../src/domain/customer';
import { addDays, type CalendarDate } from '../../src/domain/dates';
import {
  assign, changeDate, changeL1Status, completeDeployment, confirmStart, markCustomerInactive, recordNoResponse,
} from '../../src/domain/engagement';
import { DomainError } from '../../src/domain/errors';
import type { Customer, Person, SentCard, Versioned, WorkloadName, WorkloadState } from '../../src/domain/types';
import { LoadReports, STARTING_STATES } from '../../src/services/load-report';
import { compareRows, engagementRows } from '../../src/store/engagement-rows';
import {
  isStoreError, type EngagementRow, type Page, type SentCardQuery, type Store, type StoreErrorCode, type WeekStarts,
} from '../../src/store/store';
import {
  actors, assertDateChangesMatchNotes, conversationRef, ctx, customerFixture, fmAssignee, inMonth, NOW, onDay,
  partnerAssignee, personFixture, sentCardFixture, reminderId, TODAY, tenantId, underWay, withoutEsd,
} from '../common/fixtures';
import type { StoreKind } from '../common/stores';
import { alpha, bravo, charlie, delta, GAP_TENANTS, gapCustomers } from '../common/gap-fixtures';
import { seriesCustomer } from '../../src/store/series-pages';

function describeError(error: unknown): string {
  if (isStoreError(error)) return `StoreError '${error.code}': ${error.message}`;
  if (error instanceof DomainError) return `DomainError '${error.code}': ${error.message}`;
  return String(error);
}

async function rejectsWithStoreError(promise: Promise<unknown>, code: StoreErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isStoreError(error, code), `expected StoreError '${code}', got ${describeError(error)}`);
    return true;
  });
}

async function rejectsAsInvalid(promise: Promise<unknown>): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof DomainError && error.code === 'validation',
      `expected DomainError 'validation', got ${describeError(error)}`);
    return true;
  });
}

function assertEtag(etag: unknown): void {
  assert.equal(typeof etag, 'string', 'an etag is a string');
  assert.notEqual(etag, '', 'an etag is not empty');
}

/** `tenant/workload` of a row, with the tenant as its fixture number: short, readable assertion diffs. */
function rowKey(row: { tenantId: string; workload: string }): string {
  return `t${parseInt(row.tenantId.slice(-12), 16)}/${row.workload}`;
}

async function readPages<T>(
  fetch: (continuationToken: string | undefined) => Promise<Page<T>>, limit: number,
): Promise<T[][]> {
  const pages: T[][] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    assert.ok(page.items.length <= limit, `a page holds at most ${limit} rows, got ${page.items.length}`);
    pages.push(page.items);
    assert.ok(pages.length <= 100, 'paging does not end');
    token = page.continuationToken;
  } while (token !== undefined);
  return pages;
}

async function mustGet(store: Store, tenant: string): Promise<Versioned<Customer>> {
  const found = await store.getCustomer(tenant);
  assert.ok(found, `customer ${tenant} is stored`);
  return found;
}

/** Reads, applies a pure change and writes; on a write conflict re-reads and re-applies (how the services write). */
async function update(
  store: Store, tenant: string, change: (customer: Customer) => Customer,
): Promise<Versioned<Customer>> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await mustGet(store, tenant);
    try {
      return await store.replaceCustomer(change(current.value), current.etag);
    } catch (error) {
      if (!isStoreError(error, 'precondition_failed') || attempt >= 20) throw error;
    }
  }
}

function reschedule(workload: WorkloadName, date: CalendarDate, reason: string, step = 1) {
  return (customer: Customer) => changeDate(customer, workload, { engagementStartDate: date, reason },
    ctx(actors.fm, step), 'card');
}

function noteTexts(customer: Customer): string[] {
  return customer.statusNotes.map((n) => n.text);
}

/**
 * A small portfolio with every case the listings distinguish: FM-assigned (two FMs), partner-assigned (R9),
 * unassigned, day and month dates (R7), workloads with no ESD (R1), several rows on one date (ordering ties).
 * Created out of tenant order, so order comes from the store and not from insertion.
 */
function portfolio(): Customer[] {
  return [
    customerFixture({ n: 5, name: 'Tailspin Toys', workloads: [onDay('Teams', '2026-11-25'), onDay('Intune', '2026-12-15')] }),
    customerFixture({
      n: 1, name: 'Contoso Ltd', workloads: [
        onDay('Teams', '2026-12-01'), inMonth('ExchangeOnline', '2027-01'), withoutEsd('Intune', 'Blocked'),
        withoutEsd('Viva', 'NoIntent'), withoutEsd('Copilot', 'Unknown'), onDay('SharePointOnline', '2026-12-15'),
      ],
    }),
    customerFixture({ n: 3, name: 'Northwind Traders', assignee: partnerAssignee(),
      workloads: [onDay('Defender', '2026-12-01'), onDay('Purview', '2026-11-30')] }),
    customerFixture({ n: 2, name: 'Fabrikam', assignee: fmAssignee(actors.fm2),
      workloads: [onDay('Teams', '2026-12-01'), onDay('OneDrive', '2026-12-01')] }),
    customerFixture({ n: 4, name: 'Woodgrove Bank', assignee: null,
      workloads: [onDay('Windows', TODAY), onDay('Microsoft365Apps', '2027-03-15')] }),
  ];
}

/** Every active ESD of the portfolio, in the one listing order (date, tenant, workload). */
const ALL_ROWS = [
  't4/Windows', 't5/Teams', 't3/Purview', 't1/Teams', 't2/OneDrive', 't2/Teams', 't3/Defender',
  't1/SharePointOnline', 't5/Intune', 't1/ExchangeOnline', 't4/Microsoft365Apps',
];
/** The rows whose FM is to be asked (R9: not the partner's t3, not the unassigned t4). */
const FM_ROWS = ALL_ROWS.filter((k) => !k.startsWith('t3/') && !k.startsWith('t4/'));

async function createAll(store: Store, customers: Customer[]): Promise<void> {
  for (const customer of customers) await store.createCustomer(customer);
}

export function storeContract(kind: StoreKind): void {
  describe(`Store contract: ${kind.name}`, function () {
    this.timeout(20_000);
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      const opened = await kind.open();
      store = opened.store;
      cleanup = opened.cleanup;
    });

    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    it('ping resolves', async () => {
      await store.ping();
    });

    describe('customers', () => {
      it('createCustomer then getCustomer round-trips the whole customer with an etag', async () => {
        const created = customerFixture({
          name: 'Contoso Ünïcode 株式会社 "quoted" \\ back', workloads: [
            onDay('Teams', '2026-12-01'), inMonth('ExchangeOnline', '2027-02'), withoutEsd('Intune', 'Blocked'),
          ],
        });
        const withHistory = recordNoResponse(
          reschedule('Teams', '2026-12-08', 'Customer asked for the week after.\nSecond line.')(created),
          'Teams', 'Left a voicemail', { ...ctx(actors.fm, 2), requestId: 'req-42' },
        );
        const written = await store.createCustomer(withHistory);
        assert.deepEqual(written.value, withHistory);
        assertEtag(written.etag);
        const read = await store.getCustomer(withHistory.tenantId);
        assert.deepEqual(read, { value: withHistory, etag: written.etag });
      });

      it('keeps its own copy: changing the objects handed in or out changes nothing stored', async () => {
        const customer = customerFixture();
        const expected = structuredClone(customer);
        const written = await store.createCustomer(customer);
        customer.name = 'changed after create';
        written.value.workloads.length = 0;
        assert.deepEqual((await mustGet(store, expected.tenantId)).value, expected);
      });

      it('R4: a second create of the same tenant is a conflict and leaves the first unchanged (no duplicate)', async () => {
        const first = await store.createCustomer(customerFixture({ name: 'Contoso Ltd' }));
        const again = customerFixture({ name: 'Contoso Duplicate', workloads: [onDay('Intune', '2026-12-02')] });
        await rejectsWithStoreError(store.createCustomer(again), 'conflict');
        assert.deepEqual(await store.getCustomer(first.value.tenantId), first);
        assert.deepEqual(await store.findCustomersByName('Contoso', 10), [first.value]);
        assert.deepEqual((await store.listEngagements({})).items.map(rowKey), ['t1/Teams']);
      });

      it('R4: createCustomers creates the new tenants whole and leaves existing ones unchanged, answering in order', async () => {
        const existing = await store.createCustomer(customerFixture({ n: 2, name: 'Fabrikam' }));
        const batch = [
          customerFixture({ n: 1, name: 'Contoso Ltd', workloads: [onDay('Teams', '2026-12-01'), inMonth('Intune', '2027-01')] }),
          customerFixture({ n: 2, name: 'Fabrikam Again', workloads: [onDay('Intune', '2026-12-03')] }),
          customerFixture({ n: 3, name: 'Northwind Traders', assignee: partnerAssignee() }),
          customerFixture({ n: 1, name: 'Contoso Twice in one batch' }),
        ];
        assert.deepEqual(await store.createCustomers(batch), [true, false, true, false]);
        assert.deepEqual(await store.getCustomer(tenantId(2)), existing);
        assert.deepEqual((await mustGet(store, tenantId(1))).value, batch[0]);
        assert.deepEqual((await mustGet(store, tenantId(3))).value, batch[2]);
        assert.deepEqual((await store.listEngagements({})).items.map(rowKey),
          ['t1/Teams', 't2/Teams', 't3/Teams', 't1/Intune']);
        assert.deepEqual(await store.createCustomers([]), []);
      });

      it('a customer too large for a document is refused as too_large and nothing is written', async () => {
        const small = await store.createCustomer(customerFixture({ n: 1 }));
        const huge = structuredClone(small.value);
        for (let i = 0; huge.statusNotes.length < 1100; i += 1) {
          addNote(huge, ctx(actors.fm, i), 'Teams', 'note', `${i} ${'x'.repeat(1990)}`);
        }
        await rejectsWithStoreError(store.replaceCustomer(huge, small.etag), 'too_large');
        assert.deepEqual(await store.getCustomer(tenantId(1)), small);
        await rejectsWithStoreError(store.createCustomer({ ...huge, tenantId: tenantId(2) }), 'too_large');
        assert.equal(await store.getCustomer(tenantId(2)), undefined);
      });

      it('getCustomer of an unknown tenant is undefined; replaceCustomer of one is not_found', async () => {
        assert.equal(await store.getCustomer(tenantId(99)), undefined);
        const written = await store.createCustomer(customerFixture({ n: 1 }));
        const unknown = { ...written.value, tenantId: tenantId(99) };
        await rejectsWithStoreError(store.replaceCustomer(unknown, written.etag), 'not_found');
        assert.equal(await store.getCustomer(tenantId(99)), undefined);
      });

      it('replaceCustomer with the current etag stores the new version under a new etag', async () => {
        const first = await store.createCustomer(customerFixture());
        const next = reschedule('Teams', '2026-12-10', 'Kickoff moved')(first.value);
        const second = await store.replaceCustomer(next, first.etag);
        assert.deepEqual(second.value, next);
        assertEtag(second.etag);
        assert.notEqual(second.etag, first.etag);
        assert.deepEqual(await store.getCustomer(next.tenantId), second);
      });

      it('replaceCustomer with a stale etag is precondition_failed and writes nothing', async () => {
        const first = await store.createCustomer(customerFixture());
        const second = await store.replaceCustomer(reschedule('Teams', '2026-12-10', 'First move')(first.value), first.etag);
        const stale = reschedule('Teams', '2026-12-11', 'Written from an old read', 2)(first.value);
        await rejectsWithStoreError(store.replaceCustomer(stale, first.etag), 'precondition_failed');
        assert.deepEqual(await store.getCustomer(first.value.tenantId), second);
      });

      it('race: of two writers on one version exactly one wins; the loser re-applies on fresh state and nothing is lost', async () => {
        const base = await store.createCustomer(customerFixture({ workloads: [onDay('Teams', '2026-12-01')] }));
        const changes = [
          reschedule('Teams', '2026-12-07', 'Writer A: customer moved the call', 1),
          reschedule('Teams', '2026-12-14', 'Writer B: kickoff rescheduled', 2),
        ];
        const results = await Promise.allSettled(
          changes.map((change) => store.replaceCustomer(change(base.value), base.etag)));
        const winners = results.filter((r) => r.status === 'fulfilled');
        assert.equal(winners.length, 1, 'exactly one concurrent write wins');
        const loserIndex = results.findIndex((r) => r.status === 'rejected');
        const lost = results[loserIndex];
        assert.ok(lost?.status === 'rejected' && isStoreError(lost.reason, 'precondition_failed'),
          `the loser gets precondition_failed, got ${lost?.status === 'rejected' ? describeError(lost.reason) : 'nothing'}`);
        const loserChange = changes[loserIndex];
        assert.ok(loserChange);
        const fresh = await mustGet(store, base.value.tenantId);
        await store.replaceCustomer(loserChange(fresh.value), fresh.etag);

        const final = (await mustGet(store, base.value.tenantId)).value;
        const reasons = ['Writer A: customer moved the call', 'Writer B: kickoff rescheduled'];
        assert.deepEqual(final.workloads[0]?.history.slice(1).map((h) => h.reason).sort(), reasons);
        assert.deepEqual(noteTexts(final).sort(), reasons);
        assertDateChangesMatchNotes(final);
      });

      it('five concurrent writers, each retrying on conflict, all land their change', async () => {
        const names: WorkloadName[] = ['Teams', 'Intune', 'OneDrive', 'Defender', 'Purview'];
        const created = await store.createCustomer(customerFixture({ workloads: names.map((w) => onDay(w, '2026-12-01')) }));
        await Promise.all(names.map((w, i) => update(store, created.value.tenantId,
          reschedule(w, addDays('2026-12-02', i), `Moved ${w}`, i + 1))));
        const final = (await mustGet(store, created.value.tenantId)).value;
        assert.deepEqual(final.workloads.map((w) => w.engagementStartDate),
          names.map((_, i) => addDays('2026-12-02', i)));
        assert.deepEqual(noteTexts(final).sort(), names.map((w) => `Moved ${w}`).sort());
        assertDateChangesMatchNotes(final);
      });

      it('R6: after every date change the stored history entries and dateChanged notes match one to one', async () => {
        let current = await store.createCustomer(customerFixture({
          workloads: [onDay('Teams', '2026-12-01'), onDay('Intune', '2026-12-02')],
        }));
        for (let i = 0; i < 6; i += 1) {
          const workload = i % 2 === 0 ? 'Teams' : 'Intune';
          const next = reschedule(workload, addDays('2026-12-03', i), `Change ${i}: customer proposed a new day`, i + 1)(current.value);
          current = await store.replaceCustomer(next, current.etag);
          const stored = (await mustGet(store, next.tenantId)).value;
          assertDateChangesMatchNotes(stored);
          assert.equal(stored.statusNotes.length, i + 1);
        }
      });

      it('R6: a write that fails (stale etag) leaves neither its history entry nor its note', async () => {
        const first = await store.createCustomer(customerFixture());
        const current = await store.replaceCustomer(reschedule('Teams', '2026-12-09', 'Accepted change')(first.value), first.etag);
        const stale = reschedule('Teams', '2026-12-10', 'Rejected change', 2)(first.value);
        await rejectsWithStoreError(store.replaceCustomer(stale, first.etag), 'precondition_failed');
        const stored = (await mustGet(store, first.value.tenantId)).value;
        assert.deepEqual(stored, current.value);
        assert.ok(!noteTexts(stored).includes('Rejected change'));
        assert.ok(!stored.workloads.some((w) => w.history.some((h) => h.reason === 'Rejected change')));
        assertDateChangesMatchNotes(stored);
      });
    });

    describe('listEngagements', () => {
      let customers: Customer[];
      const list = async (query: Parameters<Store['listEngagements']>[0]) =>
        (await store.listEngagements(query)).items.map(rowKey);

      beforeEach(async () => {
        customers = portfolio();
        await createAll(store, customers);
      });

      it('R1: lists every active ESD, and only those, ordered by date, tenant and workload', async () => {
        const page = await store.listEngagements({});
        assert.equal(page.continuationToken, undefined);
        assert.deepEqual(page.items.map(rowKey), ALL_ROWS);
        const expected = customers.flatMap(engagementRows).sort((a, b) => compareRows(
          { date: a.engagementStartDate, tenantId: a.tenantId, workload: a.workload },
          { date: b.engagementStartDate, tenantId: b.tenantId, workload: b.workload }));
        assert.deepEqual(page.items, expected);
      });

      it('R7: a row carries the customer, the assignee, the month estimate as its 1st and the reminder day', async () => {
        const rows = (await store.listEngagements({ from: '2027-01-01', to: '2027-01-01' })).items;
        const expected: EngagementRow = {
          tenantId: tenantId(1), customerName: 'Contoso Ltd', assignee: fmAssignee(), workload: 'ExchangeOnline',
          engagementStartDate: '2027-01-01', datePrecision: 'month', state: 'scheduled', startedOn: null,
          completedOn: null, followUpOn: null, remindOn: '2027-01-01',
        };
        assert.deepEqual(rows, [expected]);
      });

      it('R1: a workload whose L1 status leaves InProgress disappears, keeping its history; back in, it returns', async () => {
        const blocked = await update(store, tenantId(1), (c) => changeL1Status(c, 'Teams',
          { l1Status: 'Blocked', reason: 'Licences not bought yet' }, ctx(actors.gateway, 1), 'api'));
        assert.deepEqual(await list({}), ALL_ROWS.filter((k) => k !== 't1/Teams'));
        assert.equal(blocked.value.workloads.find((w) => w.workload === 'Teams')?.history.length, 1);
        await update(store, tenantId(1), (c) => changeL1Status(c, 'Teams',
          { l1Status: 'InProgress', engagementStartDate: '2026-12-20', reason: 'Licences bought' },
          ctx(actors.gateway, 2), 'api'));
        assert.deepEqual(await list({ from: '2026-12-20', to: '2026-12-20' }), ['t1/Teams']);
      });

      it('a date change moves the row to its new place in the order', async () => {
        await update(store, tenantId(5), reschedule('Teams', '2027-02-01', 'Customer postponed'));
        assert.deepEqual(await list({}),
          [...ALL_ROWS.filter((k) => k !== 't5/Teams' && k !== 't4/Microsoft365Apps'), 't5/Teams', 't4/Microsoft365Apps']);
      });

      it('from and to are inclusive bounds, each optional', async () => {
        assert.deepEqual(await list({ from: '2026-11-30', to: '2026-12-15' }), ALL_ROWS.slice(2, 9));
        assert.deepEqual(await list({ to: '2026-11-25' }), ['t4/Windows', 't5/Teams']);
        assert.deepEqual(await list({ from: '2027-01-01' }), ['t1/ExchangeOnline', 't4/Microsoft365Apps']);
        assert.deepEqual(await list({ from: '2026-12-02', to: '2026-12-14' }), []);
      });

      for (const limit of [1, 3, 4, 11]) {
        it(`pages of ${limit} return every row exactly once, in the order of one big page`, async () => {
          const all = (await store.listEngagements({ limit: 1000 })).items;
          const pages = await readPages(
            (continuationToken) => store.listEngagements({ limit, continuationToken }), limit,
          );
          assert.deepEqual(pages.flat(), all);
          assert.deepEqual(all.map(rowKey), ALL_ROWS);
        });
      }

      it('pages keep the filters they were asked with', async () => {
        const query = { from: '2026-11-25', assigneeId: actors.fm.aadObjectId, states: ['scheduled' as const] };
        const pages = await readPages(
          (continuationToken) => store.listEngagements({ ...query, limit: 1, continuationToken }), 1,
        );
        assert.deepEqual(pages.flat().map(rowKey), ['t5/Teams', 't1/Teams', 't1/SharePointOnline', 't5/Intune', 't1/ExchangeOnline']);
      });

      it('filters by the assigned FM', async () => {
        assert.deepEqual(await list({ assigneeId: actors.fm.aadObjectId }),
          ['t5/Teams', 't1/Teams', 't1/SharePointOnline', 't5/Intune', 't1/ExchangeOnline']);
        assert.deepEqual(await list({ assigneeId: actors.fm2.aadObjectId }), ['t2/OneDrive', 't2/Teams']);
        assert.deepEqual(await list({ assigneeId: 'aad-nobody' }), []);
        await update(store, tenantId(2), (c) => assign(c, fmAssignee(actors.fm), ctx(actors.admin, 1)));
        assert.deepEqual(await list({ assigneeId: actors.fm2.aadObjectId }), []);
      });

      it('filters by workload state', async () => {
        await update(store, tenantId(5), (c) => recordNoResponse(c, 'Teams', 'No answer', ctx(actors.fm, 1, '2026-11-25')));
        await update(store, tenantId(1), (c) => confirmStart(c, 'Teams', ctx(actors.fm, 2, '2026-12-01')));
        await update(store, tenantId(2), (c) => markCustomerInactive(c, 'OneDrive', 'Gone quiet', ctx(actors.fm2, 3)));
        assert.deepEqual(await list({ states: ['awaitingCustomer'] }), ['t5/Teams']);
        assert.deepEqual(await list({ states: ['started', 'inactive'] }), ['t1/Teams', 't2/OneDrive']);
        const changed = new Set(['t5/Teams', 't1/Teams', 't2/OneDrive']);
        assert.deepEqual(await list({ states: ['scheduled'] }), ALL_ROWS.filter((k) => !changed.has(k)));
        assert.deepEqual(await list({ states: ['completed'] }), []);
      });

      it('a continuation token it did not issue is a validation error', async () => {
        await rejectsAsInvalid(store.listEngagements({ continuationToken: 'not a token at all' }));
        const wrongShape = Buffer.from(JSON.stringify({ date: '2026-12-01' })).toString('base64url');
        await rejectsAsInvalid(store.listEngagements({ continuationToken: wrongShape }));
      });

      it('a page size outside 1–1000 is a validation error', async () => {
        await rejectsAsInvalid(store.listEngagements({ limit: 0 }));
        await rejectsAsInvalid(store.listEngagements({ limit: 1001 }));
      });
    });

    describe('listUnassignedCustomers (P1: the Gateway queue)', () => {
      /** Out of tenant order; t5 (a partner's) and t6 (an FM's) are not in the queue. */
      function queuePortfolio(): Customer[] {
        return [
          customerFixture({ n: 7, name: 'Woodgrove Bank', assignee: null, workloads: [onDay('Teams', '2026-12-10')] }),
          customerFixture({ n: 4, name: 'Litware', assignee: null, workloads: [withoutEsd('Intune', 'Unknown')] }),
          customerFixture({ n: 1, name: 'Contoso Ltd', assignee: null,
            workloads: [onDay('Teams', '2026-12-10'), inMonth('Intune', '2027-01'), withoutEsd('Viva', 'Blocked')] }),
          customerFixture({ n: 5, name: 'Northwind', assignee: partnerAssignee(), workloads: [onDay('Teams', '2026-11-25')] }),
          customerFixture({ n: 6, name: 'Fabrikam', assignee: fmAssignee(), workloads: [onDay('Teams', '2026-11-25')] }),
          customerFixture({ n: 2, name: 'Tailspin Toys', assignee: null, workloads: [onDay('ExchangeOnline', '2026-11-30')] }),
          customerFixture({ n: 3, name: 'Adatum', assignee: null, workloads: [withoutEsd('Teams', 'NoIntent')] }),
          customerFixture({ n: 8, name: 'Proseware', assignee: null, workloads: [inMonth('Purview', '2027-02')] }),
        ];
      }
      /** By first ESD, then tenant; those without an active ESD last (t3, t4). */
      const QUEUE = ['t2', 't1', 't7', 't8', 't3', 't4'];
      const key = (entry: { tenantId: string }): string => `t${parseInt(entry.tenantId.slice(-12), 16)}`;
      const queued = async (query: Parameters<Store['listUnassignedCustomers']>[0] = {}) =>
        (await store.listUnassignedCustomers(query)).items.map(key);

      beforeEach(async () => {
        const [first, second, ...rest] = queuePortfolio();
        await createAll(store, rest);
        assert.deepEqual(await store.createCustomers([first as Customer, second as Customer]), [true, true], 'bulk entry is queued too');
      });

      it('P1: customers with neither an FM nor a partner, by first ESD then tenant; none without an active ESD before them', async () => {
        const page = await store.listUnassignedCustomers({});
        assert.equal(page.continuationToken, undefined);
        assert.deepEqual(page.items.map(key), QUEUE);
        assert.deepEqual(page.items.map((e) => e.firstEsd), ['2026-11-30', '2026-12-10', '2026-12-10', '2027-02-01', null, null]);
      });

      it('P1: an entry carries the name, the first ESD, every workload with its date, precision and state, and the current etag', async () => {
        const contoso = (await store.listUnassignedCustomers({})).items.find((e) => e.tenantId === tenantId(1));
        const stored = await mustGet(store, tenantId(1));
        assert.deepEqual(contoso, {
          tenantId: tenantId(1), name: 'Contoso Ltd', firstEsd: '2026-12-10', etag: stored.etag,
          workloads: [
            { workload: 'Teams', l1Status: 'InProgress', state: 'scheduled', engagementStartDate: '2026-12-10', datePrecision: 'day', startedOn: null },
            { workload: 'Intune', l1Status: 'InProgress', state: 'scheduled', engagementStartDate: '2027-01-01', datePrecision: 'month', startedOn: null },
            { workload: 'Viva', l1Status: 'Blocked', state: 'notApplicable', engagementStartDate: null, datePrecision: null, startedOn: null },
          ],
        });
      });

      it('P1: assigning an FM or a partner takes the customer out; a new first ESD moves it; one no longer expected to start no longer counts', async () => {
        await update(store, tenantId(2), (c) => assign(c, fmAssignee(), ctx(actors.gateway, 1)));
        await update(store, tenantId(8), (c) => assign(c, partnerAssignee(), ctx(actors.gateway, 2)));
        assert.deepEqual(await queued(), ['t1', 't7', 't3', 't4']);
        await update(store, tenantId(1), reschedule('Teams', '2027-03-01', 'Customer postponed', 3));
        assert.deepEqual(await queued(), ['t7', 't1', 't3', 't4']);
        assert.equal((await store.listUnassignedCustomers({})).items[1]?.firstEsd, '2027-01-01', 'now the Intune estimate');
        await update(store, tenantId(7), (c) => markCustomerInactive(c, 'Teams', 'Never answered', ctx(actors.admin, 4)));
        assert.deepEqual(await queued(), ['t1', 't3', 't4', 't7'], 'an inactive date does not put it in line (R5)');
        assert.equal((await store.listUnassignedCustomers({})).items[3]?.firstEsd, null);
      });

      for (const limit of [1, 2, 4]) {
        it(`pages of ${limit} return every waiting customer exactly once, in the order of one big page`, async () => {
          const pages = await readPages(
            (continuationToken) => store.listUnassignedCustomers({ limit, continuationToken }), limit,
          );
          assert.deepEqual(pages.flat().map(key), QUEUE);
        });
      }

      it('firstEsdOnOrBefore keeps the customers whose first ESD is on or before that day, pages included', async () => {
        assert.deepEqual(await queued({ firstEsdOnOrBefore: '2026-12-10' }), ['t2', 't1', 't7']);
        assert.deepEqual(await queued({ firstEsdOnOrBefore: '2026-11-29' }), []);
        const pages = await readPages((continuationToken) => store.listUnassignedCustomers(
          { firstEsdOnOrBefore: '2027-02-01', limit: 1, continuationToken }), 1);
        assert.deepEqual(pages.flat().map(key), ['t2', 't1', 't7', 't8']);
      });

      it('a continuation token it did not issue, or a page size outside 1–1000, is a validation error', async () => {
        await rejectsAsInvalid(store.listUnassignedCustomers({ continuationToken: 'not a token at all' }));
        await rejectsAsInvalid(store.listUnassignedCustomers({ limit: 0 }));
        await rejectsAsInvalid(store.listUnassignedCustomers({ limit: 1001 }));
      });
    });

    describe('listRemindersDue', () => {
      const due = async (dueOnOrBefore: CalendarDate) =>
        (await store.listRemindersDue({ dueOnOrBefore })).items;

      function assertByRemindOn(rows: EngagementRow[]): void {
        const days = rows.map((r) => r.remindOn ?? '');
        assert.deepEqual(days, [...days].sort(), 'rows come ordered by remindOn');
      }

      beforeEach(async () => {
        await createAll(store, portfolio());
      });

      it('R9: lists the rows due on or before the day, by remindOn; never partner-assigned or unassigned ones', async () => {
        assert.deepEqual(await due('2026-11-24'), []);
        const rows = await due('2026-12-01');
        assertByRemindOn(rows);
        assert.deepEqual(rows.map(rowKey).sort(), ['t1/Teams', 't2/OneDrive', 't2/Teams', 't5/Teams']);
        assert.ok(rows.every((r) => r.remindOn !== null && r.remindOn <= '2026-12-01'));
        const everything = await due('2030-01-01');
        assertByRemindOn(everything);
        assert.deepEqual(everything.map(rowKey).sort(), [...FM_ROWS].sort());
      });

      it('R5: after "no response" the row is due again on the next working day, not before', async () => {
        await update(store, tenantId(5), (c) =>
          recordNoResponse(c, 'Teams', 'Called twice, no answer', ctx(actors.fm, 1, '2026-11-27')));
        assert.ok(!(await due('2026-11-29')).map(rowKey).includes('t5/Teams'));
        const row = (await due('2026-11-30')).find((r) => rowKey(r) === 't5/Teams');
        assert.ok(row, 'the follow-up is due on Monday 2026-11-30');
        assert.equal(row.remindOn, '2026-11-30');
        assert.equal(row.followUpOn, '2026-11-30');
        assert.equal(row.state, 'awaitingCustomer');
        assert.equal(row.engagementStartDate, '2026-11-25');
      });

      it('R5: after "customer inactive" the reminders stop but the ESD stays listed', async () => {
        await update(store, tenantId(1), (c) => markCustomerInactive(c, 'Teams', 'No reply in three weeks', ctx(actors.fm, 1)));
        assert.ok(!(await due('2030-01-01')).map(rowKey).includes('t1/Teams'));
        const listed = (await store.listEngagements({ from: '2026-12-01', to: '2026-12-01' })).items;
        const row = listed.find((r) => rowKey(r) === 't1/Teams');
        assert.equal(row?.state, 'inactive');
        assert.equal(row?.remindOn, null);
      });

      it('R9: reassignment changes who is reminded', async () => {
        await update(store, tenantId(1), (c) => assign(c, partnerAssignee(), ctx(actors.admin, 1)));
        await update(store, tenantId(3), (c) => assign(c, fmAssignee(actors.fm2), ctx(actors.admin, 2)));
        const rows = await due('2030-01-01');
        assert.deepEqual(rows.map(rowKey).sort(),
          ['t2/OneDrive', 't2/Teams', 't3/Defender', 't3/Purview', 't5/Intune', 't5/Teams']);
        assert.ok(rows.filter((r) => r.tenantId === tenantId(3)).every((r) => r.assignee?.type === 'fm'));
      });

      it('pages return every due row exactly once, by remindOn', async () => {
        const pages = await readPages((continuationToken) =>
          store.listRemindersDue({ dueOnOrBefore: '2030-01-01', limit: 2, continuationToken }), 2);
        const rows = pages.flat();
        assertByRemindOn(rows);
        assert.deepEqual(rows.map(rowKey).sort(), [...FM_ROWS].sort());
      });
    });

    describe('countInFlightByAssignee (P2: the load in flight)', () => {
      /** Counts as a plain object, FMs in id order, for readable diffs. */
      const counts = async (): Promise<Record<string, number>> =>
        Object.fromEntries([...(await store.countInFlightByAssignee())].sort(([a], [b]) => a.localeCompare(b)));
      const FM = actors.fm.aadObjectId;
      const FM2 = actors.fm2.aadObjectId;

      /**
       * t1 (FM): two workloads entered under way (R2), one started on its ESD, one scheduled, one Blocked; t2 (FM2):
       * one under way; t3 (a partner's, R9) and t4 (unassigned): one under way each, load of nobody.
       */
      async function seedInFlight(): Promise<void> {
        await createAll(store, [
          customerFixture({
            n: 1, workloads: [
              underWay('Teams', '2026-09-14'), underWay('Intune', TODAY), onDay('OneDrive', TODAY),
              onDay('Viva', '2026-12-01'), withoutEsd('Purview', 'Blocked'),
            ],
          }),
          customerFixture({ n: 3, assignee: partnerAssignee(), workloads: [underWay('Teams', '2026-10-01')] }),
          customerFixture({ n: 4, assignee: null, workloads: [underWay('Teams', '2026-10-01')] }),
        ]);
        // Bulk entry (the CSV import) indexes them too.
        assert.deepEqual(await store.createCustomers([
          customerFixture({ n: 2, assignee: fmAssignee(actors.fm2), workloads: [underWay('Teams', '2026-10-01')] }),
        ]), [true]);
        await update(store, tenantId(1), (c) => confirmStart(c, 'OneDrive', ctx(actors.fm, 1)));
      }

      it('an empty store counts nobody', async () => {
        assert.deepEqual(await counts(), {});
      });

      it('P2/R2: per FM, every started and not completed workload, with an ESD or entered under way; R9: partners and unassigned count for nobody', async () => {
        await seedInFlight();
        assert.deepEqual(await counts(), { [FM]: 3, [FM2]: 1 });
      });

      it('P2: the count follows every write: completion, leaving InProgress, reassignment', async () => {
        await seedInFlight();
        await update(store, tenantId(1), (c) => completeDeployment(c, 'Teams', 'Done', ctx(actors.fm, 2)));
        assert.deepEqual(await counts(), { [FM]: 2, [FM2]: 1 }, 'a completed deployment is no load');
        await update(store, tenantId(1), (c) => changeL1Status(c, 'Intune', { l1Status: 'Blocked' }, ctx(actors.gateway, 3), 'api'));
        assert.deepEqual(await counts(), { [FM]: 1, [FM2]: 1 }, 'R1: a workload that leaves InProgress is no load');
        await update(store, tenantId(2), (c) => assign(c, fmAssignee(actors.fm), ctx(actors.gateway, 4)));
        await update(store, tenantId(4), (c) => assign(c, fmAssignee(actors.fm2), ctx(actors.gateway, 5)));
        assert.deepEqual(await counts(), { [FM]: 2, [FM2]: 1 }, 'reassigned load moves with its customer');
        await update(store, tenantId(1), (c) => assign(c, partnerAssignee(), ctx(actors.gateway, 6)));
        assert.deepEqual(await counts(), { [FM]: 1, [FM2]: 1 }, 'R9: a partner\'s customer is nobody\'s FM load');
      });

      it('R1/R2: a workload entered under way has no active ESD: not listed, never due; the one started on its ESD still is', async () => {
        await seedInFlight();
        assert.deepEqual((await store.listEngagements({})).items.map(rowKey), ['t1/OneDrive', 't1/Viva']);
        assert.deepEqual((await store.listRemindersDue({ dueOnOrBefore: '2029-12-31' })).items.map(rowKey), ['t1/Viva']);
      });
    });

    describe('countStartsByAssigneeAndWeek and the load report over it (P2)', () => {
      const FM = actors.fm.aadObjectId;
      const FM2 = actors.fm2.aadObjectId;
      const starts = (aadObjectId: string, week: CalendarDate, starting: number, estimated = 0): WeekStarts =>
        ({ aadObjectId, week, starting, estimated });
      /** From a Wednesday, three weeks: 2026-W52 (12-21..12-27), 2026-W53 (12-28..01-03), 2027-W01 (01-04..01-10). */
      const count = (states: readonly WorkloadState[] = STARTING_STATES): Promise<WeekStarts[]> =>
        store.countStartsByAssigneeAndWeek({ from: '2026-12-23', weeks: 3, states });

      /**
       * t1 (FM): Teams 12-22 (W52), Intune month 2027-01 (R7: the 1st, a Friday: W53, estimated), OneDrive on Sunday
       * 01-03 (W53), Viva on Monday 01-04 (W01), Windows 01-11 (after the weeks), Purview Blocked (no ESD, R1).
       * t2 (FM2): Teams 12-28 (W53), Defender on Sunday 01-10 (W01), Copilot month 2026-12 (12-01, before the weeks).
       * t3 (a partner's, R9) and t4 (unassigned): Teams 12-22, nobody's. t5 (FM, bulk entry): Windows 01-05 (W01),
       * Teams entered under way (R2: in flight, no ESD).
       */
      async function seedStarts(): Promise<void> {
        await createAll(store, [
          customerFixture({
            n: 1, workloads: [
              onDay('Teams', '2026-12-22'), inMonth('Intune', '2027-01'), onDay('OneDrive', '2027-01-03'),
              onDay('Viva', '2027-01-04'), onDay('Windows', '2027-01-11'), withoutEsd('Purview', 'Blocked'),
            ],
          }),
          customerFixture({
            n: 2, assignee: fmAssignee(actors.fm2),
            workloads: [onDay('Teams', '2026-12-28'), onDay('Defender', '2027-01-10'), inMonth('Copilot', '2026-12')],
          }),
          customerFixture({ n: 3, assignee: partnerAssignee(), workloads: [onDay('Teams', '2026-12-22')] }),
          customerFixture({ n: 4, assignee: null, workloads: [onDay('Teams', '2026-12-22')] }),
        ]);
        assert.deepEqual(await store.createCustomers([
          customerFixture({ n: 5, workloads: [onDay('Windows', '2027-01-05'), underWay('Teams', '2026-11-02')] }),
        ]), [true]);
      }

      it('an empty store counts nothing; weeks must be a whole number from 1', async () => {
        assert.deepEqual(await count(), []);
        await assert.rejects(store.countStartsByAssigneeAndWeek({ from: '2026-12-23', weeks: 0, states: STARTING_STATES }), RangeError);
      });

      it('P2/R7: per FM and ISO week across the new year (2026-W53), month estimates in the week of the 1st and flagged; R9 partners and unassigned count for nobody', async () => {
        await seedStarts();
        assert.deepEqual(await count(), [
          starts(FM, '2026-12-21', 1),
          starts(FM, '2026-12-28', 2, 1), starts(FM2, '2026-12-28', 1),
          starts(FM, '2027-01-04', 2), starts(FM2, '2027-01-04', 1),
        ]);
        assert.deepEqual(await store.countStartsByAssigneeAndWeek({ from: '2026-11-30', weeks: 1, states: STARTING_STATES }),
          [starts(FM2, '2026-11-30', 1, 1)], 'the month estimate for December counts in the week of 2026-12-01');
      });

      it('P2/R1/R5: the counts follow every write: leaving InProgress, reassignment, a new month estimate, inactive, started, completed', async () => {
        await seedStarts();
        await update(store, tenantId(1), (c) => changeL1Status(c, 'Viva', { l1Status: 'Blocked' }, ctx(actors.gateway, 1), 'api'));
        assert.deepEqual((await count()).filter((s) => s.week === '2027-01-04'), [starts(FM, '2027-01-04', 1), starts(FM2, '2027-01-04', 1)],
          'R1: a workload that leaves InProgress no longer starts');
        await update(store, tenantId(2), (c) => assign(c, fmAssignee(actors.fm), ctx(actors.gateway, 2)));
        assert.deepEqual(await count(), [starts(FM, '2026-12-21', 1), starts(FM, '2026-12-28', 3, 1), starts(FM, '2027-01-04', 2)],
          'reassigned starts move with their customer');
        await update(store, tenantId(1), (c) => changeDate(c, 'Teams', { engagementStartMonth: '2027-01', reason: 'Customer said January' },
          ctx(actors.fm, 3), 'card'));
        await update(store, tenantId(1), (c) => markCustomerInactive(c, 'OneDrive', 'No answer since October', ctx(actors.fm, 4)));
        assert.deepEqual(await count(), [starts(FM, '2026-12-28', 3, 2), starts(FM, '2027-01-04', 2)],
          'R7: moved to the week of 2027-01-01, estimated; R5: an inactive customer is no planned start');
        assert.deepEqual(await count(['inactive']), [starts(FM, '2026-12-28', 1)], 'the states asked for are the ones counted');
        await update(store, tenantId(2), (c) => confirmStart(c, 'Teams', ctx(actors.fm, 5, '2026-12-28')));
        assert.deepEqual(await count(), [starts(FM, '2026-12-28', 3, 2), starts(FM, '2027-01-04', 2)], 'a started workload still starts in its week');
        await update(store, tenantId(2), (c) => completeDeployment(c, 'Teams', 'Done', ctx(actors.fm, 6, '2027-01-20')));
        assert.deepEqual(await count(), [starts(FM, '2026-12-28', 2, 2), starts(FM, '2027-01-04', 2)], 'a completed deployment is no load');
        await update(store, tenantId(1), (c) => assign(c, partnerAssignee(), ctx(actors.gateway, 7)));
        assert.deepEqual(await count(), [starts(FM, '2027-01-04', 2)], 'R9: a partner\'s customer is nobody\'s FM load');
      });

      it('P2: the report: every FM of the directory with starts, estimates, in flight (R2: under way included) and weekly capacity', async () => {
        await seedStarts();
        const idle = { aadObjectId: 'aad-fm-3', name: 'Fiona Idle', role: 'fm' } as const;
        await store.putPerson(personFixture(actors.fm, { weeklyCapacity: 2 }));
        await store.putPerson(personFixture(actors.fm2));
        await store.putPerson(personFixture(idle, { weeklyCapacity: 0 }));
        await store.putPerson(personFixture(actors.gateway));
        await update(store, tenantId(2), (c) => confirmStart(c, 'Teams', ctx(actors.fm2, 1, '2026-12-28')));
        const report = await new LoadReports(store, { now: () => NOW }).report({ from: '2026-12-23', weeks: 3 });
        const fm = (actor: { aadObjectId: string; name: string }): { aadObjectId: string; name: string } =>
          ({ aadObjectId: actor.aadObjectId, name: actor.name });
        assert.deepEqual(report, {
          from: '2026-12-23', weeks: ['2026-W52', '2026-W53', '2027-W01'],
          fms: [
            { ...fm(actors.fm), starting: [1, 2, 2], estimated: [0, 1, 0], inFlight: 1, capacity: 2 },
            { ...fm(actors.fm2), starting: [0, 1, 1], estimated: [0, 0, 0], inFlight: 1, capacity: null },
            { ...fm(idle), starting: [0, 0, 0], estimated: [0, 0, 0], inFlight: 0, capacity: 0 },
          ],
        });
      });
    });

    describe('listSeriesCustomers (P3: the gaps report)', () => {
      const tenants = async (from: CalendarDate, to: CalendarDate): Promise<string[]> =>
        (await store.listSeriesCustomers({ from, to })).items.map((c) => c.tenantId);

      it('P3: the customers with an active ESD in [from, to] and a completed InProgress workload, by tenant id, as the series reads them', async () => {
        await createAll(store, gapCustomers());
        const page = await store.listSeriesCustomers({ from: '2026-12-01', to: '2027-02-28' });
        // Delta has ESDs in the range but nothing completed: it can have no gap.
        assert.deepEqual(page, { items: [alpha(), bravo(), charlie()].map(seriesCustomer) });
        const exchange = page.items[0]?.workloads.find((w) => w.workload === 'ExchangeOnline');
        assert.deepEqual(exchange, {
          workload: 'ExchangeOnline', l1Status: 'InProgress', engagementStartDate: null, datePrecision: null,
          state: 'completed', startedOn: '2026-09-01', completedOn: '2026-11-20', source: 'gateway',
        }, 'R2: the under-way first step, with the source it was entered through');
        assert.equal(page.items[0]?.workloads.find((w) => w.workload === 'Windows')?.source, null, 'never dated: no source');
      });

      it('P3: the bounds are inclusive and only active ESDs count (R1: inactive does, NoIntent does not)', async () => {
        await createAll(store, gapCustomers());
        assert.deepEqual(await tenants('2027-01-02', '2027-01-10'), []);
        assert.deepEqual(await tenants('2027-01-11', '2027-01-11'), [GAP_TENANTS.charlie], 'Purview, inactive, on 01-11');
        assert.deepEqual(await tenants('2027-02-01', '2027-02-01'), [GAP_TENANTS.alpha], 'Intune, expected in February');
        assert.deepEqual(await tenants('2026-12-15', '2026-12-15'), [], 'Alpha\'s Purview left InProgress (R1)');
      });

      it('P3: paged by tenant id; a token it did not issue is a validation error', async () => {
        await createAll(store, gapCustomers());
        const pages = await readPages((continuationToken) =>
          store.listSeriesCustomers({ from: '2026-10-01', to: '2027-02-28', limit: 1, continuationToken }), 1);
        assert.deepEqual(pages.map((p) => p.map((c) => c.tenantId)),
          [[GAP_TENANTS.alpha], [GAP_TENANTS.bravo], [GAP_TENANTS.charlie]]);
        await rejectsAsInvalid(store.listSeriesCustomers({ from: '2026-10-01', to: '2027-02-28', continuationToken: 'nope' }));
      });

      it('P3: follows every write: a completion brings a customer in; its leaving InProgress (R1) takes it out', async () => {
        await createAll(store, [delta()]);
        assert.deepEqual(await tenants('2026-12-01', '2027-02-28'), []);
        await update(store, GAP_TENANTS.delta, (c) => confirmStart(c, 'ExchangeOnline', ctx(actors.fm, 0, '2026-12-07')));
        await update(store, GAP_TENANTS.delta, (c) => completeDeployment(c, 'ExchangeOnline', undefined, ctx(actors.fm, 0, '2026-12-20')));
        assert.deepEqual(await tenants('2026-12-01', '2027-02-28'), [GAP_TENANTS.delta]);
        await update(store, GAP_TENANTS.delta, (c) =>
          changeL1Status(c, 'ExchangeOnline', { l1Status: 'Blocked' }, ctx(actors.gateway, 0, '2026-12-21'), 'api'));
        assert.deepEqual(await tenants('2026-12-01', '2027-02-28'), []);
      });
    });

    describe('findCustomersByName', () => {
      const names = ['Contoso Ltd', 'contoso Pharma', 'Northwind CONTOSO', 'Fabrikam', '100% Natural', 'Société Générale'];
      let byName: Map<string, Customer>;
      const find = async (text: string, limit = 10) =>
        (await store.findCustomersByName(text, limit)).map((c) => c.name);

      beforeEach(async () => {
        const customers = names.map((name, i) => customerFixture({ n: i + 1, name }));
        byName = new Map(customers.map((c) => [c.name, c]));
        await createAll(store, customers);
      });

      it('matches a case-insensitive substring and returns whole customers', async () => {
        const found = await store.findCustomersByName('CONTOSO', 10);
        assert.deepEqual(found.map((c) => c.name).sort(), ['Contoso Ltd', 'Northwind CONTOSO', 'contoso Pharma']);
        for (const customer of found) assert.deepEqual(customer, byName.get(customer.name));
        assert.deepEqual(await find('wind con'), ['Northwind CONTOSO']);
        assert.deepEqual(await find('Tailspin'), []);
      });

      it('returns at most limit customers', async () => {
        const found = await find('contoso', 2);
        assert.equal(found.length, 2);
        assert.ok(found.every((name) => name.toLowerCase().includes('contoso')));
      });

      it('treats wildcard characters as plain text', async () => {
        assert.deepEqual(await find('%'), ['100% Natural']);
        assert.deepEqual(await find('_'), []);
      });

      it('folds case beyond ASCII', async () => {
        assert.deepEqual(await find('GÉNÉRALE'), ['Société Générale']);
      });
    });

    describe('people', () => {
      it('putPerson creates; getPerson round-trips it; a second create is a conflict and changes nothing', async () => {
        assert.equal(await store.getPerson(actors.fm.aadObjectId), undefined);
        const person = personFixture(actors.fm);
        const created = await store.putPerson(person);
        assert.deepEqual(created.value, person);
        assertEtag(created.etag);
        assert.deepEqual(await store.getPerson(person.aadObjectId), created);
        await rejectsWithStoreError(store.putPerson({ ...person, name: 'Someone Else' }), 'conflict');
        assert.deepEqual(await store.getPerson(person.aadObjectId), created);
      });

      it('replaces with the current etag; a stale etag is precondition_failed and changes nothing', async () => {
        const created = await store.putPerson(personFixture(actors.fm));
        const moved: Person = {
          ...created.value, timeZone: 'Asia/Shanghai', conversation: conversationRef(actors.fm),
          updatedAt: '2026-11-24T10:00:00.000Z',
        };
        const replaced = await store.putPerson(moved, created.etag);
        assert.deepEqual(replaced.value, moved);
        assert.notEqual(replaced.etag, created.etag);
        assert.deepEqual(await store.getPerson(actors.fm.aadObjectId), replaced);
        await rejectsWithStoreError(store.putPerson({ ...moved, reachable: false }, created.etag), 'precondition_failed');
        assert.deepEqual(await store.getPerson(actors.fm.aadObjectId), replaced);
      });

      it('listPeople filters by role', async () => {
        const partner = personFixture({ aadObjectId: 'aad-partner-1', name: 'Pat Partner', role: 'partner' },
          { partnerId: 'partner-contoso-services', timeZone: 'America/New_York' });
        const people = [personFixture(actors.fm), personFixture(actors.fm2), personFixture(actors.admin),
          personFixture(actors.gateway), partner];
        for (const person of people) await store.putPerson(person);
        const byId = (list: Person[]) => [...list].sort((a, b) => a.aadObjectId.localeCompare(b.aadObjectId));
        assert.deepEqual(byId(await store.listPeople('fm')), byId([personFixture(actors.fm), personFixture(actors.fm2)]));
        assert.deepEqual(await store.listPeople('partner'), [partner]);
        assert.deepEqual(byId(await store.listPeople()), byId(people));
      });
    });

    describe('sent cards', () => {
      const t1 = tenantId(1);

      it('claimSentCard: true the first time, false after (the stored record unchanged)', async () => {
        const record = sentCardFixture(t1, 'Teams', '2026-12-01');
        assert.equal(await store.claimSentCard(record), true);
        const claimed = await store.getSentCard(record.id);
        assert.ok(claimed);
        assert.deepEqual(claimed.value, record);
        assertEtag(claimed.etag);
        assert.equal(await store.claimSentCard({ ...record, recipientId: actors.fm2.aadObjectId, attempts: 3 }), false);
        assert.deepEqual(await store.getSentCard(record.id), claimed);
      });

      it('of five concurrent claims of one id exactly one succeeds', async () => {
        const claims = [0, 1, 2, 3, 4].map((i) => sentCardFixture(t1, 'Teams', '2026-12-01', 'start',
          { recipientId: `aad-fm-${i}` }));
        const results = await Promise.all(claims.map((c) => store.claimSentCard(c)));
        assert.equal(results.filter(Boolean).length, 1);
        const winner = claims[results.indexOf(true)];
        assert.deepEqual((await store.getSentCard(reminderId(t1, 'Teams', '2026-12-01', 'start')))?.value, winner);
      });

      it('updateSentCard with the current etag; a stale one is precondition_failed and changes nothing', async () => {
        const record = sentCardFixture(t1, 'Teams', '2026-12-01');
        await store.claimSentCard(record);
        const claimed = await store.getSentCard(record.id);
        assert.ok(claimed);
        const sent = {
          ...record, status: 'sent' as const, attempts: 1, activityId: '1:activity', conversationId: 'a:conv-1',
          updatedAt: '2026-12-01T08:00:00.000Z',
        };
        const updated = await store.updateSentCard(sent, claimed.etag);
        assert.deepEqual(updated.value, sent);
        assert.notEqual(updated.etag, claimed.etag);
        assert.deepEqual(await store.getSentCard(record.id), updated);
        const failed = { ...sent, status: 'failed' as const, lastError: 'late writer' };
        await rejectsWithStoreError(store.updateSentCard(failed, claimed.etag), 'precondition_failed');
        assert.deepEqual(await store.getSentCard(record.id), updated);
      });

      it('listSentCardsForWorkload returns the records of that workload only', async () => {
        assert.equal(await store.getSentCard('no-such-reminder'), undefined);
        const mine = [
          sentCardFixture(t1, 'Teams', '2026-12-01', 'start'),
          sentCardFixture(t1, 'Teams', '2026-12-02', 'followUp'),
        ];
        const others = [sentCardFixture(t1, 'Intune', '2026-12-01'), sentCardFixture(tenantId(2), 'Teams', '2026-12-01')];
        for (const record of [...mine, ...others]) assert.equal(await store.claimSentCard(record), true);
        const listed = await store.listSentCardsForWorkload(t1, 'Teams');
        assert.deepEqual([...listed].sort((a, b) => a.id.localeCompare(b.id)), mine);
        assert.deepEqual(await store.listSentCardsForWorkload(t1, 'OneDrive'), []);
      });

      it('a digest record (kind digest, no tenant, no workload) is kept and listed, and is no workload\'s card', async () => {
        const digest: SentCard = {
          ...sentCardFixture(t1, 'Teams', '2026-11-30'), id: 'digest.aad-fm-1.2026-11-30', tenantId: '', workload: '',
          kind: 'digest', status: 'failed', lastError: '403 Forbidden',
        };
        assert.equal(await store.claimSentCard(digest), true);
        assert.equal(await store.claimSentCard(digest), false);
        assert.deepEqual((await store.getSentCard(digest.id))?.value, digest);
        assert.deepEqual((await store.listSentCards({ statuses: ['failed'], from: '2026-11-30', to: '2026-11-30' })).items, [digest]);
        assert.deepEqual(await store.listSentCardsForWorkload(t1, 'Teams'), []);
      });

      describe('listSentCards (issue 9 item 5: GET /api/reminders)', () => {
        const byDueThenId = (a: SentCard, b: SentCard): number =>
          compareRows({ date: a.dueOn, tenantId: a.id, workload: '' }, { date: b.dueOn, tenantId: b.id, workload: '' });
        const cards = (): SentCard[] => [
          sentCardFixture(t1, 'Teams', '2026-12-01', 'start', { status: 'sent', attempts: 1 }),
          sentCardFixture(t1, 'Teams', '2026-12-02', 'followUp', { status: 'retrying', lastError: '429 Throttled' }),
          sentCardFixture(t1, 'Intune', '2026-12-02', 'start', { status: 'failed', lastError: '403 Forbidden' }),
          sentCardFixture(tenantId(2), 'Teams', '2026-12-03', 'start'),
          sentCardFixture(tenantId(2), 'Intune', '2026-11-30', 'start', { status: 'sent', attempts: 1 }),
          sentCardFixture(tenantId(3), 'Viva', '2026-12-02', 'start', { status: 'sent', attempts: 2 }),
        ];

        async function all(query: Omit<SentCardQuery, 'continuationToken'>): Promise<SentCard[]> {
          const listed: SentCard[] = [];
          let continuationToken: string | undefined;
          do {
            const page = await store.listSentCards({ ...query, continuationToken });
            assert.ok(page.items.length <= (query.limit ?? 100));
            listed.push(...page.items);
            continuationToken = page.continuationToken;
          } while (continuationToken !== undefined);
          return listed;
        }

        it('every card once, by dueOn then id, in pages of 2', async () => {
          const stored = cards();
          for (const card of stored) assert.equal(await store.claimSentCard(card), true);
          assert.deepEqual(await all({ limit: 2 }), [...stored].sort(byDueThenId));
          assert.deepEqual(await all({ limit: 100 }), [...stored].sort(byDueThenId));
        });

        it('filters by statuses and by dueOn in [from, to], inclusive', async () => {
          const stored = cards();
          for (const card of stored) await store.claimSentCard(card);
          const sorted = [...stored].sort(byDueThenId);
          assert.deepEqual(await all({ statuses: ['claimed', 'retrying'], limit: 1 }),
            sorted.filter((c) => c.status === 'claimed' || c.status === 'retrying'));
          assert.deepEqual(await all({ from: '2026-12-01', to: '2026-12-02', limit: 2 }),
            sorted.filter((c) => c.dueOn >= '2026-12-01' && c.dueOn <= '2026-12-02'));
          assert.deepEqual(await all({ statuses: ['sent'], from: '2026-12-02', limit: 1 }),
            sorted.filter((c) => c.status === 'sent' && c.dueOn >= '2026-12-02'));
          assert.deepEqual(await all({ statuses: ['failed'], to: '2026-12-01' }), []);
        });

        it('sees the status an update wrote', async () => {
          const record = sentCardFixture(t1, 'Teams', '2026-12-01');
          await store.claimSentCard(record);
          const claimed = await store.getSentCard(record.id);
          assert.ok(claimed);
          const failed = { ...record, status: 'failed' as const, attempts: 1, lastError: '404 NotFound' };
          await store.updateSentCard(failed, claimed.etag);
          assert.deepEqual(await all({ statuses: ['failed'] }), [failed]);
          assert.deepEqual(await all({ statuses: ['claimed', 'retrying'] }), []);
        });

        it('a continuationToken it did not issue is a validation error', async () => {
          await assert.rejects(store.listSentCards({ continuationToken: 'not-a-token' }),
            (error) => error instanceof DomainError && error.code === 'validation');
        });
      });
    });

    describe('leases', () => {
      const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
      const until = (seconds: number) => at(seconds).toISOString();

      it('one holder at a time; renewals extend; an expired lease can be taken; only the owner releases', async () => {
        assert.deepEqual(await store.acquireLease('sweep', 'A', 30_000, at(0)), { name: 'sweep', owner: 'A', expiresAt: until(30) });
        assert.equal(await store.acquireLease('sweep', 'B', 30_000, at(10)), null);
        assert.deepEqual(await store.acquireLease('sweep', 'A', 30_000, at(20)), { name: 'sweep', owner: 'A', expiresAt: until(50) });
        assert.equal(await store.acquireLease('sweep', 'B', 30_000, at(40)), null, 'the renewal holds past the first expiry');
        assert.deepEqual(await store.acquireLease('sweep', 'B', 30_000, at(51)), { name: 'sweep', owner: 'B', expiresAt: until(81) });
        assert.equal(await store.acquireLease('sweep', 'A', 30_000, at(52)), null);
        await store.releaseLease('sweep', 'A');
        assert.equal(await store.acquireLease('sweep', 'A', 30_000, at(53)), null, 'a non-owner cannot release');
        await store.releaseLease('sweep', 'B');
        assert.deepEqual(await store.acquireLease('sweep', 'A', 30_000, at(54)), { name: 'sweep', owner: 'A', expiresAt: until(84) });
      });

      it('leases of different names are independent', async () => {
        assert.equal((await store.acquireLease('sweep', 'A', 30_000, at(0)))?.owner, 'A');
        assert.equal((await store.acquireLease('digest', 'B', 30_000, at(0)))?.owner, 'B');
        await store.releaseLease('unknown-lease', 'A');
      });

      it('of five concurrent acquisitions exactly one gets the lease', async () => {
        const owners = ['A', 'B', 'C', 'D', 'E'];
        const leases = await Promise.all(owners.map((o) => store.acquireLease('sweep', o, 30_000, at(0))));
        const held = leases.filter((l) => l !== null);
        assert.equal(held.length, 1);
        for (const owner of owners.filter((o) => o !== held[0]?.owner)) {
          assert.equal(await store.acquireLease('sweep', owner, 30_000, at(1)), null);
        }
      });
    });
  });
}
