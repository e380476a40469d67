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
import { Reach, type AppInstaller } from './reach';

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

/** How long a claim holds by default before a later sweep may take it over (REMINDER_CLAIM_SECONDS). */
export const DEFAULT_CLAIM_SECONDS = 120;

/**
 * Takes a card record for one attempt to send it: a new claim of its deterministic id, a retry of a transient
 * failure, or a claim left unsettled for `claimSeconds` (its sweep crashed between claim and send), each taken
 * with attempts + 1 and an etag check. Null when it is not ours to send: sent, failed, or held by another sweep.
 */
export async function claimCard(
  store: Store, fresh: SentCard, claimSeconds = DEFAULT_CLAIM_SECONDS,
): Promise<Versioned<SentCard> | null> {
  const claimed = await store.claimSentCard(fresh);
  const current = await store.getSentCard(fresh.id);
  if (!current) return null;
  if (claimed) return current;
  const abandoned = current.value.status === 'claimed'
    && Date.parse(fresh.updatedAt) - Date.parse(current.value.updatedAt) >= claimSeconds * 1000;
  if (current.value.status !== 'retrying' && !abandoned) return null;
  try {
    const retry = { ...current.value, status: 'claimed' as const, attempts: current.value.attempts + 1, updatedAt: fresh.updatedAt };
    return await store.updateSentCard(retry, current.etag);
  } catch (error) {
    if (isStoreError(error, 'precondition_failed')) return null; // another sweep took this retry
    throw error;
  }
}

/**
 * Records how a claimed card ended. False when the claim was taken over meanwhile (this send outlived
 * REMINDER_CLAIM_SECONDS): the record is the other sweep's now, and it records its own outcome.
 */
export async function settleCard(
  store: Store, claimed: Versioned<SentCard>, outcome: Partial<SentCard>, logger: Logger,
): Promise<boolean> {
  try {
    await store.updateSentCard({ ...claimed.value, ...outcome }, claimed.etag);
    return true;
  } catch (error) {
    if (!isStoreError(error, 'precondition_failed')) throw error;
    logger.warn('card record taken over by another sweep before its outcome was recorded', { id: claimed.value.id });
    return false;
  }
}

export function conversationIdOf(person: Person): string | null {
  return (person.conversation?.conversation as { id?: string } | undefined)?.id ?? null;
}

/** What every service that sends cards is given; `teamsTenantId` (TEAMS_TENANT_ID) lets it create missing chats. */
export interface DeliveryDeps {
  store: Store;
  directory: Directory;
  sender: CardSender;
  logger: Logger;
  teamsTenantId?: string | null;
  /** GRAPH_INSTALL=on: installs the app for someone Teams will not open a chat with. */
  installer?: AppInstaller;
}

export class CardDelivery {
  /** Creates the chat of a person who never opened the bot, when it can (issue 13). */
  readonly reach: Reach;

  constructor(private readonly deps: DeliveryDeps) {
    this.reach = new Reach({ ...deps, tenantId: deps.teamsTenantId ?? null });
  }

  /**
   * Sends `rendered` to `person` on the claimed record and records the outcome. With `retryable`, a transient
   * failure, or one whose outcome is unknown, is left `retrying` for a later attempt.
   */
  async deliver(
    claimed: Versioned<SentCard>, person: Person, rendered: RenderedCard, at: string, retryable: boolean,
  ): Promise<Delivery> {
    const { store, directory, sender, logger } = this.deps;
    const result = await sender.send(
      person.conversation as Partial<ConversationReference>, rendered.card, rendered.summary,
    );
    if (result.ok) {
      await settleCard(store, claimed, {
        status: 'sent', activityId: result.activityId, conversationId: conversationIdOf(person), lastError: null,
        updatedAt: at,
      }, logger);
      return 'sent';
    }
    // An unknown outcome (timeout, reset) is retried too: a rare second copy of an idempotent card does less harm
    // than no card on the start date (docs/architecture.md, "Reminders").
    const retry = retryable && !result.final;
    await settleCard(store, claimed, {
      status: retry ? 'retrying' : 'failed', lastError: `${result.status} ${result.code}`, updatedAt: at,
    }, logger);
    logger.warn('card not delivered', { id: claimed.value.id, kind: claimed.value.kind, status: result.status, code: result.code, final: result.final });
    if (!result.final) return 'failed';
    await directory.markUnreachable(person.aadObjectId, result.status === 404 ? 'uninstalled' : 'blocked');
    return 'final';
  }
}
