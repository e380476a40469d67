/**
 * Reminder sweep benchmark (issue 9, item 6): how much of Teams' per-tenant rate limit (50 requests/s) the sweep
 * uses. The real app (startApp: bot, real Notifier, real Bot Framework adapter in local mode) on SQLite in a temp
 * dir, `--workloads` reminders due today across `--fms` FMs (an equal share each) whose chats are all in one
 * tenant, and a local Bot Connector in a child process that answers like Teams under load: `429` with
 * `Retry-After: 1` for any request over 50 of the tenant in a sliding second, and for `--throttle` of the requests at
 * random (seeded). One sweep as of the FMs' morning, then more sweeps while one leaves cards to retry.
 *
 * Prints, per run and as medians over the runs: wall time (the sweeps that sent something), requests the connector
 * received per second and delivered cards per second (each as a share of 50/s), 429s (over the limit / random),
 * duplicates (a reminder's card delivered twice), lost (a due reminder never delivered), peak RSS and heap. Asserts
 * nothing (the machine is shared and noisy). Goal: at least 97% of the limit, 0 duplicates, 0 lost.
 *
 *   npm run bench:sweep                                     # 3,000 workloads, 300 FMs, 5% thrown back, 3 runs
 *   npx tsx bench/sweep.ts --workloads 3000 --fms 300 --throttle 0.05 --runs 3 --seed 1
 *   npx tsx bench/sweep.ts --throttle 0                     # the limit alone
 *   npx tsx bench/sweep.ts --dump /tmp/sweep                # also writes each run's requests to /tmp/sweep.<run>.json
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startApp, type RunningApp } from '../src/app';
import type { Actor, Customer, Person, WorkloadName } from '../src/domain/types';
import { WORKLOADS } from '../src/domain/types';
import { createLogger } from '../src/log/logger';
import type { SweepResult } from '../src/services/reminders';
import { SqliteStore } from '../src/store/sqlite/sqlite-store';
import { TEST_CONFIG } from '../test/common/app';
import { customerFixture, fmAssignee, onDay, personFixture, tenantId, TODAY } from '../test/common/fixtures';
import { arg, positiveArg } from './lib/args';
import { ConnectorProcess, type ConnectorRequest } from './lib/connector-process';
import { quantile } from './lib/stats';

/** Teams' per-app per-tenant limit. */
const LIMIT = 50;
const WINDOW_MS = 1_000;
/** The FMs' own tenant: every chat with the bot is in it (the customers' tenants are other ones). */
const FM_TENANT = tenantId(0xfeed);
/** Tuesday 24 November 2026 (the fixtures' today), 10:00 in London: past the 09:00 reminder hour. */
const AS_OF = new Date(`${TODAY}T10:00:00.000Z`);
const MAX_SWEEPS = 10;
const WORKLOADS_PER_CUSTOMER = 2;

interface RunResult {
  wallS: number;
  /** From the start of the sweep to the connector's first request. */
  firstRequestS: number;
  sweeps: SweepResult[];
  requests: ConnectorRequest[];
  expected: Set<string>;
  peakRssMb: number;
  peakHeapMb: number;
  /** The app's CPU time (user + system) over the wall time. */
  cpuShare: number;
  warnings: number;
  errors: number;
  lastProblem: string;
}

/**
 * The command line: reminders due (spread evenly over the FMs), FMs, the share of requests answered 429 at random,
 * the first run's seed of those (run i uses seed + i), runs.
 */
function options(): { workloads: number; fms: number; throttle: number; seed: number; runs: number } {
  const throttle = Number(arg('throttle') ?? 0.05);
  if (!(throttle >= 0 && throttle < 1)) throw new Error('--throttle must be a share from 0 to below 1');
  return {
    workloads: Math.round(positiveArg('workloads', 3_000)), fms: Math.round(positiveArg('fms', 300)), throttle,
    seed: Math.round(positiveArg('seed', 1)), runs: Math.round(positiveArg('runs', 3)),
  };
}

type Options = ReturnType<typeof options>;

function fmActor(fm: number): Actor {
  return { aadObjectId: `bench-sweep-fm-${fm}`, name: `Bench FM ${fm}`, role: 'fm' };
}

/** An FM who installed the bot: a personal chat in the FMs' tenant, served by the local connector. */
function fmPerson(fm: number, serviceUrl: string): Person {
  const actor = fmActor(fm);
  return personFixture(actor, {
    timeZone: 'Europe/London',
    conversation: {
      activityId: `f:${fm}`, channelId: 'msteams', locale: 'en-GB', serviceUrl,
      user: { id: `29:${actor.aadObjectId}`, aadObjectId: actor.aadObjectId, name: actor.name },
      bot: { id: '28:esd-bot', name: 'ESD bot' },
      conversation: { id: `a:personal-${actor.aadObjectId}`, conversationType: 'personal', tenantId: FM_TENANT },
    },
  });
}

/**
 * The FMs' customers, each with up to two workloads whose ESD is today: FM i gets workloads i, i + fms, ... so
 * every FM has its share; customers are numbered across FMs in turn, as the Gateway assigns them.
 */
function customers(o: Options): Customer[] {
  const perFm = Array.from({ length: o.fms }, () => 0);
  for (let w = 0; w < o.workloads; w++) perFm[w % o.fms] = (perFm[w % o.fms] as number) + 1;
  const list: Customer[] = [];
  for (let round = 0; list.length * WORKLOADS_PER_CUSTOMER < o.workloads + o.fms; round++) {
    let added = 0;
    perFm.forEach((left, fm) => {
      const count = Math.min(WORKLOADS_PER_CUSTOMER, left - round * WORKLOADS_PER_CUSTOMER);
      if (count <= 0) return;
      const n = list.length + 1;
      const names: WorkloadName[] = WORKLOADS.slice(0, count);
      list.push(customerFixture({
        n, name: `Sweep customer ${n}`, assignee: fmAssignee(fmActor(fm)), workloads: names.map((w) => onDay(w, TODAY)),
      }));
      added += 1;
    });
    if (added === 0) break;
  }
  return list;
}

function expectedCards(list: Customer[]): Set<string> {
  return new Set(list.flatMap((c) => c.workloads.map((w) => `${c.tenantId}.${w.workload}`)));
}

/** Peak RSS and heap, sampled while the sweep runs. */
function memoryMeter(): { stop(): { rssMb: number; heapMb: number } } {
  let rss = 0;
  let heap = 0;
  const sample = (): void => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 50);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { rssMb: rss / 2 ** 20, heapMb: heap / 2 ** 20 };
    },
  };
}

async function run(o: Options, seed: number): Promise<RunResult> {
  const connector = await ConnectorProcess.start({ limit: LIMIT, windowMs: WINDOW_MS, throttle: o.throttle, seed });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-bench-sweep-'));
  const store = SqliteStore.open({ file: path.join(dir, 'esd.sqlite') });
  const logs = { warnings: 0, errors: 0, lastProblem: '' };
  const logger = createLogger('warn', (line) => {
    if (line.includes('"level":"error"')) logs.errors += 1; else logs.warnings += 1;
    if (!line.includes('retrying') && !line.includes('LOCAL MODE')) logs.lastProblem = line; // expected lines
  });
  let app: RunningApp | undefined;
  try {
    for (let fm = 0; fm < o.fms; fm++) await store.putPerson(fmPerson(fm, connector.serviceUrl));
    const list = customers(o);
    await store.createCustomers(list);
    const perFm = Math.ceil(o.workloads / o.fms);
    app = await startApp({
      // Each FM gets its cards one by one, not as one summary card.
      config: { ...TEST_CONFIG, reminders: { ...TEST_CONFIG.reminders, summaryThreshold: Math.max(perFm, 5) } },
      store, logger, clock: { now: () => AS_OF },
    });
    global.gc?.();
    const memory = memoryMeter();
    const sweeps: SweepResult[] = [];
    const started = performance.now();
    const startedAt = Date.now();
    const cpu = process.cpuUsage();
    let ended = started;
    let cpuUsed = cpu;
    for (let i = 0; i < MAX_SWEEPS; i++) {
      const result = await app.runReminders(new Date(AS_OF.getTime() + i * 60_000));
      sweeps.push(result);
      if (result.sent === 0 && result.failed === 0) break;
      ended = performance.now();
      cpuUsed = process.cpuUsage(cpu);
    }
    const peak = memory.stop();
    const requests = await connector.report();
    return {
      wallS: (ended - started) / 1000, sweeps, requests, expected: expectedCards(list),
      firstRequestS: ((requests[0]?.at ?? NaN) - startedAt) / 1000,
      peakRssMb: peak.rssMb, peakHeapMb: peak.heapMb, ...logs,
      cpuShare: (cpuUsed.user + cpuUsed.system) / 1000 / (ended - started),
    };
  } finally {
    await app?.stop();
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Figures {
  wallS: number;
  firstRequestS: number;
  requests: number;
  delivered: number;
  requestShare: number;
  deliveredShare: number;
  busyShare: number;
  limited: number;
  random: number;
  duplicates: number;
  lost: number;
  maxInWindow: number;
  peakRssMb: number;
  peakHeapMb: number;
  cpuShare: number;
}

/** Most arrivals in any window of WINDOW_MS (by the connector's clock). */
function maxInWindow(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let hi = 0, lo = 0; hi < sorted.length; hi++) {
    while ((sorted[hi] as number) - (sorted[lo] as number) >= WINDOW_MS) lo++;
    most = Math.max(most, hi - lo + 1);
  }
  return most;
}

function figures(r: RunResult): Figures {
  const posts = r.requests.filter((q) => q.method === 'POST');
  const delivered = new Map<string, number>();
  for (const q of posts) if (q.status === 200) delivered.set(q.card, (delivered.get(q.card) ?? 0) + 1);
  const times = r.requests.map((q) => q.at);
  const busyS = (Math.max(...times) - Math.min(...times)) / 1000;
  const deliveredCount = [...delivered.values()].reduce((a, b) => a + b, 0);
  return {
    wallS: r.wallS, firstRequestS: r.firstRequestS, requests: r.requests.length, delivered: deliveredCount,
    requestShare: r.requests.length / r.wallS / LIMIT, deliveredShare: deliveredCount / r.wallS / LIMIT,
    busyShare: r.requests.length / busyS / LIMIT,
    limited: r.requests.filter((q) => q.refusedBy === 'limit').length,
    random: r.requests.filter((q) => q.refusedBy === 'random').length,
    duplicates: [...delivered.values()].reduce((sum, n) => sum + n - 1, 0),
    lost: [...r.expected].filter((key) => !delivered.has(key)).length,
    maxInWindow: maxInWindow(times), peakRssMb: r.peakRssMb, peakHeapMb: r.peakHeapMb, cpuShare: r.cpuShare,
  };
}

const pct = (share: number): string => `${(100 * share).toFixed(1)}%`;

function line(label: string, f: Figures): string {
  return [
    label.padEnd(8), `${f.wallS.toFixed(1)} s`.padStart(8), `${f.firstRequestS.toFixed(2)} s`.padStart(7),
    String(f.requests).padStart(6),
    pct(f.requestShare).padStart(8), pct(f.busyShare).padStart(8), String(f.delivered).padStart(6),
    pct(f.deliveredShare).padStart(8), `${f.limited}/${f.random}`.padStart(9), String(f.maxInWindow).padStart(6),
    String(f.duplicates).padStart(5), String(f.lost).padStart(5), `${f.peakRssMb.toFixed(0)} MB`.padStart(8),
    `${f.peakHeapMb.toFixed(0)} MB`.padStart(8), pct(f.cpuShare).padStart(6),
  ].join(' ');
}

function median(values: number[]): number {
  return quantile([...values].sort((a, b) => a - b), 0.5);
}

async function main(): Promise<void> {
  const o = options();
  console.log(`reminder sweep: ${o.workloads} workloads due, ${o.fms} FMs in one tenant, limit ${LIMIT}/s per tenant, `
    + `${pct(o.throttle)} thrown back at random (429, Retry-After: 1); SQLite; node ${process.version}, `
    + `${os.cpus().length} CPUs`);
  console.log(['run'.padEnd(8), 'wall'.padStart(8), 'first'.padStart(7), 'reqs'.padStart(6), 'req/s'.padStart(8), 'busy'.padStart(8),
    'cards'.padStart(6), 'cards/s'.padStart(8), '429 l/r'.padStart(9), 'max/s'.padStart(6), 'dup'.padStart(5),
    'lost'.padStart(5), 'RSS'.padStart(8), 'heap'.padStart(8), 'CPU'.padStart(6)].join(' '));
  const all: Figures[] = [];
  for (let i = 0; i < o.runs; i++) {
    const result = await run(o, o.seed + i);
    const dump = arg('dump');
    if (dump) fs.writeFileSync(`${dump}.${i + 1}.json`, JSON.stringify(result.requests));
    const f = figures(result);
    all.push(f);
    console.log(line(`#${i + 1}`, f));
    const sweeps = result.sweeps.map((s) => `${s.sent} sent/${s.failed} failed/${s.skipped} skipped`).join(', ');
    console.log(`         sweeps: ${sweeps}; app log: ${result.warnings} warn, ${result.errors} error`
      + `${result.lastProblem ? ` (last: ${result.lastProblem.slice(0, 200)})` : ''}`);
  }
  const med = Object.fromEntries(Object.keys(all[0] as Figures)
    .map((k) => [k, median(all.map((f) => f[k as keyof Figures]))])) as unknown as Figures;
  console.log(line('median', med));
  console.log('wall: the sweeps that sent something; first: from the sweep\'s start to the first request; req/s, '
    + 'cards/s: per wall second as a share of 50/s; busy: requests over the connector\'s first to last arrival; '
    + '429 l/r: over the limit / at random; max/s: most arrivals in any 1 s at the connector; CPU: the app\'s, '
    + 'over the wall time. Goal: req/s >= 97%, 0 dup, 0 lost.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
