/** Starts the real app (restify + CloudAdapter + bot) on 127.0.0.1:0 over a given store, for protocol-level tests. */
import { startApp, type RunningApp } from '../../src/app';
import { memoryLogger } from '../../src/log/logger';
import type { Clock } from '../../src/services/clock';
import type { Store } from '../../src/store/store';

export { postJson, teamsMessage } from './activities';

export const LOCAL_BOT = { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' } as const;

export async function startTestApp(store: Store, clock?: Clock): Promise<RunningApp & { logger: ReturnType<typeof memoryLogger> }> {
  const logger = memoryLogger('warn');
  const app = await startApp({
    // The in-process sweep is off: tests run it at the instants they choose.
    config: { host: '127.0.0.1', port: 0, bot: { ...LOCAL_BOT }, shutdownTimeoutMs: 2000, reminders: { sweepMinutes: 0, hour: 9 } },
    store,
    logger,
    ...(clock ? { clock } : {}),
  });
  return Object.assign(app, { logger });
}

