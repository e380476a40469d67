import assert from 'node:assert/strict';
import { CosmosClient, type Container } from '@azure/cosmos';
import { CosmosStore } from '../../src/store/cosmos/cosmos-store';
import { customerDocument } from '../../src/store/cosmos/documents';
import { startCosmosServer, type CosmosTestServer } from '../common/cosmos-server';
import { cosmosKind } from '../common/stores';
import { customerFixture, fmAssignee, onDay, tenantId } from '../common/fixtures';
import { storeContract } from './contract';

storeContract(cosmosKind);

describe('CosmosStore: documents of an earlier build', () => {
  let server: CosmosTestServer;
  beforeEach(async () => { server = await startCosmosServer(); });
  afterEach(async () => { await server.stop(); });

  /** A client of our own, as the earlier build had (the test server must not be asked for other regions). */
  const rawClient = (): CosmosClient => new CosmosClient({
    endpoint: server.endpoint, key: 'test-key', connectionPolicy: { enableEndpointDiscovery: false },
  });

  const databaseId = 'esd-earlier-build';

  /** The customers container as an earlier build created it, with the composite indexes given. */
  async function earlierContainer(client: CosmosClient, indexedPaths: string[][]): Promise<Container> {
    const { database } = await client.databases.createIfNotExists({ id: databaseId });
    const compositeIndexes = indexedPaths.map((paths) => paths.map((path) => ({ path, order: 'ascending' as const })));
    const { container } = await database.containers.createIfNotExists({
      id: 'customers', partitionKey: { paths: ['/tenantId'] }, indexingPolicy: { compositeIndexes },
    });
    return container;
  }

  const openStore = (): Promise<CosmosStore> => CosmosStore.open({ endpoint: server.endpoint, key: 'test-key', databaseId });

  it('P1: customers stored before the Gateway queue get their queue key when the store opens, and are listed; opening again changes nothing', async () => {
    const client = rawClient();
    const container = await earlierContainer(client, [['/nameKey', '/tenantId'], ['/queueKey', '/tenantId']]);
    const waiting = customerFixture({ n: 2, assignee: null, workloads: [onDay('Teams', '2026-12-10')] });
    const assigned = customerFixture({ n: 1, assignee: fmAssignee(), workloads: [onDay('Teams', '2026-12-01')] });
    for (const customer of [waiting, assigned]) {
      const { queueKey: _queueKey, ...earlier } = customerDocument(customer);
      await container.items.create(earlier);
    }
    for (let opening = 1; opening <= 2; opening++) {
      const store = await openStore();
      const { items } = await store.listUnassignedCustomers({});
      assert.deepEqual(items.map((e) => [e.tenantId, e.firstEsd]), [[tenantId(2), '2026-12-10']], `opening ${opening}`);
      assert.deepEqual((await store.getCustomer(tenantId(2)))?.value, waiting, 'the customer itself is unchanged');
      assert.deepEqual((await store.getCustomer(tenantId(1)))?.value, assigned);
      await store.close();
    }
    const { resources } = await container.items
      .query<{ id: string; queueKey: string | null }>('SELECT c.id, c.queueKey FROM c').fetchAll();
    assert.deepEqual(resources.sort((a, b) => a.id.localeCompare(b.id)),
      [{ id: tenantId(1), queueKey: null }, { id: tenantId(2), queueKey: '2026-12-10' }]);
    client.dispose();
  });

  // The test server drops a container's documents when its definition is replaced (Cosmos DB keeps them): an empty one.
  it('P1: a customers container without the queue\'s composite index gets it added, keeping its other indexes', async () => {
    const client = rawClient();
    const container = await earlierContainer(client, [['/nameKey', '/tenantId']]);
    await (await openStore()).close();
    const { resource } = await container.read();
    assert.deepEqual(resource?.indexingPolicy?.compositeIndexes?.map((index) => index.map((p) => p.path)),
      [['/nameKey', '/tenantId'], ['/queueKey', '/tenantId']]);
    client.dispose();
  });
});
