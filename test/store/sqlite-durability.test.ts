/**
 * A write the SQLite store acknowledged survives the process being killed in the middle of later writes, and no
 * record is ever torn: a date change and its reason note (R6) are there together or not at all.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Customer } from '../../src/domain/types';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { assertDateChangesMatchNotes } from '../common/fixtures';

const WRITER = path.join(__dirname, 'durability-writer.ts');
const ACKS_BEFORE_KILL = 200;

interface Ack {
  tenantId: string;
  workload: string;
  date: string;
  reason: string;
}

interface WriterRun {
  created: string[];
  acks: Ack[];
  signal: NodeJS.Signals | null;
}

/**
 * Runs the writer until it has acknowledged `acks` changes, then SIGKILLs it; returns every complete line it
 * printed.
 */
function runWriterUntilKilled(file: string, acks: number, timeoutMs: number, mode: string[] = []): Promise<WriterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), WRITER, file, ...mode], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: WriterRun = { created: [], acks: [], signal: null };
    let pending = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? ''; // a line cut by the kill was never fully acknowledged
      for (const line of lines) {
        const [word, tenantId = '', workload = '', date = '', reason = ''] = line.split(' ');
        if (word === 'created') run.created.push(tenantId);
        else if (word === 'ack') run.acks.push({ tenantId, workload, date, reason });
        else reject(new Error(`unexpected writer output: ${line}`));
      }
      if (run.acks.length >= acks) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      run.signal = signal;
      if (run.acks.length < acks) {
        reject(new Error(`the writer stopped after ${run.acks.length} acks (code ${code}, signal ${signal}):\n${stderr}`));
      } else {
        resolve(run);
      }
    });
  });
}

function dateChanges(customer: Customer): number {
  return customer.workloads.reduce((sum, w) => sum + w.history.length - 1, 0);
}

describe('SqliteStore durability', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-durability-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** `inFlight`: how many writes the writer had in flight at once, so at most that many committed without an ack. */
  async function assertSurvived(file: string, run: WriterRun, inFlight: number): Promise<void> {
    assert.equal(run.signal, 'SIGKILL', 'the writer was killed mid-stream');
    assert.ok(run.created.length > 0);

    const store = SqliteStore.open({ file });
    try {
      const customers = new Map<string, Customer>();
      for (const tenantId of run.created) {
        const stored = await store.getCustomer(tenantId);
        assert.ok(stored, `acknowledged customer ${tenantId} survived`);
        customers.set(tenantId, stored.value);
      }
      for (const ack of run.acks) {
        const customer = customers.get(ack.tenantId);
        assert.ok(customer, `ack for an unknown customer ${ack.tenantId}`);
        const workload = customer.workloads.find((w) => w.workload === ack.workload);
        assert.ok(workload?.history.some((h) => h.reason === ack.reason && h.to === ack.date),
          `history of ${ack.reason} (${ack.tenantId} ${ack.workload} → ${ack.date}) survived`);
        assert.ok(customer.statusNotes.some((n) => n.kind === 'dateChanged' && n.workload === ack.workload
          && n.text === ack.reason), `note of ${ack.reason} survived`);
      }
      for (const customer of customers.values()) {
        assertDateChangesMatchNotes(customer);
        for (const w of customer.workloads) {
          assert.equal(w.engagementStartDate, w.history.at(-1)?.to, `${w.workload}: the date is that of its last change`);
        }
      }
      // At most the writes in flight at the kill committed without their acks.
      const stored = [...customers.values()].reduce((sum, c) => sum + dateChanges(c), 0);
      assert.ok(stored >= run.acks.length && stored <= run.acks.length + inFlight,
        `${run.acks.length} changes acknowledged, ${stored} stored`);
    } finally {
      await store.close();
    }
    const db = new Database(file, { readonly: true });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    } finally {
      db.close();
    }
  }

  it('R6: every acknowledged date change survives SIGKILL of the writer, complete, and nothing is torn', async () => {
    const file = path.join(dir, 'esd.sqlite');
    // The writer is sequential: one write in flight.
    await assertSurvived(file, await runWriterUntilKilled(file, ACKS_BEFORE_KILL, 40_000), 1);
  });

  it('R6, issue 9 item 7: writes committed together (four writers at once, group commit) survive SIGKILL once acknowledged', async () => {
    const file = path.join(dir, 'esd.sqlite');
    await assertSurvived(file, await runWriterUntilKilled(file, ACKS_BEFORE_KILL, 40_000, ['parallel']), 4);
  });
});
