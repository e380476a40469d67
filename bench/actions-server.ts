/**
 * The server side of bench/actions.ts, in a process of its own so the load generator does not share its event loop:
 *
 *   node --require tsx/cjs bench/actions-server.ts <sqlite|cosmos|floor> <fms>
 *
 * `sqlite` / `cosmos`: the real app (startApp) over a fresh store seeded with the bench's FMs and customers; for
 * Cosmos the in-memory Cosmos-compatible server runs in this process too. `floor`: the same restify + CloudAdapter
 * + /api/messages route with a bot that answers every card action with a fixed card and no store work.
 * Prints `{"ready":…}` once listening; `mark` / `report` on stdin (lib/protocol.ts); stops on SIGTERM, SIGINT or
 * when stdin ends (the bench is gone).
 */
import readline from 'node:readline';
import { ActivityHandler, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { startApp } from '../src/app';
import { createAuthenticator } from '../src/http/auth';
import { createServer } from '../src/http/server';
import { createLogger, type Logger } from '../src/log/logger';
import { CardActions } from '../src/services/card-actions';
import { CustomerService } from '../src/services/customers';
import { Directory } from '../src/services/directory';
import { EngagementQueries } from '../src/services/engagement-queries';
import { GatewayQueue } from '../src/services/gateway-queue';
import { LoadReports } from '../src/services/load-report';
import { PeopleAdmin } from '../src/services/people-admin';
import { ReminderList } from '../src/services/reminder-list';
import { Suggestions } from '../src/services/suggestions';
import { Timelines } from '../src/services/timelines';
import type { Store } from '../src/store/store';
import { createAdapter } from '../src/teams/adapter';
import { LOCAL_BOT, TEST_CONFIG } from '../test/common/app';
import { NOW } from '../test/common/fixtures';
import { startRecordingConnector } from '../test/common/recording-connector';
import { cosmosKind, sqliteKind } from '../test/common/stores';
import { seedCustomers, seedPeople } from './lib/actions-plan';
import { TARGETS, writeServerLine, type TargetName } from './lib/protocol';
import { ServerMeter } from './lib/server-meter';

/** Things to stop at the end, last started first. */
const stops: (() => Promise<unknown>)[] = [];

async function stopAll(): Promise<void> {
  for (const stop of stops.splice(0).reverse()) {
    await stop().catch((error: unknown) => console.error('stopping failed:', error));
  }
}

/**
 * The floor's answer: small and fixed, but shaped like the real one (banner first, an Action.Execute with a
 * revision).
 */
const FLOOR_CARD: Record<string, unknown> = {
  type: 'AdaptiveCard', version: '1.5',
  body: [{ type: 'Container', style: 'good', items: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Noted (floor).' }] }] }],
  actions: [{ type: 'Action.Execute', verb: 'noResponse', title: 'No answer yet', data: { verb: 'noResponse', revision: '1' } }],
};

class FloorBot extends ActivityHandler {
  protected override async onAdaptiveCardInvoke(): Promise<AdaptiveCardInvokeResponse> {
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: FLOOR_CARD };
  }
}

/**
 * The real route table and middleware (mount.ts) with the floor bot. The REST API's services are built over the
 * store but no route of theirs is called; the reminder sweep is not even built.
 */
async function startFloor(store: Store, logger: Logger): Promise<string> {
  const clock = { now: () => NOW };
  const directory = new Directory(store, clock);
  const customers = new CustomerService(store, clock);
  const load = new LoadReports(store, clock);
  const suggestions = new Suggestions(load);
  const server = createServer({
    adapter: createAdapter({ ...LOCAL_BOT }, logger), bot: new FloorBot(), store, logger, clock,
    directory, customers, people: new PeopleAdmin(store, clock),
    engagements: new EngagementQueries(store, new CardActions(store, clock)), load,
    queue: new GatewayQueue({ store, customers, suggestions, directory, clock }), suggestions,
    reminderList: new ReminderList(store), timelines: new Timelines(store, clock),
    reminders: { run: () => Promise.reject(new Error('the floor runs no reminders')) },
    authenticator: createAuthenticator({ apiKeys: [], entra: null, logger }),
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  stops.push(() => new Promise<void>((resolve) => {
    server.server.closeAllConnections();
    server.close(() => resolve());
  }));
  return `http://127.0.0.1:${server.address().port}`;
}

async function startReal(store: Store, fms: number, logger: Logger, meter: ServerMeter): Promise<string> {
  for (const person of seedPeople(fms)) await store.putPerson(person);
  await store.createCustomers(seedCustomers(fms));
  const app = await startApp({
    config: { ...TEST_CONFIG }, // local-mode bot, 127.0.0.1:0, the reminder sweep off
    store: meter.timed(store),
    logger,
    // The fixtures' fixed instant: the seeded dates and the bench's new dates stay in the future.
    clock: { now: () => NOW },
  });
  stops.push(() => app.stop());
  return app.url;
}

/** Answers the bench's commands; its going away (stdin ends) stops this process like SIGTERM does. */
function listen(meter: ServerMeter, shutdown: () => void): void {
  const commands = readline.createInterface({ input: process.stdin });
  commands.on('line', (command) => {
    if (command === 'mark') meter.mark();
    else if (command === 'report') writeServerLine({ report: meter.report() });
  });
  commands.on('close', shutdown);
}

async function main(): Promise<void> {
  const target = process.argv[2] as TargetName;
  const fms = Number(process.argv[3] ?? 50);
  if (!TARGETS.includes(target) || !Number.isInteger(fms) || fms < 1) throw new Error(`usage: actions-server.ts <${TARGETS.join('|')}> <fms>`);
  // Production logs at info, a JSON line per card action on stdout: writing it is part of what is measured.
  const logger = createLogger('info', (line) => process.stdout.write(`${line}\n`));
  const meter = new ServerMeter();
  // The floor gets a real SQLite store it never touches: createServer wants one (for /readyz).
  const opened = await (target === 'cosmos' ? cosmosKind : sqliteKind).open();
  stops.push(() => opened.cleanup());
  const connector = await startRecordingConnector();
  stops.push(() => connector.stop());
  const url = target === 'floor' ? await startFloor(opened.store, logger) : await startReal(opened.store, fms, logger, meter);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    void stopAll().then(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  listen(meter, shutdown);
  writeServerLine({ ready: { url, serviceUrl: connector.serviceUrl } });
}

main().catch(async (error: unknown) => {
  console.error(error);
  await stopAll();
  process.exit(1);
});
