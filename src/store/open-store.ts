import fs from 'node:fs';
import path from 'node:path';
import { DefaultAzureCredential } from '@azure/identity';
import type { StoreConfig } from '../config';
import { CosmosStore } from './cosmos/cosmos-store';
import { SqliteStore } from './sqlite/sqlite-store';
import type { Store } from './store';

export const SQLITE_FILE_NAME = 'esd.sqlite';

/** Builds the store the configuration names: the embedded SQLite file by default, Azure Cosmos DB with STORE=cosmos. */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.kind === 'sqlite') {
    fs.mkdirSync(config.dataDir, { recursive: true });
    return SqliteStore.open({ file: path.join(config.dataDir, SQLITE_FILE_NAME) });
  }
  return CosmosStore.open({
    endpoint: config.endpoint,
    databaseId: config.database,
    // Without a key, the managed identity (or a developer's Azure login) authenticates.
    ...(config.key ? { key: config.key } : { credential: new DefaultAzureCredential() }),
  });
}
