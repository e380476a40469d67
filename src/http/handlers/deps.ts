/** The services the REST handlers call: built by the composition root (src/app.ts). */
import type { Clock } from '../../services/clock';
import type { CustomerService } from '../../services/customers';
import type { Directory } from '../../services/directory';
import type { EngagementQueries } from '../../services/engagement-queries';
import type { GatewayQueue } from '../../services/gateway-queue';
import type { LoadReports } from '../../services/load-report';
import type { PeopleAdmin } from '../../services/people-admin';
import type { ReminderList } from '../../services/reminder-list';
import type { SweepResult } from '../../services/reminders';
import type { Suggestions } from '../../services/suggestions';
import type { Timelines } from '../../services/timelines';
import type { Store } from '../../store/store';

export interface ApiServices {
  customers: CustomerService;
  people: PeopleAdmin;
  directory: Directory;
  /** The active ESDs by date (GET /api/engagements). */
  engagements: EngagementQueries;
  /** The FM load per ISO week (GET /api/load, P2). */
  load: LoadReports;
  /** The customers waiting for an FM (GET /api/customers?assignee=none, P1). */
  queue: GatewayQueue;
  /** The FMs to assign a customer to, least loaded first (GET /api/suggestions, P2). */
  suggestions: Suggestions;
  /** Only for readiness (GET /readyz): every other route goes through a service. */
  store: Store;
  /** The reminder sweep (POST /api/reminders/run). */
  reminders: { run(asOf: Date): Promise<SweepResult> };
  /** The cards sent or to send, with their status (GET /api/reminders). */
  reminderList: ReminderList;
  /** P3: a customer's timeline and the gaps report (GET …/timeline, GET /api/reports/gaps). */
  timelines: Timelines;
  clock: Clock;
  /** NODE_ENV=production: a sweep on demand may not run as of a day to come (no simulations). */
  production?: boolean;
}
