/**
 * Every environment variable, parsed and validated once at start. Problems are collected so the operator sees
 * all of them at once, one line each naming the variable; secrets are never echoed back.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { isGuid } from './domain/ids';
import { LOCALES, ROLES, isOneOf, type Locale, type Role } from './domain/types';
import { LOG_LEVELS, type LogLevel } from './log/logger';

export interface ApiKey {
  name: string;
  role: Role;
  /** SHA-256 of the secret: the secret itself is not kept in memory longer than parsing. */
  hash: Buffer;
}

export interface EntraConfig {
  tenantId: string;
  audience: string;
  issuer: string;
  jwksUri: string;
}

export type StoreConfig =
  | { kind: 'sqlite'; dataDir: string }
  | { kind: 'cosmos'; endpoint: string; key: string | null; database: string };

export type BotAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface BotConfig {
  appId: string;
  appPassword: string;
  appType: BotAppType;
  tenantId: string;
}

export interface Config {
  production: boolean;
  host: string;
  port: number;
  store: StoreConfig;
  bot: BotConfig;
  apiKeys: ApiKey[];
  entra: EntraConfig | null;
  /** `auto`: seed demo data when the store is empty and not in production. */
  demoData: boolean | 'auto';
  logLevel: LogLevel;
  shutdownTimeoutMs: number;
  reminders: ReminderConfig;
  /** APPLICATIONINSIGHTS_CONNECTION_STRING: traces and metrics to Application Insights; null = telemetry off. */
  telemetry: { connectionString: string } | null;
  reach: ReachConfig;
  /** DEFAULT_LOCALE: the language of cards for someone whose locale is neither in the activity nor the directory. */
  defaultLocale: Locale;
}

/**
 * Every variable `loadConfig` reads (a test holds it to that): the deployment files (infra/azure.bicep, the README's
 * table) are checked against this list.
 */
export const CONFIG_VARIABLES = [
  'NODE_ENV', 'PORT', 'HOST', 'STORE', 'DATA_DIR', 'COSMOS_ENDPOINT', 'COSMOS_DATABASE', 'COSMOS_KEY',
  'COSMOS_MANAGED_IDENTITY', 'MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId',
  'API_KEYS', 'ENTRA_TENANT_ID', 'ENTRA_AUDIENCE', 'ENTRA_ISSUER', 'ENTRA_JWKS_URI', 'DEMO_DATA', 'LOG_LEVEL',
  'SHUTDOWN_TIMEOUT_MS', 'REMINDER_SWEEP_MINUTES', 'REMINDER_HOUR', 'UNASSIGNED_ALERT_DAYS', 'REMINDER_CLAIM_SECONDS',
  'REMINDER_FOLLOW_UPS', 'DIGEST_THRESHOLD', 'DIGESTS', 'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'TEAMS_SERVICE_URL', 'TEAMS_TENANT_ID', 'GRAPH_INSTALL', 'TEAMS_APP_CATALOG_ID', 'GRAPH_BASE_URL', 'GRAPH_TOKEN_URL',
  'DEFAULT_LOCALE',
] as const;

/** Reaching people who never opened the bot: the 1:1 chat is created through the Bot Connector. */
export interface ReachConfig {
  /** TEAMS_SERVICE_URL: the Bot Connector endpoint new chats are created at (the global Teams endpoint by default). */
  serviceUrl: string;
  /**
   * TEAMS_TENANT_ID, else MicrosoftAppTenantId: the Entra tenant of the FMs (the bot's own organisation). Null: no
   * chat is created, people are reached once they open the bot, as before.
   */
  tenantId: string | null;
  /**
   * GRAPH_INSTALL=on: the app is installed through Microsoft Graph for someone Teams will not open a chat with
   * (POST /users/{id}/teamwork/installedApps), then the chat is created. Null when off.
   */
  graph: GraphInstallConfig | null;
}

export interface GraphInstallConfig {
  /** TEAMS_APP_CATALOG_ID: the app's id in the organisation's app catalog (not the manifest id). */
  catalogId: string;
  /** GRAPH_BASE_URL, default https://graph.microsoft.com/v1.0 (tests point it at a local fake). */
  baseUrl: string;
  /**
   * GRAPH_TOKEN_URL, default the tenant's login.microsoftonline.com token endpoint: a token for Graph by the bot's
   * client credentials (MicrosoftAppId, MicrosoftAppPassword). With MicrosoftAppType=UserAssignedMSI the managed
   * identity's token is used instead (@azure/identity).
   */
  tokenUrl: string;
}

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

export const DEFAULT_TEAMS_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

export interface ReminderConfig {
  /** How often the in-process sweep runs; 0 turns it off (POST /api/reminders/run still works). */
  sweepMinutes: number;
  /** The FM's local hour from which the day's cards go out. */
  hour: number;
  /** P1: a customer without an FM whose first ESD is at most this many working days away gets a heads-up. */
  unassignedAlertDays: number;
  /** A reminder's claim not settled within this many seconds (its sweep crashed) is sent by a later sweep. */
  claimSeconds: number;
  /** Copies of an ignored reminder on the next working mornings. */
  followUps: number;
  /** More reminders than this for one FM on one morning arrive as one summary card. */
  summaryThreshold: number;
  /** The Monday digests (DIGESTS=on|off): each FM's week, the Gateway's unassigned customers and failed reminders. */
  digests: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const KEY_NAME_RE = /^[A-Za-z0-9_.-]{1,64}$/;
/** Long enough that guessing is hopeless; production keys are expected to come from a secret store. */
const MIN_API_SECRET_LENGTH = { production: 32, development: 16 } as const;

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

type Env = Record<string, string | undefined>;

/** Reads the environment; throws ConfigError listing every problem. */
export function loadConfig(env: Env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const value = (name: string): string => (env[name] ?? '').trim();

  const nodeEnv = value('NODE_ENV') || 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV: must be development, production or test (got "${nodeEnv}").`);
  }
  const production = nodeEnv === 'production';

  const port = readWholeNumber(value, 'PORT', 3978, 0, 65535, problems);

  const host = value('HOST') || (production ? '0.0.0.0' : '127.0.0.1');

  const store = readStore(value, cwd, problems);
  const bot = readBot(value, production, problems);
  const apiKeys = readApiKeys(value('API_KEYS'), production, problems);
  const entra = readEntra(value, problems);
  if (production && apiKeys.length === 0 && !entra) {
    problems.push('API_KEYS: production needs API credentials: set API_KEYS or the ENTRA_* settings.');
  }

  const demoText = value('DEMO_DATA');
  const demoData = demoText === '' ? 'auto' : demoText === '1' || demoText === 'true';
  if (!['', '0', '1', 'true', 'false'].includes(demoText)) problems.push(`DEMO_DATA: must be 0 or 1 (got "${demoText}").`);
  if (production && demoData === true) problems.push('DEMO_DATA: demo data is never seeded in production.');

  const logLevel = value('LOG_LEVEL') || 'info';
  if (!isOneOf(LOG_LEVELS, logLevel)) problems.push(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}").`);

  const shutdownTimeoutMs = readWholeNumber(value, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000, problems);

  const reminders: ReminderConfig = {
    sweepMinutes: readWholeNumber(value, 'REMINDER_SWEEP_MINUTES', 5, 0, 1440, problems),
    hour: readWholeNumber(value, 'REMINDER_HOUR', 9, 0, 23, problems),
    unassignedAlertDays: readWholeNumber(value, 'UNASSIGNED_ALERT_DAYS', 3, 0, 30, problems),
    claimSeconds: readWholeNumber(value, 'REMINDER_CLAIM_SECONDS', 120, 10, 3600, problems),
    followUps: readWholeNumber(value, 'REMINDER_FOLLOW_UPS', 2, 0, 10, problems),
    summaryThreshold: readWholeNumber(value, 'DIGEST_THRESHOLD', 5, 1, 100, problems),
    digests: readOnOff(value, 'DIGESTS', true, problems),
  };

  const telemetry = readTelemetry(value('APPLICATIONINSIGHTS_CONNECTION_STRING'), problems);
  const reach = readReach(value, bot, problems);
  const defaultLocale = value('DEFAULT_LOCALE') || 'en-US';
  if (!isOneOf(LOCALES, defaultLocale)) {
    problems.push(`DEFAULT_LOCALE: must be one of ${LOCALES.join(', ')} (got "${defaultLocale}").`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    production, host, port, store, bot, apiKeys, entra, demoData: production ? false : demoData,
    logLevel: logLevel as LogLevel, shutdownTimeoutMs, reminders, telemetry, reach,
    defaultLocale: defaultLocale as Locale,
  };
}

function readWholeNumber(
  value: (name: string) => string, name: string, fallback: number, min: number, max: number, problems: string[],
): number {
  const text = value(name) || String(fallback);
  const number = Number(text);
  if (!/^\d+$/.test(text) || number < min || number > max) {
    problems.push(`${name}: must be a whole number from ${min} to ${max} (got "${text}").`);
    return fallback;
  }
  return number;
}

/** An http(s) URL ending in `/` (botbuilder appends `v3/...`), or the fallback; a problem otherwise. */
export function readBaseUrl(
  value: (name: string) => string, name: string, fallback: string, problems: string[], slash = true,
): string {
  const text = value(name) || fallback;
  let url: URL | undefined;
  try { url = new URL(text); } catch { url = undefined; }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    problems.push(`${name}: must be an http(s) URL (got "${text}").`);
    return fallback;
  }
  return slash && !text.endsWith('/') ? `${text}/` : text;
}

function readReach(value: (name: string) => string, bot: BotConfig, problems: string[]): ReachConfig {
  const serviceUrl = readBaseUrl(value, 'TEAMS_SERVICE_URL', DEFAULT_TEAMS_SERVICE_URL, problems);
  const own = value('TEAMS_TENANT_ID');
  if (own && !isGuid(own)) problems.push(`TEAMS_TENANT_ID: must be the Entra tenant's GUID (got "${String(own)}").`);
  const tenant = own || bot.tenantId;
  const tenantId = isGuid(tenant) ? tenant : null;
  const graphOn = readOnOff(value, 'GRAPH_INSTALL', false, problems);
  if (!graphOn) return { serviceUrl, tenantId, graph: null };
  const catalogId = value('TEAMS_APP_CATALOG_ID');
  if (!catalogId) problems.push('TEAMS_APP_CATALOG_ID: required with GRAPH_INSTALL=on (the app\'s id in the org\'s app catalog).');
  if (!tenantId) problems.push('TEAMS_TENANT_ID: required with GRAPH_INSTALL=on (or MicrosoftAppTenantId).');
  if (!bot.appId) problems.push('MicrosoftAppId: required with GRAPH_INSTALL=on (Graph is called as the bot\'s app).');
  const baseUrl = readBaseUrl(value, 'GRAPH_BASE_URL', DEFAULT_GRAPH_BASE_URL, problems, false).replace(/\/+$/, '');
  const defaultTokenUrl = `https://login.microsoftonline.com/${tenantId ?? 'common'}/oauth2/v2.0/token`;
  const tokenUrl = readBaseUrl(value, 'GRAPH_TOKEN_URL', defaultTokenUrl, problems, false);
  return { serviceUrl, tenantId, graph: { catalogId, baseUrl, tokenUrl } };
}

/** An Application Insights connection string: `Key=value;…` with an InstrumentationKey (the value is not echoed). */
function readTelemetry(text: string, problems: string[]): Config['telemetry'] {
  if (!text) return null;
  if (!/(^|;)\s*InstrumentationKey=[^;\s]+/i.test(text)) {
    problems.push('APPLICATIONINSIGHTS_CONNECTION_STRING: must be an Application Insights connection string '
      + '(InstrumentationKey=…;IngestionEndpoint=…), as the resource\'s Overview page shows it.');
    return null;
  }
  return { connectionString: text };
}

function readOnOff(value: (name: string) => string, name: string, fallback: boolean, problems: string[]): boolean {
  const text = value(name);
  if (text === 'on' || text === 'off') return text === 'on';
  if (text !== '') problems.push(`${name}: must be on or off (got "${text}").`);
  return fallback;
}

function readStore(value: (name: string) => string, cwd: string, problems: string[]): StoreConfig {
  const kind = value('STORE') || 'sqlite';
  if (kind === 'sqlite') return { kind, dataDir: path.resolve(cwd, value('DATA_DIR') || '.data') };
  if (kind !== 'cosmos') {
    problems.push(`STORE: must be sqlite or cosmos (got "${kind}").`);
    return { kind: 'sqlite', dataDir: '' };
  }
  const endpoint = value('COSMOS_ENDPOINT');
  if (!endpoint) problems.push('COSMOS_ENDPOINT: required with STORE=cosmos (e.g. https://<account>.documents.azure.com:443/).');
  else if (!/^https?:\/\/[^\s]+$/.test(endpoint)) problems.push(`COSMOS_ENDPOINT: must be an http(s) URL (got "${endpoint}").`);
  const database = value('COSMOS_DATABASE');
  if (!database) problems.push('COSMOS_DATABASE: required with STORE=cosmos (the database name).');
  const key = value('COSMOS_KEY');
  const managedIdentity = value('COSMOS_MANAGED_IDENTITY') === '1';
  if (!key && !managedIdentity) {
    problems.push('COSMOS_KEY: required with STORE=cosmos, unless COSMOS_MANAGED_IDENTITY=1 (managed identity).');
  }
  return { kind, endpoint, key: key || null, database };
}

function readBot(value: (name: string) => string, production: boolean, problems: string[]): BotConfig {
  const appId = value('MicrosoftAppId');
  const appPassword = value('MicrosoftAppPassword');
  const appType = value('MicrosoftAppType') || 'MultiTenant';
  const tenantId = value('MicrosoftAppTenantId');
  if (!isOneOf(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const, appType)) {
    problems.push(`MicrosoftAppType: must be MultiTenant, SingleTenant or UserAssignedMSI (got "${appType}").`);
  }
  if (!appId) {
    if (production) problems.push('MicrosoftAppId: required in production (Bot Framework authentication cannot be off).');
  } else {
    if (!isGuid(appId)) problems.push('MicrosoftAppId: must be the bot\'s app registration GUID.');
    if (!appPassword && appType !== 'UserAssignedMSI') {
      problems.push('MicrosoftAppPassword: required when MicrosoftAppId is set (unless MicrosoftAppType=UserAssignedMSI).');
    }
    if (appType !== 'MultiTenant' && !isGuid(tenantId)) {
      problems.push(`MicrosoftAppTenantId: required (a GUID) when MicrosoftAppType=${appType}.`);
    }
  }
  return { appId, appPassword, appType: appType as BotAppType, tenantId };
}

function readApiKeys(text: string, production: boolean, problems: string[]): ApiKey[] {
  if (!text) return [];
  const minLength = production ? MIN_API_SECRET_LENGTH.production : MIN_API_SECRET_LENGTH.development;
  const keys: ApiKey[] = [];
  /** The entry number that brought each key, to name it when another entry repeats its secret. */
  const entryOf = new Map<ApiKey, number>();
  text.split(',').map((entry) => entry.trim()).filter(Boolean).forEach((entry, i) => {
    const first = entry.indexOf(':');
    const second = entry.indexOf(':', first + 1);
    const name = entry.slice(0, first);
    const role = entry.slice(first + 1, second);
    const secret = entry.slice(second + 1);
    const where = `API_KEYS: entry ${i + 1}`;
    if (first < 0 || second < 0) problems.push(`${where} must be name:role:secret.`);
    else if (!KEY_NAME_RE.test(name)) problems.push(`${where} has a bad name (letters, digits, _ . - only).`);
    else if (!isOneOf(ROLES, role)) problems.push(`${where} (${name}) has role "${role}"; roles are ${ROLES.join(', ')}.`);
    else if (secret.length < minLength) problems.push(`${where} (${name}) has a secret shorter than ${minLength} characters.`);
    else if (keys.some((k) => k.name === name)) problems.push(`${where} repeats the name ${name}.`);
    else {
      const key: ApiKey = { name, role, hash: hashSecret(secret) };
      // One secret under two names would always be taken as the first: the second could never be used.
      const twin = keys.find((k) => k.hash.equals(key.hash));
      if (twin) {
        problems.push(`${where} (${name}) has the same secret as entry ${entryOf.get(twin)} (${twin.name}): give each name its own secret.`);
        return;
      }
      keys.push(key);
      entryOf.set(key, i + 1);
    }
  });
  return keys;
}

function readEntra(value: (name: string) => string, problems: string[]): EntraConfig | null {
  const tenantId = value('ENTRA_TENANT_ID');
  const audience = value('ENTRA_AUDIENCE');
  if (!tenantId && !audience) return null;
  if (!isGuid(tenantId)) problems.push('ENTRA_TENANT_ID: required (a GUID) when ENTRA_AUDIENCE is set.');
  if (!audience) problems.push('ENTRA_AUDIENCE: required when ENTRA_TENANT_ID is set (the API\'s app id URI or client id).');
  const issuer = value('ENTRA_ISSUER') || `https://login.microsoftonline.com/${tenantId}/v2.0`;
  const jwksUri = value('ENTRA_JWKS_URI') || `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`;
  for (const [name, url] of [['ENTRA_ISSUER', issuer], ['ENTRA_JWKS_URI', jwksUri]] as const) {
    if (!/^https?:\/\/\S+$/.test(url)) problems.push(`${name}: must be a URL (got "${url}").`);
  }
  return { tenantId, audience, issuer, jwksUri };
}
