/** Composition root: read the config, open the store, serve; stop cleanly on SIGTERM/SIGINT. */
import fs from 'node:fs';
import { startApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './log/logger';
import { seedDemoData } from './services/demo-data';
import { openStore } from './store/open-store';

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
  const logger = createLogger(config.logLevel);
  const store = await openStore(config.store);
  if (config.demoData !== false && (await seedDemoData(store, new Date()))) {
    logger.info('seeded demo people and customers (DEMO_DATA)');
  }
  const app = await startApp({ config, store, logger });
  logger.info('esd-bot listening', { url: app.url, store: config.store.kind, production: config.production });

  let signalled = false;
  const shutdown = (signal: string): void => {
    if (signalled) return;
    signalled = true;
    logger.info('stopping', { signal });
    app.stop().then(
      () => { logger.info('stopped'); process.exit(0); },
      (error: unknown) => { logger.error('unclean stop', { error }); process.exit(1); },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`esd-bot failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
