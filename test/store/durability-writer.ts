/**
 * Child process of `sqlite-durability.test.ts`: writes to a SQLite store as fast as it can until it is killed,
 * printing one line per acknowledged write, only after the store call resolved:
 *   `created <tenantId>` and `ack <tenantId> <workload> <date> <reason>` (the reason has no spaces).
 * Usage: node --require tsx/cjs durability-writer.ts <file>
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

async function main(file: string): Promise<void> {
  const store = SqliteStore.open({ file });
  const tenants = Array.from({ length: CUSTOMERS }, (_, i) => tenantId(i + 1));
  for (const [i, tenant] of tenants.entries()) {
    await store.createCustomer(customerFixture({
      tenantId: tenant, name: `Durable ${i + 1}`, workloads: WORKLOADS.map((w) => onDay(w, '2026-12-01')),
    }));
    say(`created ${tenant}`);
  }
  const slots = tenants.length * WORKLOADS.length;
  // Change k goes to slot k mod 12 with date 2026-12-02 + (k mod 500): never the slot's current date.
  for (let k = 0; ; k += 1) {
    const tenant = tenants[k % tenants.length] as string;
    const workload = WORKLOADS[Math.floor(k / tenants.length) % WORKLOADS.length] as WorkloadName;
    const date = addDays('2026-12-02', k % 500);
    const reason = `change-${k}`;
    const current = await store.getCustomer(tenant);
    if (!current) throw new Error(`customer ${tenant} vanished`);
    const next = changeDate(current.value, workload, { engagementStartDate: date, reason }, ctx(actors.fm, k + 1), 'card');
    await store.replaceCustomer(next, current.etag);
    say(`ack ${tenant} ${workload} ${date} ${reason}`);
    // Let the event loop turn now and then, so stdout drains even where a pipe write is asynchronous.
    if (k % slots === slots - 1) await new Promise((resolve) => setImmediate(resolve));
  }
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: durability-writer.ts <sqlite file>\n');
  process.exit(2);
}
main(file).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
