/**
 * Issue 9: reminders are never lost and never sent twice when sweeps overlap or die. Two sweepers on one store (as
 * two instances would run them) over 1,000 due workloads, on SQLite and on the Cosmos test server; and a sweep
 * process killed with SIGKILL between claim and send, whose reminder a later sweep sends after the claim expires.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reminderId, roundRobin, type SweepResult } from '../../src/services/reminders';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { seededRandom } from '../common/recording-connector';
import { storeKinds, type OpenedStore } from '../common/stores';
import { tenantId } from '../common/fixtures';
import { DUE_AT, recordingSender, seedDue, sweepWith } from './sweep-fixture';

const later = (seconds: number): Date => new Date(DUE_AT.getTime() + seconds * 1000);

for (const kind of storeKinds) {
  describe(`Reminder sweeps overlapping on one store (${kind.name})`, function () {
    this.timeout(120_000);
    let opened: OpenedStore;
    let tenants: string[];

    before(async () => {
      opened = await kind.open();
      tenants = await seedDue(opened.store, 250, 4); // 1,000 due workloads, 4 per FM: each its own card
    });
    after(() => opened.cleanup());

    it('R3: two sweepers over 1,000 due workloads, one of them throttled, send each card exactly once, and none is lost', async () => {
      const random = seededRandom(9);
      const a = recordingSender(() => random() < 0.1); // Teams throttles a tenth of this instance's sends
      const b = recordingSender();
      const [ra, rb] = await Promise.all([a, b].map((sender) => sweepWith(opened.store, sender).run(DUE_AT))) as [
        SweepResult, SweepResult,
      ];
      assert.equal(ra.due, 1000);
      assert.equal(rb.due, 1000);
      assert.ok(ra.failed > 0, 'some sends were throttled');
      // A later sweep (five minutes on, the same morning) delivers what was throttled.
      const c = recordingSender();
      const rc = await sweepWith(opened.store, c).run(later(300));
      assert.equal(ra.sent + rb.sent + rc.sent, 1000);
      const summaries = [...a.sent, ...b.sent, ...c.sent].map((s) => s.summary);
      assert.equal(summaries.length, 1000, 'no card sent twice');
      assert.equal(new Set(summaries).size, 1000, 'each reminder once');
      for (const tenant of [tenants[0], tenants[499], tenants[999]] as string[]) {
        assert.equal((await opened.store.getSentCard(reminderId(tenant, 'Teams', '2026-11-24', 'start')))?.value.status, 'sent');
      }
      const again = recordingSender();
      assert.equal((await sweepWith(opened.store, again).run(later(600))).sent, 0);
      assert.equal(again.sent.length, 0, 'nothing more that day');
    });
  });
}

describe('A sweep killed between claim and send (SIGKILL, SQLite)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-crash-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('R3: the card arrives once, from a later sweep after REMINDER_CLAIM_SECONDS; before that nobody sends it', async () => {
    const file = path.join(dir, 'esd.sqlite');
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(__dirname, 'sweep-crash-child.ts'), file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('sending')) resolve(); });
      child.on('exit', () => reject(new Error(`the child ended before sending: ${stderr}`)));
    });
    child.kill('SIGKILL');
    await exited;

    const store = SqliteStore.open({ file });
    try {
      const id = reminderId(tenantId(1000), 'Teams', '2026-11-24', 'start');
      assert.equal((await store.getSentCard(id))?.value.status, 'claimed', 'the dead sweep left its claim');
      const early = recordingSender();
      assert.equal((await sweepWith(store, early).run(later(119))).sent, 0, 'the claim still holds');
      const late = recordingSender();
      assert.equal((await sweepWith(store, late).run(later(120))).sent, 1, 'taken over once it expired');
      const after = recordingSender();
      assert.equal((await sweepWith(store, after).run(later(600))).sent, 0);
      assert.equal(early.sent.length + late.sent.length + after.sent.length, 1, 'delivered exactly once');
      const record = (await store.getSentCard(id))?.value;
      assert.deepEqual([record?.status, record?.attempts], ['sent', 2]);
    } finally {
      await store.close();
    }
  });
});

describe('roundRobin (the order the sweep sends in)', () => {
  it('takes the first card of every FM, then the second of every FM, and so on, keeping each FM\'s own order', () => {
    assert.deepEqual(roundRobin([['a1', 'a2', 'a3'], [], ['b1'], ['c1', 'c2']]), ['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
    assert.deepEqual(roundRobin([]), []);
  });
});
