/** The services the REST handlers call: built by the composition root (src/app.ts). */
import type { Clock } from '../../services/clock';
import type { CustomerService } from '../../services/customers';
import type { Directory } from '../../services/directory';
import type { PeopleAdmin } from '../../services/people-admin';
import type { SweepResult } from '../../services/reminders';
import type { Store } from '../../store/store';

export interface ApiServices {
  customers: CustomerService;
  people: PeopleAdmin;
  directory: Directory;
  store: Store;
  /** The reminder sweep (POST /api/reminders/run). */
  reminders: { run(asOf: Date): Promise<SweepResult> };
  clock: Clock;
}
