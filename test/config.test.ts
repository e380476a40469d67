import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, hashSecret, loadConfig } from '../src/config';

const SECRET = 'a-very-long-secret-of-32-chars-x';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv/app');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  assert.fail('expected a ConfigError');
}

describe('config', () => {
  it('with no variables at all: the embedded store under ./.data, port 3978 on loopback, local bot mode', () => {
    const config = loadConfig({}, '/srv/app');
    assert.deepEqual(config.store, { kind: 'sqlite', dataDir: path.resolve('/srv/app', '.data') });
    assert.equal(config.port, 3978);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.production, false);
    assert.equal(config.bot.appId, '');
    assert.equal(config.demoData, 'auto');
    assert.deepEqual(config.apiKeys, []);
  });

  for (const port of ['abc', '-1', '70000', '80.5']) {
    it(`PORT=${port} gives one line naming PORT`, () => {
      const lines = problems({ PORT: port });
      assert.equal(lines.length, 1);
      assert.match(lines[0] ?? '', /^PORT: /);
    });
  }

  it('an unknown STORE gives one line naming STORE', () => {
    assert.deepEqual(problems({ STORE: 'mongo' }), ['STORE: must be sqlite or cosmos (got "mongo").']);
  });

  it('STORE=cosmos names each missing Cosmos setting', () => {
    const lines = problems({ STORE: 'cosmos' });
    assert.deepEqual(lines.map((l) => l.split(':')[0]), ['COSMOS_ENDPOINT', 'COSMOS_DATABASE', 'COSMOS_KEY']);
  });

  it('STORE=cosmos with a managed identity needs no key', () => {
    const config = loadConfig({ STORE: 'cosmos', COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/', COSMOS_DATABASE: 'esd', COSMOS_MANAGED_IDENTITY: '1' });
    assert.deepEqual(config.store, { kind: 'cosmos', endpoint: 'https://acct.documents.azure.com:443/', key: null, database: 'esd' });
  });

  it('production refuses to start without Bot Framework auth and without API credentials', () => {
    const lines = problems({ NODE_ENV: 'production' });
    assert.deepEqual(lines.map((l) => l.split(':')[0]), ['MicrosoftAppId', 'API_KEYS']);
  });

  it('production with an app id, its password and an API key starts, listening on all interfaces', () => {
    const config = loadConfig({
      NODE_ENV: 'production', MicrosoftAppId: '11111111-2222-4333-8444-555555555555', MicrosoftAppPassword: 'pw',
      API_KEYS: `portal:gateway:${SECRET}`,
    });
    assert.equal(config.production, true);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.demoData, false, 'never demo data in production');
  });

  it('production refuses DEMO_DATA=1', () => {
    const lines = problems({
      NODE_ENV: 'production', MicrosoftAppId: '11111111-2222-4333-8444-555555555555', MicrosoftAppPassword: 'pw',
      API_KEYS: `portal:gateway:${SECRET}`, DEMO_DATA: '1',
    });
    assert.deepEqual(lines, ['DEMO_DATA: demo data is never seeded in production.']);
  });

  it('an app id needs its password, and SingleTenant needs the tenant', () => {
    const lines = problems({ MicrosoftAppId: '11111111-2222-4333-8444-555555555555', MicrosoftAppType: 'SingleTenant' });
    assert.deepEqual(lines.map((l) => l.split(':')[0]), ['MicrosoftAppPassword', 'MicrosoftAppTenantId']);
  });

  it('API_KEYS keeps only hashes of the secrets, with their names and roles', () => {
    const config = loadConfig({ API_KEYS: `portal:gateway:${SECRET}, ops:admin:${SECRET}-2` });
    assert.deepEqual(config.apiKeys.map((k) => [k.name, k.role]), [['portal', 'gateway'], ['ops', 'admin']]);
    assert.deepEqual(config.apiKeys[0]?.hash, hashSecret(SECRET));
    assert.ok(!JSON.stringify(config).includes(SECRET), 'the secret itself is not kept');
  });

  it('bad API_KEYS entries are named, and the secret is never echoed', () => {
    const lines = problems({ API_KEYS: `nocolons,bad name:fm:${SECRET},x:boss:${SECRET},short:fm:abc,dup:fm:${SECRET},dup:fm:${SECRET}` });
    assert.equal(lines.length, 5);
    assert.ok(lines.every((l) => l.startsWith('API_KEYS: entry')));
    assert.ok(lines.every((l) => !l.includes(SECRET) && !l.includes(':abc')));
  });

  it('defect 9 of issue 9: one secret under two names in API_KEYS is a config error naming both entries, never the secret', () => {
    const lines = problems({ API_KEYS: `portal:gateway:${SECRET}, ops:admin:${SECRET}-2, audit:admin:${SECRET}` });
    assert.deepEqual(lines, ['API_KEYS: entry 3 (audit) has the same secret as entry 1 (portal): give each name its own secret.']);
    const sameRole = problems({ API_KEYS: `portal:gateway:${SECRET}, portal2:gateway:${SECRET}` });
    assert.deepEqual(sameRole, ['API_KEYS: entry 2 (portal2) has the same secret as entry 1 (portal): give each name its own secret.']);
  });

  it('production wants API secrets of at least 32 characters', () => {
    const lines = problems({
      NODE_ENV: 'production', MicrosoftAppId: '11111111-2222-4333-8444-555555555555', MicrosoftAppPassword: 'pw',
      API_KEYS: 'portal:gateway:only-twenty-chars-xx',
    });
    assert.equal(lines[0], 'API_KEYS: entry 1 (portal) has a secret shorter than 32 characters.');
  });

  it('Entra settings: tenant and audience go together; issuer and JWKS default to the tenant', () => {
    const tenant = '99999999-8888-4777-8666-555555555555';
    assert.deepEqual(problems({ ENTRA_AUDIENCE: 'api://esd' }).map((l) => l.split(':')[0]), ['ENTRA_TENANT_ID']);
    const config = loadConfig({ ENTRA_TENANT_ID: tenant, ENTRA_AUDIENCE: 'api://esd' });
    assert.deepEqual(config.entra, {
      tenantId: tenant, audience: 'api://esd',
      issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
      jwksUri: `https://login.microsoftonline.com/${tenant}/discovery/v2.0/keys`,
    });
  });

  it('every problem is reported at once, one line each', () => {
    const lines = problems({ PORT: 'x', STORE: 'y', LOG_LEVEL: 'loud', DEMO_DATA: 'maybe', NODE_ENV: 'staging' });
    assert.deepEqual(lines.map((l) => l.split(':')[0]).sort(), ['DEMO_DATA', 'LOG_LEVEL', 'NODE_ENV', 'PORT', 'STORE']);
  });

  it('DEFAULT_LOCALE is en-US unless set to zh-CN; any other value is refused, naming the languages there are', () => {
    assert.equal(loadConfig({}, '/srv/app').defaultLocale, 'en-US');
    assert.equal(loadConfig({ DEFAULT_LOCALE: 'zh-CN' }, '/srv/app').defaultLocale, 'zh-CN');
    for (const bad of ['zh-TW', 'fr', 'en']) {
      assert.deepEqual(problems({ DEFAULT_LOCALE: bad }), [`DEFAULT_LOCALE: must be one of en-US, zh-CN (got "${bad}").`]);
    }
  });

  it('P1: UNASSIGNED_ALERT_DAYS defaults to 3 working days and must be a whole number from 0 to 30', () => {
    assert.equal(loadConfig({}, '/srv/app').reminders.unassignedAlertDays, 3);
    assert.equal(loadConfig({ UNASSIGNED_ALERT_DAYS: '0' }, '/srv/app').reminders.unassignedAlertDays, 0);
    for (const bad of ['31', '-1', 'three', '2.5']) {
      assert.deepEqual(problems({ UNASSIGNED_ALERT_DAYS: bad }), [`UNASSIGNED_ALERT_DAYS: must be a whole number from 0 to 30 (got "${bad}").`]);
    }
  });

  it('R3, R5: REMINDER_CLAIM_SECONDS (120), REMINDER_FOLLOW_UPS (2) and DIGEST_THRESHOLD (5) default, and refuse what is out of range', () => {
    const { claimSeconds, followUps, summaryThreshold } = loadConfig({}, '/srv/app').reminders;
    assert.deepEqual([claimSeconds, followUps, summaryThreshold], [120, 2, 5]);
    const set = loadConfig({ REMINDER_CLAIM_SECONDS: '600', REMINDER_FOLLOW_UPS: '0', DIGEST_THRESHOLD: '1' }, '/srv/app').reminders;
    assert.deepEqual([set.claimSeconds, set.followUps, set.summaryThreshold], [600, 0, 1]);
    assert.deepEqual(problems({ REMINDER_CLAIM_SECONDS: '5', REMINDER_FOLLOW_UPS: '11', DIGEST_THRESHOLD: '0' }), [
      'REMINDER_CLAIM_SECONDS: must be a whole number from 10 to 3600 (got "5").',
      'REMINDER_FOLLOW_UPS: must be a whole number from 0 to 10 (got "11").',
      'DIGEST_THRESHOLD: must be a whole number from 1 to 100 (got "0").',
    ]);
  });

  it('P2, P1: DIGESTS is on by default, on or off, anything else refused', () => {
    assert.equal(loadConfig({}, '/srv/app').reminders.digests, true);
    assert.equal(loadConfig({ DIGESTS: 'on' }, '/srv/app').reminders.digests, true);
    assert.equal(loadConfig({ DIGESTS: 'off' }, '/srv/app').reminders.digests, false);
    for (const bad of ['0', 'true', 'OFF', 'yes']) {
      assert.deepEqual(problems({ DIGESTS: bad }), [`DIGESTS: must be on or off (got "${bad}").`]);
    }
  });

  it('issue 13: TEAMS_SERVICE_URL defaults to the global Teams endpoint; TEAMS_TENANT_ID defaults to the bot\'s tenant', () => {
    const tenant = '6b1e1a40-2a7c-4b1e-9d5e-1a2b3c4d5e6f';
    const defaults = { serviceUrl: 'https://smba.trafficmanager.net/teams/', tenantId: null, graph: null };
    assert.deepEqual(loadConfig({}, '/srv/app').reach, defaults);
    assert.deepEqual(loadConfig({ MicrosoftAppTenantId: tenant }, '/srv/app').reach.tenantId, tenant);
    const set = loadConfig({ TEAMS_SERVICE_URL: 'http://127.0.0.1:9/x', TEAMS_TENANT_ID: tenant }, '/srv/app').reach;
    assert.deepEqual(set, { serviceUrl: 'http://127.0.0.1:9/x/', tenantId: tenant, graph: null });
    assert.deepEqual(problems({ TEAMS_SERVICE_URL: 'smba' }), ['TEAMS_SERVICE_URL: must be an http(s) URL (got "smba").']);
    assert.deepEqual(problems({ TEAMS_TENANT_ID: 'contoso' }), ['TEAMS_TENANT_ID: must be the Entra tenant\'s GUID (got "contoso").']);
  });

  it('issue 13: GRAPH_INSTALL is off by default; on, it needs the catalog id, the tenant and the bot\'s app id', () => {
    const tenant = '6b1e1a40-2a7c-4b1e-9d5e-1a2b3c4d5e6f';
    const appId = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
    const bot = { MicrosoftAppId: appId, MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: tenant };
    assert.deepEqual(loadConfig({ ...bot, GRAPH_INSTALL: 'on', TEAMS_APP_CATALOG_ID: 'cat-1' }, '/srv/app').reach.graph, {
      catalogId: 'cat-1', baseUrl: 'https://graph.microsoft.com/v1.0',
      tokenUrl: `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`,
    });
    const local = loadConfig({
      ...bot, GRAPH_INSTALL: 'on', TEAMS_APP_CATALOG_ID: 'cat-1', GRAPH_BASE_URL: 'http://127.0.0.1:9/v1.0/',
      GRAPH_TOKEN_URL: 'http://127.0.0.1:9/token',
    }, '/srv/app').reach.graph;
    assert.deepEqual(local, { catalogId: 'cat-1', baseUrl: 'http://127.0.0.1:9/v1.0', tokenUrl: 'http://127.0.0.1:9/token' });
    assert.deepEqual(problems({ GRAPH_INSTALL: 'on' }), [
      'TEAMS_APP_CATALOG_ID: required with GRAPH_INSTALL=on (the app\'s id in the org\'s app catalog).',
      'TEAMS_TENANT_ID: required with GRAPH_INSTALL=on (or MicrosoftAppTenantId).',
      'MicrosoftAppId: required with GRAPH_INSTALL=on (Graph is called as the bot\'s app).',
    ]);
    assert.deepEqual(problems({ GRAPH_INSTALL: 'yes' }), ['GRAPH_INSTALL: must be on or off (got "yes").']);
  });
});
