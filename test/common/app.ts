/** Starts the real app (restify + CloudAdapter + bot) on 127.0.0.1:0 over a given store, for protocol-level tests. */
import { startApp, type RunningApp } from '../../src/app';
import { memoryLogger } from '../../src/log/logger';
import type { Store } from '../../src/store/store';

export const LOCAL_BOT = { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' } as const;

export async function startTestApp(store: Store): Promise<RunningApp & { logger: ReturnType<typeof memoryLogger> }> {
  const logger = memoryLogger('warn');
  const app = await startApp({
    config: { host: '127.0.0.1', port: 0, bot: { ...LOCAL_BOT }, shutdownTimeoutMs: 2000 },
    store,
    logger,
  });
  return Object.assign(app, { logger });
}

/** A Teams personal-chat message activity as the Bot Connector would post it. */
export function teamsMessage(serviceUrl: string, text: string, from = { id: '29:fm-alice', aadObjectId: 'aad-alice', name: 'Alice' }) {
  return {
    type: 'message',
    id: `activity-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from,
    conversation: { id: `a:personal-${from.id}`, conversationType: 'personal', tenantId: 'tenant-1' },
    recipient: { id: '28:esd-bot', name: 'ESD bot' },
    text,
    channelData: { tenant: { id: 'tenant-1' } },
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
