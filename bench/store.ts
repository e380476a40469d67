/**
 * Store benchmark: for each store, point-read and update medians and the due-in-range query time at 10k
 * workloads; SQLite also at 1M. Prints figures, asserts nothing (these machines are shared and noisy).
 *
 *   npx tsx bench/store.ts                 # both stores at 10k, SQLite at 1M
 *   npx tsx bench/store.ts --large 200000  # a smaller "large" run
 *   npx tsx bench/store.ts --only sqlite
 */
import { performance } from 'node:perf_hooks';
import { newCustomer, type ChangeContext } from '../src/domain/customer';
import { addDays } from '../src/domain/dates';
import { changeDate } from '../src/domain/engagement';
import type { Actor, Customer } from '../src/domain/types';
import type { Store } from '../src/store/store';
import { storeKinds, type StoreKind } from '../test/common/stores';
import { arg } from './lib/args';

const NOW = new Date('2026-11-24T09:00:00Z');
const TODAY = '2026-11-24';
const GATEWAY: Actor = { aadObjectId: 'bench-gateway', name: 'Bench Gateway', role: 'gateway' };
const CTX: ChangeContext = { actor: GATEWAY, now: NOW, today: TODAY };
const WORKLOADS_PER_CUSTOMER = 2;
const FMS = 50;
const BATCH = 1000;

function tenant(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** Customer n: two InProgress workloads a few days apart, dates spread over the next year, 50 FMs. */
function customer(n: number): Customer {
  const fm = `bench-fm-${n % FMS}`;
  const first = addDays(TODAY, (n * 7) % 365);
  return newCustomer({
    tenantId: tenant(n), name: `Customer ${n}`, assignee: { type: 'fm', aadObjectId: fm, name: fm },
    workloads: [
      { workload: 'ExchangeOnline', l1Status: 'InProgress', engagementStartDate: first },
      { workload: 'Teams', l1Status: 'InProgress', engagementStartDate: addDays(first, 3) },
    ],
  }, CTX);
}

async function load(store: Store, customers: number): Promise<number> {
  const started = performance.now();
  for (let from = 0; from < customers; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, customers - from) }, (_, i) => customer(from + i));
    await store.createCustomers(batch);
  }
  return (performance.now() - started) / 1000;
}

function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function timeEach(count: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Pseudo-random but repeatable picks. */
function picker(max: number): () => number {
  let seed = 42;
  return () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % max; };
}

/** The etag-checked write of a date change with its reason note; the read before it is not counted. */
async function timeUpdates(store: Store, pick: () => number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < 500; i++) {
    const current = await store.getCustomer(tenant(pick()));
    if (!current) throw new Error('missing customer');
    const next = changeDate(current.value, i % 2 ? 'Teams' : 'ExchangeOnline',
      { engagementStartDate: addDays(TODAY, 400 + (i % 300)), reason: 'Customer moved the first call.' }, CTX, 'api');
    const started = performance.now();
    await store.replaceCustomer(next, current.etag);
    samples.push(performance.now() - started);
  }
  return samples;
}

async function rangeRows(store: Store, from: string, to: string): Promise<number> {
  let rows = 0;
  let continuationToken: string | undefined;
  do {
    const page = await store.listEngagements({ from, to, limit: 1000, continuationToken });
    rows += page.items.length;
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return rows;
}

async function measure(kind: StoreKind, workloads: number): Promise<void> {
  const customers = workloads / WORKLOADS_PER_CUSTOMER;
  const { store, cleanup } = await kind.open();
  try {
    const loadSeconds = await load(store, customers);
    const pick = picker(customers);
    const reads = await timeEach(2000, () => store.getCustomer(tenant(pick())));
    const updates = await timeUpdates(store, pick);
    const from = addDays(TODAY, 30);
    const to = addDays(TODAY, 44);
    const firstPage = await timeEach(20, () => store.listEngagements({ from, to, limit: 100 }));
    let rows = 0;
    const fullRange = await timeEach(5, async () => { rows = await rangeRows(store, from, to); });
    const due = await timeEach(20, () => store.listRemindersDue({ dueOnOrBefore: addDays(TODAY, 7), limit: 100 }));
    const ms = (v: number): string => v.toFixed(3);
    console.log(`\n${kind.name} @ ${workloads.toLocaleString('en')} workloads (${customers.toLocaleString('en')} customers, loaded in ${loadSeconds.toFixed(1)} s)`);
    console.log(`  point read        median ${ms(quantile(reads, 0.5))} ms   p99 ${ms(quantile(reads, 0.99))} ms   (n=${reads.length})`);
    console.log(`  update (replace)  median ${ms(quantile(updates, 0.5))} ms   p99 ${ms(quantile(updates, 0.99))} ms   (n=${updates.length}, etag-checked, date + reason note)`);
    console.log(`  due in range, first page of 100   median ${ms(quantile(firstPage, 0.5))} ms`);
    console.log(`  due in range, all ${rows} rows of ${from}..${to}   median ${ms(quantile(fullRange, 0.5))} ms`);
    console.log(`  reminders due (first page of 100)  median ${ms(quantile(due, 0.5))} ms`);
  } finally {
    await cleanup();
  }
}

async function main(): Promise<void> {
  const only = arg('only');
  const large = Number(arg('large') ?? 1_000_000);
  console.log(`node ${process.version}; medians of repeated runs; machine shared, so compare ratios not absolutes`);
  for (const kind of storeKinds.filter((k) => !only || k.name === only)) {
    await measure(kind, 10_000);
    if (kind.name === 'sqlite' && large > 10_000) await measure(kind, large);
  }
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
