import type { Config } from './config';
import { createAuthenticator } from './http/auth';
import { createServer } from './http/server';
import type { Logger } from './log/logger';
import { CardActions } from './services/card-actions';
import { systemClock, type Clock } from './services/clock';
import { CustomerViews } from './services/customer-views';
import { CustomerService } from './services/customers';
import { DigestSweep } from './services/digests';
import { Directory } from './services/directory';
import { EngagementQueries } from './services/engagement-queries';
import { LoadReports } from './services/load-report';
import { PeopleAdmin } from './services/people-admin';
import { ReminderList } from './services/reminder-list';
import { GatewayQueue } from './services/gateway-queue';
import { HeadsUpSweep } from './services/heads-up';
import { ReminderScheduler, sweepsInTurn } from './services/reminder-scheduler';
import { ReminderSweep, type SweepResult } from './services/reminders';
import { SentCards } from './services/sent-cards';
import { Suggestions } from './services/suggestions';
import { TeamLoad } from './services/team-load';
import { Timelines } from './services/timelines';
import type { Store } from './store/store';
import type { Telemetry } from './telemetry/telemetry';
import { createAdapter } from './teams/adapter';
import { BackgroundTasks } from './teams/background';
import { EsdBot } from './teams/bot';
import { CardRefresher } from './teams/card-refresher';
import { attachWelcomeCards } from './teams/welcome-cards';
import { digestCards } from './teams/cards/digest-card';
import { reminderCard } from './teams/cards/esd-card';
import { reminderSummaryCard } from './teams/cards/reminder-summary-card';
import { headsUpCard } from './teams/cards/queue-card';
import { GraphInstaller } from './teams/graph-installer';
import { Notifier } from './teams/notifier';

export interface AppDeps {
  config: Pick<Config, 'host' | 'port' | 'bot' | 'shutdownTimeoutMs' | 'reminders' | 'apiKeys' | 'entra'>
    & Partial<Pick<Config, 'production' | 'reach' | 'defaultLocale'>>;
  store: Store;
  logger: Logger;
  clock?: Clock;
  /** Traces and metrics (APPLICATIONINSIGHTS_CONNECTION_STRING); absent, nothing is traced. */
  telemetry?: Telemetry;
}

export interface RunningApp {
  /** Base URL, e.g. `http://127.0.0.1:3978`. */
  url: string;
  port: number;
  /** Resolves when the work started after answering (redrawing other cards) is done. */
  idle(): Promise<void>;
  /** One sweep as of `asOf`: reminders, then the Gateway's heads-ups (what the scheduler runs every few minutes). */
  runReminders(asOf: Date): Promise<SweepResult>;
  /** Stops accepting, lets in-flight requests finish (up to the shutdown timeout), then closes the store. */
  stop(): Promise<void>;
}

/** Wires the bot, the adapter and the HTTP server over a store, and listens. */
export async function startApp(deps: AppDeps): Promise<RunningApp> {
  const { config, logger, telemetry } = deps;
  const store = telemetry ? telemetry.traceStore(deps.store) : deps.store;
  const clock = deps.clock ?? systemClock;
  // Issue 11: the language of cards for someone whose client and directory entry name none the bot has.
  const defaultLocale = config.defaultLocale ?? 'en-US';
  const adapter = createAdapter(config.bot, logger, defaultLocale);
  const directory = new Directory(store, clock);
  const cardActions = new CardActions(store, clock);
  // One service behind the REST API and the Teams form; listeners (welcome cards) register with onAssigned.
  const customers = new CustomerService(store, clock);
  const sentCards = new SentCards(store);
  const notifier = new Notifier({ adapter, appId: config.bot.appId, logger, serviceUrl: config.reach?.serviceUrl });
  // Issue 13: a person with no stored chat gets one created in this tenant before their card is sent.
  const teamsTenantId = config.reach?.tenantId ?? null;
  // GRAPH_INSTALL=on: Teams refusing that chat (the app is not installed for them) installs it through Graph first.
  const graph = config.reach?.graph;
  const installer = graph ? new GraphInstaller({ config: graph, bot: config.bot, logger }) : undefined;
  const reach = { teamsTenantId, ...(installer ? { installer } : {}) };
  const background = new BackgroundTasks(logger);
  const refresher = new CardRefresher({ sentCards, directory, cardActions, sender: notifier, logger, defaultLocale });
  // The FM a customer is assigned to gets its ESD cards, in the background (R9: partners get none).
  attachWelcomeCards({
    customers, store, directory, cardActions, sender: notifier, background, clock, logger, defaultLocale, ...reach,
  });
  const queries = new EngagementQueries(store, cardActions);
  const customerViews = new CustomerViews(store, customers, clock);
  const load = new LoadReports(store, clock);
  const suggestions = new Suggestions(load);
  // P1, P2: the Gateway queue behind GET /api/customers?assignee=none, the `queue` card and the heads-ups.
  const queue = new GatewayQueue({ store, customers, suggestions, directory, clock });
  const bot = new EsdBot({
    directory, cardActions, customers, queries, customerViews, queue, teamLoad: new TeamLoad(load, clock), refresher,
    background, logger, defaultLocale,
  });
  telemetry?.traceTurns(bot);
  const { hour, unassignedAlertDays, claimSeconds, followUps, summaryThreshold } = config.reminders;
  // One sweep under the lease: the FMs' reminders, then the Gateway's heads-ups about customers still without an FM.
  const sweeps = sweepsInTurn(
    new ReminderSweep(
      {
        store, directory, cardActions, sender: notifier, logger, ...reach,
        render: (state, locale) => reminderCard(state, locale ?? defaultLocale),
        renderSummary: (rows, today, locale) => reminderSummaryCard(rows, today, locale ?? defaultLocale),
      },
      { hour, claimSeconds, followUps, summaryThreshold },
    ),
    new HeadsUpSweep(
      {
        store, directory, queue, sender: notifier, logger, ...reach,
        render: (customer, today, locale) => headsUpCard(customer, today, locale ?? defaultLocale),
      },
      { hour, alertDays: unassignedAlertDays },
    ),
    // Last, on Mondays (DIGESTS=on): each FM's and Gateway person's digest of the week.
    ...(config.reminders.digests ? [new DigestSweep(
      {
        store, directory, failures: new ReminderList(store), sender: notifier, render: digestCards(defaultLocale),
        logger, ...reach,
      },
      { hour },
    )] : []),
  );
  const sweep = telemetry ? telemetry.traceSweep(sweeps) : sweeps;
  const scheduler = new ReminderScheduler({ sweep, store, clock, logger }, config.reminders.sweepMinutes * 60_000);
  const server = createServer({
    adapter, bot, store, logger, clock, directory, customers, people: new PeopleAdmin(store, clock), reminders: sweep,
    engagements: queries, load, queue, suggestions, production: config.production === true,
    reminderList: new ReminderList(store), timelines: new Timelines(store, clock),
    authenticator: createAuthenticator({ apiKeys: config.apiKeys, entra: config.entra, logger }), defaultLocale,
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address();
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  scheduler.start();
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await scheduler.stop();
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
      await background.idle();
      await store.close();
    })();
    return stopping;
  };
  return { url, port, idle: () => background.idle(), runReminders: (asOf) => sweep.run(asOf), stop };
}
