/**
 * `npm run import` as a person or a CI job runs it: the real script in a child process, with the configured
 * (SQLite) store in a temporary DATA_DIR. Exit codes, what it prints, no progress line without a terminal, --help.
 * The CLI runs on the real clock, so the fixtures' dates are relative: `{{date+N}}` is today + N days (UTC),
 * `{{month+N}}` the month N months ahead.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../src/store/sqlite/sqlite-store';

const ROOT = path.resolve(__dirname, '..');
const SCRIPT = path.join(ROOT, 'src', 'cli', 'import-csv.ts');
const FIXTURES = path.join(__dirname, 'fixtures');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function relativeDates(text: string, today = new Date()): string {
  return text
    .replace(/\{\{date\+(\d+)\}\}/g, (_, days: string) => new Date(today.getTime() + Number(days) * 86_400_000).toISOString().slice(0, 10))
    .replace(/\{\{month\+(\d+)\}\}/g, (_, months: string) => {
      const month = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + Number(months), 1));
      return month.toISOString().slice(0, 7);
    });
}

describe('npm run import (the CSV import command)', function () {
  this.timeout(60_000);
  let work: string;
  let dataDir: string;

  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-import-cli-'));
    dataDir = path.join(work, 'data');
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  /** A fixture with its relative dates filled in, in the temp dir. */
  function csv(name: string): string {
    const file = path.join(work, name);
    fs.writeFileSync(file, relativeDates(fs.readFileSync(path.join(FIXTURES, name), 'utf8')));
    return file;
  }

  function run(...args: string[]): Run {
    const result = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), SCRIPT, ...args], {
      cwd: work,
      env: { PATH: process.env.PATH ?? '', HOME: work, DATA_DIR: dataDir },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  const summary = (
    created: number, existing: number, invalid = 0, errors = 0, skipped = 0, rows = 3, dry = false,
  ): string => [
    dry ? 'Summary (dry run: nothing was written)' : 'Summary',
    `  rows read:                       ${rows}`,
    `  ${dry ? 'customers that would be created:' : 'customers created:              '} ${created}`,
    `  customers existing (skipped):    ${existing}`,
    `  customers invalid:               ${invalid}`,
    `  rows with errors:                ${errors}`,
    `  rows skipped (customer invalid): ${skipped}`,
    '',
  ].join('\n');

  it('exit 0: imports a valid file, prints the summary, no progress line without a terminal; a re-run creates nothing', () => {
    const file = csv('import-cli-valid.csv');
    const first = run(file);
    assert.deepEqual(first, { status: 0, stdout: summary(2, 0), stderr: '' });
    assert.ok(fs.existsSync(path.join(dataDir, 'esd.sqlite')), 'the configured store (DATA_DIR) was used');

    const again = run(file);
    assert.deepEqual(again, {
      status: 0,
      stdout: 'row 1 (line 2): customer 00000000-0000-4000-8000-000000000041 exists already (2 rows): not overwritten.\n'
        + 'row 3 (line 4): customer 00000000-0000-4000-8000-000000000042 exists already (1 row): not overwritten.\n\n'
        + summary(0, 2),
      stderr: '',
    });
  });

  it('--dry-run writes nothing and says what would happen; --report writes the JSON report', () => {
    const file = csv('import-cli-valid.csv');
    const report = path.join(work, 'report.json');
    assert.deepEqual(run(file, '--dry-run', '--report', report), { status: 0, stdout: summary(2, 0, 0, 0, 0, 3, true), stderr: '' });
    assert.deepEqual(JSON.parse(fs.readFileSync(report, 'utf8')), {
      file, dryRun: true, errors: [], existing: [],
      summary: {
        rowsRead: 3, customersCreated: 2, customersExisting: 0, customersInvalid: 0, rowsWithErrors: 0, rowsSkipped: 0,
      },
    });
    assert.equal(run(file).stdout, summary(2, 0), 'the dry run created nothing');
  });

  it('exit 1 when a row is invalid: the error by row, line and column; the valid customer is imported', async () => {
    const result = run(csv('import-cli-invalid.csv'));
    assert.deepEqual(result, {
      status: 1,
      stdout: 'row 2 (line 3), engagementStartDate: engagementStartDate must be a real date as YYYY-MM-DD.\n\n'
        + summary(1, 0, 1, 1, 0, 2),
      stderr: '',
    });
    const store = SqliteStore.open({ file: path.join(dataDir, 'esd.sqlite') });
    try {
      assert.equal((await store.getCustomer('00000000-0000-4000-8000-000000000043'))?.value.name, 'Northwind Traders');
      assert.equal(await store.getCustomer('00000000-0000-4000-8000-000000000044'), undefined);
    } finally {
      await store.close();
    }
  });

  it('exit 2 for usage and file errors, with one clear message', () => {
    const noFile = run();
    assert.equal(noFile.status, 2);
    assert.match(noFile.stderr, /^import: give the CSV file to import\.\nUsage: npm run import -- <file\.csv> \[--dry-run\]/);

    const unknownOption = run(csv('import-cli-valid.csv'), '--force');
    assert.equal(unknownOption.status, 2);
    assert.match(unknownOption.stderr, /Unknown option '--force'/);

    const missing = run(path.join(work, 'nope.csv'));
    assert.deepEqual(missing, { status: 2, stdout: '', stderr: `import: cannot read ${path.join(work, 'nope.csv')}: no such file.\n` });

    const badHeader = run(path.join(FIXTURES, 'import-bad-header.csv'));
    assert.equal(badHeader.status, 2);
    assert.match(badHeader.stderr, /line 1 \(header\): unknown column "Customer"; unknown column "colour"; missing columns customerName, engagementStartMonth/);
    assert.match(badHeader.stderr, /\nNothing was written\.\n$/);
    assert.equal(badHeader.stdout, '');
  });

  it('--help documents the format and the exit codes', () => {
    const help = run('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: npm run import -- <file\.csv> \[--dry-run\] \[--report <file\.json>\]/);
    for (const column of ['tenantId', 'customerName', 'workload', 'l1Status', 'engagementStartDate', 'engagementStartMonth',
      'assigneeType', 'assigneeId', 'assigneeName']) {
      assert.match(help.stdout, new RegExp(`\\n  ${column} `), `--help documents ${column}`);
    }
    assert.match(help.stdout, /Exit codes: 0 .*; 1 .*; 2 /s);
  });
});
