/**
 * The SQLite writer thread (a worker_threads Worker started by writer.ts): one connection per open store file, on
 * which it does the stores' single-document writes with group commit. The fsync of every COMMIT
 * (`synchronous = FULL`) waits here instead of on the thread that serves requests. A write is answered only after
 * the COMMIT holding it returned.
 */
import { parentPort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { GroupCommit } from './group-commit';
import { connect, SqliteWrites, toWire } from './writes';
import type { FromWriter, SentWrite, ToWriter, WriteResult } from './writer';

interface OpenFile {
  db: Database.Database;
  writes: SqliteWrites;
  commits: GroupCommit;
}

const port = parentPort;
if (!port) throw new Error('writer-thread.ts runs as a worker thread (writer.ts starts it).');
const files = new Map<number, OpenFile>();
/** Answers not sent yet: a batch's answers go in one message, once all of them are known. */
let answers: WriteResult[] = [];

function post(message: FromWriter): void {
  port?.postMessage(message);
}

function answer(result: WriteResult): void {
  answers.push(result);
  // The answers of one COMMIT settle in one run of microtasks: this one runs after all of them.
  if (answers.length === 1) {
    queueMicrotask(() => {
      const results = answers;
      answers = [];
      post({ type: 'done', results });
    });
  }
}

function open(store: number, file: string): void {
  try {
    const db = connect(file);
    files.set(store, { db, writes: new SqliteWrites(db), commits: new GroupCommit(db) });
  } catch (error) {
    post({ type: 'failed', store, error: toWire(error) });
  }
}

function write({ store, id, op }: SentWrite): void {
  const target = files.get(store);
  if (!target) {
    answer({ id, ok: false, error: { name: 'StoreError', message: 'SQLite: the store is closed.', storeCode: 'unavailable' } });
    return;
  }
  target.commits.run(() => target.writes.apply(op)).then(
    (value) => answer({ id, ok: true, value }),
    (error: unknown) => answer({ id, ok: false, error: toWire(error) }),
  );
}

/** Commits what is queued (its answers go out first, as microtasks), then closes the connection. */
function close(store: number): void {
  const target = files.get(store);
  files.delete(store);
  target?.commits.flush();
  setImmediate(() => {
    try {
      target?.db.close();
    } finally {
      post({ type: 'closed', store });
    }
  });
}

port.on('message', (message: ToWriter) => {
  switch (message.type) {
    case 'open': open(message.store, message.file); break;
    case 'writes': message.writes.forEach(write); break;
    case 'close': close(message.store); break;
  }
});
