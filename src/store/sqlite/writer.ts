/**
 * Where the SQLite store's single-document writes run. A store on a file hands them to the writer thread
 * (writer-thread.ts, one per process, shared by every store open in it): there they are committed with group commit
 * and the fsync of each COMMIT waits on that thread, not on the one serving requests, which only sends the op and
 * gets the answer once the COMMIT holding its write returned. Reads stay on the store's own connection (WAL: a
 * write is visible to them once it is acknowledged). A `:memory:` database cannot be shared between connections, so
 * its writes run inline, with the same group commit.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { StoreError } from '../store';
import { GroupCommit } from './group-commit';
import { fromWire, SqliteWrites, type WireError, type WriteOp } from './writes';

/** A write sent to the writer thread; `store` numbers the stores open in this process. */
export interface SentWrite {
  store: number;
  id: number;
  op: WriteOp;
}

/** A write's answer. */
export type WriteResult = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

/**
 * To the writer thread. Writes go in batches, as do their answers: one message per turn of each event loop, not one
 * per write (each message costs the sender a copy and a wake-up of the other thread).
 */
export type ToWriter =
  | { type: 'open'; store: number; file: string }
  | { type: 'writes'; writes: SentWrite[] }
  | { type: 'close'; store: number };

/** From the writer thread. */
export type FromWriter =
  | { type: 'done'; results: WriteResult[] }
  | { type: 'failed'; store: number; error: WireError }
  | { type: 'closed'; store: number };

export interface Writer {
  /** Resolves with the op's answer once its write is committed; rejects with what failed it (nothing stored). */
  run(op: WriteOp): Promise<unknown>;
  /** Commits what is queued, then lets the connection go. */
  close(): Promise<void>;
  /** Why writes cannot be done any more (the writer thread stopped), if they cannot. */
  readonly failure: Error | undefined;
}

/** On the store's own connection (`:memory:`). */
export class InlineWriter implements Writer {
  readonly failure = undefined;
  private readonly writes: SqliteWrites;
  private readonly commits: GroupCommit;

  constructor(db: Database.Database) {
    this.writes = new SqliteWrites(db);
    this.commits = new GroupCommit(db);
  }

  run(op: WriteOp): Promise<unknown> {
    return this.commits.run(() => this.writes.apply(op));
  }

  async close(): Promise<void> {
    this.commits.flush();
  }
}

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The worker's file: beside this one, `.ts` when running from the sources (tests, benches) through tsx. */
function startWorker(): Worker {
  const file = path.join(__dirname, `writer-thread${path.extname(__filename)}`);
  // Without the parent's flags: a --cpu-prof would have the thread write over the parent's profile.
  if (!file.endsWith('.ts')) return new Worker(file, { execArgv: [] });
  const tsx = require.resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(file)});`, { eval: true, execArgv: [] });
}

/**
 * The process's writer thread. It keeps the process alive only while something waits for it: an idle thread does
 * not stop a process from ending.
 */
class WriterThread {
  private readonly worker = startWorker();
  private readonly waiting = new Map<number, Waiting>();
  private readonly closing = new Map<number, () => void>();
  private readonly failedStores = new Map<number, Error>();
  /** Writes not sent yet: they go together when the event loop comes round. */
  private outbox: SentWrite[] = [];
  private nextId = 1;
  failure: Error | undefined;

  constructor() {
    this.worker.unref();
    this.worker.on('message', (message: FromWriter) => this.receive(message));
    this.worker.on('error', (error) => this.stop(error));
    this.worker.on('exit', (code) => this.stop(new Error(`exit code ${code}`)));
  }

  send(message: ToWriter): void {
    this.worker.postMessage(message);
  }

  write(store: number, op: WriteOp): Promise<unknown> {
    const failure = this.failure ?? this.failedStores.get(store);
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { resolve, reject });
      this.busy();
      this.outbox.push({ store, id, op });
      if (this.outbox.length === 1) setImmediate(() => this.sendWrites());
    });
  }

  close(store: number): Promise<void> {
    this.failedStores.delete(store);
    if (this.failure) return Promise.resolve();
    return new Promise((resolve) => {
      this.closing.set(store, resolve);
      this.busy();
      this.sendWrites(); // the store's last writes go before its close
      this.send({ type: 'close', store });
    });
  }

  private sendWrites(): void {
    if (this.outbox.length === 0 || this.failure) return;
    const writes = this.outbox;
    this.outbox = [];
    this.send({ type: 'writes', writes });
  }

  storeFailure(store: number): Error | undefined {
    return this.failure ?? this.failedStores.get(store);
  }

  private busy(): void {
    if (this.waiting.size + this.closing.size === 1) this.worker.ref();
  }

  private idle(): void {
    if (this.waiting.size + this.closing.size === 0) this.worker.unref();
  }

  private receive(message: FromWriter): void {
    if (message.type === 'done') {
      for (const result of message.results) {
        const waiting = this.waiting.get(result.id);
        this.waiting.delete(result.id);
        if (result.ok) waiting?.resolve(result.value);
        else waiting?.reject(fromWire(result.error));
      }
    } else if (message.type === 'closed') {
      this.closing.get(message.store)?.();
      this.closing.delete(message.store);
    } else {
      this.failedStores.set(message.store, new StoreError('unavailable', `SQLite: the writer could not open the file: ${message.error.message}`));
    }
    this.idle();
  }

  /** The thread is gone: everything waiting fails (nothing more is committed), and the next store starts another. */
  private stop(cause: Error): void {
    if (this.failure) return;
    this.failure = new StoreError('unavailable', `SQLite: the writer thread stopped (${cause.message}).`);
    if (thread === this) thread = undefined;
    for (const waiting of this.waiting.values()) waiting.reject(this.failure);
    for (const closed of this.closing.values()) closed();
    this.waiting.clear();
    this.closing.clear();
  }
}

let thread: WriterThread | undefined;
let stores = 0;

/** A store's handle on the writer thread: its writes go to the connection the thread opened on the same file. */
export class ThreadWriter implements Writer {
  private readonly thread: WriterThread;
  private readonly store = ++stores;

  constructor(file: string) {
    thread ??= new WriterThread();
    this.thread = thread;
    this.thread.send({ type: 'open', store: this.store, file });
  }

  get failure(): Error | undefined {
    return this.thread.storeFailure(this.store);
  }

  run(op: WriteOp): Promise<unknown> {
    return this.thread.write(this.store, op);
  }

  close(): Promise<void> {
    return this.thread.close(this.store);
  }
}
