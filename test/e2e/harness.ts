/**
 * Everything a browser scenario needs, started in order and stopped in reverse even when a step fails: the real app
 * over a temporary SQLite store with the demo data, Agents Playground pointed at it, and a headless Chromium.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { DEMO_PEOPLE, seedDemoData } from '../../src/services/demo-data';
import { startPlayground, writePlaygroundConfig, type RunningPlayground } from '../../scripts/playground-lib';
import type { Store } from '../../src/store/store';
import { startTestApp } from '../common/app';
import { openSqlite } from '../common/stores';
import { startLocaleRelay, type LocaleRelay } from './locale-relay';
import { TeamsPage } from './teams-page';

/**
 * The browser: `CHROMIUM_PATH` when set (e.g. Debian's /usr/bin/chromium), else the Chromium that ships inside the
 * `@sparticuz/chromium` npm tarball, so `npm test` needs no root and no system browser. Nothing is downloaded:
 * playwright-core never fetches a browser, and the npm package unpacks its own binary to /tmp once per boot.
 */
async function chromiumExecutable(): Promise<string> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!fs.existsSync(configured)) throw new Error(`No Chromium at CHROMIUM_PATH=${configured}: unset it to use the npm one`);
    return configured;
  }
  const { default: npmChromium } = await import('@sparticuz/chromium');
  return npmChromium.executablePath();
}
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--no-zygote', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
/** The current user in the playground by default: the demo FM who owns Contoso and Fabrikam. */
const CURRENT_USER = 'Alice Fm';

export interface E2eOptions {
  /** The demo person (by name as DEMO_PEOPLE spells it, e.g. 'Grace Gateway') who chats; default Alice Fm. */
  currentUser?: string;
  /**
   * The language of the Teams client (e.g. 'zh-CN'): the playground always says en-US, so a relay between it and
   * the bot rewrites the activities' locale (see ./locale-relay.ts). Unset: the playground's en-US as it is.
   */
  locale?: string;
}

export interface E2e {
  app: Awaited<ReturnType<typeof startTestApp>>;
  /** The store the app serves, to check what a scenario stored. */
  store: Store;
  playground: RunningPlayground;
  /** The relay that sets `locale` on the activities, when one was asked for. */
  relay?: LocaleRelay;
  browser: BrowserContext;
  /** A new tab on the playground, not yet loaded: call `openChat()`. */
  newTeamsPage(): Promise<TeamsPage>;
  /** Stops everything started so far, last first; safe to call twice. */
  stop(): Promise<void>;
}

/** Only this machine: the UI asks a CDN for fonts and animations, which must never leave it. */
function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'data:' || protocol === 'blob:' || hostname === 'localhost' || hostname === '127.0.0.1';
}

/**
 * `locale` (e.g. 'zh-CN') runs the browser as on a machine in that language (LANG): Chromium picks fallback fonts by
 * it, so Chinese is drawn with the Simplified Chinese face as a zh-CN desktop would, not the Japanese one of the same
 * family that an English machine's fontconfig prefers.
 */
export async function launchChromium(userDataDir: string, locale?: string): Promise<BrowserContext> {
  const env = locale ? { ...process.env, LANG: `${locale.replace('-', '_')}.UTF-8`, LANGUAGE: locale.replace('-', '_') } : undefined;
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: await chromiumExecutable(), args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 },
    ...(env ? { env } : {}),
  });
  await browser.route('**/*', (route) => (isLocal(route.request().url()) ? route.continue() : route.abort()));
  return browser;
}

export async function startE2e(options: E2eOptions = {}): Promise<E2e> {
  const stops: Array<() => unknown> = [];
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const errors: unknown[] = [];
      for (const step of stops.reverse()) {
        try {
          await step();
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length > 0) throw new AggregateError(errors, 'e2e teardown failed');
    })();
    return stopping;
  };
  try {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-e2e-'));
    stops.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const { store, cleanup } = await openSqlite();
    stops.push(cleanup);
    await seedDemoData(store, new Date());
    const app = await startTestApp(store);
    stops.push(() => app.stop());
    const playgroundDir = path.join(tmp, 'playground');
    writePlaygroundConfig(playgroundDir, DEMO_PEOPLE, options.currentUser ?? CURRENT_USER);
    const botEndpoint = `${app.url}/api/messages`;
    const relay = options.locale ? await startLocaleRelay(botEndpoint, options.locale) : undefined;
    if (relay) stops.push(() => relay.stop());
    const playground = await startPlayground({ botEndpoint: relay?.url ?? botEndpoint, cwd: playgroundDir, port: 0 });
    stops.push(() => playground.stop());
    const browser = await launchChromium(path.join(tmp, 'chromium-profile'), options.locale);
    stops.push(() => browser.close());
    const newTeamsPage = async (): Promise<TeamsPage> => new TeamsPage(await browser.newPage(), playground.url);
    return { app, store, playground, relay, browser, newTeamsPage, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
