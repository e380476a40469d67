/**
 * The Monday digests (DIGESTS=on): every Monday, in each person's local morning (from REMINDER_HOUR in their time
 * zone, the reminders' rule), one card that shows the week at a glance.
 * - An FM (P2): their customers' Engagement Start Dates of the week (Monday to Sunday, still to start, waiting for
 *   the customer, or started) and the workloads waiting for their answer: still scheduled or awaiting the customer,
 *   whose reminder day (R3 on the ESD, R5 on the follow-up day) is before today. Each row opens its ESD card.
 * - A Gateway person (P1), and an admin: the customers without an FM or a partner whose first ESD is within the next
 *   two weeks (or already passed), the reminders Teams did not deliver last week (failed, due Monday to Sunday
 *   before), and the FMs the bot cannot reach with their reminders waiting (issue 13).
 *
 * Once per person and week: the digest's id (`digest.<aadObjectId>.<monday>`) is claimed in the store before it is
 * sent, so a second sweep, a second instance or a retried request sends nothing new. Someone who cannot be reached
 * is skipped without a claim (their digest goes out if they can be reached later that Monday), and so is a digest
 * with nothing in it: it is worked out again by each sweep that Monday and goes out if something comes up. Only on
 * the Monday: a digest not sent that day is not sent later in the week.
 */
import { addDays, startOfIsoWeek, type CalendarDate } from '../domain/dates';
import type { Locale, Person, SentCardKind, Versioned, SentCard } from '../domain/types';
import { mapBounded } from '../lib/bounded';
import type { Logger } from '../log/logger';
import type { EngagementRow, Page, QueueEntry, Store } from '../store/store';
import { CardDelivery, claimCard, newCardRecord, type RenderedCard } from './card-delivery';
import type { CardSender } from './card-sender';
import type { Directory } from './directory';
import { canMessage, unreachablePeople, type AppInstaller, type UnreachablePerson } from './reach';
import type { ExplainedReminderItem, ReminderList } from './reminder-list';
import { localMorning, type SweepResult } from './reminders';

/** An FM's week: the ESDs from Monday to Sunday, and what waits for their answer (oldest reminder day first). */
export interface FmDigest {
  monday: CalendarDate;
  week: EngagementRow[];
  unanswered: EngagementRow[];
}

/** The Gateway's week: customers without an FM starting within two weeks, and last week's failed reminders. */
export interface GatewayDigest {
  monday: CalendarDate;
  /** The last day of the two weeks the unassigned customers start in (the Sunday after next). */
  until: CalendarDate;
  unassigned: QueueEntry[];
  /** Each with why its send failed, a phrase the card says in the reader's language. */
  failed: ExplainedReminderItem[];
  /** FMs the bot cannot message (issue 13), with why and their reminders waiting; by name. */
  unreachable: UnreachablePerson[];
}

/**
 * How the sweep draws the digests (src/teams/cards/digest-card.ts), in the person's directory locale (issue 11;
 * absent: the deployment's DEFAULT_LOCALE).
 */
export interface DigestCards {
  fm(digest: FmDigest, locale: Locale | undefined): RenderedCard;
  gateway(digest: GatewayDigest, locale: Locale | undefined): RenderedCard;
}

export interface DigestOptions {
  /** The local hour from which the Monday's digest goes out (REMINDER_HOUR). */
  hour: number;
  /** Delivery attempts across sweeps before a transient failure becomes final; default 5. */
  maxAttempts?: number;
}

/** The card kinds whose failures the Gateway's digest lists: those to FMs about their workloads. */
export const REMINDER_KINDS: ReadonlySet<SentCardKind> = new Set<SentCardKind>(['start', 'followUp', 'welcome', 'summary']);

/** The workload states of an FM's week: still to start, waiting for the customer, or started. */
const WEEK_STATES = ['scheduled', 'awaitingCustomer', 'started'] as const;
/** The states in which a workload waits for the FM's answer about its start. */
const OPEN_STATES = ['scheduled', 'awaitingCustomer'] as const;
const PAGE = 500;
/** People served at once. */
const CONCURRENCY = 8;

export function digestId(aadObjectId: string, monday: CalendarDate): string {
  return `digest.${aadObjectId}.${monday}`;
}

/** Every item of a paged listing. */
async function allPages<T>(read: (continuationToken: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await read(continuationToken);
    items.push(...page.items);
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return items;
}

type Verdict = 'sent' | 'skipped' | 'failed';

export class DigestSweep {
  private readonly delivery: CardDelivery;

  constructor(
    private readonly deps: {
      store: Store; directory: Directory; failures: ReminderList; sender: CardSender; render: DigestCards;
      logger: Logger; teamsTenantId?: string | null; installer?: AppInstaller;
    },
    private readonly options: DigestOptions,
  ) {
    this.delivery = new CardDelivery(deps);
  }

  /** One sweep as of `asOf`: each FM and Gateway person whose Monday morning it is counts as due. */
  async run(asOf: Date): Promise<SweepResult> {
    const result: SweepResult = { due: 0, sent: 0, skipped: 0, failed: 0 };
    const people = [
      ...(await this.deps.directory.withRole('fm')), ...(await this.deps.directory.withRole('gateway')),
      // Admins get the Gateway's digest: among other things, the FMs the bot cannot reach (issue 13).
      ...(await this.deps.directory.withRole('admin')),
    ].filter((person) => {
      const morning = localMorning(person, asOf, this.options.hour);
      return morning.today === startOfIsoWeek(morning.today) && morning.pastHour; // Monday
    });
    await mapBounded(people, CONCURRENCY, async (person) => {
      result.due += 1;
      result[await this.tell(person, asOf)] += 1;
    });
    if (people.length > 0) this.deps.logger.info('digest sweep', { asOf: asOf.toISOString(), ...result });
    return result;
  }

  private async tell(stored: Person, asOf: Date): Promise<Verdict> {
    const person = await this.delivery.reach.reach(stored); // a chat created when none is stored
    if (!canMessage(person)) return 'skipped'; // nothing claimed: sent once they can be reached
    const monday = localMorning(person, asOf, this.options.hour).today;
    const id = digestId(person.aadObjectId, monday);
    const told = await this.deps.store.getSentCard(id);
    if (told && told.value.status !== 'retrying') return 'skipped'; // once per person and week
    const rendered = await this.draw(person, monday, asOf);
    if (!rendered) return 'skipped'; // nothing to tell this week (yet)
    const record = await this.claim(id, person, monday, asOf);
    if (!record) return 'skipped';
    const retryable = record.value.attempts < (this.options.maxAttempts ?? 5);
    const delivery = await this.delivery.deliver(record, person, rendered, asOf.toISOString(), retryable);
    return delivery === 'sent' ? 'sent' : 'failed';
  }

  /** The person's digest, or null when it would be empty. */
  private async draw(
    { role, aadObjectId, locale }: Person, monday: CalendarDate, asOf: Date,
  ): Promise<RenderedCard | null> {
    if (role === 'fm') {
      const digest = await this.fmDigest(aadObjectId, monday);
      return digest.week.length + digest.unanswered.length > 0 ? this.deps.render.fm(digest, locale) : null;
    }
    const digest = await this.gatewayDigest(monday, asOf);
    const items = digest.unassigned.length + digest.failed.length + digest.unreachable.length;
    return items > 0 ? this.deps.render.gateway(digest, locale) : null;
  }

  private async fmDigest(assigneeId: string, monday: CalendarDate): Promise<FmDigest> {
    const { store } = this.deps;
    const [week, open] = await Promise.all([
      allPages((continuationToken) => store.listEngagements({
        assigneeId, from: monday, to: addDays(monday, 6), states: [...WEEK_STATES], limit: PAGE, continuationToken,
      })),
      allPages((continuationToken) => store.listEngagements({
        assigneeId, states: [...OPEN_STATES], limit: PAGE, continuationToken,
      })),
    ]);
    const unanswered = open.filter((row) => row.remindOn !== null && row.remindOn < monday)
      .sort((a, b) => (a.remindOn as string).localeCompare(b.remindOn as string));
    const waiting = new Set(unanswered.map((row) => `${row.tenantId}.${row.workload}`));
    return { monday, week: week.filter((row) => !waiting.has(`${row.tenantId}.${row.workload}`)), unanswered };
  }

  private async gatewayDigest(monday: CalendarDate, asOf: Date): Promise<GatewayDigest> {
    const until = addDays(monday, 13);
    const [unassigned, failed, unreachable] = await Promise.all([
      allPages((continuationToken) => this.deps.store.listUnassignedCustomers({
        firstEsdOnOrBefore: until, limit: PAGE, continuationToken,
      })),
      allPages((continuationToken) => this.deps.failures.explained({
        status: 'failed', from: addDays(monday, -7), to: addDays(monday, -1), limit: PAGE, continuationToken,
      })),
      unreachablePeople(this.deps.store, asOf),
    ]);
    return {
      monday, until, unassigned, failed: failed.filter((item) => REMINDER_KINDS.has(item.kind)),
      unreachable: unreachable.filter((person) => person.role === 'fm'),
    };
  }

  private async claim(
    id: string, person: Person, monday: CalendarDate, asOf: Date,
  ): Promise<Versioned<SentCard> | null> {
    return claimCard(this.deps.store, newCardRecord({
      id, tenantId: '', workload: '', dueOn: monday, kind: 'digest', recipientId: person.aadObjectId,
    }, asOf.toISOString()));
  }
}
