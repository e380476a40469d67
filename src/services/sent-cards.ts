/**
 * Every card about a workload that sits in someone's chat, with its activity id, so that after a change each can be
 * redrawn in place (updateActivity) and nobody acts on a stale card. Reminders and welcome cards write theirs when
 * sent (records of kind `shown`, written by earlier versions for the cards `upcoming` sent, are redrawn alike).
 */
import type { SentCard, WorkloadName } from '../domain/types';
import type { Store } from '../store/store';

export class SentCards {
  constructor(private readonly store: Store) {}

  /**
   * The delivered cards of a workload (those with an activity id) that show it: a Gateway heads-up (P1) is a
   * queue card about the customer, not an ESD card of the workload it was filed under.
   */
  async delivered(tenantId: string, workload: WorkloadName): Promise<SentCard[]> {
    return (await this.store.listSentCardsForWorkload(tenantId, workload))
      .filter((r) => r.activityId !== null && r.kind !== 'headsUp');
  }
}
