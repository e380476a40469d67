/**
 * Issue 9, defect 1 on SQLite: two processes on one database file change different workloads of one customer at the
 * same time (two SQLite processes on one data directory gave 3 × 500 in 702 writes). Every change either is stored
 * or ends in WriteContention (503 with Retry-After over REST) and leaves nothing behind; nothing else fails.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WORKLOADS } from '../../src/domain/types';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { customerFixture, onDay, tenantId } from '../common/fixtures';

const WRITER = path.join(__dirname, 'contention-writer.ts');
const CHANGES = 300;

/** The writer's lines; rejects with its stderr when it failed otherwise than by contention. */
function runWriter(file: string, tag: string, first: number, last: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--require', require.resolve('tsx/cjs'), WRITER, file, tag, String(first), String(last), String(CHANGES)],
      { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`writer ${tag} failed: ${stderr}`));
        else resolve(stdout.trim().split('\n'));
      });
  });
}

describe('SQLite, two processes changing one customer (defect 1 of issue 9: contention answered 500)', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-contention-')); });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  it(`${CHANGES} changes each, to different workloads of one customer: each stored or WriteContention with nothing stored, never another failure`, async () => {
    const file = path.join(dir, 'esd.sqlite');
    const store = SqliteStore.open({ file });
    await store.createCustomer(customerFixture({ workloads: WORKLOADS.map((w) => onDay(w, '2026-12-01')) }));
    await store.close();

    const half = Math.floor(WORKLOADS.length / 2);
    const lines = (await Promise.all([runWriter(file, 'a', 0, half - 1), runWriter(file, 'b', half, WORKLOADS.length - 1)])).flat();

    const reopened = SqliteStore.open({ file });
    const stored = (await reopened.getCustomer(tenantId(1)))?.value;
    await reopened.close();
    assert.ok(stored);
    const reasons = new Set(stored.workloads.flatMap((w) => w.history.map((h) => h.reason)));
    assert.equal(lines.length, 2 * CHANGES, 'one outcome per change');
    for (const line of lines) {
      const [outcome, reason = ''] = line.split(' ');
      if (outcome === 'ok') assert.ok(reasons.has(reason), `${reason} was acknowledged, so it is stored`);
      else if (outcome === 'busy') assert.ok(!reasons.has(reason), `${reason} gave up, so nothing of it is stored`);
      else assert.fail(`unexpected writer output: ${line}`);
    }
    assert.equal(reasons.size - 1, lines.filter((l) => l.startsWith('ok ')).length, 'nothing else was stored (the - 1: the creation\'s null reason)');
  });
});
