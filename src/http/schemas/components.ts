/**
 * The named schemas of the OpenAPI document (`#/components/schemas/<name>`). The generator puts a `$ref` wherever
 * one of these very objects is used, so naming a schema here changes the document's shape, never its meaning.
 */
import type { JsonSchema } from './json-schema';
import {
  ASSIGNEE_INPUT, NEW_CUSTOMER, NEW_WORKLOAD, PERSON_INPUT, REMINDER_RUN, WORKLOAD_ENTRY, WORKLOAD_PATCH,
} from './requests';
import {
  ACTIVITY, ACTOR, ASSIGNEE, CUSTOMER, ENGAGEMENT_PAGE, ENGAGEMENT_ROW, ERROR_BODY, FM_LOAD, GAP, GAP_REPORT, HEALTH,
  HISTORY_ENTRY, LOAD_REPORT, PERSON, QUEUE_ENTRY, QUEUE_PAGE, QUEUE_WORKLOAD, REMINDER_ITEM, REMINDER_PAGE,
  STATUS_NOTE, SUGGESTION, SWEEP_RESULT, TIMELINE, TIMELINE_ITEM, WORKLOAD,
} from './responses';

export const COMPONENTS: Readonly<Record<string, JsonSchema>> = {
  ErrorBody: ERROR_BODY,
  Actor: ACTOR,
  Assignee: ASSIGNEE,
  HistoryEntry: HISTORY_ENTRY,
  StatusNote: STATUS_NOTE,
  Workload: WORKLOAD,
  Customer: CUSTOMER,
  EngagementRow: ENGAGEMENT_ROW,
  EngagementPage: ENGAGEMENT_PAGE,
  QueueWorkload: QUEUE_WORKLOAD,
  QueueEntry: QUEUE_ENTRY,
  QueuePage: QUEUE_PAGE,
  ReminderItem: REMINDER_ITEM,
  ReminderPage: REMINDER_PAGE,
  Suggestion: SUGGESTION,
  FmLoad: FM_LOAD,
  LoadReport: LOAD_REPORT,
  TimelineItem: TIMELINE_ITEM,
  Timeline: TIMELINE,
  Gap: GAP,
  GapReport: GAP_REPORT,
  Person: PERSON,
  SweepResult: SWEEP_RESULT,
  Health: HEALTH,
  Activity: ACTIVITY,
  AssigneeInput: ASSIGNEE_INPUT,
  WorkloadEntry: WORKLOAD_ENTRY,
  NewCustomer: NEW_CUSTOMER,
  NewWorkload: NEW_WORKLOAD,
  WorkloadPatch: WORKLOAD_PATCH,
  PersonInput: PERSON_INPUT,
  ReminderRun: REMINDER_RUN,
};
