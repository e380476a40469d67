/**
 * Child process of `reminder-sweepers.test.ts`: seeds one due reminder into a SQLite store, runs a sweep whose
 * sender never answers, and prints `sending` once the reminder is claimed and its card is on its way; the test then
 * kills it with SIGKILL, between the claim and the send's outcome.
 * Usage: node --require tsx/cjs sweep-crash-child.ts <file>
 */
import type { CardSender } from '../../src/services/card-sender';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { DUE_AT, seedDue, sweepWith } from './sweep-fixture';

async function main(file: string): Promise<void> {
  const store = SqliteStore.open({ file });
  await seedDue(store, 1, 1);
  const hanging: CardSender = {
    send: () => {
      process.stdout.write('sending\n');
      return new Promise(() => undefined); // Teams never answers before the process dies
    },
  };
  await sweepWith(store, hanging).run(DUE_AT);
}

main(process.argv[2] as string).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
