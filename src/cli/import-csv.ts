/**
 * `npm run import -- <file.csv> [--dry-run] [--report <file.json>]`: bulk Gateway entry (R4) into the configured
 * store. The import itself is CsvImportService (src/services/csv-import.ts); this is its command line: arguments,
 * the configured store, the printed report, the progress line and the exit code. `runImport` is exported so the
 * benchmark runs exactly this path.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config';
import type { Actor } from '../domain/types';
import { systemClock, type Clock } from '../services/clock';
import { CsvFileError, CsvImportService, type ImportProgress, type ImportReport } from '../services/csv-import';
import { FORMAT_HELP } from '../services/csv/format';
import { formatExisting, formatIssue, formatSummary } from '../services/csv/report';
import { openStore } from '../store/open-store';
import type { Store } from '../store/store';

const USAGE = 'Usage: npm run import -- <file.csv> [--dry-run] [--report <file.json>]';

const HELP = `${USAGE}

Creates the customers of a CSV file in the configured store (STORE, DATA_DIR, COSMOS_*: see .env.sample), as the
Gateway's POST /api/customers does, with the same rules. A customer with any invalid row is not written at all;
a tenant that is already stored is reported and never overwritten, so running a file again creates nothing twice.

  --dry-run             check everything and say what would happen; nothing is written
  --report <file.json>  also write the machine-readable report there
  -h, --help            this help

${FORMAT_HELP}

Report: one line per problem, "row <n> (line <l>), <column>: <reason>", then a summary.
Exit codes: 0 every row was imported or already existed; 1 some rows are invalid (the other customers were
imported); 2 usage, configuration, file or store error (a file that cannot be read at all writes nothing).`;

/** Where the command writes; the progress line only when it is drawn on a terminal. */
export interface ImportIo {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** True on a terminal: draw the single updating progress line on stderr. */
  progress: boolean;
  clock?: Clock;
}

interface Arguments {
  file: string;
  dryRun: boolean;
  report: string | undefined;
}

class UsageError extends Error {}

/** Existing customers printed one a line up to this many; all of them are in --report. */
const MAX_EXISTING_LINES = 20;

/** Runs the command; resolves to the exit code. */
export async function runImport(argv: string[], io: ImportIo): Promise<number> {
  let args: Arguments | 'help';
  try {
    args = readArguments(argv);
  } catch (error) {
    io.stderr.write(`import: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n(--help for the format)\n`);
    return 2;
  }
  if (args === 'help') {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (!fs.existsSync(args.file) || !fs.statSync(args.file).isFile()) {
    return fail(io, args, `cannot read ${args.file}: no such file.`);
  }
  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return fail(io, args, error.problems.map((p) => `config error: ${p}`).join('\n'));
  }
  let store: Store;
  try {
    store = await openStore(config.store);
  } catch (error) {
    return fail(io, args, `cannot open the store (${config.store.kind}): ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return await importWith(new CsvImportService(store, io.clock ?? systemClock), args, io);
  } finally {
    await store.close();
  }
}

async function importWith(service: CsvImportService, args: Arguments, io: ImportIo): Promise<number> {
  const progress = io.progress ? new ProgressLine(io.stderr) : null;
  let report: ImportReport;
  try {
    report = await service.importFile(args.file, gatewayActor(io.env), {
      dryRun: args.dryRun,
      ...(progress ? { onProgress: (p: ImportProgress) => progress.update(p) } : {}),
    });
  } catch (error) {
    progress?.clear();
    if (error instanceof CsvFileError) return fail(io, args, `${args.file}: ${error.message}\nNothing was written.`);
    const reason = error instanceof Error ? error.message : String(error);
    return fail(io, args, `the import stopped: ${reason}\nCustomers created before this stay; running the file again is safe (they are reported as existing).`);
  }
  progress?.clear();
  printReport(io, report);
  if (args.report && !writeReport(io, args, { file: args.file, ...report })) return 2;
  return report.summary.customersInvalid > 0 ? 1 : 0;
}

function readArguments(argv: string[]): Arguments | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'dry-run': { type: 'boolean' }, report: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the CSV file to import.' : 'give one CSV file.');
  return { file: positionals[0] as string, dryRun: values['dry-run'] ?? false, report: values.report };
}

/** The import acts as the Gateway (R4), named after the operating-system user who ran it. */
function gatewayActor(env: NodeJS.ProcessEnv): Actor {
  let user: string;
  try {
    user = os.userInfo().username;
  } catch {
    // Containers may run as a uid with no passwd entry.
    user = env.USER ?? env.USERNAME ?? 'unknown';
  }
  return { aadObjectId: `import:${user}`, name: 'CSV import', role: 'gateway' };
}

function printReport(io: ImportIo, report: ImportReport): void {
  for (const issue of report.errors) io.stdout.write(`${formatIssue(issue)}\n`);
  for (const customer of report.existing.slice(0, MAX_EXISTING_LINES)) io.stdout.write(`${formatExisting(customer)}\n`);
  const more = report.existing.length - MAX_EXISTING_LINES;
  if (more > 0) io.stdout.write(`… and ${more} more existing customers (all listed with --report).\n`);
  if (report.errors.length > 0 || report.existing.length > 0) io.stdout.write('\n');
  io.stdout.write(`${formatSummary(report).join('\n')}\n`);
}

/** A usage, file or store error: one message, the JSON report says so too, exit code 2. */
function fail(io: ImportIo, args: Arguments, message: string): number {
  io.stderr.write(`import: ${message}\n`);
  if (args.report) writeReport(io, args, { file: args.file, dryRun: args.dryRun, fatal: message });
  return 2;
}

function writeReport(io: ImportIo, args: Arguments, body: object): boolean {
  try {
    fs.writeFileSync(args.report as string, `${JSON.stringify(body, null, 2)}\n`);
    return true;
  } catch (error) {
    io.stderr.write(`import: cannot write the report ${args.report}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return false;
  }
}

/** One line on stderr, redrawn in place: a bar, rows done of total, %, rows per second. At most 10 redraws a second. */
class ProgressLine {
  private readonly started = Date.now();
  private drawnAt = 0;

  constructor(private readonly out: { write(text: string): unknown }) {}

  update({ rowsDone, rowsTotal }: ImportProgress): void {
    const now = Date.now();
    if (now - this.drawnAt < 100 && rowsDone < rowsTotal) return;
    this.drawnAt = now;
    const share = rowsTotal === 0 ? 1 : rowsDone / rowsTotal;
    const bar = '#'.repeat(Math.round(share * 20)).padEnd(20, '.');
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    this.out.write(`\r\x1b[K[${bar}] ${rowsDone}/${rowsTotal} rows ${Math.floor(share * 100)}% ${Math.round(rowsDone / seconds)} rows/s`);
  }

  clear(): void {
    if (this.drawnAt > 0) this.out.write('\r\x1b[K');
  }
}

async function main(): Promise<void> {
  // Like `npm start`: a local .env is optional; variables already in the environment win.
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  process.exitCode = await runImport(process.argv.slice(2), {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    // Only a person watching a terminal wants the redrawn line; CI logs and pipes get none.
    progress: Boolean(process.stdout.isTTY && process.stderr.isTTY),
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`import failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
