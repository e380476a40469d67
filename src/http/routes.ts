/**
 * The route table: every HTTP route of docs/contract.md with who may call it, what it takes, what it answers and
 * its handler.
 * The server mounts exactly these (mount.ts) and the OpenAPI document describes exactly these (openapi.ts).
 *
 * Roles: admin may call every Gateway route too (the Gateway's work, done by an admin, is recorded as the admin's);
 * only admins manage the directory and run the sweep.
 */
import type { ActivityHandler } from 'botbuilder';
import { ASSIGNMENT_ROLES, CUSTOMER_ENTRY_ROLES } from '../domain/rules';
import type { Role } from '../domain/types';
import type { Logger } from '../log/logger';
import type { EsdAdapter } from '../teams/adapter';
import { adminHandlers } from './handlers/admin';
import { customerHandlers } from './handlers/customers';
import type { ApiServices } from './handlers/deps';
import { queueHandlers } from './handlers/queue';
import { LOAD_CSV, reportHandlers } from './handlers/reports';
import { systemHandlers } from './handlers/system';
import { GAPS_CSV, timelineHandlers } from './handlers/timelines';
import { messagesHandler, messagesTokenCheck } from './messages-route';
import { openApiDocument } from './openapi';
import { publicRoute, securedRoute, type ResponseSpec, type Route } from './route';
import {
  ASSIGNEE_INPUT, ENGAGEMENT_QUERY, GAP_QUERY, LOAD_QUERY, NEW_CUSTOMER, NEW_WORKLOAD, PERSON_INPUT, PERSON_PARAMS,
  PEOPLE_QUERY, QUEUE_QUERY, REMINDER_QUERY, REMINDER_RUN, SUGGESTION_QUERY, TENANT_PARAMS, WORKLOAD_PARAMS,
  WORKLOAD_PATCH,
} from './schemas/requests';
import {
  ACTIVITY, CUSTOMER, ENGAGEMENT_PAGE, GAP_REPORT, HEALTH, LOAD_REPORT, OPENAPI_DOCUMENT, PERSON, QUEUE_PAGE,
  SUGGESTIONS, REMINDER_PAGE, SWEEP_RESULT, TIMELINE, UNREACHABLE_PEOPLE,
} from './schemas/responses';

export interface RouteDeps extends ApiServices {
  adapter: EsdAdapter;
  bot: ActivityHandler;
  logger: Logger;
}

/** The Gateway's routes: who enters customers (R4) reads and corrects them. */
const GATEWAY = CUSTOMER_ENTRY_ROLES;
const ADMIN: readonly Role[] = ['admin'];
/** P1, P2: who sees the customers waiting for an FM, the FMs' suggested order, and assigns. */
const ASSIGNERS = ASSIGNMENT_ROLES;
/** R7, R8: the Gateway's roles and FMs; the service lets an FM add only to a customer assigned to them. */
const WORKLOAD_ADDERS: readonly Role[] = [...GATEWAY, 'fm'];

function customer(description: string): ResponseSpec {
  return {
    description, schema: CUSTOMER,
    headers: { ETag: { description: 'The version (quoted): send it back in If-Match.', schema: { type: 'string' } } },
  };
}

export function apiRoutes(deps: RouteDeps): Route[] {
  const system = systemHandlers(deps.store, deps.logger);
  const customers = customerHandlers(deps);
  const reports = reportHandlers(deps);
  const admin = adminHandlers(deps);
  const queue = queueHandlers(deps);
  const timelines = timelineHandlers(deps);
  let document: unknown;
  const routes: Route[] = [
    publicRoute({
      method: 'GET', path: '/healthz', operationId: 'health', roles: 'public', summary: 'Liveness: 200 while the process serves.',
      responses: { 200: { description: 'Serving.', schema: HEALTH } }, handle: system.health,
    }),
    publicRoute({
      method: 'GET', path: '/readyz', operationId: 'ready', roles: 'public', summary: 'Readiness: 200 when the store answers, else 503 with the reason.',
      responses: { 200: { description: 'Ready.', schema: HEALTH } }, errors: ['unavailable'], handle: system.ready,
    }),
    publicRoute({
      method: 'GET', path: '/api/openapi.json', operationId: 'openApi', roles: 'public', summary: 'This document.',
      responses: { 200: { description: 'OpenAPI 3.1.', schema: OPENAPI_DOCUMENT } },
      handle: async () => ({ status: 200, body: (document ??= openApiDocument(routes)) }),
    }),
    publicRoute({
      method: 'POST', path: '/api/messages', operationId: 'botMessages', roles: 'public', summary: 'Teams activities (Bot Framework, CloudAdapter).',
      body: ACTIVITY, bodyRequired: true,
      responses: { 200: { description: 'The turn ran; an invoke gets its response.' } },
      // 401: a missing or bad Bot Framework token; 503: its signing keys cannot be fetched (Retry-After).
      errors: ['unauthorized', 'unavailable'], beforeBody: messagesTokenCheck(deps.adapter, deps.logger),
      handle: messagesHandler(deps.adapter, deps.bot, deps.logger),
    }),
    securedRoute({
      method: 'POST', path: '/api/customers', operationId: 'createCustomer', roles: GATEWAY,
      summary: 'A new customer with its workloads and ESDs (R4).',
      body: NEW_CUSTOMER, bodyRequired: true,
      responses: { 201: customer('Created.') }, errors: ['conflict'], handle: customers.create,
    }),
    securedRoute({
      method: 'GET', path: '/api/customers', operationId: 'listUnassignedCustomers', roles: ASSIGNERS,
      summary: 'The Gateway queue (P1): the customers with neither an FM nor a partner, by first ESD (those without '
        + 'one last), then tenant id; paged. Only assignee=none is supported.',
      query: QUEUE_QUERY, responses: { 200: { description: 'One page.', schema: QUEUE_PAGE } }, handle: queue.unassigned,
    }),
    securedRoute({
      method: 'GET', path: '/api/suggestions', operationId: 'suggestFms', roles: ASSIGNERS,
      summary: 'The FMs to assign a customer whose first ESD is `date` (P2): every FM, fewest starts in that ISO week '
        + 'and the next first, then fewest in flight, then by name; with their weeklyCapacity.',
      query: SUGGESTION_QUERY, responses: { 200: { description: 'Least loaded first.', schema: SUGGESTIONS } },
      handle: queue.suggestions,
    }),
    securedRoute({
      method: 'GET', path: '/api/customers/{tenantId}', operationId: 'getCustomer', roles: GATEWAY,
      summary: 'The customer document.', params: TENANT_PARAMS,
      responses: { 200: customer('The customer.') }, errors: ['not_found'], handle: customers.get,
    }),
    securedRoute({
      method: 'GET', path: '/api/customers/{tenantId}/timeline', operationId: 'getCustomerTimeline', roles: GATEWAY,
      summary: 'The serial-deployment picture (P3): the InProgress workloads with a start, in order of start (startedOn, '
        + 'else the ESD), each with the gap in days from the latest completion before it.',
      params: TENANT_PARAMS, responses: { 200: { description: 'The timeline.', schema: TIMELINE } }, errors: ['not_found'],
      handle: timelines.timeline,
    }),
    securedRoute({
      method: 'PUT', path: '/api/customers/{tenantId}/assignee', operationId: 'assignCustomer', roles: ASSIGNERS,
      summary: 'Assign an FM of the directory or an FRP partner (R9).', params: TENANT_PARAMS, body: ASSIGNEE_INPUT,
      bodyRequired: true, ifMatch: true,
      responses: { 200: customer('Assigned.') }, errors: ['not_found'], handle: customers.assign,
    }),
    securedRoute({
      method: 'POST', path: '/api/customers/{tenantId}/workloads', operationId: 'addWorkload', roles: WORKLOAD_ADDERS,
      summary: 'Add a workload: serial deployment (R7) or success review (R8). An FM only to a customer assigned to them, '
        + 'with their own Entra ID token (its oid is the FM); anyone else with the role fm gets 403.',
      params: TENANT_PARAMS, body: NEW_WORKLOAD, bodyRequired: true, ifMatch: true,
      responses: { 201: customer('Added.') }, errors: ['not_found', 'conflict'], handle: customers.addWorkload,
    }),
    securedRoute({
      method: 'PATCH', path: '/api/customers/{tenantId}/workloads/{workload}', operationId: 'changeWorkload', roles: GATEWAY,
      summary: 'Change l1Status and/or the date; a date change needs a reason (R6). Without If-Match the change is re-applied on fresh state.',
      params: WORKLOAD_PARAMS, body: WORKLOAD_PATCH, bodyRequired: true, ifMatch: true,
      responses: { 200: customer('Changed.') }, errors: ['not_found', 'conflict'], handle: customers.changeWorkload,
    }),
    securedRoute({
      method: 'GET', path: '/api/engagements', operationId: 'listEngagements', roles: GATEWAY,
      summary: 'Active workloads (R1) with an ESD in [from, to], ordered by date, then tenant, then workload; paged.',
      query: ENGAGEMENT_QUERY, responses: { 200: { description: 'One page.', schema: ENGAGEMENT_PAGE } },
      handle: reports.engagements,
    }),
    securedRoute({
      method: 'GET', path: '/api/load', operationId: 'fmLoad', roles: GATEWAY,
      summary: 'FM load (P2): per FM of the directory, per ISO week, engagements starting; plus workloads in flight.',
      query: LOAD_QUERY, responses: { 200: { description: 'The report.', schema: LOAD_REPORT, csv: LOAD_CSV } },
      handle: reports.load,
    }),
    securedRoute({
      method: 'GET', path: '/api/reports/gaps', operationId: 'gapReport', roles: GATEWAY,
      summary: 'Serial-deployment gaps (P3) whose later workload starts in [from, to] (at most 366 days), per customer, '
        + 'with the median, the 90th percentile and how many wait for their next start.',
      query: GAP_QUERY, responses: { 200: { description: 'The report.', schema: GAP_REPORT, csv: GAPS_CSV } },
      handle: timelines.gaps,
    }),
    securedRoute({
      method: 'GET', path: '/api/people', operationId: 'listUnreachablePeople', roles: ADMIN,
      summary: 'The people the bot cannot message (reachable=false), each with why and how many of their reminders '
        + 'wait; by name. Not paged: the directory holds the organisation\'s people, not its workloads.',
      query: PEOPLE_QUERY, responses: { 200: { description: 'Everyone unreachable.', schema: UNREACHABLE_PEOPLE } },
      handle: admin.listUnreachable,
    }),
    securedRoute({
      method: 'PUT', path: '/api/people/{aadObjectId}', operationId: 'putPerson', roles: ADMIN,
      summary: 'Create or replace a directory entry; the Teams conversation the bot recorded is kept.',
      params: PERSON_PARAMS, body: PERSON_INPUT, bodyRequired: true,
      responses: { 200: { description: 'Replaced.', schema: PERSON }, 201: { description: 'Created.', schema: PERSON } },
      handle: admin.putPerson,
    }),
    securedRoute({
      method: 'GET', path: '/api/reminders', operationId: 'listReminders', roles: ADMIN,
      summary: 'The cards sent or to send (reminders, follow-ups, welcome cards, heads-ups) with their status '
        + '(pending: claimed or retrying; sent; failed), attempts and why a send failed; by due day, then id; paged.',
      query: REMINDER_QUERY, responses: { 200: { description: 'One page.', schema: REMINDER_PAGE } },
      handle: admin.listReminders,
    }),
    securedRoute({
      method: 'POST', path: '/api/reminders/run', operationId: 'runReminders', roles: ADMIN,
      summary: 'Run the reminder sweep now, the Gateway heads-ups included (idempotent per asOf).', body: REMINDER_RUN,
      responses: { 200: { description: 'What the sweep did.', schema: SWEEP_RESULT } }, handle: admin.runReminders,
    }),
  ];
  return routes;
}
