/**
 * The reminder sweep: on a workload's ESD (R3), or on the follow-up day after "no response yet" (R5), the assigned
 * FM gets the ESD card in their local working-day morning. Partners are never prompted (R9), nothing is asked of
 * workloads without an active date (R1, R2).
 *
 * Exactly once in effect: each reminder has a deterministic id (workload + due date + kind) that is claimed in the
 * store before the card is sent, so a second sweep, a second instance or a retried request cannot send it twice.
 * A transient delivery failure leaves it `retrying` for a later sweep; a final one (blocked, uninstalled) is
 * recorded and the FM marked unreachable until they talk to the bot again.
 */
import { findWorkload } from '../domain/customer';
import { addDays, isWorkingDay, localHourIn, todayIn, type CalendarDate } from '../domain/dates';
import { reminderDue } from '../domain/rules';
import type { Customer, Person, ReminderKind, SentCard, Versioned, WorkloadName } from '../domain/types';
import { mapBounded } from '../lib/bounded';
import type { Logger } from '../log/logger';
import type { EngagementRow, Store } from '../store/store';
import type { CardActions, CardState } from './card-actions';
import { CardDelivery, claimCard, newCardRecord, type RenderedCard } from './card-delivery';
import type { CardSender } from './card-sender';
import type { Directory } from './directory';
import { timeZoneOf } from './directory';

/** How the sweep draws a reminder card (src/teams/cards/esd-card.ts). */
export type ReminderCard = (state: CardState) => RenderedCard;

export interface SweepResult {
  /** Reminders whose time has come for their FM. */
  due: number;
  sent: number;
  /** Already sent (or being sent elsewhere), no longer due, or the FM cannot be reached yet. */
  skipped: number;
  failed: number;
}

export interface ReminderOptions {
  /** Local hour from which an FM's reminders of the day go out; default 9. */
  hour?: number;
  /** Delivery attempts across sweeps before a transient failure becomes final; default 5. */
  maxAttempts?: number;
  /** FMs served at once (each FM's cards go in order); default 8. */
  concurrency?: number;
}

/** A person's local calendar day at `asOf`, whether it is a working day, and whether `hour` has come on their clock. */
export function localMorning(
  person: Person | undefined, asOf: Date, hour: number,
): { today: CalendarDate; workingDay: boolean; pastHour: boolean } {
  const timeZone = timeZoneOf(person);
  const today = todayIn(timeZone, asOf);
  return { today, workingDay: isWorkingDay(today), pastHour: localHourIn(timeZone, asOf) >= hour };
}

export function reminderId(tenantId: string, workload: WorkloadName, dueOn: CalendarDate, kind: ReminderKind): string {
  return `${tenantId}.${workload}.${dueOn}.${kind}`;
}

type Verdict = 'sent' | 'skipped' | 'failed';

export class ReminderSweep {
  private readonly delivery: CardDelivery;
  private readonly hour: number;
  private readonly maxAttempts: number;
  private readonly concurrency: number;

  constructor(
    private readonly deps: {
      store: Store; directory: Directory; cardActions: CardActions; sender: CardSender; render: ReminderCard;
      logger: Logger;
    },
    options: ReminderOptions = {},
  ) {
    this.delivery = new CardDelivery(deps);
    this.hour = options.hour ?? 9;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.concurrency = options.concurrency ?? 8;
  }

  /** One sweep as of `asOf`. Running it again for the same instant sends nothing new. */
  async run(asOf: Date): Promise<SweepResult> {
    const result: SweepResult = { due: 0, sent: 0, skipped: 0, failed: 0 };
    const byFm = await this.dueRowsByFm(asOf);
    await mapBounded([...byFm.entries()], this.concurrency, async ([fmId, rows]) => {
      const person = await this.deps.directory.get(fmId);
      const due = rows.filter((row) => this.isDueFor(person, row, asOf));
      for (const row of due) {
        result.due += 1;
        result[await this.remind(person, row, asOf)] += 1;
      }
    });
    this.deps.logger.info('reminder sweep', { asOf: asOf.toISOString(), ...result });
    return result;
  }

  /** Every candidate due by the latest "today" on Earth (UTC+14), grouped by FM. */
  private async dueRowsByFm(asOf: Date): Promise<Map<string, EngagementRow[]>> {
    const byFm = new Map<string, EngagementRow[]>();
    const latestToday = addDays(todayIn('UTC', asOf), 1);
    let continuationToken: string | undefined;
    do {
      const page = await this.deps.store.listRemindersDue({
        dueOnOrBefore: latestToday, limit: 500, continuationToken,
      });
      for (const row of page.items) {
        if (row.assignee?.type !== 'fm') continue;
        const list = byFm.get(row.assignee.aadObjectId) ?? [];
        list.push(row);
        byFm.set(row.assignee.aadObjectId, list);
      }
      continuationToken = page.continuationToken;
    } while (continuationToken);
    return byFm;
  }

  /** Due in the FM's own calendar: a working day on or after the reminder day, from the reminder hour on. */
  private isDueFor(person: Person | undefined, row: EngagementRow, asOf: Date): boolean {
    const { today, workingDay, pastHour } = localMorning(person, asOf, this.hour);
    if (!row.remindOn || row.remindOn > today || !workingDay) return false;
    return row.remindOn < today || pastHour;
  }

  private async remind(person: Person | undefined, row: EngagementRow, asOf: Date): Promise<Verdict> {
    if (!person?.conversation || !person.reachable) return 'skipped'; // kept due: sent once they can be reached
    const customer = (await this.deps.store.getCustomer(row.tenantId))?.value;
    const workload = customer?.workloads.find((w) => w.workload === row.workload);
    const due = customer && workload ? reminderDue(customer, workload) : null;
    if (!customer || !due || due.on !== row.remindOn || due.recipientId !== person.aadObjectId) return 'skipped';
    const id = reminderId(row.tenantId, row.workload, due.on, due.kind);
    const record = await this.claim(id, row, due.kind, person, asOf);
    if (!record) return 'skipped';
    return this.deliver(record, person, customer, asOf);
  }

  /** Takes the reminder for this sweep: a new claim, or a retry of a transient failure. Null if not ours to send. */
  private async claim(
    id: string, row: EngagementRow, kind: ReminderKind, person: Person, asOf: Date,
  ): Promise<Versioned<SentCard> | null> {
    return claimCard(this.deps.store, newCardRecord({
      id, tenantId: row.tenantId, workload: row.workload, dueOn: row.remindOn as CalendarDate, kind,
      recipientId: person.aadObjectId,
    }, asOf.toISOString()));
  }

  private async deliver(
    record: Versioned<SentCard>, person: Person, customer: Customer, asOf: Date,
  ): Promise<Verdict> {
    const state = this.deps.cardActions.stateFor(person, customer, findWorkload(customer, record.value.workload), asOf);
    const retryable = record.value.attempts < this.maxAttempts;
    const delivery = await this.delivery.deliver(
      record, person, this.deps.render(state), asOf.toISOString(), retryable,
    );
    return delivery === 'sent' ? 'sent' : 'failed';
  }
}
