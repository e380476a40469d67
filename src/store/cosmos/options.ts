/** The Cosmos store's options: validated once, turned into a client. */
import { CosmosClient, type CosmosClientOptions } from '@azure/cosmos';

/** A Microsoft Entra credential (e.g. a managed identity), as @azure/core-auth defines it. */
export type TokenCredential = NonNullable<CosmosClientOptions['aadCredentials']>;

export interface CosmosStoreOptions {
  /** The account endpoint, e.g. `https://<account>.documents.azure.com:443/`. */
  endpoint: string;
  /** The account key; when absent `credential` is used. */
  key?: string;
  /** Used when there is no `key`. Entra data-plane roles cannot create databases: provision them beforehand. */
  credential?: TokenCredential;
  databaseId: string;
  /** A prebuilt client (tests). The store takes it over: `close()` disposes it. */
  client?: CosmosClient;
}

// Cosmos resource ids: at most 255 characters, none of / \ ? #, no trailing space.
const RESOURCE_ID = /^[^/\\?#]{1,255}$/;

/** True for the in-process test server, which must not be asked for other regions' endpoints. */
function isLocalHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

function parseEndpoint(endpoint: unknown): URL {
  if (typeof endpoint !== 'string' || endpoint.trim() === '') {
    throw new Error('CosmosStore: options.endpoint is required (the account URL).');
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch (error) {
    throw new Error(`CosmosStore: options.endpoint is not a URL: "${endpoint}".`, { cause: error });
  }
  if (url.protocol !== 'https:' && !isLocalHttp(url)) {
    throw new Error('CosmosStore: options.endpoint must be https (plain http only for a local test server).');
  }
  return url;
}

function checkDatabaseId(databaseId: unknown): void {
  if (typeof databaseId !== 'string' || !RESOURCE_ID.test(databaseId) || databaseId.endsWith(' ')) {
    throw new Error('CosmosStore: options.databaseId must be 1-255 characters without / \\ ? # or a trailing space.');
  }
}

function credentialsOf(options: CosmosStoreOptions): Pick<CosmosClientOptions, 'key' | 'aadCredentials'> {
  if (options.key !== undefined && options.credential !== undefined) {
    throw new Error('CosmosStore: give options.key or options.credential, not both.');
  }
  if (options.key !== undefined) {
    if (typeof options.key !== 'string' || options.key === '') {
      throw new Error('CosmosStore: options.key must be a non-empty string.');
    }
    return { key: options.key };
  }
  if (options.credential === undefined || typeof options.credential.getToken !== 'function') {
    throw new Error('CosmosStore: options.key or options.credential (a TokenCredential) is required.');
  }
  return { aadCredentials: options.credential };
}

/** Validates the options and gives the client to use (the prebuilt one, or a new one). */
export function clientFor(options: CosmosStoreOptions): CosmosClient {
  checkDatabaseId(options.databaseId);
  if (options.client !== undefined) return options.client;
  const url = parseEndpoint(options.endpoint);
  return new CosmosClient({
    endpoint: options.endpoint,
    ...credentialsOf(options),
    // SDK defaults (endpoint discovery, 429 retries) everywhere but the local test server.
    ...(isLocalHttp(url) ? { connectionPolicy: { enableEndpointDiscovery: false } } : {}),
  });
}
