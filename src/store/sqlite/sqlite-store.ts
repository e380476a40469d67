import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { Customer, Lease, Person, SentCard, Role, Versioned, WorkloadName } from '../../domain/types';
import { decodeCursor, encodeCursor, pageSize } from '../engagement-rows';
import { serialise } from '../limits';
import { decodeQueueCursor, encodeQueueCursor, queueEntry } from '../queue-entries';
import { decodeSentCardCursor, encodeSentCardCursor } from '../sent-card-pages';
import { decodeSeriesCursor, seriesCustomer, seriesPage } from '../series-pages';
import type { SeriesCustomer } from '../../domain/timeline';
import type { SeriesQuery } from '../store';
import {
  StoreError,
  type EngagementQuery, type EngagementRow, type Page, type QueueEntry, type QueueQuery, type ReminderQuery,
  type SentCardQuery, type StartsQuery, type Store, type WeekStarts,
} from '../store';
import { startsWindow } from '../week-starts';
import { connect, SqliteWrites, Statements } from './writes';
import { InlineWriter, ThreadWriter, type Writer } from './writer';
import { MIGRATIONS } from './schema';

export interface SqliteStoreOptions {
  /** A file path, or `:memory:` for throwaway tests. */
  file: string;
}

type Statement = Database.Statement<unknown[], unknown>;

/** What makes a file the one opened: its device and inode (a deleted or replaced file has none, or others). */
interface FileIdentity { dev: number; ino: number }

/** The first 16 bytes of every SQLite database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * `/readyz` on a file store: the file at the path is still the one opened (not deleted, moved or replaced, which
 * would leave every later write in a file nobody will read) and still starts as a SQLite database (not truncated
 * or overwritten). The messages name no path: `/readyz` is anonymous.
 */
function checkFile(file: string, opened: FileIdentity): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new StoreError('unavailable', 'SQLite: the database file was deleted or moved after it was opened.');
  }
  if (stat.dev !== opened.dev || stat.ino !== opened.ino) {
    throw new StoreError('unavailable', 'SQLite: the database file was replaced after it was opened.');
  }
  const header = Buffer.alloc(SQLITE_HEADER.length);
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    fs.readSync(fd, header, 0, header.length, 0);
  } catch {
    throw new StoreError('unavailable', 'SQLite: the database file cannot be read.');
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) {
    throw new StoreError('unavailable', 'SQLite: the database file is damaged (it is no longer a SQLite database).');
  }
}
interface VersionedRow { version: number; doc: string }

/** The row version is the etag: every write bumps it, so a stale etag is one that no longer matches. */
function toEtag(version: number): string {
  return String(version);
}

function fromEtag(etag: string): number {
  return /^\d+$/.test(etag) ? Number(etag) : -1;
}

function versioned<T>(row: VersionedRow): Versioned<T> {
  return { value: JSON.parse(row.doc) as T, etag: toEtag(row.version) };
}

/**
 * The embedded store: one SQLite file in WAL mode. `synchronous = FULL` makes every acknowledged write survive
 * a crash or a power cut, not only a killed process: a note once confirmed to an FM must never disappear.
 * Single-document writes are done by the writer thread (writer.ts) with group commit (group-commit.ts): the writes
 * that arrive together share one transaction and one fsync, each still checked on its own and acknowledged only once
 * committed, and the fsync waits on that thread, not on the one serving requests. Reads, the batch import and leases
 * stay on this connection.
 */
export class SqliteStore implements Store {
  private readonly statements: Statements;
  /** Index rows for the batch import, which runs on this connection. */
  private readonly writes: SqliteWrites;
  private readonly writer: Writer;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly db: Database.Database,
    /** The file and its identity when opened; undefined for `:memory:`. */
    private readonly file?: { path: string; identity: FileIdentity },
  ) {
    this.statements = new Statements(db);
    this.writes = new SqliteWrites(db);
    this.writer = file ? new ThreadWriter(file.path) : new InlineWriter(db);
  }

  static open(options: SqliteStoreOptions): SqliteStore {
    if (!options.file) throw new Error('SqliteStore: options.file is required.');
    const db = connect(options.file);
    SqliteStore.migrate(db);
    const stat = db.memory ? undefined : fs.statSync(db.name);
    return new SqliteStore(db, stat && { path: db.name, identity: { dev: stat.dev, ino: stat.ino } });
  }

  private static migrate(db: Database.Database): void {
    const current = Number(db.pragma('user_version', { simple: true }));
    if (current > MIGRATIONS.length) {
      throw new Error(`SqliteStore: the data file has schema version ${current}, newer than this build knows.`);
    }
    db.transaction(() => {
      MIGRATIONS.slice(current).forEach((sql) => db.exec(sql));
      db.pragma(`user_version = ${MIGRATIONS.length}`);
    }).immediate();
  }

  private sql(text: string): Statement {
    return this.statements.get(text);
  }

  async ping(): Promise<void> {
    if (this.file) checkFile(this.file.path, this.file.identity);
    if (this.writer.failure) throw new StoreError('unavailable', this.writer.failure.message);
    try {
      // Reads the schema page, so a database SQLite finds damaged answers here too.
      this.sql('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      throw new StoreError('unavailable', `SQLite is not answering: ${(error as Error).message}`);
    }
  }

  /** Writes already sent are committed first: none is dropped by a close. */
  close(): Promise<void> {
    this.closing ??= this.writer.close().then(() => {
      if (this.db.open) this.db.close();
    });
    return this.closing;
  }

  async createCustomer(customer: Customer): Promise<Versioned<Customer>> {
    await this.writer.run({ kind: 'createCustomer', doc: serialise(customer) });
    return { value: structuredClone(customer), etag: toEtag(1) };
  }

  /** One transaction for the whole batch: one fsync instead of one per customer. */
  async createCustomers(customers: Customer[]): Promise<boolean[]> {
    const docs = customers.map((customer) => serialise(customer));
    return this.db.transaction(() => customers.map((customer, i) => {
      const created = this.sql(`INSERT INTO customers (tenant_id, name_key, version, doc) VALUES (?, ?, 1, ?)
        ON CONFLICT (tenant_id) DO NOTHING`).run(customer.tenantId, customer.name.toLowerCase(), docs[i]).changes === 1;
      if (created) this.writes.indexCustomer(customer);
      return created;
    })).immediate();
  }

  async getCustomer(tenantId: string): Promise<Versioned<Customer> | undefined> {
    const row = this.sql('SELECT version, doc FROM customers WHERE tenant_id = ?').get(tenantId) as VersionedRow | undefined;
    return row && versioned<Customer>(row);
  }

  async replaceCustomer(customer: Customer, etag: string): Promise<Versioned<Customer>> {
    const version = fromEtag(etag);
    const doc = serialise(customer);
    await this.writer.run({ kind: 'replaceCustomer', doc, version });
    // What a read would now return, parsed from the JSON at hand (cheaper than a structuredClone of the object).
    return { value: JSON.parse(doc) as Customer, etag: toEtag(version + 1) };
  }

  async findCustomersByName(text: string, limit: number): Promise<Customer[]> {
    const rows = this.sql('SELECT version, doc FROM customers WHERE instr(name_key, ?) > 0 ORDER BY name_key, tenant_id LIMIT ?')
      .all(text.toLowerCase(), limit) as VersionedRow[];
    return rows.map((row) => versioned<Customer>(row).value);
  }

  /** One range scan of `queue_by_key` from the cursor, joined to the page's customers: the cost follows the page. */
  async listUnassignedCustomers(query: QueueQuery): Promise<Page<QueueEntry>> {
    const size = pageSize(query.limit);
    const cursor = decodeQueueCursor(query.continuationToken);
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.firstEsdOnOrBefore !== undefined) { where.push('q.queue_key <= ?'); params.push(query.firstEsdOnOrBefore); }
    if (cursor) { where.push('(q.queue_key, q.tenant_id) > (?, ?)'); params.push(cursor.key, cursor.tenantId); }
    const rows = this.sql(`SELECT c.version, c.doc FROM queue AS q JOIN customers AS c ON c.tenant_id = q.tenant_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY q.queue_key, q.tenant_id LIMIT ?`)
      .all(...params, size + 1) as VersionedRow[];
    const items = rows.slice(0, size).map((row) => queueEntry(JSON.parse(row.doc) as Customer, toEtag(row.version)));
    const last = items[items.length - 1];
    return rows.length > size && last ? { items, continuationToken: encodeQueueCursor(last) } : { items };
  }

  async listEngagements(query: EngagementQuery): Promise<Page<EngagementRow>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.to !== undefined) { where.push('esd <= ?'); params.push(query.to); }
    if (query.assigneeId !== undefined) { where.push('assignee_id = ?'); params.push(query.assigneeId); }
    if (query.states !== undefined) {
      where.push(`state IN (${query.states.map(() => '?').join(', ') || 'NULL'})`);
      params.push(...query.states);
    }
    return this.page('esd', query.from, where, params, query.limit, query.continuationToken);
  }

  async listRemindersDue(query: ReminderQuery): Promise<Page<EngagementRow>> {
    return this.page('remind_on', undefined, ['remind_on IS NOT NULL', 'remind_on <= ?'], [query.dueOnOrBefore],
      query.limit, query.continuationToken);
  }

  /** One row per FM of `in_flight_counts` (kept by triggers on `in_flight`, migration 7): never a workload. */
  async countInFlightByAssignee(): Promise<Map<string, number>> {
    const rows = this.sql('SELECT assignee_id, n FROM in_flight_counts WHERE n > 0')
      .all() as { assignee_id: string; n: number }[];
    return new Map(rows.map((r) => [r.assignee_id, r.n]));
  }

  /**
   * P3: the tenants with an `engagements` row in the range (a range scan of `engagements_by_date`, which covers it),
   * after the cursor, whose document holds an InProgress workload that completed; each page scans the range's
   * index entries once and parses only those customers' documents.
   */
  async listSeriesCustomers(query: SeriesQuery): Promise<Page<SeriesCustomer>> {
    const size = pageSize(query.limit);
    const after = decodeSeriesCursor(query.continuationToken) ?? '';
    const rows = this.sql(`SELECT c.doc FROM customers AS c
      WHERE c.tenant_id IN (
          SELECT e.tenant_id FROM engagements AS e WHERE e.esd >= ? AND e.esd <= ? AND e.tenant_id > ?)
        AND EXISTS (SELECT 1 FROM json_each(c.doc, '$.workloads') AS w
          WHERE json_extract(w.value, '$.state') = 'completed' AND json_extract(w.value, '$.l1Status') = 'InProgress')
      ORDER BY c.tenant_id LIMIT ?`).all(query.from, query.to, after, size + 1) as { doc: string }[];
    return seriesPage(rows.map((row) => seriesCustomer(JSON.parse(row.doc) as Customer)), size);
  }

  /**
   * P2: one range scan of `load_counts` (kept by triggers on `engagements`, migration 6) over the weeks: it reads at
   * most FMs x weeks x states x 2 rows, whatever the number of workloads.
   */
  async countStartsByAssigneeAndWeek(query: StartsQuery): Promise<WeekStarts[]> {
    const { first, last } = startsWindow(query);
    const rows = this.sql(`SELECT week, assignee_id, SUM(n) AS starting,
        SUM(CASE WHEN precision = 'month' THEN n ELSE 0 END) AS estimated
      FROM load_counts WHERE week >= ? AND week <= ? AND state IN (SELECT value FROM json_each(?))
      GROUP BY week, assignee_id HAVING SUM(n) > 0 ORDER BY week, assignee_id`)
      .all(first, last, JSON.stringify(query.states)) as (Omit<WeekStarts, 'aadObjectId'> & { assignee_id: string })[];
    return rows.map(({ assignee_id: aadObjectId, ...counts }) => ({ aadObjectId, ...counts }));
  }

  /**
   * Keyset paging on (key, tenant, workload): each page is one index range scan starting at the cursor, however
   * deep it is. The `from` bound is left out once the cursor is past it, or SQLite would start every page's range
   * at `from` and filter its way to the cursor.
   */
  private page(
    key: 'esd' | 'remind_on', from: string | undefined, where: string[], params: unknown[],
    limit: number | undefined, token: string | undefined,
  ): Promise<Page<EngagementRow>> {
    const size = pageSize(limit);
    const cursor = decodeCursor(token);
    if (from !== undefined && (!cursor || cursor.date < from)) { where.push(`${key} >= ?`); params.push(from); }
    if (cursor) {
      where.push(`(${key}, tenant_id, workload) > (?, ?, ?)`);
      params.push(cursor.date, cursor.tenantId, cursor.workload);
    }
    const sql = `SELECT row FROM engagements ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${key}, tenant_id, workload LIMIT ?`;
    const rows = (this.sql(sql).all(...params, size + 1) as { row: string }[])
      .map((r) => JSON.parse(r.row) as EngagementRow);
    const items = rows.slice(0, size);
    const last = items[items.length - 1];
    if (rows.length <= size || !last) return Promise.resolve({ items });
    const date = key === 'esd' ? last.engagementStartDate : (last.remindOn as string);
    return Promise.resolve({
      items, continuationToken: encodeCursor({ date, tenantId: last.tenantId, workload: last.workload }),
    });
  }

  async getPerson(aadObjectId: string): Promise<Versioned<Person> | undefined> {
    const row = this.sql('SELECT version, doc FROM people WHERE aad_object_id = ?').get(aadObjectId) as VersionedRow | undefined;
    return row && versioned<Person>(row);
  }

  async putPerson(person: Person, etag?: string): Promise<Versioned<Person>> {
    const doc = serialise(person);
    if (etag === undefined) {
      await this.writer.run({ kind: 'createPerson', doc });
      return { value: structuredClone(person), etag: toEtag(1) };
    }
    const version = fromEtag(etag);
    await this.writer.run({ kind: 'replacePerson', doc, version });
    return { value: structuredClone(person), etag: toEtag(version + 1) };
  }

  async listPeople(role?: Role): Promise<Person[]> {
    const rows = (role === undefined
      ? this.sql('SELECT version, doc FROM people ORDER BY aad_object_id').all()
      : this.sql('SELECT version, doc FROM people WHERE role = ? ORDER BY aad_object_id').all(role)) as VersionedRow[];
    return rows.map((row) => versioned<Person>(row).value);
  }

  async claimSentCard(record: SentCard): Promise<boolean> {
    return (await this.writer.run({ kind: 'claimSentCard', doc: serialise(record) })) === true;
  }

  async getSentCard(id: string): Promise<Versioned<SentCard> | undefined> {
    const row = this.sql('SELECT version, doc FROM sent_cards WHERE id = ?').get(id) as VersionedRow | undefined;
    return row && versioned<SentCard>(row);
  }

  async updateSentCard(record: SentCard, etag: string): Promise<Versioned<SentCard>> {
    const version = fromEtag(etag);
    await this.writer.run({ kind: 'updateSentCard', doc: serialise(record), version });
    return { value: structuredClone(record), etag: toEtag(version + 1) };
  }

  async listSentCardsForWorkload(tenantId: string, workload: WorkloadName): Promise<SentCard[]> {
    const rows = this.sql('SELECT version, doc FROM sent_cards WHERE tenant_id = ? AND workload = ? ORDER BY id')
      .all(tenantId, workload) as VersionedRow[];
    return rows.map((row) => versioned<SentCard>(row).value);
  }

  /**
   * One range scan from the cursor: of `sent_cards_by_due_on`, or with statuses, of `sent_cards_by_status` per
   * status; the cost follows the page, not the number of cards.
   */
  async listSentCards(query: SentCardQuery): Promise<Page<SentCard>> {
    const size = pageSize(query.limit);
    const cursor = decodeSentCardCursor(query.continuationToken);
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.statuses !== undefined) {
      where.push(`status IN (${query.statuses.map(() => '?').join(', ') || 'NULL'})`);
      params.push(...query.statuses);
    }
    if (query.from !== undefined && (!cursor || cursor.dueOn < query.from)) { where.push('due_on >= ?'); params.push(query.from); }
    if (query.to !== undefined) { where.push('due_on <= ?'); params.push(query.to); }
    if (cursor) { where.push('(due_on, id) > (?, ?)'); params.push(cursor.dueOn, cursor.id); }
    const rows = this.sql(`SELECT version, doc FROM sent_cards ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY due_on, id LIMIT ?`).all(...params, size + 1) as VersionedRow[];
    const items = rows.slice(0, size).map((row) => versioned<SentCard>(row).value);
    const last = items[items.length - 1];
    return rows.length > size && last ? { items, continuationToken: encodeSentCardCursor(last) } : { items };
  }

  async acquireLease(name: string, owner: string, ttlMs: number, now: Date): Promise<Lease | null> {
    const lease: Lease = { name, owner, expiresAt: new Date(now.getTime() + ttlMs).toISOString() };
    // An upsert that only takes over a lease that is ours or has expired; IMMEDIATE so two processes serialise.
    const taken = this.db.transaction(() => this.sql(`INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
      WHERE leases.owner = excluded.owner OR leases.expires_at <= ?`)
      .run(name, owner, lease.expiresAt, now.toISOString()).changes).immediate();
    return taken === 1 ? lease : null;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    this.sql('DELETE FROM leases WHERE name = ? AND owner = ?').run(name, owner);
  }
}
