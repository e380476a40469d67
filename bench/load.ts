/**
 * Load report benchmark (issue 10 item 1): 400 FMs of the directory, N active workloads of their customers, and the
 * median time of `GET /api/load?weeks=12` through the real HTTP server (restify, auth, schemas, the store's counts),
 * on SQLite at each size and on the Cosmos test server at 10,000. Goal: under 200 ms on SQLite, not growing with the
 * number of workloads. Prints figures, asserts nothing (the machine is shared and noisy: compare ratios).
 *
 *   npm run bench:load                                        # SQLite at 10k and 100k, Cosmos test server at 10k
 *   npm run bench:load -- --sizes 10000,100000,1000000        # add 1M on SQLite (seeding takes minutes)
 *   npm run bench:load -- --only sqlite --requests 50
 *   npm run bench:load -- --cosmos 0                          # no Cosmos run
 */
import { performance } from 'node:perf_hooks';
import { newCustomer, type ChangeContext, type NewWorkloadInput } from '../src/domain/customer';
import { addDays } from '../src/domain/dates';
import type { Actor, Customer, WorkloadName } from '../src/domain/types';
import type { Store } from '../src/store/store';
import { bearer, startTestApp } from '../test/common/app';
import { storeKinds, type StoreKind } from '../test/common/stores';
import { arg, positiveArg } from './lib/args';
import { quantile } from './lib/stats';

const NOW = new Date('2026-11-24T09:00:00Z');
const TODAY = '2026-11-24';
const GATEWAY: Actor = { aadObjectId: 'bench-gateway', name: 'Bench Gateway', role: 'gateway' };
const CTX: ChangeContext = { actor: GATEWAY, now: NOW, today: TODAY };
const FMS = 400;
const WORKLOADS: WorkloadName[] = ['ExchangeOnline', 'Teams', 'Intune', 'SharePointOnline'];
const WORKLOADS_PER_CUSTOMER = 2;
const BATCH = 5000;
const GOAL_MS = 200;

function tenant(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

const fmId = (i: number): string => `bench-fm-${i}`;

/**
 * Customer n, of FM n mod 400: two InProgress workloads, the first on a day spread over the next year, the second
 * every third customer a month estimate (R7), else a day a week later; every tenth customer's second workload is
 * entered as already under way (R2: in flight, no ESD).
 */
function customer(n: number): Customer {
  const fm = fmId(n % FMS);
  const first = addDays(TODAY, (n * 7) % 365);
  const workload = WORKLOADS[1 + (n % 3)] as WorkloadName;
  let second: NewWorkloadInput;
  if (n % 10 === 0) second = { workload, l1Status: 'InProgress', startedOn: '2026-11-02' };
  else if (n % 3 === 0) second = { workload, l1Status: 'InProgress', engagementStartMonth: addDays(first, 40).slice(0, 7) };
  else second = { workload, l1Status: 'InProgress', engagementStartDate: addDays(first, 7) };
  return newCustomer({
    tenantId: tenant(n), name: `Customer ${n}`, assignee: { type: 'fm', aadObjectId: fm, name: fm },
    workloads: [{ workload: 'ExchangeOnline', l1Status: 'InProgress', engagementStartDate: first }, second],
  }, CTX);
}

async function seed(store: Store, workloads: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < FMS; i++) {
    await store.putPerson({
      aadObjectId: fmId(i), name: `FM ${String(i).padStart(3, '0')}`, email: `${fmId(i)}@contoso.example`, role: 'fm',
      timeZone: 'Europe/Paris', conversation: null, reachable: true, updatedAt: NOW.toISOString(), weeklyCapacity: 3,
    });
  }
  const customers = workloads / WORKLOADS_PER_CUSTOMER;
  for (let from = 0; from < customers; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, customers - from) }, (_, i) => customer(from + i));
    await store.createCustomers(batch);
  }
  return (performance.now() - started) / 1000;
}

interface Figures { median: number; p90: number; max: number; bytes: number; fms: number; seeded: number }

/** `requests` measured GETs after 5 unmeasured ones (JIT, statement cache, connections). */
async function measure(kind: StoreKind, workloads: number, requests: number): Promise<Figures> {
  const { store, cleanup } = await kind.open();
  const seeded = await seed(store, workloads);
  const app = await startTestApp(store, { now: () => NOW });
  try {
    const get = async (): Promise<{ ms: number; text: string }> => {
      const started = performance.now();
      const res = await fetch(`${app.url}/api/load?weeks=12`, { headers: { authorization: bearer('gateway') } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`GET /api/load answered ${res.status}: ${text.slice(0, 200)}`);
      return { ms: performance.now() - started, text };
    };
    for (let i = 0; i < 5; i++) await get();
    const samples: number[] = [];
    let text = '';
    for (let i = 0; i < requests; i++) {
      const answer = await get();
      samples.push(answer.ms);
      text = answer.text;
    }
    const sorted = samples.sort((a, b) => a - b);
    const fms = (JSON.parse(text) as { fms: unknown[] }).fms.length;
    return {
      median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), max: sorted.at(-1) ?? NaN,
      bytes: Buffer.byteLength(text), fms, seeded,
    };
  } finally {
    await app.stop();
    // The app closed the store; this removes its file or stops its server.
    await cleanup();
  }
}

async function main(): Promise<void> {
  const sizes = (arg('sizes') ?? '10000,100000').split(',').map(Number);
  if (sizes.some((s) => !Number.isInteger(s) || s < 2 || s % 2 !== 0)) throw new Error('--sizes: even whole numbers');
  const cosmosSize = Number(arg('cosmos') ?? 10_000);
  const requests = Math.round(positiveArg('requests', 30));
  const only = arg('only');
  console.log(`node ${process.version}; GET /api/load?weeks=12 over HTTP, ${FMS} FMs, ${requests} requests after 5 warm-up;`
    + ` goal under ${GOAL_MS} ms on SQLite`);
  const runs: [StoreKind, number][] = [];
  for (const kind of storeKinds.filter((k) => !only || k.name === only)) {
    if (kind.name === 'sqlite') for (const size of sizes) runs.push([kind, size]);
    else if (cosmosSize > 0) runs.push([kind, cosmosSize]);
  }
  for (const [kind, workloads] of runs) {
    const f = await measure(kind, workloads, requests);
    const ms = (v: number): string => v.toFixed(1).padStart(7);
    console.log(`${kind.name.padEnd(6)} ${workloads.toLocaleString('en').padStart(9)} workloads: median ${ms(f.median)} ms`
      + `  p90 ${ms(f.p90)} ms  max ${ms(f.max)} ms  (${f.fms} FMs, ${f.bytes.toLocaleString('en')} bytes; seeded in ${f.seeded.toFixed(1)} s)`);
  }
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
