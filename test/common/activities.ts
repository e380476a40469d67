/** Bot Framework activities as Teams' Bot Connector posts them to /api/messages, for protocol-level tests. */
import { randomUUID } from 'node:crypto';

export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export function teamsUser(aadObjectId: string, name: string): TeamsUser {
  return { id: `29:${aadObjectId}`, aadObjectId, name };
}

function base(serviceUrl: string, from: TeamsUser, type: string) {
  return {
    type,
    id: `activity-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from,
    conversation: { id: `a:personal-${from.id}`, conversationType: 'personal', tenantId: 'tenant-1' },
    recipient: { id: '28:esd-bot', name: 'ESD bot' },
    channelData: { tenant: { id: 'tenant-1' } },
  };
}

const DEFAULT_USER = teamsUser('aad-alice', 'Alice');

export function teamsMessage(serviceUrl: string, text: string, from: TeamsUser = DEFAULT_USER, timeZone?: string) {
  const entities = timeZone ? [{ type: 'clientInfo', locale: 'en-GB', timezone: timeZone }] : [];
  return { ...base(serviceUrl, from, 'message'), text, entities };
}

/** An Action.Execute: Teams merges the card's input values into `data`. */
export function teamsInvoke(
  serviceUrl: string, from: TeamsUser, verb: string, data: Record<string, unknown>,
  options: { id?: string; replyToId?: string } = {},
) {
  return {
    ...base(serviceUrl, from, 'invoke'),
    ...(options.id ? { id: options.id } : {}),
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** The Action.Submit fallback: a message whose `value` is the action data with the inputs. */
export function teamsSubmit(serviceUrl: string, from: TeamsUser, data: Record<string, unknown>, replyToId: string) {
  return { ...base(serviceUrl, from, 'message'), replyToId, value: data };
}

export function teamsInstall(serviceUrl: string, from: TeamsUser, action: 'add' | 'remove', timeZone?: string) {
  const entities = timeZone ? [{ type: 'clientInfo', locale: 'en-GB', timezone: timeZone }] : [];
  return { ...base(serviceUrl, from, 'installationUpdate'), action, entities };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
