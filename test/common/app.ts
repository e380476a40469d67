/** Starts the real app (restify + CloudAdapter + bot) on 127.0.0.1:0 over a given store, for protocol-level tests. */
import { startApp, type RunningApp } from '../../src/app';
import { hashSecret, loadConfig, type ApiKey, type EntraConfig, type ReachConfig } from '../../src/config';
import type { Role } from '../../src/domain/types';
import { memoryLogger } from '../../src/log/logger';
import type { Clock } from '../../src/services/clock';
import type { Store } from '../../src/store/store';

export { postJson, teamsMessage } from './activities';

export const LOCAL_BOT = { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' } as const;

/** One REST API key per role (secrets as a caller sends them; the app keeps only their hashes). */
const TEST_KEYS: Readonly<Record<Role, string>> = {
  gateway: 'gateway-secret-0123456789abcdef',
  admin: 'admin-secret-0123456789abcdef',
  fm: 'fm-secret-0123456789abcdef',
  partner: 'partner-secret-0123456789abcdef',
};

/** The configured keys: named `test-<role>`, so an actor recorded through one is `apikey:test-<role>`. */
const TEST_API_KEYS: ApiKey[] = (Object.entries(TEST_KEYS) as [Role, string][])
  .map(([role, secret]) => ({ name: `test-${role}`, role, hash: hashSecret(secret) }));

/** The Authorization header of a caller with `role`. */
export function bearer(role: Role): string {
  return `Bearer ${TEST_KEYS[role]}`;
}

export const TEST_CONFIG = {
  host: '127.0.0.1', port: 0, bot: { ...LOCAL_BOT }, shutdownTimeoutMs: 2000,
  // The defaults, with the in-process sweep off: tests run it at the instants they choose. The Monday digests are
  // off too, so a sweep on a Monday counts only its reminders; test/teams/digests.protocol.test.ts turns them on.
  reminders: { ...loadConfig({}, '/tmp/esd-bot-test').reminders, sweepMinutes: 0, digests: false },
  apiKeys: TEST_API_KEYS, entra: null,
};

/** The app on `store`; `entra` also accepts Entra ID tokens (see ./entra.ts). */
export async function startTestApp(
  store: Store, clock?: Clock, entra: EntraConfig | null = null, reach?: ReachConfig,
): Promise<RunningApp & { logger: ReturnType<typeof memoryLogger> }> {
  const logger = memoryLogger('warn');
  const config = { ...TEST_CONFIG, entra, ...(reach ? { reach } : {}) };
  const app = await startApp({ config, store, logger, ...(clock ? { clock } : {}) });
  return Object.assign(app, { logger });
}
