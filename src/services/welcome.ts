/**
 * Welcome cards: when a customer is assigned to an FM (at creation or later), that FM gets the ESD card of each
 * workload it has something to do about, with its actions, so the first sight of a new customer is not the day of
 * its start. Partners get nothing (R9); nobody is prompted about workloads without an active date (R1); a workload
 * whose reminder is due already gets that reminder instead (the sweep sends it), not two copies of one card.
 *
 * At most once per FM, customer and workload: each card has a deterministic id, claimed in the store before
 * sending, so a retried assignment, a reassignment back to the same FM or a second instance sends nothing new. The
 * record keeps the activity id, so the CardRefresher redraws the card in place after a change like any other.
 */
import { todayIn, type CalendarDate } from '../domain/dates';
import { hasActiveEsd, reminderDue } from '../domain/rules';
import type { Customer, Locale, Person, Workload, WorkloadName } from '../domain/types';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';
import type { CardActions, CardState } from './card-actions';
import type { Clock } from './clock';
import { timeZoneOf, type Directory } from './directory';
import { CardDelivery, newCardRecord, type RenderedCard } from './card-delivery';
import type { CardSender } from './card-sender';
import { canMessage, type AppInstaller } from './reach';
import { reminderId } from './reminders';

/** Draws the welcome card of one workload for the FM (src/teams/cards/welcome-card.ts). */
/** The welcome card in the FM's directory locale (issue 11; absent: the deployment's DEFAULT_LOCALE). */
export type WelcomeCard = (state: CardState, locale: Locale | undefined) => RenderedCard;

export interface WelcomeResult {
  sent: number;
  /** Already welcomed (claimed earlier), or nothing to send: not an FM, reassigned meanwhile, not reachable. */
  skipped: number;
  failed: number;
}

export function welcomeId(tenantId: string, workload: WorkloadName, fmId: string): string {
  return `${tenantId}.${workload}.welcome.${fmId}`;
}

/** R1: an active date; a completed deployment asks nothing more of its FM. */
function welcomes(workload: Workload): boolean {
  return hasActiveEsd(workload) && workload.state !== 'completed';
}

/** `blocked`: Teams said never (blocked, uninstalled): the FM's other cards are not tried. */
type Verdict = keyof WelcomeResult | 'blocked';

export class WelcomeCards {
  private readonly delivery: CardDelivery;

  constructor(
    private readonly deps: {
      store: Store; directory: Directory; cardActions: CardActions; sender: CardSender; render: WelcomeCard;
      clock: Clock; logger: Logger; teamsTenantId?: string | null; installer?: AppInstaller;
    },
  ) {
    this.delivery = new CardDelivery(deps);
  }

  /**
   * Welcomes the FM the customer is assigned to. Reads the customer again first: the assignment may have changed
   * since it was announced, and the cards show its current state.
   */
  async welcome(tenantId: string): Promise<WelcomeResult> {
    const result: WelcomeResult = { sent: 0, skipped: 0, failed: 0 };
    const customer = (await this.deps.store.getCustomer(tenantId))?.value;
    if (customer?.assignee?.type !== 'fm') return result; // R9: partners are not prompted; unassigned: nobody to
    const stored = await this.deps.directory.get(customer.assignee.aadObjectId);
    const person = stored && await this.delivery.reach.reach(stored); // a chat created when none is stored
    // Unreachable: nothing is claimed, so a later assignment can still welcome them; the ESD-day reminder waits for
    // them.
    if (!canMessage(person)) {
      this.deps.logger.info('welcome cards not sent: the FM cannot be reached yet', { tenantId, fm: customer.assignee.aadObjectId });
      return result;
    }
    const today = todayIn(timeZoneOf(person), this.deps.clock.now());
    for (const workload of customer.workloads.filter(welcomes)) {
      const reminded = await this.remindedAnyway(customer, workload, today);
      const verdict = reminded ? 'skipped' : await this.send(person, customer, workload, today);
      result[verdict === 'blocked' ? 'failed' : verdict] += 1;
      if (verdict === 'blocked') break; // the rest stays unclaimed, for when they can be reached again
    }
    this.deps.logger.info('welcome cards', { tenantId, fm: person.aadObjectId, ...result });
    return result;
  }

  /**
   * The day's reminder is due (R3, R5) and not sent yet: the sweep's card reaches the FM within minutes (or on the
   * next working morning), so a welcome card would only be a second copy of it.
   */
  private async remindedAnyway(customer: Customer, workload: Workload, today: CalendarDate): Promise<boolean> {
    const due = reminderDue(customer, workload);
    if (!due || due.on > today) return false;
    return !(await this.deps.store.getSentCard(reminderId(customer.tenantId, workload.workload, due.on, due.kind)));
  }

  private async send(person: Person, customer: Customer, workload: Workload, today: CalendarDate): Promise<Verdict> {
    const at = this.deps.clock.now().toISOString();
    const record = newCardRecord({
      id: welcomeId(customer.tenantId, workload.workload, person.aadObjectId), tenantId: customer.tenantId,
      workload: workload.workload, dueOn: today, kind: 'welcome', recipientId: person.aadObjectId,
    }, at);
    if (!(await this.deps.store.claimSentCard(record))) return 'skipped';
    const claimed = await this.deps.store.getSentCard(record.id);
    if (!claimed) return 'skipped';
    const rendered = this.deps.render(this.deps.cardActions.stateFor(person, customer, workload), person.locale);
    // Not retryable: no later sweep retries a welcome; the claim stays, failed, and the ESD-day reminder prompts.
    const delivery = await this.delivery.deliver(claimed, person, rendered, at, false);
    return delivery === 'final' ? 'blocked' : delivery;
  }
}
