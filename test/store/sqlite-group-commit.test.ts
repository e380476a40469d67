/**
 * Group commit on SQLite (issue 9 item 7), done by the writer thread for a store on a file: writes that arrive
 * together are committed in one transaction, each still checked on its own (a stale etag fails that write alone),
 * and each caller is answered only once the commit that holds its write is on disk. Durability is unchanged: what
 * was acknowledged is there after reopening.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { changeDate } from '../../src/domain/engagement';
import type { Customer, Versioned } from '../../src/domain/types';
import { GroupCommit } from '../../src/store/sqlite/group-commit';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { isStoreError } from '../../src/store/store';
import { actors, ctx, customerFixture, onDay } from '../common/fixtures';

/** An in-memory database whose executed statements (BEGIN, SAVEPOINT, COMMIT…) are recorded. */
function tracedDb(): { db: Database.Database; statements: string[] } {
  const statements: string[] = [];
  const db = new Database(':memory:', { verbose: (sql) => statements.push(String(sql)) });
  db.exec(`CREATE TABLE parent (k TEXT PRIMARY KEY) STRICT;
    CREATE TABLE child (k TEXT PRIMARY KEY, parent TEXT REFERENCES parent (k) DEFERRABLE INITIALLY DEFERRED) STRICT;`);
  db.pragma('foreign_keys = ON');
  statements.length = 0;
  return { db, statements };
}

const keysOf = (db: Database.Database, table: 'parent' | 'child'): string[] =>
  (db.prepare(`SELECT k FROM ${table} ORDER BY k`).all() as { k: string }[]).map((r) => r.k);

describe('SQLite group commit (issue 9 item 7)', () => {
  describe('GroupCommit', () => {
    it('writes queued together share one transaction; a failing one is rolled back alone, in its savepoint', async () => {
      const { db, statements } = tracedDb();
      const commits = new GroupCommit(db);
      const insert = db.prepare('INSERT INTO parent (k) VALUES (?)');
      const results = await Promise.allSettled(['a', 'b', 'c', 'a', 'd'].map((k) => commits.run(() => insert.run(k).changes)));
      assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      assert.deepEqual(statements.filter((s) => /^(BEGIN|COMMIT|ROLLBACK$)/.test(s)), ['BEGIN IMMEDIATE', 'COMMIT'],
        'five writes, one commit');
      assert.deepEqual(keysOf(db, 'parent'), ['a', 'b', 'c', 'd']);
      db.close();
    });

    it('a write queued after a batch was committed goes in the next one; each is answered with its own result', async () => {
      const { db, statements } = tracedDb();
      const commits = new GroupCommit(db);
      const insert = db.prepare('INSERT INTO parent (k) VALUES (?)');
      assert.equal(await commits.run(() => insert.run('a').changes), 1);
      assert.equal(await commits.run(() => insert.run('b').changes), 1);
      assert.equal(statements.filter((s) => s === 'COMMIT').length, 2);
      assert.deepEqual(keysOf(db, 'parent'), ['a', 'b']);
      db.close();
    });

    it('a COMMIT that fails fails every write of its batch, and none of them is stored', async () => {
      const { db } = tracedDb();
      const commits = new GroupCommit(db);
      const results = await Promise.allSettled([
        commits.run(() => db.prepare('INSERT INTO parent (k) VALUES (?)').run('a')),
        // A deferred foreign key is checked at COMMIT: this write makes the whole COMMIT fail.
        commits.run(() => db.prepare('INSERT INTO child (k, parent) VALUES (?, ?)').run('x', 'nobody')),
        commits.run(() => db.prepare('INSERT INTO parent (k) VALUES (?)').run('b')),
      ]);
      assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected', 'rejected']);
      assert.deepEqual(keysOf(db, 'parent'), []);
      assert.deepEqual(keysOf(db, 'child'), []);
      assert.equal(db.inTransaction, false);
      // The next write is not stuck behind the failed batch.
      await commits.run(() => db.prepare('INSERT INTO parent (k) VALUES (?)').run('c'));
      assert.deepEqual(keysOf(db, 'parent'), ['c']);
      db.close();
    });

    it('when SQLite rolls back the whole transaction (as on a full disk), every write of the batch fails, none is stored', async () => {
      const { db } = tracedDb();
      const commits = new GroupCommit(db);
      const insert = db.prepare('INSERT INTO parent (k) VALUES (?)');
      const results = await Promise.allSettled([
        commits.run(() => insert.run('a')),
        commits.run(() => {
          db.exec('ROLLBACK');
          throw new Error('disk I/O error');
        }),
        commits.run(() => insert.run('b')),
      ]);
      assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected', 'rejected']);
      assert.deepEqual(keysOf(db, 'parent'), []);
      db.close();
    });
  });

  describe('SqliteStore', () => {
    let dir: string;
    let file: string;

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-group-commit-'));
      file = path.join(dir, 'esd.sqlite');
    });

    afterEach(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const CUSTOMERS = 20;

    async function seed(store: SqliteStore): Promise<Versioned<Customer>[]> {
      return Promise.all(Array.from({ length: CUSTOMERS }, (_, i) => store.createCustomer(
        customerFixture({ n: i + 1, name: `Grouped ${i + 1}`, workloads: [onDay('Teams', '2026-12-01')] }),
      )));
    }

    function rescheduled(current: Versioned<Customer>, date: string, step: number): Customer {
      return changeDate(current.value, 'Teams', { engagementStartDate: date, reason: `grouped ${step}` }, ctx(actors.fm, step), 'card');
    }

    it('R6: N concurrent writes are all acknowledged once committed (another connection sees each at its answer), and all are there after reopening', async () => {
      const store = SqliteStore.open({ file });
      const created = await seed(store);
      const reader = new Database(file, { readonly: true });
      const committedAtAnswer: boolean[] = [];
      const read = reader.prepare('SELECT version FROM customers WHERE tenant_id = ?');
      await Promise.all(created.map(async (current, i) => {
        const saved = await store.replaceCustomer(rescheduled(current, '2027-01-05', i + 1), current.etag);
        const row = read.get(current.value.tenantId) as { version: number } | undefined;
        committedAtAnswer.push(String(row?.version) === saved.etag);
      }));
      reader.close();
      assert.deepEqual(committedAtAnswer, created.map(() => true), 'each write was committed when it was answered');
      await store.close();

      const reopened = SqliteStore.open({ file });
      try {
        for (const current of created) {
          const stored = await reopened.getCustomer(current.value.tenantId);
          assert.equal(stored?.value.workloads[0]?.engagementStartDate, '2027-01-05');
          assert.equal(stored?.value.statusNotes.at(-1)?.kind, 'dateChanged');
        }
      } finally {
        await reopened.close();
      }
    });

    it('in one batch, a write with a stale etag gets precondition_failed and one to a missing customer not_found; the others are stored', async () => {
      const store = SqliteStore.open({ file });
      try {
        const created = await seed(store);
        const [first, ...others] = created as [Versioned<Customer>, ...Versioned<Customer>[]];
        const missing = customerFixture({ n: 999, name: 'Never stored', workloads: [onDay('Teams', '2026-12-01')] });
        const results = await Promise.allSettled([
          // Two writes from the same read of one customer: the first in the batch wins, the second is stale.
          store.replaceCustomer(rescheduled(first, '2027-02-01', 1), first.etag),
          store.replaceCustomer(rescheduled(first, '2027-03-01', 2), first.etag),
          store.replaceCustomer(missing, '1'),
          ...others.map((current, i) => store.replaceCustomer(rescheduled(current, '2027-04-01', i + 3), current.etag)),
        ]);
        const codes = results.map((r) => (r.status === 'fulfilled' ? 'ok' : isStoreError(r.reason) ? r.reason.code : String(r.reason)));
        assert.deepEqual(codes, ['ok', 'precondition_failed', 'not_found', ...others.map(() => 'ok')]);
        assert.equal((await store.getCustomer(first.value.tenantId))?.value.workloads[0]?.engagementStartDate, '2027-02-01');
        assert.equal(await store.getCustomer(missing.tenantId), undefined);
        for (const current of others) {
          assert.equal((await store.getCustomer(current.value.tenantId))?.value.workloads[0]?.engagementStartDate, '2027-04-01');
        }
      } finally {
        await store.close();
      }
    });

    it('two stores open on two files in one process (one writer thread): each one\'s writes land in its own file', async () => {
      const otherFile = path.join(dir, 'other.sqlite');
      const [one, two] = [SqliteStore.open({ file }), SqliteStore.open({ file: otherFile })];
      const customer = (n: number): Customer =>
        customerFixture({ n, name: `File ${n}`, workloads: [onDay('Teams', '2026-12-01')] });
      await Promise.all([
        one.createCustomer(customer(1)), two.createCustomer(customer(2)), one.createCustomer(customer(3)),
      ]);
      await Promise.all([one.close(), two.close()]);
      const [reopenedOne, reopenedTwo] = [SqliteStore.open({ file }), SqliteStore.open({ file: otherFile })];
      try {
        assert.deepEqual((await reopenedOne.findCustomersByName('file', 10)).map((c) => c.name), ['File 1', 'File 3']);
        assert.deepEqual((await reopenedTwo.findCustomersByName('file', 10)).map((c) => c.name), ['File 2']);
      } finally {
        await Promise.all([reopenedOne.close(), reopenedTwo.close()]);
      }
    });

    it('closing twice at once closes once; a write after the close fails and stores nothing', async () => {
      const store = SqliteStore.open({ file });
      const [current] = await seed(store) as [Versioned<Customer>];
      await Promise.all([store.close(), store.close()]);
      await assert.rejects(store.replaceCustomer(rescheduled(current, '2027-06-01', 1), current.etag));
      const reopened = SqliteStore.open({ file });
      try {
        assert.equal((await reopened.getCustomer(current.value.tenantId))?.etag, current.etag);
      } finally {
        await reopened.close();
      }
    });

    it('writes still queued when the store closes are committed, not dropped', async () => {
      const store = SqliteStore.open({ file });
      const created = await seed(store);
      const writes = created.map((current, i) => store.replaceCustomer(rescheduled(current, '2027-05-03', i + 1), current.etag));
      await store.close();
      await Promise.all(writes);
      const reopened = SqliteStore.open({ file });
      try {
        for (const current of created) {
          assert.equal((await reopened.getCustomer(current.value.tenantId))?.value.workloads[0]?.engagementStartDate, '2027-05-03');
        }
      } finally {
        await reopened.close();
      }
    });
  });
});
