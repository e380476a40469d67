/**
 * Delivering a card proactively on a claimed record, shared by the reminder sweep and the welcome cards: send it,
 * then record the outcome on the record (activity id for later in-place updates, or why it failed), and mark the
 * FM unreachable when Teams says never.
 */
import type { ConversationReference } from 'botbuilder';
import type { Person, SentCard, Versioned } from '../domain/types';
import type { Logger } from '../log/logger';
import { isStoreError, type Store } from '../store/store';
import type { CardSender } from './card-sender';
import type { Directory } from './directory';

export interface RenderedCard {
  card: Record<string, unknown>;
  summary: string;
}

/** The outcome: `final` when Teams will never take a card in that chat (blocked, uninstalled). */
export type Delivery = 'sent' | 'failed' | 'final';

/** What says which card a record is; the rest of a new record follows from its state. */
export type CardRecordFields = Pick<SentCard, 'id' | 'tenantId' | 'workload' | 'dueOn' | 'kind' | 'recipientId'>;

/** A card record as it is first written: claimed before sending, or (`sent`) for a card already in a chat. */
export function newCardRecord(
  fields: CardRecordFields, at: string, delivered?: { activityId: string; conversationId: string },
): SentCard {
  return {
    ...fields, status: delivered ? 'sent' : 'claimed', attempts: 1, activityId: delivered?.activityId ?? null,
    conversationId: delivered?.conversationId ?? null, lastError: null, createdAt: at, updatedAt: at,
  };
}

/**
 * Takes a card record for one attempt to send it: a new claim of its deterministic id, or a retry of a transient
 * failure (attempts + 1, etag-checked). Null when it is not ours to send: sent, failed, or taken by another sweep.
 */
export async function claimCard(store: Store, fresh: SentCard): Promise<Versioned<SentCard> | null> {
  const claimed = await store.claimSentCard(fresh);
  const current = await store.getSentCard(fresh.id);
  if (!current) return null;
  if (claimed) return current;
  if (current.value.status !== 'retrying') return null;
  try {
    const retry = { ...current.value, status: 'claimed' as const, attempts: current.value.attempts + 1, updatedAt: fresh.updatedAt };
    return await store.updateSentCard(retry, current.etag);
  } catch (error) {
    if (isStoreError(error, 'precondition_failed')) return null; // another sweep took this retry
    throw error;
  }
}

function conversationIdOf(person: Person): string | null {
  return (person.conversation?.conversation as { id?: string } | undefined)?.id ?? null;
}

export class CardDelivery {
  constructor(private readonly deps: { store: Store; directory: Directory; sender: CardSender; logger: Logger }) {}

  /**
   * Sends `rendered` to `person` on the claimed record and records the outcome. With `retryable`, a transient
   * failure is left `retrying` for a later attempt, unless the send may have reached Teams: at most once.
   */
  async deliver(
    claimed: Versioned<SentCard>, person: Person, rendered: RenderedCard, at: string, retryable: boolean,
  ): Promise<Delivery> {
    const { store, directory, sender, logger } = this.deps;
    const result = await sender.send(
      person.conversation as Partial<ConversationReference>, rendered.card, rendered.summary,
    );
    if (result.ok) {
      await store.updateSentCard({
        ...claimed.value, status: 'sent', activityId: result.activityId, conversationId: conversationIdOf(person), updatedAt: at,
      }, claimed.etag);
      return 'sent';
    }
    const retry = retryable && !result.final && result.maybeDelivered !== true;
    await store.updateSentCard({
      ...claimed.value, status: retry ? 'retrying' : 'failed', lastError: `${result.status} ${result.code}`, updatedAt: at,
    }, claimed.etag);
    logger.warn('card not delivered', { id: claimed.value.id, kind: claimed.value.kind, status: result.status, code: result.code, final: result.final });
    if (!result.final) return 'failed';
    await directory.markUnreachable(person.aadObjectId);
    return 'final';
  }
}
