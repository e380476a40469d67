/**
 * infra/azure.bicep read as text (no Bicep compiler here): its App Service settings are the variables src/config.ts
 * reads and values it accepts, its Cosmos DB containers are the store's, and the settings the issue asks for are
 * there. The template itself is only compiled and deployed on a machine with Azure access (docs/deploy.md).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config';
import { CONTAINERS } from '../../src/store/cosmos/cosmos-store';
import { bicepOutputs, ROOT } from './deploy-files';

const BICEP = fs.readFileSync(path.join(ROOT, 'infra', 'azure.bicep'), 'utf8');

/** Settings App Service or the Azure SDK read, not src/config.ts. */
const PLATFORM_SETTINGS: Record<string, string> = {
  AZURE_CLIENT_ID: 'DefaultAzureCredential picks the user-assigned identity by its client id',
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'App Service builds the zip-deployed sources on Linux (Oryx)',
  CUSTOM_BUILD_COMMAND: 'that build is the README\'s production install',
};

/** Variables config.ts reads that App Service is not given, and why. */
const LEFT_UNSET: Record<string, string> = {
  PORT: 'App Service sets PORT for the process itself',
  DATA_DIR: 'the SQLite store only; Azure runs STORE=cosmos',
  COSMOS_KEY: 'the account has keys off: the managed identity holds the data-plane role',
  MicrosoftAppPassword: 'the bot authenticates as the managed identity (MicrosoftAppType=UserAssignedMSI)',
  ENTRA_ISSUER: 'derived from ENTRA_TENANT_ID',
  ENTRA_JWKS_URI: 'derived from ENTRA_TENANT_ID',
  TEAMS_SERVICE_URL: 'the default is the global Teams endpoint new chats are created at',
  TEAMS_TENANT_ID: 'defaults to MicrosoftAppTenantId: the FMs are in the bot\'s own tenant',
  GRAPH_INSTALL: 'off by default: installing through Graph needs an admin\'s consent (docs/deploy.md)',
  TEAMS_APP_CATALOG_ID: 'only with GRAPH_INSTALL=on',
  GRAPH_BASE_URL: 'only with GRAPH_INSTALL=on; the default is Graph v1.0',
  GRAPH_TOKEN_URL: 'only with GRAPH_INSTALL=on; the managed identity needs none',
};

/** Values for the settings that are Bicep expressions, as Azure would resolve them. */
const RESOLVED: Record<string, string> = {
  COSMOS_ENDPOINT: 'https://esdbot.documents.azure.com:443/',
  MicrosoftAppId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
  MicrosoftAppTenantId: '6b1e1a40-2a7c-4b1e-9d5e-1a2b3c4d5e6f',
  ENTRA_TENANT_ID: '6b1e1a40-2a7c-4b1e-9d5e-1a2b3c4d5e6f',
  ENTRA_AUDIENCE: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  API_KEYS: '',
  COSMOS_DATABASE: 'esd',
  LOG_LEVEL: 'info',
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
};

/** The `{ name: 'X', value: … }` entries of the site's appSettings array. */
function appSettings(): Array<{ name: string; value: string }> {
  const block = /appSettings: \[\n([\s\S]*?)\n\s*\]\n/.exec(BICEP)?.[1];
  assert.ok(block, 'azure.bicep has an appSettings array');
  return [...block.matchAll(/\{ name: '([^']+)', value: (.*) \}$/gm)].map((match) => ({
    name: match[1] ?? '', value: match[2] ?? '',
  }));
}

describe('deploy: infra/azure.bicep', () => {
  it('sets exactly the variables src/config.ts reads (the rest named with a reason), plus the platform\'s own', () => {
    const names = appSettings().map((setting) => setting.name);
    assert.equal(new Set(names).size, names.length, 'no setting twice');
    const expected = [...CONFIG_VARIABLES.filter((name) => !(name in LEFT_UNSET)), ...Object.keys(PLATFORM_SETTINGS)];
    assert.deepEqual([...names].sort(), expected.sort());
    for (const name of Object.keys(LEFT_UNSET)) {
      assert.ok((CONFIG_VARIABLES as readonly string[]).includes(name), `${name} is a config variable`);
    }
  });

  it('the settings are values config.ts accepts in production (Cosmos DB by managed identity, the bot as the identity)', () => {
    const env: Record<string, string> = {};
    for (const { name, value } of appSettings()) {
      if (name in PLATFORM_SETTINGS) continue;
      const literal = /^'([^'$]*)'$/.exec(value)?.[1];
      const resolved = literal ?? RESOLVED[name];
      assert.ok(resolved !== undefined, `${name} (${value}) is a literal or has a resolved value in this test`);
      env[name] = resolved;
    }
    const config = loadConfig(env, '/tmp');
    assert.equal(config.production, true);
    assert.equal(config.host, '0.0.0.0');
    assert.deepEqual(config.store, { kind: 'cosmos', endpoint: RESOLVED['COSMOS_ENDPOINT'], key: null, database: 'esd' });
    assert.equal(config.bot.appType, 'UserAssignedMSI');
    assert.equal(config.demoData, false);
    assert.ok(config.telemetry, 'Application Insights is wired');
  });

  it('the Cosmos DB containers are the store\'s: names, partition keys and composite indexes', () => {
    const provisioned = JSON.parse(fs.readFileSync(path.join(ROOT, 'infra', 'cosmos-containers.json'), 'utf8')) as unknown;
    const fromStore = Object.entries(CONTAINERS).map(([name, container]) => ({
      name, partitionKey: container.partitionKey, compositeIndexes: container.compositeIndexes ?? [],
    }));
    assert.deepEqual(provisioned, fromStore);
    assert.match(BICEP, /var cosmosContainers = loadJsonContent\('cosmos-containers\.json'\)/);
    assert.match(BICEP, /= \[for container in cosmosContainers: \{/);
    assert.match(BICEP, /partitionKey: \{ paths: \[ container\.partitionKey \], kind: 'Hash' \}/);
    assert.match(BICEP, /compositeIndexes: container\.compositeIndexes/);
  });

  it('the identity holds Cosmos DB\'s built-in Data Contributor role and the account has its keys off', () => {
    assert.match(BICEP, /var cosmosDataContributor = '00000000-0000-0000-0000-000000000002'/);
    assert.match(BICEP, /sqlRoleAssignments@[\d-]+' = \{[\s\S]*?roleDefinitionId: '\$\{cosmos\.id\}\/sqlRoleDefinitions\/\$\{cosmosDataContributor\}'\n\s*principalId: identity\.properties\.principalId/);
    assert.match(BICEP, /disableLocalAuth: true/);
    assert.match(BICEP, /param cosmosCapacity string = 'serverless'/);
    assert.match(BICEP, /enableFreeTier: cosmosFreeTier && !serverless/);
  });

  it('App Service: Linux, Node 20 LTS, always on, health check on /readyz, HTTPS only, TLS 1.2, the identity', () => {
    for (const setting of [
      /kind: 'app,linux'/, /linuxFxVersion: 'NODE\|20-lts'/, /alwaysOn: true/, /healthCheckPath: '\/readyz'/,
      /httpsOnly: true/, /minTlsVersion: '1\.2'/, /keyVaultReferenceIdentity: identity\.id/,
      /appCommandLine: 'node dist\/index\.js'/, /clientAffinityEnabled: false/,
    ]) assert.match(BICEP, setting);
  });

  it('Azure Bot: the managed identity as the bot, the Teams channel, the endpoint /api/messages', () => {
    assert.match(BICEP, /Microsoft\.BotService\/botServices@[\d-]+' = \{[\s\S]*?msaAppType: 'UserAssignedMSI'/);
    assert.match(BICEP, /endpoint: 'https:\/\/\$\{site\.properties\.defaultHostName\}\/api\/messages'/);
    assert.match(BICEP, /channelName: 'MsTeamsChannel'/);
  });

  it('the one secret left (API_KEYS) is a Key Vault reference; Application Insights sits on a Log Analytics workspace', () => {
    const apiKeys = appSettings().find((setting) => setting.name === 'API_KEYS');
    assert.match(apiKeys?.value ?? '', /@Microsoft\.KeyVault\(VaultName=\$\{vault\.name\};SecretName=/);
    assert.match(BICEP, /@secure\(\)\n@description\([^\n]*\)\nparam apiKeys string = ''/);
    assert.match(BICEP, /enableRbacAuthorization: true/);
    assert.match(BICEP, /WorkspaceResourceId: workspace\.id/);
  });

  it('azure.parameters.json gives only declared parameters, and every parameter without a default', () => {
    const file = JSON.parse(fs.readFileSync(path.join(ROOT, 'infra', 'azure.parameters.json'), 'utf8')) as {
      parameters: Record<string, { value: unknown }>;
    };
    const declared = [...BICEP.matchAll(/^param (\w+) \w+( = )?/gm)];
    const names = declared.map((match) => match[1] ?? '');
    for (const name of Object.keys(file.parameters)) assert.ok(names.includes(name), `${name} is a param of azure.bicep`);
    for (const match of declared.filter((m) => m[2] === undefined)) {
      assert.ok(match[1] !== undefined && match[1] in file.parameters, `${match[1]} (no default) is given`);
    }
    assert.deepEqual(bicepOutputs(BICEP).sort(),
      ['BOT_AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_DOMAIN', 'BOT_ENDPOINT', 'BOT_ID', 'BOT_TENANT_ID']);
  });
});
