/**
 * CONFIG_VARIABLES is what the deployment files are checked against (infra/azure.bicep's app settings), so it must
 * be exactly the variables loadConfig reads: an environment that records every name asked for holds it to that.
 */
import assert from 'node:assert/strict';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/config';

/** An environment that answers from `values` and remembers every name read. */
function recordingEnv(values: Record<string, string>): { env: Record<string, string | undefined>; read: Set<string> } {
  const read = new Set<string>();
  const env = new Proxy<Record<string, string | undefined>>(values, {
    get(target, name) {
      if (typeof name === 'string') read.add(name);
      return typeof name === 'string' ? target[name] : undefined;
    },
  });
  return { env, read };
}

const SETUPS: Record<string, Record<string, string>> = {
  'the defaults (SQLite, local mode)': {},
  'Cosmos DB with a managed identity, a bot, Entra, telemetry': {
    STORE: 'cosmos', COSMOS_ENDPOINT: 'https://esd.documents.azure.com:443/', COSMOS_DATABASE: 'esd',
    COSMOS_MANAGED_IDENTITY: '1', MicrosoftAppId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: '6b1e1a40-2a7c-4b1e-9d5e-1a2b3c4d5e6f',
    ENTRA_TENANT_ID: '6b1e1a40-2a7c-4b1e-9d5e-1a2b3c4d5e6f', ENTRA_AUDIENCE: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
    GRAPH_INSTALL: 'on', TEAMS_APP_CATALOG_ID: 'catalog-app-1', // issue 13: the app installed through Graph
  },
};

describe('config: the variables it reads', () => {
  it('CONFIG_VARIABLES is exactly the set of variables loadConfig reads', () => {
    const readAll = new Set<string>();
    for (const [setup, values] of Object.entries(SETUPS)) {
      const { env, read } = recordingEnv(values);
      assert.doesNotThrow(() => loadConfig(env, '/tmp'), setup);
      for (const name of read) readAll.add(name);
    }
    assert.deepEqual([...readAll].sort(), [...CONFIG_VARIABLES].sort());
  });

  it('APPLICATIONINSIGHTS_CONNECTION_STRING turns telemetry on; unset, it is off', () => {
    const on = loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=abc;IngestionEndpoint=https://x/' });
    assert.deepEqual(on.telemetry, { connectionString: 'InstrumentationKey=abc;IngestionEndpoint=https://x/' });
    assert.equal(loadConfig({}).telemetry, null);
  });

  it('a connection string without an InstrumentationKey is refused, naming the variable but not echoing it', () => {
    const secretLooking = 'IngestionEndpoint=https://x/;SomethingPrivate=hunter2';
    assert.throws(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: secretLooking }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems.length, 1);
      assert.match(error.problems[0] ?? '', /^APPLICATIONINSIGHTS_CONNECTION_STRING: must be an Application Insights/);
      assert.doesNotMatch(error.message, /hunter2/);
      return true;
    });
  });
});
