/**
 * P1: a customer ready to start must not wait silently for an FM. In their local working-day morning (the reminders'
 * rule: from REMINDER_HOUR, Monday to Friday, in their time zone) every Gateway person gets a heads-up card about
 * each customer still without an FM or a partner whose first ESD is at most `alertDays` working days away, with the
 * assign action on it.
 *
 * Once per customer and person: the card's id (customer + recipient) is claimed in the store before it is sent, so
 * a second sweep, a second instance or a retried request sends nothing new; a customer assigned meanwhile (re-read
 * just before) gets none. It runs in the reminder sweep, under the same lease.
 */
import { headsUpDue } from '../domain/assignment';
import { addDays, addWorkingDays, todayIn, type CalendarDate } from '../domain/dates';
import type { Locale, Person, SentCard, Versioned } from '../domain/types';
import { mapBounded } from '../lib/bounded';
import { oncePerKey } from '../lib/once-per-key';
import type { Logger } from '../log/logger';
import type { QueueEntry, Store } from '../store/store';
import { CardDelivery, claimCard, newCardRecord, type RenderedCard } from './card-delivery';
import type { CardSender } from './card-sender';
import type { Directory } from './directory';
import type { GatewayQueue, QueuedCustomer } from './gateway-queue';
import { canMessage, type AppInstaller } from './reach';
import { localMorning, type SweepResult } from './reminders';

/**
 * Draws the heads-up card of one waiting customer for its recipient (src/teams/cards/queue-card.ts), in their
 * directory locale (issue 11; absent: the deployment's DEFAULT_LOCALE).
 */
export type HeadsUpCard = (customer: QueuedCustomer, today: CalendarDate, locale: Locale | undefined) => RenderedCard;

export interface HeadsUpOptions {
  /** The local hour from which the day's cards go out (REMINDER_HOUR). */
  hour: number;
  /** How many working days ahead a first ESD gets a heads-up (UNASSIGNED_ALERT_DAYS). */
  alertDays: number;
  /** Delivery attempts across sweeps before a transient failure becomes final; default 5. */
  maxAttempts?: number;
}

export function headsUpId(tenantId: string, recipientId: string): string {
  return `${tenantId}.headsUp.${recipientId}`;
}

const PAGE = 500;
/** Gateway people served at once (each person's cards go in order). */
const CONCURRENCY = 8;

type Verdict = 'sent' | 'skipped' | 'failed';

export class HeadsUpSweep {
  private readonly delivery: CardDelivery;

  constructor(
    private readonly deps: {
      store: Store; directory: Directory; queue: GatewayQueue; sender: CardSender; render: HeadsUpCard; logger: Logger;
      teamsTenantId?: string | null; installer?: AppInstaller;
    },
    private readonly options: HeadsUpOptions,
  ) {
    this.delivery = new CardDelivery(deps);
  }

  /** One sweep as of `asOf`. Running it again sends nothing new. */
  async run(asOf: Date): Promise<SweepResult> {
    const result: SweepResult = { due: 0, sent: 0, skipped: 0, failed: 0 };
    const { hour, alertDays } = this.options;
    const recipients = (await this.deps.directory.withRole('gateway')).filter((person) => {
      const morning = localMorning(person, asOf, hour);
      return morning.workingDay && morning.pastHour;
    });
    if (recipients.length === 0) return result;
    // Every recipient's window ends on or before this (the latest "today" on Earth is UTC's tomorrow).
    const waiting = await this.waitingUntil(addWorkingDays(addDays(todayIn('UTC', asOf), 1), alertDays));
    /** The customer with its suggested FMs, worked out once per sweep and only when a card is to be sent. */
    const draw = oncePerKey(
      (entry: QueueEntry) => entry.tenantId,
      async (entry): Promise<QueuedCustomer | undefined> => (
        (await this.deps.queue.withSuggestions([entry], entry.firstEsd as CalendarDate))[0]
      ),
    );
    await mapBounded(recipients, CONCURRENCY, async (recipient) => {
      const { today } = localMorning(recipient, asOf, hour);
      const entries = waiting.filter((e) => e.firstEsd !== null && headsUpDue(e.firstEsd, today, alertDays));
      // A chat created when none is stored, only for someone with something to be told (issue 13).
      const person = entries.length > 0 ? await this.delivery.reach.reach(recipient) : recipient;
      for (const entry of entries) {
        result.due += 1;
        result[await this.tell(person, entry, today, asOf, draw)] += 1;
      }
    });
    this.deps.logger.info('heads-up sweep', { asOf: asOf.toISOString(), ...result });
    return result;
  }

  /** The waiting customers whose first ESD is on or before `last`, soonest first (the queue's order). */
  private async waitingUntil(last: CalendarDate): Promise<QueueEntry[]> {
    const entries: QueueEntry[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.deps.store.listUnassignedCustomers(
        { firstEsdOnOrBefore: last, limit: PAGE, continuationToken },
      );
      entries.push(...page.items);
      continuationToken = page.continuationToken;
    } while (continuationToken);
    return entries;
  }

  private async tell(
    person: Person, entry: QueueEntry, today: CalendarDate, asOf: Date,
    draw: (entry: QueueEntry) => Promise<QueuedCustomer | undefined>,
  ): Promise<Verdict> {
    if (!canMessage(person)) return 'skipped'; // nothing claimed: told once they can be reached
    const told = await this.deps.store.getSentCard(headsUpId(entry.tenantId, person.aadObjectId));
    if (told && told.value.status !== 'retrying') return 'skipped'; // once per customer and person
    const current = (await this.deps.store.getCustomer(entry.tenantId))?.value;
    if (!current || current.assignee !== null) return 'skipped'; // assigned meanwhile: nobody needs telling
    const record = await this.claim(person, entry, asOf);
    if (!record) return 'skipped';
    const customer = await draw(entry);
    if (!customer) return 'skipped';
    const retryable = record.value.attempts < (this.options.maxAttempts ?? 5);
    const rendered = this.deps.render(customer, today, person.locale);
    const delivery = await this.delivery.deliver(record, person, rendered, asOf.toISOString(), retryable);
    return delivery === 'sent' ? 'sent' : 'failed';
  }

  private async claim(person: Person, entry: QueueEntry, asOf: Date): Promise<Versioned<SentCard> | null> {
    const first = entry.workloads.find((w) => w.engagementStartDate === entry.firstEsd) ?? entry.workloads[0];
    if (!first || entry.firstEsd === null) return null;
    return claimCard(this.deps.store, newCardRecord({
      id: headsUpId(entry.tenantId, person.aadObjectId), tenantId: entry.tenantId, workload: first.workload,
      dueOn: entry.firstEsd, kind: 'headsUp', recipientId: person.aadObjectId,
    }, asOf.toISOString()));
  }
}
