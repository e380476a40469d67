/** The route table as the server builds it, over throwaway services: for tests that enumerate every route. */
import { ActivityHandler } from 'botbuilder';
import { apiRoutes } from '../../src/http/routes';
import type { Route } from '../../src/http/route';
import { memoryLogger } from '../../src/log/logger';
import { CardActions } from '../../src/services/card-actions';
import { CustomerService } from '../../src/services/customers';
import { Directory } from '../../src/services/directory';
import { EngagementQueries } from '../../src/services/engagement-queries';
import { GatewayQueue } from '../../src/services/gateway-queue';
import { LoadReports } from '../../src/services/load-report';
import { PeopleAdmin } from '../../src/services/people-admin';
import { ReminderList } from '../../src/services/reminder-list';
import { Suggestions } from '../../src/services/suggestions';
import { Timelines } from '../../src/services/timelines';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { createAdapter } from '../../src/teams/adapter';
import { LOCAL_BOT } from '../common/app';
import { NOW, tenantId } from '../common/fixtures';

export function routeTable(): Route[] {
  const logger = memoryLogger('error');
  const store = SqliteStore.open({ file: ':memory:' });
  const clock = { now: () => NOW };
  const directory = new Directory(store, clock);
  const customers = new CustomerService(store, clock);
  const load = new LoadReports(store, clock);
  const suggestions = new Suggestions(load);
  return apiRoutes({
    adapter: createAdapter({ ...LOCAL_BOT }, logger), bot: new ActivityHandler(), logger, store, clock,
    directory, customers, people: new PeopleAdmin(store, clock),
    engagements: new EngagementQueries(store, new CardActions(store, clock)), load,
    queue: new GatewayQueue({ store, customers, suggestions, directory, clock }), suggestions,
    reminders: { run: async () => ({ due: 0, sent: 0, skipped: 0, failed: 0 }) }, reminderList: new ReminderList(store),
    timelines: new Timelines(store, clock),
  });
}

/** A concrete URL for a route's path template. */
export function urlOf(route: Route): string {
  const values: Record<string, string> = { tenantId: tenantId(1), workload: 'Teams', aadObjectId: 'aad-someone' };
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? name);
}
