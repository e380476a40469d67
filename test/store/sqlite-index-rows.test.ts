/**
 * SQLite's index tables after a replace (issue 9 item 7: a replace rewrites only the index rows that change) hold
 * exactly what indexing the new version from scratch gives: `engagements` (R1), `in_flight` (P2), `queue` (P1) and
 * the load counts their triggers keep (P2), through changes that add, change, move and drop rows of each.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { addWorkload, assign, changeDate, changeL1Status, confirmStart, recordNoResponse } from '../../src/domain/engagement';
import type { Customer } from '../../src/domain/types';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { actors, ctx, customerFixture, fmAssignee, onDay, partnerAssignee } from '../common/fixtures';

const TABLES = ['engagements', 'in_flight', 'queue', 'load_counts', 'in_flight_counts'] as const;

/** Every row of the index tables, in a stable order. */
function indexTables(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(TABLES.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()]));
  } finally {
    db.close();
  }
}

describe('SQLite index rows after a replace (issue 9 item 7)', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-index-rows-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('R1/P1/P2: after each change, the index tables are those of the new version indexed from scratch', async () => {
    const fm = ctx(actors.fm, 1);
    const gateway = ctx(actors.gateway, 2);
    const changes: [string, (c: Customer) => Customer][] = [
      ['a new date for one workload', (c) => changeDate(c, 'Teams', { engagementStartDate: '2027-01-11', reason: 'Moved.' }, fm, 'card')],
      ['no answer yet', (c) => recordNoResponse(c, 'Teams', 'Voicemail.', fm)],
      ['a month estimate', (c) => changeDate(c, 'ExchangeOnline', { engagementStartMonth: '2027-03', reason: 'Later.' }, fm, 'card')],
      ['started (in flight)', (c) => confirmStart(c, 'Teams', fm, undefined, 'card')],
      ['another FM (the rows move)', (c) => assign(c, fmAssignee(actors.fm2), gateway)],
      ['a workload added', (c) => addWorkload(c, onDay('Intune', '2027-02-01'), gateway, 'api')],
      ['a workload leaves InProgress (its row goes)', (c) => changeL1Status(c, 'ExchangeOnline', { l1Status: 'Blocked' }, gateway, 'api')],
      ['a partner (no FM rows, no in flight)', (c) => assign(c, partnerAssignee(), gateway)],
    ];
    const file = path.join(dir, 'replaced.sqlite');
    const store = SqliteStore.open({ file });
    try {
      let current = await store.createCustomer(customerFixture({
        n: 1, assignee: null, workloads: [onDay('Teams', '2026-12-07'), onDay('ExchangeOnline', '2026-12-14')],
      }));
      for (const [i, [name, change]] of changes.entries()) {
        current = await store.replaceCustomer(change(current.value), current.etag);
        const fresh = SqliteStore.open({ file: path.join(dir, `fresh-${i}.sqlite`) });
        try {
          await fresh.createCustomer(current.value);
        } finally {
          await fresh.close();
        }
        assert.deepEqual(indexTables(file), indexTables(path.join(dir, `fresh-${i}.sqlite`)), `after ${name}`);
      }
    } finally {
      await store.close();
    }
  });
});
