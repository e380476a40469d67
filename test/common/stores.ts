/**
 * Every Store implementation, each able to open a fresh, empty store and throw it away again. The contract suite
 * and the benchmarks iterate over `storeKinds`, so a new store is tested and measured by adding it here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Store } from '../../src/store/store';
import { CosmosStore } from '../../src/store/cosmos/cosmos-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { startCosmosServer } from './cosmos-server';

export interface OpenedStore {
  store: Store;
  /** Closes the store and removes everything it kept (files, server). */
  cleanup(this: void): Promise<void>;
}

export interface StoreKind {
  name: 'sqlite' | 'cosmos';
  open(): Promise<OpenedStore>;
}

/**
 * Opens a store on something set up for it (a folder, a server); `teardown` removes that again, after the store
 * closed on cleanup, or at once when opening fails.
 */
async function openOn(teardown: () => unknown, open: () => Store | Promise<Store>): Promise<OpenedStore> {
  let store: Store;
  try {
    store = await open();
  } catch (error) {
    await teardown();
    throw error;
  }
  return {
    store,
    async cleanup() {
      try {
        await store.close();
      } finally {
        await teardown();
      }
    },
  };
}

/** A new SQLite database file in its own temporary folder. */
export async function openSqlite(): Promise<OpenedStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-store-'));
  return openOn(() => fs.rmSync(dir, { recursive: true, force: true }),
    () => SqliteStore.open({ file: path.join(dir, 'esd.sqlite') }));
}

let databases = 0;

/** A Cosmos-compatible server of its own (in memory, plain http) with one new database. */
async function openCosmos(): Promise<OpenedStore> {
  const server = await startCosmosServer();
  databases += 1;
  const databaseId = `esd-test-${process.pid}-${databases}`;
  return openOn(() => server.stop(), () => CosmosStore.open({ endpoint: server.endpoint, key: 'test-key', databaseId }));
}

export const sqliteKind: StoreKind = { name: 'sqlite', open: openSqlite };
export const cosmosKind: StoreKind = { name: 'cosmos', open: openCosmos };
export const storeKinds: StoreKind[] = [sqliteKind, cosmosKind];
