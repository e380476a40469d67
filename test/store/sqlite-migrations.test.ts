/** A data file written by an earlier build is brought up to date when the store opens it, its rows kept. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/store/sqlite/schema';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { engagementRows } from '../../src/store/engagement-rows';
import type { Customer } from '../../src/domain/types';
import { confirmStart } from '../../src/domain/engagement';
import {
  actors, ctx, customerFixture, fmAssignee, inMonth, onDay, partnerAssignee, sentCardFixture, tenantId, withoutEsd,
} from '../common/fixtures';

/**
 * A data file as the build of schema version `version` left it: its migrations applied, the customers stored with
 * their `engagements` rows (what that build wrote with each customer).
 */
function writeOldFile(file: string, version: number, customers: Customer[]): void {
  const old = new Database(file);
  MIGRATIONS.slice(0, version).forEach((sql) => old.exec(sql));
  for (const customer of customers) {
    old.prepare('INSERT INTO customers (tenant_id, name_key, version, doc) VALUES (?, ?, 1, ?)')
      .run(customer.tenantId, customer.name.toLowerCase(), JSON.stringify(customer));
    for (const row of engagementRows(customer)) {
      old.prepare(`INSERT INTO engagements (tenant_id, workload, esd, state, assignee_id, remind_on, row)
        VALUES (?, ?, ?, ?, ?, ?, ?)`).run(row.tenantId, row.workload, row.engagementStartDate, row.state,
        row.assignee?.type === 'fm' ? row.assignee.aadObjectId : null, row.remindOn, JSON.stringify(row));
    }
  }
  old.pragma(`user_version = ${version}`);
  old.close();
}

describe('SqliteStore migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'esd-sqlite-migrations-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a file of schema version 1 keeps its card records, now in sent_cards; opening it again changes nothing', async () => {
    const file = join(dir, 'esd.sqlite');
    const record = sentCardFixture(tenantId(1), 'Teams', '2026-12-01');
    const old = new Database(file);
    old.exec(MIGRATIONS[0] ?? '');
    old.prepare('INSERT INTO reminders (id, tenant_id, workload, version, doc) VALUES (?, ?, ?, 1, ?)')
      .run(record.id, record.tenantId, record.workload, JSON.stringify(record));
    old.pragma('user_version = 1');
    old.close();

    for (let opening = 1; opening <= 2; opening++) {
      const store = SqliteStore.open({ file });
      assert.deepEqual(await store.getSentCard(record.id), { value: record, etag: '1' }, `opening ${opening}`);
      assert.deepEqual(await store.listSentCardsForWorkload(record.tenantId, 'Teams'), [record]);
      await store.close();
    }

    const db = new Database(file, { readonly: true });
    const names = db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'sent_cards%' OR name LIKE 'reminders%'")
      .all() as Array<{ name: string }>;
    assert.deepEqual(names.map((n) => n.name).sort(),
      ['sent_cards', 'sent_cards_by_due_on', 'sent_cards_by_status', 'sent_cards_by_workload']);
    assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length);
    db.close();
  });

  it('issue 9 item 5: a file from before GET /api/reminders gets due_on and status filled from its sent cards; they list by status and day', async () => {
    const file = join(dir, 'esd.sqlite');
    const listing = MIGRATIONS.findIndex((sql) => sql.includes('sent_cards_by_due_on'));
    assert.ok(listing > 0);
    const cards = [
      sentCardFixture(tenantId(1), 'Teams', '2026-12-02', 'start', { status: 'failed', lastError: '403 Forbidden' }),
      sentCardFixture(tenantId(2), 'Teams', '2026-12-01', 'start', { status: 'sent' }),
    ];
    const old = new Database(file);
    for (const sql of MIGRATIONS.slice(0, listing)) old.exec(sql);
    for (const card of cards) {
      old.prepare('INSERT INTO sent_cards (id, tenant_id, workload, version, doc) VALUES (?, ?, ?, 1, ?)')
        .run(card.id, card.tenantId, card.workload, JSON.stringify(card));
    }
    old.pragma(`user_version = ${listing}`);
    old.close();

    for (let opening = 1; opening <= 2; opening++) {
      const store = SqliteStore.open({ file });
      assert.deepEqual(await store.listSentCards({}), { items: [cards[1], cards[0]] }, `opening ${opening}`);
      assert.deepEqual(await store.listSentCards({ statuses: ['failed'], from: '2026-12-02' }), { items: [cards[0]] });
      await store.close();
    }
  });

  it('P1: a file from before the Gateway queue gets it filled from its stored customers (unassigned only, by first ESD); opening it again changes nothing', async () => {
    const file = join(dir, 'esd.sqlite');
    const queueMigration = MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE queue'));
    assert.ok(queueMigration > 0);
    const customers: Customer[] = [
      customerFixture({ n: 3, assignee: null, workloads: [onDay('Teams', '2026-12-10'), inMonth('Intune', '2026-12')] }),
      customerFixture({ n: 1, assignee: null, workloads: [withoutEsd('Teams', 'Blocked')] }),
      customerFixture({ n: 2, assignee: null, workloads: [onDay('Teams', '2026-12-15')] }),
      customerFixture({ n: 4, assignee: fmAssignee(), workloads: [onDay('Teams', '2026-11-30')] }),
      customerFixture({ n: 5, assignee: partnerAssignee(), workloads: [onDay('Teams', '2026-11-30')] }),
    ];
    writeOldFile(file, queueMigration, customers);

    for (let opening = 1; opening <= 2; opening++) {
      const store = SqliteStore.open({ file });
      const { items } = await store.listUnassignedCustomers({});
      assert.deepEqual(items.map((e) => [e.tenantId, e.firstEsd, e.etag]), [
        [tenantId(3), '2026-12-01', '1'], [tenantId(2), '2026-12-15', '1'], [tenantId(1), null, '1'],
      ], `opening ${opening}`);
      await store.close();
    }
  });

  it('P2/R9: a file from before the in-flight index gets it filled from its stored customers (FM-assigned, started only)', async () => {
    const file = join(dir, 'esd.sqlite');
    const inFlightMigration = MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE in_flight'));
    assert.ok(inFlightMigration > 0);
    const started = (customer: Customer): Customer => confirmStart(customer, 'Teams', ctx(actors.fm, 1));
    const customers = [
      started(customerFixture({ n: 1, workloads: [onDay('Teams', '2026-11-24'), onDay('Intune', '2026-12-01')] })),
      started(customerFixture({ n: 2, assignee: partnerAssignee(), workloads: [onDay('Teams', '2026-11-24')] })),
      started(customerFixture({ n: 3, assignee: null, workloads: [onDay('Teams', '2026-11-24')] })),
    ];
    const old = new Database(file);
    MIGRATIONS.slice(0, inFlightMigration).forEach((sql) => old.exec(sql));
    for (const c of customers) {
      old.prepare('INSERT INTO customers (tenant_id, name_key, version, doc) VALUES (?, ?, 1, ?)')
        .run(c.tenantId, c.name.toLowerCase(), JSON.stringify(c));
    }
    old.pragma(`user_version = ${inFlightMigration}`);
    old.close();

    for (let opening = 1; opening <= 2; opening++) {
      const store = SqliteStore.open({ file });
      assert.deepEqual([...await store.countInFlightByAssignee()], [[actors.fm.aadObjectId, 1]], `opening ${opening}`);
      await store.close();
    }
  });

  it('P2/R7: a file from before the load counts gets them filled from its engagement rows (FM-assigned only), then kept by every write', async () => {
    const file = join(dir, 'esd.sqlite');
    const loadMigration = MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE load_counts'));
    assert.ok(loadMigration > 0);
    const customers: Customer[] = [
      customerFixture({ n: 1, workloads: [onDay('Teams', '2026-12-03'), inMonth('Intune', '2026-12'), onDay('Viva', '2026-12-07')] }),
      customerFixture({ n: 2, assignee: partnerAssignee(), workloads: [onDay('Teams', '2026-12-01')] }),
      customerFixture({ n: 3, assignee: null, workloads: [onDay('Teams', '2026-12-01')] }),
    ];
    writeOldFile(file, loadMigration, customers);

    const fm = actors.fm.aadObjectId;
    const query = { from: '2026-11-30', weeks: 2, states: ['scheduled'] } as const;
    for (let opening = 1; opening <= 2; opening++) {
      const store = SqliteStore.open({ file });
      assert.deepEqual(await store.countStartsByAssigneeAndWeek(query), [
        { aadObjectId: fm, week: '2026-11-30', starting: 2, estimated: 1 },
        { aadObjectId: fm, week: '2026-12-07', starting: 1, estimated: 0 },
      ], `opening ${opening}`);
      await store.close();
    }
    const store = SqliteStore.open({ file });
    const first = await store.getCustomer(tenantId(1));
    assert.ok(first);
    await store.replaceCustomer({ ...first.value, assignee: fmAssignee(actors.fm2) }, first.etag);
    const moved = await store.countStartsByAssigneeAndWeek(query);
    assert.deepEqual(moved.map((s) => [s.aadObjectId, s.week, s.starting]), [
      [actors.fm2.aadObjectId, '2026-11-30', 2], [actors.fm2.aadObjectId, '2026-12-07', 1],
    ]);
    await store.close();
  });
});
