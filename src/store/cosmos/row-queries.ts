/**
 * The listing queries over the customers' `search` arrays. Azure Cosmos DB cannot ORDER BY a JOINed property, so a
 * query selects every row after the cursor (keyset, in WHERE) and the page is sorted and cut here.
 */
import type { SqlParameter, SqlQuerySpec } from '@azure/cosmos';
import { compareRows, decodeCursor, encodeCursor, pageSize, type Cursor } from '../engagement-rows';
import type { Customer } from '../../domain/types';
import { decodeQueueCursor } from '../queue-entries';
import { decodeSentCardCursor } from '../sent-card-pages';
import type { EngagementQuery, EngagementRow, Page, QueueQuery, ReminderQuery, SentCardQuery } from '../store';
import { engagementRowFrom } from './documents';

/** A validated listing: its query, the row field it is ordered by, and the page size. */
export interface RowListing {
  spec: SqlQuerySpec;
  dateField: 'engagementStartDate' | 'remindOn';
  limit: number;
}

interface Filter {
  where: string[];
  parameters: SqlParameter[];
}

/** Adds a WHERE clause and the parameter it names (values are always parameters, never spliced into the text). */
function addClause(filter: Filter, clause: string, parameter: SqlParameter): void {
  filter.where.push(clause);
  filter.parameters.push(parameter);
}

const SELECT_ROWS = 'SELECT VALUE s FROM c JOIN s IN c.search';

/** Rows strictly after the cursor in (date, tenant, workload) order. */
function addKeyset(filter: Filter, dateExpr: string, cursor: Cursor | undefined): void {
  if (cursor === undefined) return;
  filter.where.push(
    `(${dateExpr} > @cd OR (${dateExpr} = @cd AND (c.tenantId > @ct OR (c.tenantId = @ct AND s.workload > @cw))))`,
  );
  filter.parameters.push(
    { name: '@cd', value: cursor.date },
    { name: '@ct', value: cursor.tenantId },
    { name: '@cw', value: cursor.workload },
  );
}

function toSpec(filter: Filter): SqlQuerySpec {
  const where = filter.where.length > 0 ? ` WHERE ${filter.where.join(' AND ')}` : '';
  return { query: `${SELECT_ROWS}${where}`, parameters: filter.parameters };
}

export function engagementListing(query: EngagementQuery): RowListing {
  const limit = pageSize(query.limit);
  const cursor = decodeCursor(query.continuationToken);
  const filter: Filter = { where: [], parameters: [] };
  if (query.from !== undefined) {
    addClause(filter, 's.engagementStartDate >= @from', { name: '@from', value: query.from });
  }
  if (query.to !== undefined) addClause(filter, 's.engagementStartDate <= @to', { name: '@to', value: query.to });
  if (query.assigneeId !== undefined) {
    addClause(filter, "s.assignee.type = 'fm' AND s.assignee.aadObjectId = @assignee",
      { name: '@assignee', value: query.assigneeId });
  }
  if (query.states !== undefined) {
    addClause(filter, 'ARRAY_CONTAINS(@states, s.state)', { name: '@states', value: query.states });
  }
  addKeyset(filter, 's.engagementStartDate', cursor);
  return { spec: toSpec(filter), dateField: 'engagementStartDate', limit };
}

export function reminderListing(query: ReminderQuery): RowListing {
  const limit = pageSize(query.limit);
  const cursor = decodeCursor(query.continuationToken);
  const filter: Filter = { where: [], parameters: [] };
  addClause(filter, 'IS_STRING(s.remindOn) AND s.remindOn <= @due', { name: '@due', value: query.dueOnOrBefore });
  addKeyset(filter, 's.remindOn', cursor);
  return { spec: toSpec(filter), dateField: 'remindOn', limit };
}

/** Sorts every matching row, keeps the first page, and names where the next one starts when there is one. */
export function pageOf(rows: EngagementRow[], listing: RowListing): Page<EngagementRow> {
  const keyOf = (row: EngagementRow): Cursor => ({
    date: row[listing.dateField] ?? '',
    tenantId: row.tenantId,
    workload: row.workload,
  });
  const sorted = rows.map(engagementRowFrom).sort((a, b) => compareRows(keyOf(a), keyOf(b)));
  const items = sorted.slice(0, listing.limit);
  const last = items[items.length - 1];
  if (sorted.length <= listing.limit || last === undefined) return { items };
  return { items, continuationToken: encodeCursor(keyOf(last)) };
}

/** What the queue query projects of a customer document (never its history or notes). */
export interface QueueDocument {
  tenantId: string;
  name: string;
  workloads: Customer['workloads'];
  _etag?: string;
}

/**
 * P1: the unassigned customers (a string `queueKey`) after the cursor, ordered by (queueKey, tenantId), at most one
 * more than the page (to know whether another follows). Unlike the JOINed rows, top-level properties order in the
 * query itself.
 */
export function queueListing(query: QueueQuery): { spec: SqlQuerySpec; limit: number } {
  const limit = pageSize(query.limit);
  const cursor = decodeQueueCursor(query.continuationToken);
  const filter: Filter = { where: ['IS_STRING(c.queueKey)'], parameters: [{ name: '@n', value: limit + 1 }] };
  if (query.firstEsdOnOrBefore !== undefined) {
    addClause(filter, 'c.queueKey <= @last', { name: '@last', value: query.firstEsdOnOrBefore });
  }
  if (cursor !== undefined) {
    filter.where.push('(c.queueKey > @ck OR (c.queueKey = @ck AND c.tenantId > @ct))');
    filter.parameters.push({ name: '@ck', value: cursor.key }, { name: '@ct', value: cursor.tenantId });
  }
  return {
    spec: {
      query: `SELECT TOP @n c.tenantId, c.name, c.workloads, c._etag FROM c WHERE ${filter.where.join(' AND ')}
        ORDER BY c.queueKey ASC, c.tenantId ASC`,
      parameters: filter.parameters,
    },
    limit,
  };
}

/**
 * GET /api/reminders: the sent cards after the cursor, ordered by (dueOn, id) in the query (a composite index of
 * the sentCards container), at most one more than the page.
 */
export function sentCardListing(query: SentCardQuery): { spec: SqlQuerySpec; limit: number } {
  const limit = pageSize(query.limit);
  const cursor = decodeSentCardCursor(query.continuationToken);
  const filter: Filter = { where: ['IS_STRING(c.dueOn)'], parameters: [{ name: '@n', value: limit + 1 }] };
  if (query.statuses !== undefined) {
    addClause(filter, 'ARRAY_CONTAINS(@statuses, c.status)', { name: '@statuses', value: query.statuses });
  }
  if (query.from !== undefined) addClause(filter, 'c.dueOn >= @from', { name: '@from', value: query.from });
  if (query.to !== undefined) addClause(filter, 'c.dueOn <= @to', { name: '@to', value: query.to });
  if (cursor !== undefined) {
    filter.where.push('(c.dueOn > @cd OR (c.dueOn = @cd AND c.id > @ci))');
    filter.parameters.push({ name: '@cd', value: cursor.dueOn }, { name: '@ci', value: cursor.id });
  }
  return {
    spec: {
      query: `SELECT TOP @n * FROM c WHERE ${filter.where.join(' AND ')} ORDER BY c.dueOn ASC, c.id ASC`,
      parameters: filter.parameters,
    },
    limit,
  };
}
