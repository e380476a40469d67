/**
 * Child process of `contention.test.ts`: changes the dates of some workloads of one customer through
 * CustomerService (so through retryOnConflict) as fast as it can, while another process does the same to the other
 * workloads on the same SQLite file. Prints one line per change: `ok <reason>` once it is stored, `busy <reason>`
 * when it ended in WriteContention; any other failure exits 1 with its stack.
 * Usage: node --require tsx/cjs contention-writer.ts <file> <tag> <first workload index> <last> <changes>
 */
import { addDays } from '../../src/domain/dates';
import { WORKLOADS } from '../../src/domain/types';
import { CustomerService } from '../../src/services/customers';
import { WriteContention } from '../../src/services/optimistic-write';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { actors, ctx, NOW, tenantId } from '../common/fixtures';

async function main([file, tag, first, last, changes]: string[]): Promise<void> {
  if (!file || !tag || !first || !last || !changes) throw new Error('usage: contention-writer.ts <file> <tag> <first> <last> <changes>');
  const store = SqliteStore.open({ file });
  const service = new CustomerService(store, { now: () => NOW });
  const workloads = WORKLOADS.slice(Number(first), Number(last) + 1);
  const lines: string[] = [];
  for (let k = 0; k < Number(changes); k++) {
    const workload = workloads[k % workloads.length] as string;
    const reason = `${tag}-${k}`;
    try {
      await service.changeWorkload(ctx(actors.gateway, k + 1), tenantId(1), workload, {
        engagementStartDate: addDays('2026-12-02', k), reason,
      });
      lines.push(`ok ${reason}`);
    } catch (error) {
      if (!(error instanceof WriteContention)) throw error;
      lines.push(`busy ${reason}`);
    }
  }
  await store.close();
  process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
