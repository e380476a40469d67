/**
 * The CSV import (bulk Gateway entry, R4) on a real SQLite file: the exact report of a file mixing good rows with
 * every kind of bad one, and the store agreeing with it (exactly the good customers, complete; nothing of the bad
 * ones; the existing one untouched). A re-run creates nothing; a dry run writes nothing and says the same.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Actor, Customer, Versioned } from '../../src/domain/types';
import { CsvFileError, CsvImportService, type ImportProgress, type ImportReport } from '../../src/services/csv-import';
import { parseCsvLine } from '../../src/services/csv/parse-line';
import { formatExisting, formatIssue, formatSummary } from '../../src/services/csv/report';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { actors, customerFixture, personFixture, tenantId } from '../common/fixtures';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const fixture = (name: string): string => path.join(FIXTURES, name);
const clock = { now: () => new Date('2026-11-24T09:00:00Z') };
const importer: Actor = { aadObjectId: 'import:tester', name: 'CSV import', role: 'gateway' };
const AT = '2026-11-24T09:00:00.000Z';

/** The tenants of import-mixed.csv, by what the file does with them. */
const T = (hex: string): string => `00000000-0000-4000-8000-0000000000${hex}`;
const CREATED = [T('ab'), T('15'), T('20')];
const EXISTING = tenantId(1);
const REFUSED = ['11', '12', '13', '14', '16', '18', '19', '21', '22', '23', '24', '25', '26', '27'].map(T);

/** The report of import-mixed.csv, as printed. */
const MIXED_ERRORS = [
  'row 3 (line 4), engagementStartDate: engagementStartDate must be a real date as YYYY-MM-DD.',
  'row 4 (line 5): not imported: row 3 of the same customer is invalid.',
  'row 5 (line 6), engagementStartDate: The date 2026-11-20 is in the past (today is 2026-11-24). If the engagement is '
    + 'already under way, give the day it started (startedOn) instead.',
  'row 6 (line 7), workload: workload must be one of ExchangeOnline, SharePointOnline, OneDrive, Teams, Intune, '
    + 'Windows, Microsoft365Apps, Defender, Purview, Viva, Copilot.',
  'row 7 (line 8), engagementStartDate: An Engagement Start Date applies only to InProgress workloads, not Blocked: '
    + 'remove the date, or set the L1 status to InProgress.',
  'row 9 (line 10), engagementStartMonth: The date 2026-10-01 is in the past (today is 2026-11-24). If the engagement '
    + 'is already under way, give the day it started (startedOn) instead.',
  'row 11 (line 12): not imported: row 14 of the same customer is invalid.',
  'row 12 (line 13), customerName: unterminated quote: a quoted field must end with " on the same line.',
  'row 14 (line 15), customerName: "Alpine Ski House Ltd" differs from "Alpine Ski House" on row 11 of the same '
    + 'tenant: the rows of one customer must agree.',
  'row 16 (line 18): expected 9 fields, found 4.',
  'row 17 (line 19), assigneeId: aad-nobody is not an FM in the directory.',
  'row 18 (line 20), engagementStartDate: Give either engagementStartDate or engagementStartMonth, not both.',
  'row 19 (line 21), engagementStartDate: An InProgress workload needs an Engagement Start Date (engagementStartDate) '
    + 'or month (engagementStartMonth) or, when it is already under way, the day it started (startedOn).',
  'row 20 (line 22), tenantId: tenantId must be a tenant GUID.',
  'row 22 (line 24): not imported: row 23 of the same customer is invalid.',
  'row 23 (line 25): expected 9 fields, found 10.',
  'row 24 (line 26), customerName: a quote inside an unquoted value: quote the whole field and double the inner quote ("").',
  'row 25 (line 27): not imported: row 26 of the same customer is invalid.',
  'row 26 (line 28), workload: Teams is listed twice.',
];
const MIXED_SUMMARY = {
  rowsRead: 26, customersCreated: 3, customersExisting: 1, customersInvalid: 15, rowsWithErrors: 15, rowsSkipped: 4,
};

function printed(report: ImportReport): { errors: string[]; existing: string[]; summary: string[] } {
  return {
    errors: report.errors.map(formatIssue), existing: report.existing.map(formatExisting),
    summary: formatSummary(report),
  };
}

/** Every stored customer with its etag, by tenant. */
async function snapshot(store: SqliteStore): Promise<Map<string, Versioned<Customer>>> {
  const all = new Map<string, Versioned<Customer>>();
  for (const customer of await store.findCustomersByName('', 1000)) {
    all.set(customer.tenantId, (await store.getCustomer(customer.tenantId)) as Versioned<Customer>);
  }
  return all;
}

function history(to: string | null, precision: 'day' | 'month' | null): Customer['workloads'][number]['history'] {
  return to === null ? [] : [{ at: AT, by: importer, from: null, to, precision, reason: null, source: 'import' }];
}

describe('CSV import (bulk Gateway entry, R4)', () => {
  let dir: string;
  let store: SqliteStore;
  let service: CsvImportService;
  let existingBefore: Versioned<Customer>;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-import-'));
    store = SqliteStore.open({ file: path.join(dir, 'esd.sqlite') });
    await store.putPerson(personFixture(actors.fm));
    existingBefore = await store.createCustomer(customerFixture());
    service = new CsvImportService(store, clock);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports every bad row by row, line and column, and writes exactly the good customers, complete', async () => {
    const report = await service.importFile(fixture('import-mixed.csv'), importer);

    assert.deepEqual(printed(report), {
      errors: MIXED_ERRORS,
      existing: ['row 10 (line 11): customer 00000000-0000-4000-8000-000000000001 exists already (1 row): not overwritten.'],
      summary: [
        'Summary',
        '  rows read:                       26',
        '  customers created:               3',
        '  customers existing (skipped):    1',
        '  customers invalid:               15',
        '  rows with errors:                15',
        '  rows skipped (customer invalid): 4',
      ],
    });
    assert.deepEqual(report.summary, MIXED_SUMMARY);
    assert.equal(report.dryRun, false);
    assert.deepEqual(report.errors.slice(0, 2), [
      { row: 3, line: 4, field: 'engagementStartDate', message: 'engagementStartDate must be a real date as YYYY-MM-DD.', kind: 'error' },
      { row: 4, line: 5, field: null, message: 'not imported: row 3 of the same customer is invalid.', kind: 'skipped' },
    ]);

    const stored = await snapshot(store);
    assert.deepEqual([...stored.keys()].sort(), [...CREATED, EXISTING].sort(), 'exactly the good customers and the existing one');
    for (const tenant of REFUSED) assert.equal(await store.getCustomer(tenant), undefined, `${tenant} was written`);
    assert.deepEqual(stored.get(EXISTING), existingBefore, 'the existing customer is unchanged (R2), same etag');

    // Contoso's four rows (one upper-case tenant id, not adjacent) are one customer, every workload in file order.
    assert.deepEqual(stored.get(T('ab'))?.value, {
      tenantId: T('ab'),
      name: 'Contoso Ltd',
      assignee: { type: 'fm', aadObjectId: 'aad-fm-1', name: actors.fm.name },
      workloads: [
        { workload: 'ExchangeOnline', l1Status: 'InProgress', engagementStartDate: '2026-12-01', datePrecision: 'day',
          state: 'scheduled', startedOn: null, completedOn: null, followUpOn: null, revision: 1, history: history('2026-12-01', 'day') },
        { workload: 'Intune', l1Status: 'InProgress', engagementStartDate: '2027-02-01', datePrecision: 'month',
          state: 'scheduled', startedOn: null, completedOn: null, followUpOn: null, revision: 1, history: history('2027-02-01', 'month') },
        { workload: 'SharePointOnline', l1Status: 'Blocked', engagementStartDate: null, datePrecision: null,
          state: 'notApplicable', startedOn: null, completedOn: null, followUpOn: null, revision: 1, history: [] },
        { workload: 'Teams', l1Status: 'InProgress', engagementStartDate: '2026-12-07', datePrecision: 'day',
          state: 'scheduled', startedOn: null, completedOn: null, followUpOn: null, revision: 1, history: history('2026-12-07', 'day') },
      ],
      statusNotes: [],
      createdAt: AT,
      updatedAt: AT,
    });
    // R7: the current month is still allowed and stored as its 1st; a partner carries the Gateway's date (R9).
    const litware = stored.get(T('15'))?.value;
    assert.deepEqual(litware?.assignee, { type: 'partner', partnerId: 'partner-7', name: 'Contoso Services' });
    assert.deepEqual(litware?.workloads.map((w) => [w.workload, w.engagementStartDate, w.datePrecision]), [['Teams', '2026-11-01', 'month']]);
    // The row after the broken quote was read and imported.
    assert.equal(stored.get(T('20'))?.value.name, 'After The Break');
    assert.equal(stored.get(T('20'))?.value.assignee, null, 'blank assignee columns: unassigned');
  });

  it('creates nothing on a re-run: the imported customers are reported as existing, unchanged', async () => {
    await service.importFile(fixture('import-mixed.csv'), importer);
    const before = await snapshot(store);

    const again = await service.importFile(fixture('import-mixed.csv'), importer);

    assert.deepEqual(again.summary, { ...MIXED_SUMMARY, customersCreated: 0, customersExisting: 4 });
    assert.deepEqual(printed(again).errors, MIXED_ERRORS);
    assert.deepEqual(again.existing.map((e) => [e.row, e.line, e.tenantId, e.rows]), [
      [1, 2, T('ab'), 4], [8, 9, T('15'), 1], [10, 11, EXISTING, 1], [13, 14, T('20'), 1],
    ]);
    assert.deepEqual(await snapshot(store), before, 'no customer was written again');
  });

  it('dry run: writes nothing and reports what the import then does, word for word', async () => {
    const dry = await service.importFile(fixture('import-mixed.csv'), importer, { dryRun: true });

    assert.deepEqual([...(await snapshot(store)).values()], [existingBefore], 'the store is untouched');
    assert.equal(dry.dryRun, true);
    assert.deepEqual(printed(dry).summary.slice(0, 3), [
      'Summary (dry run: nothing was written)',
      '  rows read:                       26',
      '  customers that would be created: 3',
    ]);
    const real = await service.importFile(fixture('import-mixed.csv'), importer);
    assert.deepEqual({ ...dry, dryRun: false }, real);
  });

  it('gives the same report and store in batches of any size (rows of a tenant need not be adjacent)', async () => {
    const reports: ImportReport[] = [];
    const stores: Customer[][] = [];
    for (const batchSize of [1, 2, 500]) {
      const file = SqliteStore.open({ file: path.join(dir, `batch-${batchSize}.sqlite`) });
      await file.putPerson(personFixture(actors.fm));
      await file.createCustomer(customerFixture());
      reports.push(await new CsvImportService(file, clock).importFile(fixture('import-mixed.csv'), importer, { batchSize }));
      stores.push(await file.findCustomersByName('', 1000));
      await file.close();
    }
    assert.deepEqual(reports[0], reports[2]);
    assert.deepEqual(reports[1], reports[2]);
    assert.deepEqual(stores[0], stores[2]);
    assert.deepEqual(stores[1], stores[2]);
  });

  it('tells its progress after each batch, up to every row', async () => {
    const seen: ImportProgress[] = [];
    await service.importFile(fixture('import-mixed.csv'), importer, { batchSize: 4, onProgress: (p) => seen.push(p) });
    assert.deepEqual(seen[0], { rowsDone: 0, rowsTotal: 26 }, 'told as soon as the file is checked');
    assert.ok(seen.length > 2);
    assert.ok(seen.slice(1).every((p, i) => p.rowsTotal === 26 && p.rowsDone > (seen[i]?.rowsDone ?? 0)));
    assert.deepEqual(seen.at(-1), { rowsDone: 26, rowsTotal: 26 });
  });

  it('reads CRLF, LF and lone-CR line ends and quoted commas and quotes alike', async () => {
    const report = await service.importFile(fixture('import-line-endings.csv'), importer);
    assert.deepEqual(report.errors, []);
    assert.equal(report.summary.customersCreated, 2);
    const crlf = await store.getCustomer(T('34'));
    assert.equal(crlf?.value.name, 'Line, Endings "CRLF"');
    assert.deepEqual(crlf?.value.workloads.map((w) => w.workload), ['Teams', 'Intune']);
    assert.equal((await store.getCustomer(T('35')))?.value.name, 'Lone CR');
  });

  it('R2: an optional startedOn column enters workloads already under way as started, with no date; bad start days are reported per row', async () => {
    const report = await service.importFile(fixture('import-under-way.csv'), importer);
    assert.deepEqual(printed(report).errors, [
      'row 4 (line 5), startedOn: The start day 2026-11-25 is in the future (today is 2026-11-24): for a start still '
        + 'to come, give the Engagement Start Date (engagementStartDate) instead.',
      'row 5 (line 6), startedOn: Give either the day it started (startedOn), for an engagement already under way, or '
        + 'an Engagement Start Date or month, for one still to come, not both.',
      'row 6 (line 7), startedOn: Only an InProgress workload can be already under way; a Blocked workload carries no '
        + 'dates: remove startedOn, or set the L1 status to InProgress.',
      'row 7 (line 8), startedOn: The start day 2019-09-30 is before 2019-10-01, when Engagement Start Dates began: '
        + 'check the year.',
      'row 8 (line 9), startedOn: startedOn must be a real date as YYYY-MM-DD.',
      'row 9 (line 10), engagementStartDate: An InProgress workload needs an Engagement Start Date '
        + '(engagementStartDate) or month (engagementStartMonth) or, when it is already under way, the day it started '
        + '(startedOn).',
    ]);
    assert.deepEqual([report.summary.customersCreated, report.summary.customersInvalid], [2, 6]);
    const adatum = (await store.getCustomer(T('40')))?.value;
    const rows = adatum?.workloads.map((w) => [w.workload, w.state, w.engagementStartDate, w.startedOn, w.history]);
    assert.deepEqual(rows, [
      ['Teams', 'started', null, '2026-09-14', [{ at: AT, by: importer, from: null, to: null, precision: null,
        reason: 'Entered as already under way (started on 2026-09-14).', source: 'import' }]],
      ['ExchangeOnline', 'scheduled', '2026-12-01', null, history('2026-12-01', 'day')],
      ['Intune', 'started', null, '2026-11-24', [{ at: AT, by: importer, from: null, to: null, precision: null,
        reason: 'Entered as already under way (started on 2026-11-24).', source: 'import' }]],
    ]);
    assert.deepEqual(adatum?.statusNotes.map((n) => [n.workload, n.kind]), [['Teams', 'started'], ['Intune', 'started']]);
    assert.equal((await store.getCustomer(T('47')))?.value.workloads[0]?.state, 'started');
    for (const n of ['41', '42', '43', '44', '45', '46']) assert.equal(await store.getCustomer(T(n)), undefined, `${n} was written`);
    // P2: the import's under-way workloads are the FM's load in flight (the unassigned one is nobody's).
    assert.deepEqual([...await store.countInFlightByAssignee()], [[actors.fm.aadObjectId, 2]]);
  });

  describe('a file that cannot be imported writes nothing', () => {
    async function refused(file: string): Promise<string> {
      const before = await snapshot(store);
      const error = await service.importFile(file, importer).then(() => null, (e: unknown) => e);
      assert.ok(error instanceof CsvFileError, `expected a CsvFileError, got ${String(error)}`);
      assert.deepEqual(await snapshot(store), before, 'something was written');
      return error.message;
    }

    it('unknown and missing columns: one clear error', async () => {
      assert.equal(await refused(fixture('import-bad-header.csv')),
        'line 1 (header): unknown column "Customer"; unknown column "colour"; missing columns customerName, '
        + 'engagementStartMonth; assigneeType and assigneeId come together. The columns are tenantId, customerName, '
        + 'workload, l1Status, engagementStartDate, engagementStartMonth, startedOn, assigneeType, assigneeId, '
        + 'assigneeName.');
    });

    it('not UTF-8, even on the last line after good rows (the whole file is read before any write)', async () => {
      assert.equal(await refused(fixture('import-latin1.csv')),
        'line 4 is not valid UTF-8: save the file as UTF-8 (Excel: "CSV UTF-8").');
      assert.equal(await store.getCustomer(T('31')), undefined);
    });

    it('an empty file, a missing file', async () => {
      const empty = path.join(dir, 'empty.csv');
      fs.writeFileSync(empty, '\n\n');
      assert.equal(await refused(empty), 'the file is empty: it needs a header row.');
      assert.equal(await refused(path.join(dir, 'nope.csv')), 'cannot read the file: ENOENT.');
    });
  });

  describe('one line, RFC 4180 minus line breaks in quotes', () => {
    it('splits quoted commas and doubled quotes, trims spaces around fields', () => {
      assert.deepEqual(parseCsvLine('a, "b, ""c""" ,,d'), { ok: true, fields: ['a', 'b, "c"', '', 'd'] });
      assert.deepEqual(parseCsvLine(''), { ok: true, fields: [''] });
      assert.deepEqual(parseCsvLine('a,'), { ok: true, fields: ['a', ''] });
    });

    it('names the broken field and keeps the fields before it', () => {
      assert.deepEqual(parseCsvLine('t,"open,x'), {
        ok: false, fields: ['t'], at: 1, error: 'unterminated quote: a quoted field must end with " on the same line.',
      });
      assert.equal(parseCsvLine('t,"a"b,c').ok, false);
      assert.equal(parseCsvLine('t,a"b,c').ok, false);
    });
  });
});
