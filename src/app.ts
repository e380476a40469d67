import type { AddressInfo } from 'node:net';
import type { Config } from './config';
import { createServer } from './http/server';
import type { Logger } from './log/logger';
import type { Store } from './store/store';
import { createAdapter } from './teams/adapter';
import { EsdBot } from './teams/bot';

export interface AppDeps {
  config: Pick<Config, 'host' | 'port' | 'bot' | 'shutdownTimeoutMs'>;
  store: Store;
  logger: Logger;
}

export interface RunningApp {
  /** Base URL, e.g. `http://127.0.0.1:3978`. */
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to the shutdown timeout), then closes the store. */
  stop(): Promise<void>;
}

/** Wires the bot, the adapter and the HTTP server over a store, and listens. */
export async function startApp(deps: AppDeps): Promise<RunningApp> {
  const { config, store, logger } = deps;
  const adapter = createAdapter(config.bot, logger);
  const bot = new EsdBot(logger);
  const server = createServer({ adapter, bot, store, logger });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const http = server.server;
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      // Keep-alive connections go idle as their last response ends: close each as soon as it does.
      const sweep = setInterval(() => http.closeIdleConnections(), 50);
      http.closeIdleConnections();
      const timer = setTimeout(() => {
        logger.warn('shutdown timeout: closing open connections', { timeoutMs: config.shutdownTimeoutMs });
        http.closeAllConnections();
      }, config.shutdownTimeoutMs);
      await closed;
      clearTimeout(timer);
      clearInterval(sweep);
      await store.close();
    })();
    return stopping;
  };
  return { url, port, stop };
}
