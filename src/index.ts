/**
 * Composition root: read the config, start telemetry if configured, open the store, serve; stop cleanly on
 * SIGTERM/SIGINT. The app is imported after telemetry has started, so OpenTelemetry's HTTP instrumentation is in
 * place before the server's modules load; without APPLICATIONINSIGHTS_CONNECTION_STRING no telemetry code loads.
 */
import fs from 'node:fs';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './log/logger';
import type * as App from './app';
import type * as DemoData from './services/demo-data';
import type * as OpenStore from './store/open-store';
import type * as AzureMonitor from './telemetry/azure-monitor';
import type { Telemetry } from './telemetry/telemetry';

function readConfig(): Config {
  // A local `.env` is optional; variables already set in the environment win over it.
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`config error: ${problem}\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const telemetry = startTelemetry(config);
  const logger = createLogger(config.logLevel, undefined, telemetry?.logFields);
  const { startApp } = load<typeof App>('./app');
  const { openStore } = load<typeof OpenStore>('./store/open-store');
  const { seedDemoData } = load<typeof DemoData>('./services/demo-data');
  const store = await openStore(config.store);
  if (config.demoData !== false && (await seedDemoData(store, new Date()))) {
    logger.info('seeded demo people and customers (DEMO_DATA)');
  }
  const app = await startApp({ config, store, logger, ...(telemetry ? { telemetry } : {}) });
  logger.info('esd-bot listening', { url: app.url, store: config.store.kind, production: config.production });

  let signalled = false;
  const shutdown = (signal: string): void => {
    if (signalled) return;
    signalled = true;
    logger.info('stopping', { signal });
    // Telemetry is flushed last, so the spans of the requests that finished while stopping are sent too.
    const flush = (): Promise<void> | undefined => telemetry?.shutdown().catch((error: unknown) => {
      logger.warn('telemetry not flushed', { error });
    });
    app.stop().then(flush).then(
      () => { logger.info('stopped'); process.exit(0); },
      (error: unknown) => { logger.error('unclean stop', { error }); process.exit(1); },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/**
 * A module loaded only when needed. `require`, as the CommonJS build emits for `import()` anyway: a literal
 * `import()` would go through Node's ES module loader when run from source (tsx), which does not resolve these paths.
 */
function load<T>(id: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
  return require(id) as T;
}

function startTelemetry(config: Config): Telemetry | undefined {
  if (!config.telemetry) return undefined;
  return load<typeof AzureMonitor>('./telemetry/azure-monitor').startTelemetry(config.telemetry);
}

main().catch((error: unknown) => {
  process.stderr.write(`esd-bot failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
