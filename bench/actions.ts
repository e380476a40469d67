/**
 * Card-action load benchmark: simulated FMs (one loop each) send `adaptiveCard/action` invokes to the real server
 * (restify + CloudAdapter + bot + store, in a child process) on SQLite and on the Cosmos test server, and the same
 * load to a bare /api/messages handler on the same stack (the floor). Prints throughput, p50/p99/max latency, the
 * ratios to the floor and the goal (p99 < 100 ms on SQLite, within 2x the floor: issue 9 item 7). Asserts nothing:
 * the machine is shared and noisy, so run it more than once and compare ratios.
 *
 *   npx tsx bench/actions.ts                                # floor, sqlite, cosmos: 50 FMs, 20 s each
 *   npx tsx bench/actions.ts --seconds 20 --fms 50 --only sqlite
 *   npx tsx bench/actions.ts --warmup 5                     # seconds of load before each measured phase
 *   npx tsx bench/actions.ts --cpu-prof /tmp/prof           # each server writes <target>.cpuprofile there (whole life)
 *   npx tsx bench/lib/profile-summary.ts /tmp/prof/sqlite.cpuprofile --last 10   # where the measured 10 s went
 */
import os from 'node:os';
import { CUSTOMERS_PER_FM, WORKLOADS } from './lib/actions-plan';
import { arg, positiveArg } from './lib/args';
import { fmLoops, runPhase, type PhaseResult } from './lib/load';
import type { ServerReport, TargetName } from './lib/protocol';
import { ServerProcess, stopAllServers, type ServerLogs } from './lib/server-process';
import { quantile } from './lib/stats';

const STORE_TARGETS: TargetName[] = ['sqlite', 'cosmos'];
const GOAL_P99_MS = 100;
const GOAL_FLOOR_RATIO = 2;

interface Options {
  seconds: number;
  warmup: number;
  fms: number;
  targets: TargetName[];
  profileDir: string | undefined;
}

interface Measured {
  target: TargetName;
  load: PhaseResult;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  server: ServerReport;
  logs: ServerLogs;
  clientCpuMs: number;
}

function options(): Options {
  const only = arg('only');
  const stores = STORE_TARGETS.filter((t) => only === undefined || only === t);
  if (stores.length === 0) throw new Error(`--only must be one of ${STORE_TARGETS.join(', ')}`);
  // The floor always runs: every figure is read against it.
  return {
    seconds: positiveArg('seconds', 20), warmup: positiveArg('warmup', 5), fms: Math.round(positiveArg('fms', 50)),
    targets: ['floor', ...stores], profileDir: arg('cpu-prof'),
  };
}

/** Starts the target's server, warms it up (JIT, caches, connections), then measures with fresh meters. */
async function measure(target: TargetName, o: Options): Promise<Measured> {
  const { server, address } = await ServerProcess.start(target, o.fms, o.profileDir);
  try {
    const loops = fmLoops(o.fms);
    await runPhase(address, loops, o.warmup);
    server.mark();
    const cpu = process.cpuUsage();
    const load = await runPhase(address, loops, o.seconds);
    const clientCpu = process.cpuUsage(cpu);
    const report = await server.report();
    const sorted = [...load.latencies].sort((a, b) => a - b);
    return {
      target, load, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted.at(-1) ?? NaN,
      errors: load.latencies.length - (load.outcomes.get('ok') ?? 0),
      server: report, logs: server.logs, clientCpuMs: (clientCpu.user + clientCpu.system) / 1000,
    };
  } finally {
    await server.stop();
  }
}

const ms = (v: number): string => v.toFixed(1);
const pct = (cpuMs: number, wallMs: number): string => `${Math.round((100 * cpuMs) / wallMs)}%`;

function printContext(o: Options): void {
  const cpus = os.cpus();
  console.log(`node ${process.version}; ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}); load average ${os.loadavg()[0]?.toFixed(2)} at start`);
  console.log('client (this process: the FM loops, keep-alive fetch) and server (one child process per target) share this machine;');
  console.log('the Cosmos-compatible test server runs inside the cosmos server process. Shared and noisy: compare ratios, not absolutes.');
  console.log(`${o.fms} FMs x ${CUSTOMERS_PER_FM} customers x ${WORKLOADS.length} InProgress workloads; ${o.fms} concurrent loops, one action in flight each;`);
  console.log(`${o.warmup} s warm-up, then ${o.seconds} s measured per target; 4 of 5 actions reschedule (new date + reason), 1 of 5 "no answer yet".`);
}

function printTable(results: Measured[]): void {
  console.log(`\n${'target'.padEnd(8)}${'requests'.padStart(10)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}`
    + `${'max ms'.padStart(9)}${'errors'.padStart(8)}   server CPU  main CPU/req  loop delay p99  client CPU`);
  for (const r of results) {
    const wallMs = r.load.seconds * 1000;
    console.log(`${r.target.padEnd(8)}${String(r.load.latencies.length).padStart(10)}${(r.load.latencies.length / r.load.seconds).toFixed(0).padStart(9)}`
      + `${ms(r.p50).padStart(9)}${ms(r.p99).padStart(9)}${ms(r.max).padStart(9)}${String(r.errors).padStart(8)}`
      + `   ${pct(r.server.cpuMs, r.server.wallMs).padStart(10)}  ${`${(r.server.mainThreadCpuMs / r.load.latencies.length).toFixed(2)} ms`.padStart(12)}`
      + `  ${`${ms(r.server.loopDelayP99Ms)} ms`.padStart(14)}  ${pct(r.clientCpuMs, wallMs).padStart(10)}`);
  }
  console.log('(server CPU in % of one core over the measured phase, all its threads; main CPU/req = CPU of the thread serving');
  console.log(' requests, per request (Linux); loop delay = the server\'s event-loop delay, p99.)');
}

/** Where a request's store time goes: calls per action and mean wall time of each Store method. */
function printStoreWork(r: Measured): void {
  const requests = r.load.latencies.length;
  const calls = [...r.server.storeCalls].sort((a, b) => b.totalMs - a.totalMs);
  if (calls.length === 0) return;
  const total = calls.reduce((sum, c) => sum + c.totalMs, 0) / requests;
  console.log(`\n${r.target}: store work per action ${ms(total)} ms wall in total (p50 latency ${ms(r.p50)} ms; server CPU per action `
    + `${(r.server.cpuMs / requests).toFixed(2)} ms, main thread ${(r.server.mainThreadCpuMs / requests).toFixed(2)} ms; event loop busy `
    + `${(r.server.loopBusyMs / requests).toFixed(2)} ms)`);
  for (const c of calls) {
    console.log(`  ${c.method.padEnd(26)} x${(c.calls / requests).toFixed(2)}   mean ${(c.totalMs / c.calls).toFixed(2)} ms   p99 ${ms(c.p99Ms)} ms   max ${ms(c.maxMs)} ms`);
  }
}

function printProblems(r: Measured): void {
  if (r.errors > 0) {
    const outcomes = [...r.load.outcomes].map(([outcome, count]) => `${outcome}: ${count}`).join(', ');
    console.log(`\n${r.target}: ${r.errors} errors (${outcomes})${r.load.firstUnexpected ? `; first unexpected banner: "${r.load.firstUnexpected}"` : ''}`);
  }
  if (r.logs.errors + r.logs.warnings > 0) {
    console.log(`${r.target}: server logged ${r.logs.errors} error and ${r.logs.warnings} warn lines; last: ${r.logs.lastProblem.slice(0, 300)}`);
  }
}

function printVerdict(results: Measured[]): void {
  const floor = results.find((r) => r.target === 'floor');
  if (!floor) return;
  console.log('');
  for (const r of results.filter((x) => x !== floor)) {
    console.log(`${r.target} vs floor: p50 x${(r.p50 / floor.p50).toFixed(1)}, p99 x${(r.p99 / floor.p99).toFixed(1)}, `
      + `throughput x${(r.load.latencies.length / r.load.seconds / (floor.load.latencies.length / floor.load.seconds)).toFixed(2)}`);
  }
  const sqlite = results.find((r) => r.target === 'sqlite');
  if (!sqlite) return;
  const ratio = sqlite.p99 / floor.p99;
  const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  console.log(`goal: p99 < ${GOAL_P99_MS} ms on SQLite: ${ms(sqlite.p99)} ms -> ${verdict(sqlite.p99 < GOAL_P99_MS)}; `
    + `p99 within ${GOAL_FLOOR_RATIO}x the floor (${ms(floor.p99)} ms): x${ratio.toFixed(1)} -> ${verdict(ratio <= GOAL_FLOOR_RATIO)}`);
}

async function main(): Promise<void> {
  const o = options();
  printContext(o);
  const results: Measured[] = [];
  for (const target of o.targets) results.push(await measure(target, o));
  printTable(results);
  results.forEach(printStoreWork);
  results.forEach(printProblems);
  printVerdict(results);
  console.log(`\nload average ${os.loadavg()[0]?.toFixed(2)} at the end`);
}

process.on('SIGINT', () => { void stopAllServers().finally(() => process.exit(130)); });
main().catch(async (error: unknown) => {
  console.error(error);
  await stopAllServers();
  process.exit(1);
});
