/**
 * CSV import benchmark: generates a file of `--rows` rows (two workloads per customer, dates over the next months,
 * every third second workload a month estimate, a third of the customers assigned to FMs of the directory, a third
 * to a partner), then runs the import command's own code (`runImport` of src/cli/import-csv.ts: config, store,
 * service, report) on a fresh SQLite store: a dry run, the import, and a re-run of the same file (all existing).
 * Each phase runs in its own process so its RSS high-water mark is its own. Prints figures, asserts nothing.
 *
 *   npx tsx bench/import.ts               # 50,000 rows
 *   npx tsx bench/import.ts --rows 200000
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { addDays, monthOf } from '../src/domain/dates';
import { WORKLOADS } from '../src/domain/types';
import { COLUMNS } from '../src/services/csv/format';
import { SqliteStore } from '../src/store/sqlite/sqlite-store';
import { SQLITE_FILE_NAME } from '../src/store/open-store';
import { runImport } from '../src/cli/import-csv';
import { arg } from './lib/args';

const FMS = 20;
const MB = 1024 * 1024;

interface PhaseFigures {
  exitCode: number;
  seconds: number;
  rows: number;
  /** KiB, as process.resourceUsage() gives it. */
  maxRssBeforeKiB: number;
  maxRssKiB: number;
  peakHeapBytes: number;
  /** heapUsed after a full GC once the import returned: what stays live (the report), not garbage awaiting GC. */
  liveHeapBytes: number;
  summary: string;
}

function tenant(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function assigneeCells(n: number): string[] {
  if (n % 3 === 0) return ['fm', `bench-fm-${n % FMS}`, ''];
  if (n % 3 === 1) return ['partner', `partner-${n % 7}`, `"Partner ${n % 7}, Ltd"`];
  return ['', '', ''];
}

/** Customer n's two rows: dates spread over the next ~10 months, every third second workload month-only (R7). */
function rowsOf(n: number, today: string): string[] {
  const first = addDays(today, 1 + (n * 7) % 300);
  const second = addDays(first, 14);
  const workloads = [WORKLOADS[n % WORKLOADS.length], WORKLOADS[(n + 1) % WORKLOADS.length]];
  const name = `"Customer ${n}, Inc."`;
  const assignee = assigneeCells(n);
  return [
    [tenant(n), name, workloads[0], 'InProgress', first, '', ...assignee].join(','),
    [tenant(n), name, workloads[1], 'InProgress', n % 3 === 0 ? '' : second, n % 3 === 0 ? monthOf(second) : '', ...assignee].join(','),
  ];
}

/** Written in chunks so generating a large file needs no more memory than importing it. */
function generate(file: string, rows: number): void {
  const today = new Date().toISOString().slice(0, 10);
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, `${COLUMNS.join(',')}\n`);
  let chunk: string[] = [];
  for (let n = 0; n * 2 < rows; n++) {
    chunk.push(...rowsOf(n, today).slice(0, rows - n * 2));
    if (chunk.length >= 2000) {
      fs.writeSync(fd, `${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length > 0) fs.writeSync(fd, `${chunk.join('\n')}\n`);
  fs.closeSync(fd);
}

async function seedDirectory(dataDir: string): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true });
  const store = SqliteStore.open({ file: path.join(dataDir, SQLITE_FILE_NAME) });
  for (let i = 0; i < FMS; i++) {
    await store.putPerson({
      aadObjectId: `bench-fm-${i}`, name: `Bench FM ${i}`, email: `fm${i}@contoso.example`, role: 'fm',
      timeZone: 'UTC', conversation: null, reachable: true, updatedAt: new Date().toISOString(),
    });
  }
  await store.close();
}

/** Child process: one phase through the command's code path, measured. */
async function phase(file: string, dataDir: string, dryRun: boolean): Promise<void> {
  const maxRssBeforeKiB = process.resourceUsage().maxRSS;
  let peakHeapBytes = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => { peakHeapBytes = Math.max(peakHeapBytes, process.memoryUsage().heapUsed); }, 5);
  let stdout = '';
  const started = performance.now();
  const exitCode = await runImport([file, ...(dryRun ? ['--dry-run'] : [])], {
    env: { DATA_DIR: dataDir },
    stdout: { write: (text: string) => { stdout += text; } },
    stderr: process.stderr,
    progress: false,
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakHeapBytes = Math.max(peakHeapBytes, process.memoryUsage().heapUsed);
  const rows = Number(/rows read:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
  const summary = stdout.split('\n').filter((l) => /created|existing \(|invalid:/.test(l)).map((l) => l.trim().replace(/\s+/g, ' ')).join(', ');
  const maxRssKiB = process.resourceUsage().maxRSS;
  (globalThis as { gc?: () => void }).gc?.();
  const figures: PhaseFigures = {
    exitCode, seconds, rows, maxRssBeforeKiB, maxRssKiB, peakHeapBytes, liveHeapBytes: process.memoryUsage().heapUsed,
    summary,
  };
  process.stdout.write(JSON.stringify(figures));
}

function runPhase(file: string, dataDir: string, dryRun: boolean): PhaseFigures {
  const child = spawnSync(process.execPath, [
    '--expose-gc', '--require', require.resolve('tsx/cjs'), __filename, '--phase', dryRun ? 'dry' : 'import', '--file', file, '--data', dataDir,
  ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * MB });
  if (child.status !== 0) throw new Error(`the phase failed (exit ${child.status}): ${child.stdout}`);
  return JSON.parse(child.stdout) as PhaseFigures;
}

function line(label: string, f: PhaseFigures): string {
  const cells = [
    label.padEnd(24),
    String(Math.round(f.rows / f.seconds)).padStart(8),
    f.seconds.toFixed(2).padStart(8),
    (f.maxRssKiB / 1024).toFixed(0).padStart(8),
    (f.maxRssBeforeKiB / 1024).toFixed(0).padStart(11),
    (f.peakHeapBytes / MB).toFixed(0).padStart(10),
    (f.liveHeapBytes / MB).toFixed(0).padStart(9),
    String(f.exitCode).padStart(5),
  ];
  return `${cells.join(' ')}   ${f.summary}`;
}

async function main(): Promise<void> {
  const phaseName = arg('phase');
  if (phaseName) return phase(arg('file') as string, arg('data') as string, phaseName === 'dry');

  const rows = Number(arg('rows') ?? 50_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-bench-import-'));
  try {
    const file = path.join(dir, 'import.csv');
    const generatedAt = performance.now();
    generate(file, rows);
    const dataDir = path.join(dir, 'data');
    await seedDirectory(dataDir);
    console.log(`CSV import: ${rows} rows (${Math.ceil(rows / 2)} customers x 2 workloads), `
      + `${(fs.statSync(file).size / MB).toFixed(1)} MB, generated in ${((performance.now() - generatedAt) / 1000).toFixed(2)} s; `
      + `fresh SQLite store with ${FMS} FMs; node ${process.version}, ${os.cpus().length} CPUs`);
    console.log(`${'phase'.padEnd(24)}   rows/s  seconds  maxRSS  maxRSS at   peak heap  live heap  exit`);
    console.log(`${''.padEnd(24)}                       MB   start, MB   used, MB  at end, MB`);
    console.log(line('dry run (fresh store)', runPhase(file, dataDir, true)));
    console.log(line('import (fresh store)', runPhase(file, dataDir, false)));
    console.log(line('re-run (all existing)', runPhase(file, dataDir, false)));
    console.log(`store file: ${(fs.statSync(path.join(dataDir, SQLITE_FILE_NAME)).size / MB).toFixed(1)} MB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
