/** What the REST routes accept: bodies, path parameters and query strings (docs/contract.md). */
import { MAX_WORKLOADS } from '../../domain/customer';
import { MAX_NOTE_LENGTH } from '../../domain/text';
import {
  ADDED_WORKLOAD_SOURCES, type AddedWorkloadSource, type L1Status, type Locale, type Role, type WorkloadName,
} from '../../domain/types';
import { REMINDER_STATUSES, type ReminderStatus } from '../../services/reminder-list';
import { MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE } from '../../store/engagement-rows';
import {
  CALENDAR_DATE, closedObject, ESD_DATE, ESD_MONTH, INSTANT, L1_STATUS, NAME, OBJECT_ID, PARTNER_ID, ROLE,
  STARTED_ON, TENANT_ID, when, WORKLOAD_NAME, WEEKLY_CAPACITY, LOCALE,
} from './fields';
import { schema, type JsonSchema } from './json-schema';

export type AssigneeBody =
  | { type: 'fm'; aadObjectId: string; name?: string }
  | { type: 'partner'; partnerId: string; name: string };

export interface WorkloadEntryBody {
  workload: WorkloadName;
  l1Status: L1Status;
  engagementStartDate?: string | null;
  engagementStartMonth?: string | null;
}

/** A workload of a new customer: a date still to come, or the day it started when already under way (R2). */
export interface NewCustomerWorkloadBody extends WorkloadEntryBody {
  startedOn?: string | null;
}

export interface NewCustomerBody {
  tenantId: string;
  name: string;
  assignee?: AssigneeBody;
  workloads: NewCustomerWorkloadBody[];
}

export interface NewWorkloadBody extends WorkloadEntryBody {
  source?: AddedWorkloadSource;
  /** The earlier name of `source`, still accepted. */
  context?: AddedWorkloadSource;
  note?: string | null;
}

export interface WorkloadPatchBody {
  l1Status?: L1Status;
  engagementStartDate?: string | null;
  engagementStartMonth?: string | null;
  reason?: string | null;
}

export interface PersonBody {
  name: string;
  email: string;
  role: Role;
  timeZone: string;
  partnerId?: string;
  weeklyCapacity?: number | null;
  locale?: Locale | null;
}

export interface ReminderRunBody {
  asOf?: string;
}

export const ASSIGNEE_INPUT = schema<AssigneeBody>(closedObject(
  { type: { type: 'string', enum: ['fm', 'partner'] }, aadObjectId: OBJECT_ID, partnerId: PARTNER_ID, name: NAME },
  ['type'],
  {
    description: 'An FM of the directory by object id (the name comes from the directory), or an FRP partner (R9).',
    allOf: [
      when('type', 'fm', { required: ['aadObjectId'], properties: { partnerId: false } }),
      when('type', 'partner', { required: ['partnerId', 'name'], properties: { aadObjectId: false } }),
    ],
  },
));

const WORKLOAD_ENTRY_FIELDS = {
  workload: WORKLOAD_NAME, l1Status: L1_STATUS, engagementStartDate: ESD_DATE, engagementStartMonth: ESD_MONTH,
};

export const WORKLOAD_ENTRY = schema<NewCustomerWorkloadBody>(closedObject(
  { ...WORKLOAD_ENTRY_FIELDS, startedOn: STARTED_ON }, ['workload', 'l1Status'], {
    description: 'One workload: an InProgress one needs exactly one of engagementStartDate, engagementStartMonth or, '
      + 'when already under way (R2), startedOn; others carry no date (R1).',
  },
));

export const NEW_CUSTOMER = schema<NewCustomerBody>(closedObject({
  tenantId: TENANT_ID,
  name: NAME,
  assignee: ASSIGNEE_INPUT,
  workloads: { type: 'array', minItems: 1, maxItems: MAX_WORKLOADS, items: WORKLOAD_ENTRY },
}, ['tenantId', 'name', 'workloads'], { description: 'A new customer as the Gateway enters it (R4); the assignee is optional.' }));

const ADDED_SOURCE: JsonSchema = {
  type: 'string', enum: ADDED_WORKLOAD_SOURCES, default: 'serialDeployment',
  description: 'serialDeployment: a further workload of a customer already deploying (R7); successReview: announced at a Customer Success Review (R8).',
};

export const NEW_WORKLOAD = schema<NewWorkloadBody>(closedObject({
  ...WORKLOAD_ENTRY_FIELDS,
  source: ADDED_SOURCE,
  context: { ...ADDED_SOURCE, deprecated: true, description: 'The earlier name of source, still accepted (not both, unless equal).' },
  note: { type: ['string', 'null'], maxLength: MAX_NOTE_LENGTH, description: 'Optional: goes into the Overall Status Notes with the addition.' },
}, ['workload', 'l1Status'], {
  description: 'A further workload (R7, R8). Gateway staff and admins may add one to any customer; an FM only to a customer assigned to them, with their own Entra ID token.',
}));

export const WORKLOAD_PATCH = schema<WorkloadPatchBody>(closedObject({
  l1Status: L1_STATUS,
  engagementStartDate: ESD_DATE,
  engagementStartMonth: ESD_MONTH,
  reason: { type: ['string', 'null'], maxLength: MAX_NOTE_LENGTH, description: 'Why the date changes: required with every date change (R6); goes into the Overall Status Notes.' },
}, [], {
  description: 'A new L1 status and/or a new date (day or month). Leaving InProgress keeps the history but ends the active ESD (R1).',
}));

export const PERSON_INPUT = schema<PersonBody>(closedObject({
  name: NAME,
  email: { type: 'string', format: 'email', maxLength: 254 },
  role: ROLE,
  timeZone: { type: 'string', format: 'iana-time-zone', maxLength: 64, description: 'An IANA time zone, e.g. Europe/Paris: reminders arrive in the local morning.' },
  partnerId: PARTNER_ID,
  weeklyCapacity: WEEKLY_CAPACITY,
  locale: LOCALE,
}, ['name', 'email', 'role', 'timeZone'], {
  description: 'A directory entry. partnerId is required for, and only for, the role partner.',
  allOf: [when('role', 'partner', { required: ['partnerId'] }, { properties: { partnerId: false } })],
}));

export const REMINDER_RUN = schema<ReminderRunBody>(closedObject({
  asOf: {
    ...INSTANT,
    description: 'The instant the sweep runs as of (default: now), from 2019-10-01; in production at most five minutes '
      + 'ahead of now, outside production up to a year ahead (a simulation). A second run for the same asOf sends nothing new.',
  },
}));

export interface TenantParams { tenantId: string }
export interface WorkloadParams { tenantId: string; workload: WorkloadName }
export interface PersonParams { aadObjectId: string }

export const TENANT_PARAMS = schema<TenantParams>(closedObject({ tenantId: TENANT_ID }, ['tenantId']));
export const WORKLOAD_PARAMS = schema<WorkloadParams>(closedObject({ tenantId: TENANT_ID, workload: WORKLOAD_NAME }, ['tenantId', 'workload']));
export const PERSON_PARAMS = schema<PersonParams>(closedObject({ aadObjectId: OBJECT_ID }, ['aadObjectId']));

export interface EngagementQueryParams {
  from?: string;
  to?: string;
  assignee?: string;
  continuationToken?: string;
  limit?: number;
}

/** The paging parameters of every paged listing. */
const PAGING = {
  continuationToken: { type: 'string', minLength: 1, maxLength: 2000, description: 'From the previous page; absent on the last page.' },
  limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, description: 'Page size.' },
} as const satisfies Record<string, JsonSchema>;

export const ENGAGEMENT_QUERY = schema<EngagementQueryParams>(closedObject({
  from: { ...CALENDAR_DATE, description: 'Earliest ESD, inclusive.' },
  to: { ...CALENDAR_DATE, description: 'Latest ESD, inclusive.' },
  assignee: { ...OBJECT_ID, description: 'Only the customers assigned to this FM (object id).' },
  ...PAGING,
}));

export interface ReminderQueryParams {
  status?: ReminderStatus;
  from?: string;
  to?: string;
  continuationToken?: string;
  limit?: number;
}

export const REMINDER_QUERY = schema<ReminderQueryParams>(closedObject({
  status: {
    type: 'string', enum: [...REMINDER_STATUSES],
    description: 'pending: claimed or waiting for a retry by a later sweep; sent; failed (final).',
  },
  from: { ...CALENDAR_DATE, description: 'Earliest due day, inclusive.' },
  to: { ...CALENDAR_DATE, description: 'Latest due day, inclusive.' },
  ...PAGING,
}));

export interface PeopleQueryParams {
  reachable: 'false';
}

/** Issue 13: the people the bot cannot message. Listing the whole directory is not offered here. */
export const PEOPLE_QUERY = schema<PeopleQueryParams>(closedObject({
  reachable: {
    type: 'string', const: 'false',
    description: 'Only "false" is supported: the people the bot cannot message, with why and the reminders waiting.',
  },
}, ['reachable']));

export interface QueueQueryParams {
  assignee: 'none';
  continuationToken?: string;
  limit?: number;
}

/** P1: the Gateway queue. Listing all customers, or those of one assignee, is not offered here. */
export const QUEUE_QUERY = schema<QueueQueryParams>(closedObject({
  assignee: {
    type: 'string', const: 'none',
    description: 'Only "none" is supported: the customers with neither an FM nor a partner (the Gateway queue).',
  },
  ...PAGING,
}, ['assignee']));

export interface SuggestionQueryParams {
  date: string;
}

export const SUGGESTION_QUERY = schema<SuggestionQueryParams>(closedObject({
  date: { ...CALENDAR_DATE, description: 'The first ESD of the customer to assign: starts are counted in its ISO week and the next.' },
}, ['date']));

export interface GapQueryParams {
  from?: string;
  to?: string;
}

/** P3: the gaps report's range, by the start of the later item of each gap. */
export const GAP_QUERY = schema<GapQueryParams>(closedObject({
  from: { ...CALENDAR_DATE, description: 'Earliest start of the later item, inclusive (default: 365 days before to).' },
  to: { ...CALENDAR_DATE, description: 'Latest start of the later item, inclusive (default: today, UTC); at most 366 days after from.' },
}));

const MAX_LOAD_WEEKS = 26;
export const DEFAULT_LOAD_WEEKS = 8;

export interface LoadQueryParams {
  from?: string;
  weeks?: number;
}

export const LOAD_QUERY = schema<LoadQueryParams>(closedObject({
  from: { ...CALENDAR_DATE, description: 'A day of the first week reported (default: today, UTC).' },
  weeks: { type: 'integer', minimum: 1, maximum: MAX_LOAD_WEEKS, default: DEFAULT_LOAD_WEEKS, description: 'How many ISO weeks.' },
}));
