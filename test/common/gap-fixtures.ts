/**
 * P3: four customers whose serial deployments are played through the domain's own transitions (entered, started,
 * completed, added, left InProgress), each step on its own day, so their timelines and gaps can be worked out by
 * hand (test/domain/timeline.test.ts shows the arithmetic; the REST tests of the timeline and the gaps report reuse
 * them).
 */
import type { ChangeContext, WorkloadInput } from '../../src/domain/customer';
import type { CalendarDate } from '../../src/domain/dates';
import {
  addWorkload, changeL1Status, completeDeployment, confirmStart, markCustomerInactive, recordNoResponse,
} from '../../src/domain/engagement';
import type { AddedWorkloadSource, Customer, WorkloadName } from '../../src/domain/types';
import {
  actors, ctx, customerFixture, inMonth, onDay, tenantId, underWay, withoutEsd, type CustomerFixtureOptions,
} from './fixtures';

/** The FM's change on `today`. */
function on(today: CalendarDate): ChangeContext {
  return ctx(actors.fm, 0, today);
}

/** One step of a customer's story: a transition on its day. */
type Step = (customer: Customer) => Customer;

const started = (workload: WorkloadName, day: CalendarDate): Step => (c) => confirmStart(c, workload, on(day));
const completed = (workload: WorkloadName, day: CalendarDate): Step =>
  (c) => completeDeployment(c, workload, undefined, on(day));
const added = (input: WorkloadInput, day: CalendarDate, source: AddedWorkloadSource): Step =>
  (c) => addWorkload(c, input, on(day), source);

/** A customer entered by the Gateway on `enteredOn`, then each step in turn. */
function played(
  entry: Omit<CustomerFixtureOptions, 'context'>, enteredOn: CalendarDate, ...steps: Step[]
): Customer {
  return steps.reduce((c, step) => step(c), customerFixture({ ...entry, context: ctx(actors.gateway, 0, enteredOn) }));
}

/** The name the CSV must keep whole: a comma, a quote and a leading `=` (a spreadsheet formula otherwise). */
export const ALPHA_NAME = '=Alpha, "North" Ltd';

export const GAP_TENANTS = { alpha: tenantId(101), bravo: tenantId(102), charlie: tenantId(103), delta: tenantId(104) };

/**
 * Alpha: Exchange entered as already under way (R2) since 2026-09-01, completed 2026-11-20; Teams (ESD 2026-12-01)
 * started that day and completed 2027-01-20; Intune added as a serial deployment expected in February 2027 (R7);
 * Purview started 2026-12-15, then set to NoIntent; Windows Unknown, never dated.
 */
export function alpha(): Customer {
  return played({
    tenantId: GAP_TENANTS.alpha, name: ALPHA_NAME,
    workloads: [
      underWay('ExchangeOnline', '2026-09-01'), onDay('Teams', '2026-12-01'), onDay('Purview', '2026-12-15'),
      withoutEsd('Windows', 'Unknown'),
    ],
  }, '2026-11-16',
  completed('ExchangeOnline', '2026-11-20'), started('Teams', '2026-12-01'), started('Purview', '2026-12-15'),
  (c) => changeL1Status(c, 'Purview', { l1Status: 'NoIntent', reason: 'Not this year.' }, on('2026-12-20'), 'api'),
  completed('Teams', '2027-01-20'), added(inMonth('Intune', '2027-02'), '2027-01-20', 'serialDeployment'));
}

/**
 * Bravo: SharePoint started 2026-10-05, completed 2026-11-30; OneDrive started 2026-11-02 (SharePoint still under
 * way), completed 2026-12-10; Teams planned 2026-12-10, started 2026-12-14, completed 2026-12-22; Copilot added
 * expected in January 2027, the customer did not answer on 2027-01-04.
 */
export function bravo(): Customer {
  return played({
    tenantId: GAP_TENANTS.bravo, name: 'Bravo Industries',
    workloads: [onDay('SharePointOnline', '2026-10-05'), onDay('OneDrive', '2026-11-02'), onDay('Teams', '2026-12-10')],
  }, '2026-10-01',
  started('SharePointOnline', '2026-10-05'), started('OneDrive', '2026-11-02'), completed('SharePointOnline', '2026-11-30'),
  completed('OneDrive', '2026-12-10'), started('Teams', '2026-12-14'), completed('Teams', '2026-12-22'),
  added(inMonth('Copilot', '2027-01'), '2026-12-22', 'successReview'),
  (c) => recordNoResponse(c, 'Copilot', 'Left a message.', on('2027-01-04')));
}

/**
 * Charlie: Windows started 2026-11-16, completed 2026-12-07; Defender started that same day and is under way;
 * Purview planned 2027-01-11, the customer went inactive.
 */
export function charlie(): Customer {
  return played({
    tenantId: GAP_TENANTS.charlie, name: 'Charlie Co',
    workloads: [onDay('Windows', '2026-11-16'), onDay('Defender', '2026-12-07'), onDay('Purview', '2027-01-11')],
  }, '2026-11-10',
  started('Windows', '2026-11-16'), completed('Windows', '2026-12-07'), started('Defender', '2026-12-07'),
  (c) => markCustomerInactive(c, 'Purview', 'No answer for weeks.', on('2027-01-12')));
}

/** Delta: two workloads planned, nothing started or completed: no gap. */
export function delta(): Customer {
  return played({
    tenantId: GAP_TENANTS.delta, name: 'Delta GmbH',
    workloads: [onDay('ExchangeOnline', '2026-12-07'), inMonth('Teams', '2027-01')],
  }, '2026-11-24');
}

export function gapCustomers(): Customer[] {
  return [alpha(), bravo(), charlie(), delta()];
}
