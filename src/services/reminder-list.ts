/**
 * GET /api/reminders: the cards the bot sent or is to send (reminders, follow-ups, welcome cards, heads-ups), for
 * admins, with their status in three words, the customer's and the recipient's names, and why a send failed.
 */
import type { CalendarDate } from '../domain/dates';
import { DomainError } from '../domain/errors';
import { english, phrase, type Phrase, type PhraseKey } from '../domain/phrases';
import type { SentCard, SentCardKind, WorkloadName } from '../domain/types';
import { mapBounded } from '../lib/bounded';
import { EXPIRED, UNREACHABLE } from './reminders';
import type { Page, Store } from '../store/store';

/** Point reads of names in flight at once for one page. */
const READS_IN_FLIGHT = 16;

/** What the listing shows of a stored status: `pending` is claimed (being sent) or retrying (a later sweep sends). */
export type ReminderStatus = 'pending' | 'sent' | 'failed';

export const REMINDER_STATUSES: readonly ReminderStatus[] = ['pending', 'sent', 'failed'];

const STORED: Record<ReminderStatus, SentCard['status'][]> = {
  pending: ['claimed', 'retrying'],
  sent: ['sent'],
  failed: ['failed'],
};

export function reminderStatusOf(status: SentCard['status']): ReminderStatus {
  return status === 'sent' || status === 'failed' ? status : 'pending';
}

export interface ReminderListQuery {
  status?: ReminderStatus;
  from?: CalendarDate;
  to?: CalendarDate;
  limit?: number;
  continuationToken?: string;
}

export interface ReminderItem {
  id: string;
  kind: SentCardKind;
  /** Null for a card about no one customer (a digest). */
  tenantId: string | null;
  /** Null when the customer is no longer stored, or for a digest. */
  customerName: string | null;
  /** Null for a card about no one workload (a digest). */
  workload: WorkloadName | null;
  /** The recipient (an FM, or a Gateway person for a heads-up or a digest). */
  aadObjectId: string;
  /** Null when the recipient is no longer in the directory. */
  fmName: string | null;
  dueOn: CalendarDate;
  status: ReminderStatus;
  attempts: number;
  reason: string | null;
}

/** Why a reminder waits for its FM (issue 13), by the reason recorded on them. */
const UNREACHABLE_PHRASES: Readonly<Record<string, PhraseKey>> = {
  neverInstalled: 'services.delivery.neverInstalled', blocked: 'services.delivery.blocked',
  uninstalled: 'services.delivery.uninstalled', graphRefused: 'services.delivery.graphRefused',
};

/**
 * The stored last error (`<HTTP status> <code>` of the Bot Connector's answer, or the sweep's own word) in plain
 * words: English for the REST API (explainFailure), the reader's language on the Gateway's Monday digest. Null when
 * none.
 */
export function deliveryFailureOf(lastError: string | null): Phrase | null {
  if (lastError === null || lastError.trim() === '') return null;
  const waiting = UNREACHABLE_PHRASES[lastError.slice(UNREACHABLE.length + 1)];
  if (lastError.startsWith(`${UNREACHABLE} `) && waiting) return phrase(waiting);
  if (lastError === EXPIRED) return phrase('services.delivery.expired');
  const status = Number(/^\d+/.exec(lastError)?.[0] ?? NaN);
  if (status === 403) return phrase('services.delivery.refused');
  if (status === 404) return phrase('services.delivery.gone');
  if (status === 413) return phrase('services.delivery.tooLarge');
  if (status === 429) return phrase('services.delivery.throttled');
  if (status >= 500) return phrase('services.delivery.noAnswer');
  if (status === 0) return phrase('services.delivery.noConnection');
  return phrase('services.delivery.other', { error: lastError });
}

/** Why a card's send failed: in English as the REST API gives it (`reason`), and as a phrase for the digest. */
export function explainFailure(lastError: string | null): Pick<ExplainedReminderItem, 'reason' | 'failure'> {
  const failure = deliveryFailureOf(lastError);
  return { reason: failure && english(failure), failure };
}

/** A listed card with why its send failed as a phrase (the digest says it in the reader's language). */
export interface ExplainedReminderItem extends ReminderItem {
  failure: Phrase | null;
}

export class ReminderList {
  constructor(private readonly store: Store) {}

  /**
   * One page of sent cards by due day, then id. The names are read once per distinct customer and person of the
   * page (16 at a time), never per row; a range that ends before it starts is refused.
   */
  async list(query: ReminderListQuery): Promise<Page<ReminderItem>> {
    const page = await this.explained(query);
    const items = page.items.map(({ failure: _failure, ...item }): ReminderItem => item);
    return page.continuationToken === undefined ? { items } : { items, continuationToken: page.continuationToken };
  }

  /** `list`, each card with why its send failed as a phrase too (the Monday digest says it in its reader's words). */
  async explained(query: ReminderListQuery): Promise<Page<ExplainedReminderItem>> {
    const { status, from, to, limit, continuationToken } = query;
    if (from !== undefined && to !== undefined && to < from) {
      throw new DomainError('validation', 'The request is not valid.', [
        { path: 'to', message: `to (${to}) is before from (${from}).` },
      ]);
    }
    const page = await this.store.listSentCards({
      statuses: status === undefined ? undefined : STORED[status], from, to, limit, continuationToken,
    });
    const [customers, people] = await Promise.all([
      this.namesOf(page.items.map((c) => c.tenantId).filter((id) => id !== ''),
        async (id) => (await this.store.getCustomer(id))?.value.name),
      this.namesOf(page.items.map((c) => c.recipientId), async (id) => (await this.store.getPerson(id))?.value.name),
    ]);
    const items = page.items.map((card): ExplainedReminderItem => ({
      id: card.id, kind: card.kind, tenantId: card.tenantId || null, customerName: customers.get(card.tenantId) ?? null,
      workload: card.workload || null, aadObjectId: card.recipientId, fmName: people.get(card.recipientId) ?? null,
      dueOn: card.dueOn, status: reminderStatusOf(card.status), attempts: card.attempts,
      ...explainFailure(card.lastError),
    }));
    return page.continuationToken === undefined ? { items } : { items, continuationToken: page.continuationToken };
  }

  private async namesOf(
    ids: string[], read: (id: string) => Promise<string | undefined>,
  ): Promise<Map<string, string | undefined>> {
    const distinct = [...new Set(ids)];
    const names = await mapBounded(distinct, READS_IN_FLIGHT, read);
    return new Map(distinct.map((id, i) => [id, names[i]]));
  }
}
