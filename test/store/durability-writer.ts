/**
 * Child process of `sqlite-durability.test.ts`: writes to a SQLite store as fast as it can until it is killed,
 * printing one line per acknowledged write, only after the store call resolved:
 *   `created <tenantId>` and `ack <tenantId> <workload> <date> <reason>` (the reason has no spaces).
 * Usage: node --require tsx/cjs durability-writer.ts <file> [parallel]
 * `parallel`: one writer loop per customer, all at once, so the store commits their writes together (group commit).
 */
import { addDays } from '../../src/domain/dates';
import { changeDate } from '../../src/domain/engagement';
import type { WorkloadName } from '../../src/domain/types';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { actors, ctx, customerFixture, onDay, tenantId } from '../common/fixtures';

const CUSTOMERS = 4;
const WORKLOADS: WorkloadName[] = ['Teams', 'ExchangeOnline', 'Intune'];

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Changes the slots `slotOf(k)` one after the other, each read, changed and written before the next. */
async function writeLoop(
  store: SqliteStore, name: string, slots: number, slotOf: (k: number) => [string, WorkloadName],
): Promise<never> {
  // Change k goes to slot k with date 2026-12-02 + (k mod 500): never the slot's current date.
  for (let k = 0; ; k += 1) {
    const [tenant, workload] = slotOf(k);
    const date = addDays('2026-12-02', k % 500);
    const reason = `change-${name}${k}`;
    const current = await store.getCustomer(tenant);
    if (!current) throw new Error(`customer ${tenant} vanished`);
    const next = changeDate(current.value, workload, { engagementStartDate: date, reason }, ctx(actors.fm, k + 1), 'card');
    await store.replaceCustomer(next, current.etag);
    say(`ack ${tenant} ${workload} ${date} ${reason}`);
    // Let the event loop turn now and then, so stdout drains even where a pipe write is asynchronous.
    if (k % slots === slots - 1) await new Promise((resolve) => setImmediate(resolve));
  }
}

async function main(file: string, parallel: boolean): Promise<void> {
  const store = SqliteStore.open({ file });
  const tenants = Array.from({ length: CUSTOMERS }, (_, i) => tenantId(i + 1));
  for (const [i, tenant] of tenants.entries()) {
    await store.createCustomer(customerFixture({
      tenantId: tenant, name: `Durable ${i + 1}`, workloads: WORKLOADS.map((w) => onDay(w, '2026-12-01')),
    }));
    say(`created ${tenant}`);
  }
  const workloadOf = (k: number): WorkloadName => WORKLOADS[k % WORKLOADS.length] as WorkloadName;
  if (parallel) {
    // Loop j alone writes customer j: the loops never conflict, and their writes arrive together.
    await Promise.all(tenants.map((tenant, j) => writeLoop(store, `${j}-`, WORKLOADS.length, (k) => [tenant, workloadOf(k)])));
  }
  // Change k goes to slot k mod 12: every customer's first workload, then their second, and so on.
  await writeLoop(store, '', tenants.length * WORKLOADS.length,
    (k) => [tenants[k % tenants.length] as string, workloadOf(Math.floor(k / tenants.length))]);
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: durability-writer.ts <sqlite file>\n');
  process.exit(2);
}
main(file, process.argv[3] === 'parallel').catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
