/**
 * Every card about a workload that sits in someone's chat, with its activity id, so that after a change each can be
 * redrawn in place (updateActivity) and nobody acts on a stale card. Reminders and welcome cards write theirs when
 * sent (records of kind `shown`, written by earlier versions for the cards `upcoming` sent, are redrawn alike).
 */
import type { SentCard, SentCardKind, WorkloadName } from '../domain/types';
import type { Store } from '../store/store';

/**
 * The kinds of card that show one workload's ESD card. A Gateway heads-up (P1) is a queue card about the customer,
 * and a reminder summary or a digest lists many workloads: none of them is redrawn as the ESD card of its record.
 */
const ESD_CARD_KINDS: ReadonlySet<SentCardKind> = new Set<SentCardKind>(['start', 'followUp', 'welcome', 'shown']);

export class SentCards {
  constructor(private readonly store: Store) {}

  /** The delivered cards of a workload (those with an activity id) that show its ESD card. */
  async delivered(tenantId: string, workload: WorkloadName): Promise<SentCard[]> {
    return (await this.store.listSentCardsForWorkload(tenantId, workload))
      .filter((r) => r.activityId !== null && ESD_CARD_KINDS.has(r.kind));
  }
}
