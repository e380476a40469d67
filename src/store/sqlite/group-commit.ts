/**
 * Group commit for the SQLite store. With `synchronous = FULL` every commit waits for the disk (an fsync of the
 * write-ahead log), and better-sqlite3 waits on the one JS thread: one commit per write made the fsync most of a card
 * action's server time. Writes are queued instead and committed together: everything queued by the time the event
 * loop comes round (setImmediate) runs in ONE transaction, each write in a savepoint of its own, so it keeps its own
 * checks (an etag that no longer matches fails that write alone, rolled back to its savepoint) and the others are
 * not undone by it. Every caller is answered only after the COMMIT that holds its write has returned: an
 * acknowledged write is as durable as before, and a failed commit fails every write of its batch (none is stored).
 * Writes of one batch run in the order they were queued, so two writes to one document behave as if sent one after
 * the other (the second's etag is stale).
 */
import type Database from 'better-sqlite3';

interface Queued {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class GroupCommit {
  private queue: Queued[] = [];
  private scheduled = false;
  /** One transaction for a batch; inside it, each write in a savepoint (better-sqlite3 nests them so). */
  private readonly batch: Database.Transaction<(batch: Queued[]) => Outcome[]>;
  private readonly savepoint: Database.Transaction<(write: () => unknown) => unknown>;

  constructor(private readonly db: Database.Database) {
    this.savepoint = db.transaction((write: () => unknown) => write());
    this.batch = db.transaction((batch: Queued[]) => batch.map((queued) => this.attempt(queued)));
  }

  /**
   * Runs `write` (synchronous statements on this connection) in the next batch's transaction; resolves with what it
   * returned once that transaction is committed, rejects with what it threw (nothing of it stored).
   */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything queued so far, now (a close calls it, so no queued write is dropped). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    let outcomes: Outcome[];
    try {
      outcomes = this.batch.immediate(batch);
    } catch (error) {
      // BEGIN or COMMIT failed, or SQLite rolled the whole transaction back: nothing of the batch is stored.
      for (const queued of batch) queued.reject(error);
      return;
    }
    batch.forEach((queued, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) queued.resolve(outcome.value);
      else queued.reject(outcome.error);
    });
  }

  private attempt(queued: Queued): Outcome {
    try {
      return { ok: true, value: this.savepoint(queued.write) };
    } catch (error) {
      // Some errors (disk full, I/O) make SQLite roll back the whole transaction, not only the savepoint: the batch
      // then fails as a whole, or writes before this one would be answered as stored when they are not.
      if (!this.db.inTransaction) throw error;
      return { ok: false, error };
    }
  }
}
