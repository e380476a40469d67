/**
 * The SQLite store's single-document writes as data (WriteOp) and the statements that do them (SqliteWrites), so
 * they can run on the connection of the writer thread (writer.ts) as well as on the store's own (`:memory:`).
 * An op carries the document as the JSON that is stored: the thread parses it for the index rows, the caller's thread
 * never sends objects.
 */
import Database from 'better-sqlite3';
import type { Customer, Person, SentCard } from '../../domain/types';
import { engagementRows, inFlightRows } from '../engagement-rows';
import { queueKey } from '../queue-entries';
import { StoreError, type StoreErrorCode } from '../store';

export type WriteOp =
  | { kind: 'createCustomer'; doc: string }
  | { kind: 'replaceCustomer'; doc: string; version: number }
  | { kind: 'createPerson'; doc: string }
  | { kind: 'replacePerson'; doc: string; version: number }
  | { kind: 'claimSentCard'; doc: string }
  | { kind: 'updateSentCard'; doc: string; version: number };

type Statement = Database.Statement<unknown[], unknown>;

/**
 * A connection to the store's file as every connection of it must be: WAL, `synchronous = FULL` (an acknowledged
 * write survives a power cut), foreign keys on, and a wait for another process's write lock.
 */
export function connect(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Statements prepared once per distinct SQL text. */
export class Statements {
  private readonly prepared = new Map<string, Statement>();

  constructor(private readonly db: Database.Database) {}

  get(text: string): Statement {
    let statement = this.prepared.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.prepared.set(text, statement);
    }
    return statement;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT');
}

export class SqliteWrites {
  private readonly statements: Statements;

  constructor(db: Database.Database) {
    this.statements = new Statements(db);
  }

  /** Does the write; a conflict, a stale version or a missing row throw a StoreError. Returns the op's answer. */
  apply(op: WriteOp): unknown {
    switch (op.kind) {
      case 'createCustomer': return this.createCustomer(JSON.parse(op.doc) as Customer, op.doc);
      case 'replaceCustomer': return this.replaceCustomer(JSON.parse(op.doc) as Customer, op.doc, op.version);
      case 'createPerson': return this.createPerson(JSON.parse(op.doc) as Person, op.doc);
      case 'replacePerson': return this.replacePerson(JSON.parse(op.doc) as Person, op.doc, op.version);
      case 'claimSentCard': return this.claimSentCard(JSON.parse(op.doc) as SentCard, op.doc);
      case 'updateSentCard': return this.updateSentCard(JSON.parse(op.doc) as SentCard, op.doc, op.version);
    }
  }

  /** The index rows of the customer: its active ESDs (R1), its workloads in flight (P2) and its queue entry (P1). */
  indexCustomer(customer: Customer): void {
    const insert = this.sql(`INSERT INTO engagements (tenant_id, workload, esd, state, assignee_id, remind_on, row)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    for (const row of engagementRows(customer)) {
      const assigneeId = row.assignee?.type === 'fm' ? row.assignee.aadObjectId : null;
      insert.run(row.tenantId, row.workload, row.engagementStartDate, row.state, assigneeId, row.remindOn,
        JSON.stringify(row));
    }
    const inFlight = this.sql('INSERT INTO in_flight (tenant_id, workload, assignee_id) VALUES (?, ?, ?)');
    for (const row of inFlightRows(customer)) inFlight.run(row.tenantId, row.workload, row.assigneeId);
    const key = queueKey(customer);
    if (key !== null) this.sql('INSERT INTO queue (tenant_id, queue_key) VALUES (?, ?)').run(customer.tenantId, key);
  }

  private sql(text: string): Statement {
    return this.statements.get(text);
  }

  private createCustomer(customer: Customer, doc: string): void {
    try {
      this.sql('INSERT INTO customers (tenant_id, name_key, version, doc) VALUES (?, ?, 1, ?)')
        .run(customer.tenantId, customer.name.toLowerCase(), doc);
    } catch (error) {
      if (isUniqueViolation(error)) throw new StoreError('conflict', `Customer ${customer.tenantId} already exists.`);
      throw error;
    }
    this.indexCustomer(customer);
  }

  private replaceCustomer(customer: Customer, doc: string, version: number): void {
    const changed = this.sql('UPDATE customers SET doc = ?, name_key = ?, version = version + 1 WHERE tenant_id = ? AND version = ?')
      .run(doc, customer.name.toLowerCase(), customer.tenantId, version).changes;
    if (changed === 0) {
      const exists = this.sql('SELECT 1 FROM customers WHERE tenant_id = ?').get(customer.tenantId);
      throw exists
        ? new StoreError('precondition_failed', `Customer ${customer.tenantId} changed since it was read.`)
        : new StoreError('not_found', `Customer ${customer.tenantId} does not exist.`);
    }
    this.reindexCustomer(customer);
  }

  /**
   * Brings the customer's index rows to what its new version needs, touching only the rows that change: a card
   * action changes one workload, so the other's `engagements` row (its three indexes and the load counts its
   * triggers keep) is left as it is, and the commit writes fewer pages.
   */
  private reindexCustomer(customer: Customer): void {
    const { tenantId } = customer;
    const storedRows = this.sql('SELECT workload, row FROM engagements WHERE tenant_id = ?').all(tenantId) as
      { workload: string; row: string }[];
    const stored = new Map(storedRows.map((r) => [r.workload, r.row]));
    for (const row of engagementRows(customer)) {
      const json = JSON.stringify(row);
      const before = stored.get(row.workload);
      stored.delete(row.workload);
      if (before === json) continue;
      const assigneeId = row.assignee?.type === 'fm' ? row.assignee.aadObjectId : null;
      if (before === undefined) {
        this.sql(`INSERT INTO engagements (tenant_id, workload, esd, state, assignee_id, remind_on, row)
          VALUES (?, ?, ?, ?, ?, ?, ?)`)
          .run(tenantId, row.workload, row.engagementStartDate, row.state, assigneeId, row.remindOn, json);
      } else {
        this.sql(`UPDATE engagements SET esd = ?, state = ?, assignee_id = ?, remind_on = ?, row = ?
          WHERE tenant_id = ? AND workload = ?`)
          .run(row.engagementStartDate, row.state, assigneeId, row.remindOn, json, tenantId, row.workload);
      }
    }
    const deleteRow = this.sql('DELETE FROM engagements WHERE tenant_id = ? AND workload = ?');
    for (const workload of stored.keys()) deleteRow.run(tenantId, workload);
    const flyingRows = this.sql('SELECT workload, assignee_id FROM in_flight WHERE tenant_id = ?').all(tenantId) as
      { workload: string; assignee_id: string }[];
    const flying = new Map(flyingRows.map((r) => [r.workload, r.assignee_id]));
    for (const row of inFlightRows(customer)) {
      const before = flying.get(row.workload);
      flying.delete(row.workload);
      if (before === row.assigneeId) continue;
      if (before === undefined) {
        this.sql('INSERT INTO in_flight (tenant_id, workload, assignee_id) VALUES (?, ?, ?)')
          .run(tenantId, row.workload, row.assigneeId);
      } else {
        this.sql('UPDATE in_flight SET assignee_id = ? WHERE tenant_id = ? AND workload = ?')
          .run(row.assigneeId, tenantId, row.workload);
      }
    }
    const deleteFlying = this.sql('DELETE FROM in_flight WHERE tenant_id = ? AND workload = ?');
    for (const workload of flying.keys()) deleteFlying.run(tenantId, workload);
    const key = queueKey(customer);
    const queued = this.sql('SELECT queue_key FROM queue WHERE tenant_id = ?').get(tenantId) as { queue_key: string } | undefined;
    if (key === (queued?.queue_key ?? null)) return;
    if (key === null) this.sql('DELETE FROM queue WHERE tenant_id = ?').run(tenantId);
    else {
      this.sql(`INSERT INTO queue (tenant_id, queue_key) VALUES (?, ?)
        ON CONFLICT (tenant_id) DO UPDATE SET queue_key = excluded.queue_key`).run(tenantId, key);
    }
  }

  private createPerson(person: Person, doc: string): void {
    try {
      this.sql('INSERT INTO people (aad_object_id, role, version, doc) VALUES (?, ?, 1, ?)').run(person.aadObjectId, person.role, doc);
    } catch (error) {
      if (isUniqueViolation(error)) throw new StoreError('conflict', `Person ${person.aadObjectId} already exists.`);
      throw error;
    }
  }

  private replacePerson(person: Person, doc: string, version: number): void {
    const changed = this.sql('UPDATE people SET doc = ?, role = ?, version = version + 1 WHERE aad_object_id = ? AND version = ?')
      .run(doc, person.role, person.aadObjectId, version).changes;
    if (changed === 0) throw this.missingOrStale('people', 'aad_object_id', person.aadObjectId, 'Person');
  }

  private claimSentCard(record: SentCard, doc: string): boolean {
    return this.sql(`INSERT INTO sent_cards (id, tenant_id, workload, due_on, status, version, doc)
      VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT (id) DO NOTHING`)
      .run(record.id, record.tenantId, record.workload, record.dueOn, record.status, doc).changes === 1;
  }

  private updateSentCard(record: SentCard, doc: string, version: number): void {
    const changed = this.sql(`UPDATE sent_cards SET doc = ?, due_on = ?, status = ?, version = version + 1
      WHERE id = ? AND version = ?`).run(doc, record.dueOn, record.status, record.id, version).changes;
    if (changed === 0) throw this.missingOrStale('sent_cards', 'id', record.id, 'Sent card');
  }

  private missingOrStale(table: 'people' | 'sent_cards', column: string, id: string, what: string): StoreError {
    const exists = this.sql(`SELECT 1 FROM ${table} WHERE ${column} = ?`).get(id);
    return exists
      ? new StoreError('precondition_failed', `${what} ${id} changed since it was read.`)
      : new StoreError('not_found', `${what} ${id} does not exist.`);
  }
}

/** An error as it crosses from the writer thread: a StoreError keeps its code, others their name and message. */
export interface WireError {
  name: string;
  message: string;
  storeCode?: StoreErrorCode;
  /** SQLite's code (SQLITE_BUSY, SQLITE_IOERR…) of a SqliteError. */
  sqliteCode?: string;
}

export function toWire(error: unknown): WireError {
  if (error instanceof StoreError) return { name: error.name, message: error.message, storeCode: error.code };
  if (error instanceof Database.SqliteError) {
    return { name: error.name, message: error.message, sqliteCode: error.code };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function fromWire(wire: WireError): Error {
  if (wire.storeCode) return new StoreError(wire.storeCode, wire.message);
  const error = new Error(wire.message) as Error & { code?: string };
  error.name = wire.name;
  if (wire.sqliteCode) error.code = wire.sqliteCode;
  return error;
}
