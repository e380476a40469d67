import type { CalendarDate } from './dates';

/** The workload catalogue (docs/contract.md). Order is display order. */
export const WORKLOADS = [
  'ExchangeOnline', 'SharePointOnline', 'OneDrive', 'Teams', 'Intune', 'Windows',
  'Microsoft365Apps', 'Defender', 'Purview', 'Viva', 'Copilot',
] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

/** L1 status: the customer's intent for one workload. Only `InProgress` carries an ESD (R1). */
export const L1_STATUSES = ['InProgress', 'Unknown', 'Blocked', 'NoIntent'] as const;
export type L1Status = (typeof L1_STATUSES)[number];

export const DATE_PRECISIONS = ['day', 'month'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const WORKLOAD_STATES = [
  'scheduled', 'started', 'awaitingCustomer', 'inactive', 'completed', 'notApplicable',
] as const;
export type WorkloadState = (typeof WORKLOAD_STATES)[number];

export const ROLES = ['fm', 'gateway', 'partner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The languages a person's texts may be in (the directory's `locale`). */
export const LOCALES = ['en-US', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** Who did something: a person from the directory, or a named API key (`aadObjectId` = `apikey:<name>`). */
export interface Actor {
  aadObjectId: string;
  name: string;
  role: Role;
}

/** The `aadObjectId` of an actor that is an API key (`apikey:<name>`): a caller, never a person of the directory. */
export const API_KEY_ACTOR_PREFIX = 'apikey:';

export function isApiKeyActor(actor: Actor): boolean {
  return actor.aadObjectId.startsWith(API_KEY_ACTOR_PREFIX);
}

export type Assignee =
  | { type: 'fm'; aadObjectId: string; name: string }
  | { type: 'partner'; partnerId: string; name: string };

/**
 * Through what a date was set. `gateway`: the Gateway entry (R4); `import`: the Gateway CSV import;
 * `serialDeployment` (R7) and `successReview` (R8): a workload added to a customer already deploying;
 * `card`: the FM's reminder card; `api`: a REST change.
 */
export const CHANGE_SOURCES = ['gateway', 'import', 'serialDeployment', 'successReview', 'card', 'api'] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];

/** Why a workload is added to a customer already deploying: a serial deployment (R7) or a success review (R8). */
export const ADDED_WORKLOAD_SOURCES = ['serialDeployment', 'successReview'] as const satisfies readonly ChangeSource[];
export type AddedWorkloadSource = (typeof ADDED_WORKLOAD_SOURCES)[number];

/** R10: every change of an ESD keeps who, when, from what to what, and why. */
export interface HistoryEntry {
  at: string;
  by: Actor;
  from: CalendarDate | null;
  to: CalendarDate | null;
  precision: DatePrecision | null;
  reason: string | null;
  source: ChangeSource;
}

export const NOTE_KINDS = [
  'dateChanged', 'noResponse', 'customerInactive', 'started', 'completed', 'statusChanged', 'note',
] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** One entry of the customer's Overall Status Notes (never the Benefits Notes: R6). */
export interface StatusNote {
  at: string;
  by: Actor;
  workload: WorkloadName | null;
  kind: NoteKind;
  text: string;
  /** The id of the request that wrote it, so a retried request is recognised and not applied twice. */
  requestId?: string;
}

export interface Workload {
  workload: WorkloadName;
  l1Status: L1Status;
  engagementStartDate: CalendarDate | null;
  datePrecision: DatePrecision | null;
  state: WorkloadState;
  startedOn: CalendarDate | null;
  completedOn: CalendarDate | null;
  /** R5: after "no response yet", the day the FM is asked again. */
  followUpOn: CalendarDate | null;
  /**
   * Bumped by every change of this workload. A card carries the revision it was drawn from, so an action on it is
   * stale only when this workload changed since, not when another workload of the customer did.
   */
  revision: number;
  history: HistoryEntry[];
}

export interface Customer {
  tenantId: string;
  name: string;
  assignee: Assignee | null;
  workloads: Workload[];
  statusNotes: StatusNote[];
  createdAt: string;
  updatedAt: string;
}

/** A stored value with the opaque version tag its store gave it (Cosmos `_etag`, SQLite row version). */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/** Enough of a Bot Framework ConversationReference to send a proactive message; opaque to the domain. */
export type ConversationRef = Record<string, unknown>;

export interface Person {
  aadObjectId: string;
  name: string;
  email: string;
  /**
   * Given by an admin (PUT /api/people). Null for someone known only because they installed or messaged the bot:
   * their conversation is kept so cards reach them once an admin gives them a role, but they may do nothing yet.
   */
  role: Role | null;
  /** IANA zone; reminders arrive in the person's local morning. */
  timeZone: string;
  partnerId?: string;
  /** P2: how many engagements an FM can start in a week; absent when not set. Shown next to the FM's load. */
  weeklyCapacity?: number;
  /** The language of the person's texts; absent when not set. */
  locale?: Locale;
  conversation: ConversationRef | null;
  /** False after a final delivery failure or an uninstall, until the person talks to the bot again. */
  reachable: boolean;
  /** Why the bot cannot message the person (set with `reachable: false`); absent while nothing failed. */
  unreachableReason?: UnreachableReason;
  updatedAt: string;
}

/**
 * `neverInstalled`: Teams refused to create the chat (the app is not installed for the person); `blocked`: Teams
 * refuses cards in the chat (403: the person blocked the bot, or an admin disabled it); `uninstalled`: the app was
 * removed or the chat is gone (404); `graphRefused`: Microsoft Graph refused to install the app for the person.
 */
export type UnreachableReason = 'neverInstalled' | 'blocked' | 'uninstalled' | 'graphRefused';
export const UNREACHABLE_REASONS: readonly UnreachableReason[] = ['neverInstalled', 'blocked', 'uninstalled', 'graphRefused'];

/**
 * One card about one workload sent into someone's chat: a reminder (kinds `start`, `followUp`), a welcome card, or a
 * card shown in reply to a command (`shown`). Reminders and welcome cards have a deterministic id (workload + due
 * date + kind, or workload + FM) claimed before sending, so each is sent at most once; every card is recorded with
 * its activity id so it can be updated in place when the workload changes.
 */
export interface SentCard {
  id: string;
  /** '' for a card about no one customer (a digest). */
  tenantId: string;
  /** '' for a card about no one workload (a digest). */
  workload: WorkloadName | '';
  dueOn: CalendarDate;
  kind: SentCardKind;
  recipientId: string;
  /** `retrying`: a transient failure, a later sweep tries again; `failed`: final (blocked, uninstalled, too large). */
  status: 'claimed' | 'sent' | 'retrying' | 'failed';
  attempts: number;
  activityId: string | null;
  conversationId: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}
/** The reminders the sweep sends (R3 on the ESD, R5 on the follow-up day). */
export type ReminderKind = 'start' | 'followUp';
/**
 * `headsUp`: a Gateway person told that an unassigned customer starts soon (P1), once per customer and person.
 * `summary`: one card in place of an FM's many reminders of one morning; its record is filed under its first row.
 * `digest`: a person's Monday digest, once per person and week (tenantId and workload '').
 */
export type SentCardKind = ReminderKind | 'welcome' | 'shown' | 'headsUp' | 'summary' | 'digest';

export interface Lease {
  name: string;
  owner: string;
  expiresAt: string;
}

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
