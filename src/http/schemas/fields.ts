/** Field schemas shared by requests and responses. Formats are checked by ajv (see ../validation.ts). */
import { DIRECTORY_ID_PATTERN, MAX_ID_LENGTH } from '../../domain/ids';
import { MAX_NAME_LENGTH } from '../../domain/text';
import {
  CHANGE_SOURCES, DATE_PRECISIONS, L1_STATUSES, LOCALES, NOTE_KINDS, ROLES, WORKLOAD_STATES, WORKLOADS,
} from '../../domain/types';
import { MAX_WEEKLY_CAPACITY } from '../../services/people-admin';
import type { JsonSchema } from './json-schema';


export const TENANT_ID: JsonSchema = {
  type: 'string', format: 'uuid', description: 'The Microsoft 365 tenant id (a GUID).',
  examples: ['3f2504e0-4f89-11d3-9a0c-0305e82c3301'],
};
/** Directory ids (Entra object ids, API key principals) and partner ids: bounded, no character a key cannot hold. */
export const OBJECT_ID: JsonSchema = {
  type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH, pattern: DIRECTORY_ID_PATTERN,
  description: 'A Microsoft Entra ID object id (the directory key); no /, \\, #, ? or control characters.',
};
export const PARTNER_ID: JsonSchema = {
  type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH, pattern: DIRECTORY_ID_PATTERN,
  description: 'The FRP partner id (R9); no /, \\, #, ? or control characters.',
};
export const NAME: JsonSchema = { type: 'string', minLength: 1, maxLength: MAX_NAME_LENGTH };

export const CALENDAR_DATE: JsonSchema = { type: 'string', format: 'date', description: 'A calendar date, YYYY-MM-DD.' };
export const NULLABLE_DATE: JsonSchema = { type: ['string', 'null'], format: 'date', description: 'A calendar date, YYYY-MM-DD, or null.' };
export const ESD_DATE: JsonSchema = {
  type: ['string', 'null'], format: 'date',
  description: 'The Engagement Start Date, YYYY-MM-DD: only on an InProgress workload (R1), not in the past, at most 3 years ahead.',
};
export const ESD_MONTH: JsonSchema = {
  type: ['string', 'null'], format: 'calendar-month',
  description: 'Only the month, YYYY-MM, when the exact day is not known: stored as its 1st day with precision "month" (R7).',
};
export const STARTED_ON: JsonSchema = {
  type: ['string', 'null'], format: 'date',
  description: 'Instead of a date, for an InProgress workload already under way (R2): the day it started, YYYY-MM-DD, '
    + 'today or earlier, not before 2019-10-01. Stored as state "started" with no ESD; never reminded.',
};
export const INSTANT: JsonSchema = { type: 'string', format: 'date-time', description: 'An ISO-8601 instant, e.g. 2026-11-24T09:00:00Z.' };

export const WORKLOAD_NAME: JsonSchema = { type: 'string', enum: WORKLOADS, description: 'A workload of the catalogue.' };
export const L1_STATUS: JsonSchema = {
  type: 'string', enum: L1_STATUSES, description: 'The customer\'s intent for the workload; only InProgress carries an ESD (R1).',
};
export const ROLE: JsonSchema = { type: 'string', enum: ROLES };
export const WORKLOAD_STATE: JsonSchema = { type: 'string', enum: WORKLOAD_STATES };
export const DATE_PRECISION: JsonSchema = { type: ['string', 'null'], enum: [...DATE_PRECISIONS, null] };
export const CHANGE_SOURCE: JsonSchema = { type: 'string', enum: CHANGE_SOURCES };
export const NOTE_KIND: JsonSchema = { type: 'string', enum: NOTE_KINDS };
export const COUNT: JsonSchema = { type: 'integer', minimum: 0 };
export const WEEKLY_CAPACITY: JsonSchema = {
  type: ['integer', 'null'], minimum: 0, maximum: MAX_WEEKLY_CAPACITY,
  description: 'P2: how many engagements the FM can start in a week; null or absent when not set. Shown with their load.',
};
export const LOCALE: JsonSchema = {
  type: ['string', 'null'], enum: [...LOCALES, null], description: 'The language of the person\'s texts; null or absent when not set.',
};

/** An object that refuses properties it does not list. */
export function closedObject(
  properties: Record<string, JsonSchema | boolean>, required: readonly string[] = [], extra: JsonSchema = {},
): JsonSchema {
  return { type: 'object', properties, required, additionalProperties: false, ...extra };
}

/** `base`, plus: when `field` is `value`, `then` applies too (a discriminated object without oneOf's noisy errors). */
export function when(field: string, value: string, then: JsonSchema, otherwise?: JsonSchema): JsonSchema {
  return {
    if: { properties: { [field]: { const: value } }, required: [field] },
    then,
    ...(otherwise ? { else: otherwise } : {}),
  };
}
