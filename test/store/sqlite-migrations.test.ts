/** A data file written by an earlier build is brought up to date when the store opens it, its rows kept. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/store/sqlite/schema';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { sentCardFixture, tenantId } from '../common/fixtures';

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
    assert.deepEqual(names.map((n) => n.name).sort(), ['sent_cards', 'sent_cards_by_workload']);
    assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length);
    db.close();
  });
});
