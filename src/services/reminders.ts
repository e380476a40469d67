/**
 * The reminder sweep: on a workload's ESD (R3), or on the follow-up day after "no response yet" (R5), the assigned
 * FM gets the ESD card in their local working-day morning. Partners are never prompted (R9), nothing is asked of
 * workloads without an active date (R1, R2).
 *
 * Never lost, and exactly once whenever the outcome is known: each card (a reminder and each of its follow-up
 * copies) has a deterministic id claimed in the store before it is sent, so a second sweep, a second instance or a
 * retried request cannot send it twice. A claim its sweep never settled (a crash between claim and send) is taken
 * over after REMINDER_CLAIM_SECONDS; throttling, 5xx and sends of unknown outcome (timeout, reset) are retried by
 * later sweeps all through the FM's local day, which ends them as failed (`expired`). Only Teams' "never" (403, 404)
 * fails a reminder sooner, and marks the FM unreachable until they talk to the bot again.
 *
 * An ignored card is sent again on the next working mornings, up to REMINDER_FOLLOW_UPS copies; any answer changes
 * the workload's state and with it the reminder, which ends the series. More than DIGEST_THRESHOLD cards for one FM
 * on one morning arrive as one summary card whose rows open their own ESD cards.
 */
import { createHash } from 'node:crypto';
import { addDays, isWorkingDay, localHourIn, nextWorkingDay, todayIn, type CalendarDate } from '../domain/dates';
import { reminderDue, type ReminderDue } from '../domain/rules';
import type { Customer, DatePrecision, Locale, Person, ReminderKind, SentCard, SentCardKind, Versioned, Workload, WorkloadName } from '../domain/types';
import { mapBounded } from '../lib/bounded';
import { oncePerKey } from '../lib/once-per-key';
import type { Logger } from '../log/logger';
import type { EngagementRow, Store } from '../store/store';
import type { CardActions, CardState } from './card-actions';
import {
  CardDelivery, claimCard, conversationIdOf, DEFAULT_CLAIM_SECONDS, newCardRecord, settleCard, type CardRecordFields,
  type Delivery, type RenderedCard,
} from './card-delivery';
import type { CardSender } from './card-sender';
import type { Directory } from './directory';
import { timeZoneOf } from './directory';
import { canMessage, type AppInstaller } from './reach';

/**
 * How the sweep draws a reminder card (src/teams/cards/esd-card.ts), in the FM's directory locale (issue 11; absent:
 * the deployment's DEFAULT_LOCALE).
 */
export type ReminderCard = (state: CardState, locale: Locale | undefined) => RenderedCard;

/** One row of a summary card: a workload whose reminder is in it. */
export interface SummaryRow {
  tenantId: string;
  customerName: string;
  workload: WorkloadName;
  engagementStartDate: CalendarDate;
  datePrecision: DatePrecision;
  kind: ReminderKind;
}

/** How the sweep draws the one card that replaces an FM's many reminders of a morning. */
/** How the sweep draws a summary card, in the FM's directory locale (issue 11; absent: DEFAULT_LOCALE). */
export type SummaryCard = (rows: SummaryRow[], today: CalendarDate, locale: Locale | undefined) => RenderedCard;

export interface SweepResult {
  /** Reminders whose time has come for their FM. */
  due: number;
  sent: number;
  /** Already sent (or being sent elsewhere), no longer due, or the FM cannot be reached yet. */
  skipped: number;
  /**
   * Not delivered in this sweep: a transient failure (a later sweep retries it the same day), Teams refusing the
   * chat for good, or a reminder whose FM's day ended before a card got through (`expired`).
   */
  failed: number;
}

export interface ReminderOptions {
  /** Local hour from which an FM's reminders of the day go out; default 9. */
  hour?: number;
  /** Copies of an ignored reminder on the next working mornings (REMINDER_FOLLOW_UPS); default 2. */
  followUps?: number;
  /** More cards than this for one FM on one morning arrive as one summary card (DIGEST_THRESHOLD); default 5. */
  summaryThreshold?: number;
  /** Seconds after which an unsettled claim is taken over (REMINDER_CLAIM_SECONDS); default 120. */
  claimSeconds?: number;
  /** Cards in flight at once across all FMs (the notifier paces them under Teams' limits); default 64. */
  concurrency?: number;
}

/** Records of expired claims or retries, and reads, in flight at once. */
const HOUSEKEEPING_CONCURRENCY = 16;
/** Cards retried by later sweeps only on their day (a digest only on its Monday): the day's end fails them. */
const EXPIRING_KINDS: ReadonlySet<SentCardKind> = new Set<SentCardKind>(['start', 'followUp', 'summary', 'digest']);
/** Last error recorded when the FM's local day ended before a card got through. */
export const EXPIRED = 'expired';
/** Last error of a reminder waiting for an FM who cannot be reached: `unreachable <reason>`. */
export const UNREACHABLE = 'unreachable';

/** A reminder record waiting (pending) for its FM to become reachable. */
export function isParked(record: SentCard): boolean {
  return record.status === 'retrying' && (record.lastError ?? '').startsWith(`${UNREACHABLE} `);
}

/** The record fields of a reminder's first card. */
function reminderRecordFields(
  tenantId: string, workload: WorkloadName, due: ReminderDue, person: Person,
): CardRecordFields {
  return {
    id: reminderId(tenantId, workload, due.on, due.kind), tenantId, workload, dueOn: due.on, kind: due.kind,
    recipientId: person.aadObjectId,
  };
}

/** A person's local calendar day at `asOf`, whether it is a working day, and whether `hour` has come on their clock. */
export function localMorning(
  person: Person | undefined, asOf: Date, hour: number,
): { today: CalendarDate; workingDay: boolean; pastHour: boolean } {
  const timeZone = timeZoneOf(person);
  const today = todayIn(timeZone, asOf);
  return { today, workingDay: isWorkingDay(today), pastHour: localHourIn(timeZone, asOf) >= hour };
}

/** The id of a reminder's first card; copy n (a follow-up of an ignored card) adds `.n`. */
export function reminderId(
  tenantId: string, workload: WorkloadName, dueOn: CalendarDate, kind: ReminderKind, copy = 0,
): string {
  const first = `${tenantId}.${workload}.${dueOn}.${kind}`;
  return copy === 0 ? first : `${first}.${copy}`;
}

/**
 * Which copy of a reminder is today's: 0 on the first working day on or after its day, then one more each working
 * day, at most `followUps`. Counted from the reminder's day, so an FM who could not be reached for days gets today's
 * copy once, not a burst of the ones they missed.
 */
export function copyOn(remindOn: CalendarDate, today: CalendarDate, followUps: number): number {
  let day = isWorkingDay(remindOn) ? remindOn : nextWorkingDay(remindOn);
  let copy = 0;
  while (copy < followUps) {
    day = nextWorkingDay(day);
    if (day > today) break;
    copy += 1;
  }
  return copy;
}

/** A reminder due this morning, checked against the customer as stored now. */
interface DueCard {
  person: Person;
  customer: Customer;
  workload: Workload;
  due: ReminderDue;
  today: CalendarDate;
  id: string;
}

type Verdict = 'sent' | 'skipped' | 'failed';

export class ReminderSweep {
  private readonly delivery: CardDelivery;
  private readonly hour: number;
  private readonly followUps: number;
  private readonly summaryThreshold: number;
  private readonly claimSeconds: number;
  private readonly concurrency: number;

  constructor(
    private readonly deps: {
      store: Store; directory: Directory; cardActions: CardActions; sender: CardSender; render: ReminderCard;
      renderSummary?: SummaryCard; logger: Logger; teamsTenantId?: string | null; installer?: AppInstaller;
    },
    options: ReminderOptions = {},
  ) {
    this.delivery = new CardDelivery(deps);
    this.hour = options.hour ?? 9;
    this.followUps = options.followUps ?? 2;
    this.summaryThreshold = options.summaryThreshold ?? 5;
    this.claimSeconds = options.claimSeconds ?? DEFAULT_CLAIM_SECONDS;
    this.concurrency = options.concurrency ?? 64;
  }

  /** One sweep as of `asOf`. Running it again for the same instant sends nothing new. */
  async run(asOf: Date): Promise<SweepResult> {
    // Each FM read once per sweep, and their chat created at most once when none is stored (issue 13).
    const personOf = oncePerKey((id: string) => id, (id) => this.deps.directory.get(id));
    const reachOf = oncePerKey((person: Person) => person.aadObjectId, (person) => this.delivery.reach.reach(person));
    const result: SweepResult = { due: 0, sent: 0, skipped: 0, failed: await this.expire(asOf, personOf) };
    const rows = await this.candidates(asOf);
    const checked = await mapBounded(rows, HOUSEKEEPING_CONCURRENCY, async (row) => {
      const person = await personOf((row.assignee as { aadObjectId: string }).aadObjectId);
      return this.isDueFor(person, row, asOf) ? this.check(person, row, asOf, reachOf) : null;
    });
    const byFm = new Map<string, DueCard[]>();
    for (const card of checked) {
      if (card === null) continue;
      result.due += 1;
      if (card === 'skipped') { result.skipped += 1; continue; }
      const cards = byFm.get(card.person.aadObjectId);
      if (cards) cards.push(card); else byFm.set(card.person.aadObjectId, [card]);
    }
    // One task per card, or one per FM whose morning holds more than the threshold, taken round-robin across FMs:
    // Teams lets one chat have 7 requests a second, so cards in FM order would leave the tenant's 50/s unused.
    const tasks = roundRobin([...byFm.values()].map((cards) => (
      cards.length > this.summaryThreshold && this.deps.renderSummary ? [cards] : cards.map((card) => [card])
    )));
    await mapBounded(tasks, this.concurrency, async (cards) => {
      const verdicts = cards.length === 1
        ? [await this.remind(cards[0] as DueCard, asOf)] : await this.summarise(cards, asOf);
      for (const verdict of verdicts) result[verdict] += 1;
    });
    this.deps.logger.info('reminder sweep', { asOf: asOf.toISOString(), ...result });
    return result;
  }

  /** Every candidate due by the latest "today" on Earth (UTC+14) whose customer has an FM. */
  private async candidates(asOf: Date): Promise<EngagementRow[]> {
    const rows: EngagementRow[] = [];
    const latestToday = addDays(todayIn('UTC', asOf), 1);
    let continuationToken: string | undefined;
    do {
      const page = await this.deps.store.listRemindersDue({
        dueOnOrBefore: latestToday, limit: 500, continuationToken,
      });
      rows.push(...page.items.filter((row) => row.assignee?.type === 'fm'));
      continuationToken = page.continuationToken;
    } while (continuationToken);
    return rows;
  }

  /** Due in the FM's own calendar: a working day on or after the reminder day, from the reminder hour on. */
  private isDueFor(person: Person | undefined, row: EngagementRow, asOf: Date): boolean {
    const { today, workingDay, pastHour } = localMorning(person, asOf, this.hour);
    return row.remindOn !== null && row.remindOn <= today && workingDay && pastHour;
  }

  /**
   * Today's card of the row's reminder, as the customer stands now; `skipped` when the FM cannot be reached yet (their
   * chat is created first when none is stored).
   */
  private async check(
    stored: Person | undefined, row: EngagementRow, asOf: Date, reachOf: (person: Person) => Promise<Person>,
  ): Promise<DueCard | 'skipped' | null> {
    if (!stored) return 'skipped'; // not in the directory yet: kept due
    const customer = (await this.deps.store.getCustomer(row.tenantId))?.value;
    const workload = customer?.workloads.find((w) => w.workload === row.workload);
    const due = customer && workload ? reminderDue(customer, workload) : null;
    if (!customer || !workload || !due) return null;
    if (due.on !== row.remindOn || due.recipientId !== stored.aadObjectId) return null;
    const person = await reachOf(stored);
    if (!canMessage(person)) {
      await this.park(person, reminderRecordFields(customer.tenantId, workload.workload, due, person), asOf);
      return 'skipped'; // kept due: sent once they can be reached
    }
    const { today } = localMorning(person, asOf, this.hour);
    const id = reminderId(row.tenantId, row.workload, due.on, due.kind, copyOn(due.on, today, this.followUps));
    return { person, customer, workload, due, today, id };
  }

  /** Takes a card for this sweep: a new claim, a retry, or an abandoned claim. Null if not ours to send. */
  private claim(card: DueCard, asOf: Date): Promise<Versioned<SentCard> | null> {
    return claimCard(this.deps.store, newCardRecord({
      id: card.id, tenantId: card.customer.tenantId, workload: card.workload.workload, dueOn: card.today,
      kind: card.due.kind, recipientId: card.person.aadObjectId,
    }, asOf.toISOString()), this.claimSeconds);
  }

  private async remind(card: DueCard, asOf: Date): Promise<Verdict> {
    const record = await this.claim(card, asOf);
    return record ? this.sendClaimed(record, card, asOf) : 'skipped';
  }

  /** Sends a claimed card; once it is sent, a first card left pending while the FM was unreachable is settled. */
  private async sendClaimed(record: Versioned<SentCard>, card: DueCard, asOf: Date): Promise<Verdict> {
    const verdict = verdictOf(await this.deliverOne(record, card, asOf));
    if (verdict === 'sent') await this.unpark(card, asOf);
    return verdict;
  }

  /**
   * A reminder due for an FM who cannot be reached is listed `pending` with why (GET /api/reminders), never dropped:
   * its first card's record is written `retrying`, `unreachable <reason>`, which no day's end expires. The reminder
   * stays due; once the FM can be reached the sweep sends that day's card (copyOn), not the days they missed.
   */
  private async park(person: Person, fields: CardRecordFields, asOf: Date): Promise<void> {
    const record = newCardRecord(fields, asOf.toISOString());
    const reason = person.unreachableReason ?? 'neverInstalled';
    await this.deps.store.claimSentCard({ ...record, status: 'retrying', attempts: 0, lastError: `${UNREACHABLE} ${reason}` });
  }

  /**
   * The FM got the reminder in a later day's card (a follow-up copy): its first card's record, left pending while
   * they could not be reached, is settled as sent too (without an activity of its own).
   */
  private async unpark(card: DueCard, asOf: Date): Promise<void> {
    const first = reminderId(card.customer.tenantId, card.workload.workload, card.due.on, card.due.kind);
    if (first === card.id) return;
    const parked = await this.deps.store.getSentCard(first);
    if (!parked || !isParked(parked.value)) return;
    await settleCard(this.deps.store, parked, {
      status: 'sent', lastError: null, conversationId: conversationIdOf(card.person), updatedAt: asOf.toISOString(),
    }, this.deps.logger);
  }

  private deliverOne(record: Versioned<SentCard>, card: DueCard, asOf: Date): Promise<Delivery> {
    const state = this.deps.cardActions.stateFor(card.person, card.customer, card.workload, asOf);
    const rendered = this.deps.render(state, card.person.locale);
    return this.delivery.deliver(record, card.person, rendered, asOf.toISOString(), true);
  }

  /**
   * One FM's many cards of a morning as one summary card. Each reminder is claimed first; the summary's own id
   * follows from the set it shows, so a sweep that takes over after a crash resends the same summary, once.
   */
  private async summarise(cards: DueCard[], asOf: Date): Promise<Verdict[]> {
    const claims = await Promise.all(cards.map(async (card) => ({ card, record: await this.claim(card, asOf) })));
    const mine = claims.filter((c): c is { card: DueCard; record: Versioned<SentCard> } => c.record !== null);
    const skipped: Verdict[] = cards.slice(mine.length).map(() => 'skipped');
    if (mine.length <= this.summaryThreshold) {
      const verdicts = await Promise.all(mine.map(({ card, record }) => this.sendClaimed(record, card, asOf)));
      return [...verdicts, ...skipped];
    }
    const first = mine[0]?.card as DueCard;
    const digest = createHash('sha256').update(mine.map((c) => c.card.id).sort().join('\n')).digest('hex').slice(0, 16);
    const fresh = newCardRecord({
      id: `summary.${first.person.aadObjectId}.${first.today}.${digest}`, tenantId: first.customer.tenantId,
      workload: first.workload.workload, dueOn: first.today, kind: 'summary', recipientId: first.person.aadObjectId,
    }, asOf.toISOString());
    const summary = await claimCard(this.deps.store, fresh, this.claimSeconds);
    const at = asOf.toISOString();
    let outcome: Partial<SentCard>;
    if (summary) {
      const rows = mine.map(({ card }): SummaryRow => ({
        tenantId: card.customer.tenantId, customerName: card.customer.name, workload: card.workload.workload,
        engagementStartDate: card.workload.engagementStartDate as CalendarDate,
        datePrecision: card.workload.datePrecision ?? 'day',
        kind: card.due.kind,
      }));
      const render = this.deps.renderSummary as SummaryCard;
      await this.delivery.deliver(summary, first.person, render(rows, first.today, first.person.locale), at, true);
      outcome = (await this.deps.store.getSentCard(fresh.id))?.value ?? {};
    } else {
      // Sent before a crash kept its rows from being settled, or being sent by another sweep right now.
      const stored = (await this.deps.store.getSentCard(fresh.id))?.value;
      if (stored?.status !== 'sent') return [...mine.map((): Verdict => 'skipped'), ...skipped];
      outcome = stored;
    }
    const status = outcome.status === 'sent' || outcome.status === 'failed' ? outcome.status : 'retrying';
    // The rows were in the summary card, not cards of their own: no activity id, so none is redrawn as an ESD card.
    await Promise.all(mine.map(({ record }) => settleCard(this.deps.store, record, {
      status, lastError: outcome.lastError ?? null, conversationId: conversationIdOf(first.person), updatedAt: at,
    }, this.deps.logger)));
    if (status === 'sent') await Promise.all(mine.map(({ card }) => this.unpark(card, asOf)));
    return [...mine.map((): Verdict => (status === 'sent' ? 'sent' : 'failed')), ...skipped];
  }

  /**
   * Ends the reminders (and digests) left pending (claimed or retrying) on a day their recipient has left behind:
   * failed, `expired`.
   * Reads only the pending records up to UTC's today (any FM's past day is on or before it), never the sent ones.
   */
  private async expire(asOf: Date, personOf: (id: string) => Promise<Person | undefined>): Promise<number> {
    const pending: SentCard[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.deps.store.listSentCards({
        statuses: ['claimed', 'retrying'], to: todayIn('UTC', asOf), limit: 500, continuationToken,
      });
      pending.push(...page.items.filter((r) => EXPIRING_KINDS.has(r.kind) && !isParked(r)));
      continuationToken = page.continuationToken;
    } while (continuationToken);
    const expired = await mapBounded(pending, HOUSEKEEPING_CONCURRENCY, async (record) => {
      if (record.dueOn >= localMorning(await personOf(record.recipientId), asOf, this.hour).today) return false;
      const current = await this.deps.store.getSentCard(record.id);
      if (!current || (current.value.status !== 'claimed' && current.value.status !== 'retrying')) return false;
      const settled = await settleCard(this.deps.store, current, {
        status: 'failed', lastError: EXPIRED, updatedAt: asOf.toISOString(),
      }, this.deps.logger);
      if (settled) this.deps.logger.warn('reminder expired undelivered', { id: record.id, kind: record.kind });
      return settled && (record.kind === 'start' || record.kind === 'followUp'); // the sweep's own reminders
    });
    return expired.filter(Boolean).length;
  }
}

/** The first item of each list, then the second of each, and so on. */
export function roundRobin<T>(lists: T[][]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let i = 0; i < longest; i++) {
    for (const list of lists) if (i < list.length) out.push(list[i] as T);
  }
  return out;
}

function verdictOf(delivery: Delivery): Verdict {
  return delivery === 'sent' ? 'sent' : 'failed';
}
