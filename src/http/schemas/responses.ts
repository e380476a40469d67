/**
 * What the REST routes answer (docs/contract.md): the customer document, pages of engagements, the load report,
 * errors.
 */
import { ERROR_CODES } from '../errors';
import { CHANGE_SOURCES, LOCALES, ROLES, UNREACHABLE_REASONS, WORKLOADS } from '../../domain/types';
import {
  CALENDAR_DATE, CHANGE_SOURCE, closedObject, COUNT, DATE_PRECISION, INSTANT, L1_STATUS, NAME, NOTE_KIND,
  NULLABLE_DATE, OBJECT_ID, PARTNER_ID, ROLE, TENANT_ID, when, WORKLOAD_NAME, WORKLOAD_STATE, WEEKLY_CAPACITY, LOCALE,
} from './fields';
import type { JsonSchema } from './json-schema';

export const ERROR_BODY: JsonSchema = closedObject({
  error: closedObject({
    code: { type: 'string', enum: ERROR_CODES },
    message: { type: 'string' },
    details: {
      type: 'array',
      items: closedObject({
        path: { type: 'string', description: 'The field, e.g. workloads/1/engagementStartDate ("" for the whole body).' },
        message: { type: 'string' },
      }, ['path', 'message']),
    },
  }, ['code', 'message', 'details']),
}, ['error'], { description: 'Every 4xx and 5xx answer.' });

export const ACTOR: JsonSchema = closedObject(
  { aadObjectId: { type: 'string' }, name: { type: 'string' }, role: ROLE },
  ['aadObjectId', 'name', 'role'],
  { description: 'Who did it: a directory person, or an API key (aadObjectId apikey:<name>).' },
);

export const ASSIGNEE: JsonSchema = closedObject(
  { type: { type: 'string', enum: ['fm', 'partner'] }, aadObjectId: OBJECT_ID, partnerId: PARTNER_ID, name: { type: 'string' } },
  ['type', 'name'],
  { allOf: [when('type', 'fm', { required: ['aadObjectId'] }), when('type', 'partner', { required: ['partnerId'] })] },
);
const NULLABLE_ASSIGNEE: JsonSchema = { anyOf: [ASSIGNEE, { type: 'null' }], description: 'Null until the customer is assigned.' };

export const HISTORY_ENTRY: JsonSchema = closedObject({
  at: INSTANT, by: ACTOR, from: NULLABLE_DATE, to: NULLABLE_DATE, precision: DATE_PRECISION,
  reason: { type: ['string', 'null'] }, source: CHANGE_SOURCE,
}, ['at', 'by', 'from', 'to', 'precision', 'reason', 'source'], {
  description: 'One change of the ESD (R10); a workload entered as already under way (R2) has one entry with from and '
    + 'to null and the reason "Entered as already under way (started on …)."',
});

export const STATUS_NOTE: JsonSchema = closedObject({
  at: INSTANT, by: ACTOR, workload: { type: ['string', 'null'], enum: [...WORKLOADS, null] }, kind: NOTE_KIND,
  text: { type: 'string' },
}, ['at', 'by', 'workload', 'kind', 'text'], { description: 'One entry of the Overall Status Notes.' });

export const WORKLOAD: JsonSchema = closedObject({
  workload: WORKLOAD_NAME, l1Status: L1_STATUS, engagementStartDate: NULLABLE_DATE, datePrecision: DATE_PRECISION,
  state: WORKLOAD_STATE, startedOn: NULLABLE_DATE, completedOn: NULLABLE_DATE,
  followUpOn: { ...NULLABLE_DATE, description: 'After "no response yet", the day the FM is asked again (R5).' },
  revision: { type: 'integer', minimum: 1, description: 'Bumped by every change of this workload.' },
  history: { type: 'array', items: HISTORY_ENTRY },
}, ['workload', 'l1Status', 'engagementStartDate', 'datePrecision', 'state', 'startedOn', 'completedOn', 'followUpOn', 'revision', 'history']);

export const CUSTOMER: JsonSchema = closedObject({
  tenantId: TENANT_ID, name: NAME, assignee: NULLABLE_ASSIGNEE,
  workloads: { type: 'array', items: WORKLOAD },
  statusNotes: { type: 'array', items: STATUS_NOTE },
  createdAt: INSTANT, updatedAt: INSTANT,
  etag: { type: 'string', description: 'The version, as in the ETag header: send it back in If-Match.' },
}, ['tenantId', 'name', 'assignee', 'workloads', 'statusNotes', 'createdAt', 'updatedAt', 'etag']);

export const ENGAGEMENT_ROW: JsonSchema = closedObject({
  tenantId: TENANT_ID, customerName: { type: 'string' }, assignee: NULLABLE_ASSIGNEE, workload: WORKLOAD_NAME,
  engagementStartDate: CALENDAR_DATE, datePrecision: { type: 'string', enum: ['day', 'month'] }, state: WORKLOAD_STATE,
  startedOn: NULLABLE_DATE, completedOn: NULLABLE_DATE, followUpOn: NULLABLE_DATE,
  remindOn: { ...NULLABLE_DATE, description: 'The day the assigned FM is to be asked, if anyone is.' },
}, ['tenantId', 'customerName', 'assignee', 'workload', 'engagementStartDate', 'datePrecision', 'state', 'startedOn', 'completedOn', 'followUpOn', 'remindOn'],
{ description: 'One workload with an active ESD (R1).' });

export const ENGAGEMENT_PAGE: JsonSchema = closedObject({
  items: { type: 'array', items: ENGAGEMENT_ROW },
  continuationToken: { type: 'string', description: 'Pass it back for the next page; absent on the last page.' },
}, ['items']);

export const QUEUE_WORKLOAD: JsonSchema = closedObject({
  workload: WORKLOAD_NAME, l1Status: L1_STATUS, state: WORKLOAD_STATE, engagementStartDate: NULLABLE_DATE,
  datePrecision: DATE_PRECISION, startedOn: NULLABLE_DATE,
}, ['workload', 'l1Status', 'state', 'engagementStartDate', 'datePrecision', 'startedOn']);

export const QUEUE_ENTRY: JsonSchema = closedObject({
  tenantId: TENANT_ID, name: NAME,
  firstEsd: {
    ...NULLABLE_DATE,
    description: 'The earliest active ESD of a workload still expected to start (scheduled or waiting for the customer); null when there is none.',
  },
  workloads: { type: 'array', items: QUEUE_WORKLOAD, description: 'Every workload of the customer, with its date, precision and state.' },
  etag: { type: 'string', description: 'The customer\'s version (as its ETag): send it in If-Match of PUT …/assignee to assign what was listed.' },
}, ['tenantId', 'name', 'firstEsd', 'workloads', 'etag'], { description: 'A customer waiting for an FM (P1).' });

export const QUEUE_PAGE: JsonSchema = closedObject({
  items: { type: 'array', items: QUEUE_ENTRY, description: 'By first ESD (customers without one last), then tenant id.' },
  continuationToken: { type: 'string', description: 'Pass it back for the next page; absent on the last page.' },
}, ['items']);

export const SUGGESTION: JsonSchema = closedObject({
  aadObjectId: { type: 'string' }, name: { type: 'string' },
  starting: { ...COUNT, description: 'Engagements of the FM starting in the ISO week of the date and the next (the load report\'s count).' },
  inFlight: { ...COUNT, description: 'The FM\'s workloads in flight (the load report\'s count).' },
  capacity: { ...WEEKLY_CAPACITY, description: 'The FM\'s weeklyCapacity, or null when not set (shown, not ranked on).' },
}, ['aadObjectId', 'name', 'starting', 'inFlight', 'capacity']);

export const SUGGESTIONS: JsonSchema = {
  type: 'array', items: SUGGESTION,
  description: 'Every FM of the directory, least loaded first (P2): fewest starting, then fewest in flight, then by name.',
};

export const FM_LOAD: JsonSchema = closedObject({
  aadObjectId: { type: 'string' }, name: { type: 'string' },
  starting: { type: 'array', items: COUNT, description: 'Per week: active ESDs of the FM\'s customers in that ISO week (R1).' },
  estimated: { type: 'array', items: COUNT, description: 'Per week: how many of those are month estimates (R7).' },
  inFlight: { ...COUNT, description: 'Workloads started and not completed, with an ESD or entered as already under way without one (R2).' },
  capacity: { ...WEEKLY_CAPACITY, description: 'The FM\'s weeklyCapacity from the directory, or null when not set.' },
}, ['aadObjectId', 'name', 'starting', 'estimated', 'inFlight', 'capacity']);

export const LOAD_REPORT: JsonSchema = closedObject({
  from: CALENDAR_DATE,
  weeks: { type: 'array', items: { type: 'string', description: 'ISO week, e.g. 2026-W49.' } },
  fms: { type: 'array', items: FM_LOAD, description: 'Every FM of the directory, even at 0.' },
}, ['from', 'weeks', 'fms'], { description: 'FM load per ISO week (P2).' });

export const PERSON: JsonSchema = closedObject({
  aadObjectId: OBJECT_ID, name: { type: 'string' }, email: { type: 'string' }, role: ROLE, timeZone: { type: 'string' },
  partnerId: PARTNER_ID,
  weeklyCapacity: { ...WEEKLY_CAPACITY, type: 'integer' },
  locale: { ...LOCALE, type: 'string', enum: LOCALES },
  reachable: { type: 'boolean', description: 'False after a final delivery failure, until the person talks to the bot again.' },
  unreachableReason: { type: 'string', enum: [...UNREACHABLE_REASONS], description: 'Why the bot cannot message them, when it cannot.' },
  updatedAt: INSTANT,
}, ['aadObjectId', 'name', 'email', 'role', 'timeZone', 'reachable', 'updatedAt'], { description: 'A directory entry (its Teams conversation reference is not shown).' });

export const UNREACHABLE_PEOPLE: JsonSchema = closedObject({
  items: {
    type: 'array', description: 'By name.',
    items: closedObject({
      aadObjectId: OBJECT_ID, name: { type: 'string' }, email: { type: 'string' },
      role: { ...ROLE, type: ['string', 'null'], enum: [...ROLES, null] },
      reason: {
        type: 'string', enum: [...UNREACHABLE_REASONS],
        description: 'neverInstalled: no chat (the app is not installed for them, or they never opened it); blocked: '
          + 'Teams refuses cards in their chat; uninstalled: they removed the app; graphRefused: Graph refused to install it.',
      },
      remindersWaiting: { ...COUNT, description: 'Reminders due for them that wait until they can be reached.' },
    }, ['aadObjectId', 'name', 'email', 'role', 'reason', 'remindersWaiting']),
  },
}, ['items']);

export const SWEEP_RESULT: JsonSchema = closedObject({
  due: COUNT, sent: COUNT, skipped: COUNT, failed: COUNT,
  simulated: { type: 'boolean', const: true, description: 'Only outside production, when asOf was more than five minutes ahead of now: a simulation of a day to come.' },
}, ['due', 'sent', 'skipped', 'failed']);

export const REMINDER_ITEM: JsonSchema = closedObject({
  id: { type: 'string' },
  kind: {
    type: 'string', enum: ['start', 'followUp', 'welcome', 'shown', 'headsUp', 'summary', 'digest'],
    description: 'start: the ESD reminder (R3); followUp: the follow-up (R5); welcome; shown; headsUp: to the Gateway (P1); '
      + 'digest: a person\'s Monday digest.',
  },
  tenantId: { ...TENANT_ID, type: ['string', 'null'], description: 'The customer\'s tenant id; null for a digest.' },
  customerName: { type: ['string', 'null'], description: 'Null when the customer is no longer stored, and for a digest.' },
  workload: { ...WORKLOAD_NAME, type: ['string', 'null'], enum: [...WORKLOADS, null], description: 'Null for a digest.' },
  aadObjectId: { type: 'string', description: 'The recipient: an FM, or a Gateway person for a heads-up.' },
  fmName: { type: ['string', 'null'], description: 'The recipient\'s name; null when no longer in the directory.' },
  dueOn: CALENDAR_DATE,
  status: { type: 'string', enum: ['pending', 'sent', 'failed'] },
  attempts: COUNT,
  reason: { type: ['string', 'null'], description: 'Why the last send failed, in plain words; null when none did.' },
}, ['id', 'kind', 'tenantId', 'customerName', 'workload', 'aadObjectId', 'fmName', 'dueOn', 'status', 'attempts', 'reason'],
{ description: 'A card sent or to send.' });

export const REMINDER_PAGE: JsonSchema = closedObject({
  items: { type: 'array', items: REMINDER_ITEM, description: 'By due day, then id.' },
  continuationToken: { type: 'string', description: 'Pass it back for the next page; absent on the last page.' },
}, ['items']);

const NULLABLE_SOURCE: JsonSchema = {
  type: ['string', 'null'], enum: [...CHANGE_SOURCES, null],
  description: 'How the workload was entered: the source of its first history entry (gateway, import, serialDeployment, '
    + 'successReview, …); null when it has none.',
};

export const TIMELINE_ITEM: JsonSchema = closedObject({
  workload: WORKLOAD_NAME, source: NULLABLE_SOURCE, engagementStartDate: NULLABLE_DATE, datePrecision: DATE_PRECISION,
  state: WORKLOAD_STATE, startedOn: NULLABLE_DATE, completedOn: NULLABLE_DATE,
  start: { ...CALENDAR_DATE, description: 'Where the item sits in the series: startedOn, else the ESD (a month estimate: its 1st).' },
  estimated: { type: 'boolean', description: 'Not started and only a month is known (R7): start is that month\'s 1st.' },
  overlapping: { type: 'boolean', description: 'It starts (or started) while an earlier item had started and not completed: no gap.' },
  gapDays: {
    type: ['integer', 'null'], minimum: 0,
    description: 'Days from the latest completion of another item on or before start to start; null for the first item, '
      + 'when nothing completed by then, and when overlapping.',
  },
  after: {
    anyOf: [closedObject({ workload: WORKLOAD_NAME, completedOn: CALENDAR_DATE }, ['workload', 'completedOn']), { type: 'null' }],
    description: 'The item whose completion gapDays is measured from; null when gapDays is.',
  },
}, ['workload', 'source', 'engagementStartDate', 'datePrecision', 'state', 'startedOn', 'completedOn', 'start', 'estimated',
  'overlapping', 'gapDays', 'after'], { description: 'One step of the series (P3).' });

export const TIMELINE: JsonSchema = closedObject({
  tenantId: TENANT_ID, name: NAME,
  items: {
    type: 'array', items: TIMELINE_ITEM,
    description: 'The InProgress workloads with a start (R1), in order of start, then catalogue order.',
  },
}, ['tenantId', 'name', 'items'], { description: 'The serial-deployment picture of one customer (P3).' });

export const GAP: JsonSchema = closedObject({
  workload: WORKLOAD_NAME, state: WORKLOAD_STATE,
  start: { ...CALENDAR_DATE, description: 'The later item\'s start (startedOn, else its ESD): in [from, to].' },
  estimated: { type: 'boolean', description: 'The start is a month estimate (R7), not started yet.' },
  after: { ...WORKLOAD_NAME, description: 'The workload whose completion the gap is measured from.' },
  completedOn: CALENDAR_DATE,
  gapDays: COUNT,
  waiting: { type: 'boolean', description: 'Not started yet and still expected to (scheduled or awaiting the customer).' },
}, ['workload', 'state', 'start', 'estimated', 'after', 'completedOn', 'gapDays', 'waiting']);

export const GAP_REPORT: JsonSchema = closedObject({
  from: CALENDAR_DATE, to: CALENDAR_DATE,
  customers: {
    type: 'array', description: 'The customers with at least one gap in the range, by name.',
    items: closedObject({ tenantId: TENANT_ID, name: NAME, gaps: { type: 'array', items: GAP } }, ['tenantId', 'name', 'gaps']),
  },
  summary: closedObject({
    gaps: { ...COUNT, description: 'How many gaps are listed.' },
    medianDays: { type: ['number', 'null'], minimum: 0, description: 'The median gap (the mean of the two middle ones for an even count); null without gaps.' },
    p90Days: { type: ['integer', 'null'], minimum: 0, description: 'The 90th percentile gap (nearest rank); null without gaps.' },
    waiting: { ...COUNT, description: 'How many of the gaps wait for their next start: a deployment completed, the next not started yet.' },
  }, ['gaps', 'medianDays', 'p90Days', 'waiting']),
}, ['from', 'to', 'customers', 'summary'], { description: 'Serial-deployment gaps (P3) whose later item starts in [from, to].' });

export const HEALTH: JsonSchema = closedObject({ status: { const: 'ok' } }, ['status']);

export const OPENAPI_DOCUMENT: JsonSchema = { type: 'object', description: 'This OpenAPI 3.1 document.' };

export const ACTIVITY: JsonSchema = {
  type: 'object', required: ['type'], properties: { type: { type: 'string', minLength: 1 } },
  description: 'A Bot Framework activity (authenticated by the Bot Framework token, not by the API).',
};
