/** The services the REST handlers call: built by the composition root (src/app.ts). */
import type { Clock } from '../../services/clock';
import type { CustomerService } from '../../services/customers';
import type { Directory } from '../../services/directory';
import type { EngagementQueries } from '../../services/engagement-queries';
import type { LoadReports } from '../../services/load-report';
import type { PeopleAdmin } from '../../services/people-admin';
import type { SweepResult } from '../../services/reminders';
import type { Store } from '../../store/store';

export interface ApiServices {
  customers: CustomerService;
  people: PeopleAdmin;
  directory: Directory;
  /** The active ESDs by date (GET /api/engagements). */
  engagements: EngagementQueries;
  /** The FM load per ISO week (GET /api/load, P2). */
  load: LoadReports;
  /** Only for readiness (GET /readyz): every other route goes through a service. */
  store: Store;
  /** The reminder sweep (POST /api/reminders/run). */
  reminders: { run(asOf: Date): Promise<SweepResult> };
  clock: Clock;
}
