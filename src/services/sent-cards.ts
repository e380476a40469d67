/**
 * Every card about a workload that sits in someone's chat, with its activity id, so that after a change each can be
 * redrawn in place (updateActivity) and nobody acts on a stale card. Reminders and welcome cards write theirs when
 * sent; command replies are recorded here as kind `shown`.
 */
import type { CalendarDate } from '../domain/dates';
import type { SentCard, WorkloadName } from '../domain/types';
import type { Store } from '../store/store';
import { newCardRecord } from './card-delivery';
import type { Clock } from './clock';

export interface ShownCard {
  tenantId: string;
  workload: WorkloadName;
  recipientId: string;
  conversationId: string;
  activityId: string;
  today: CalendarDate;
}

export class SentCards {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  async recordShown(card: ShownCard): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.store.claimSentCard(newCardRecord({
      id: `shown:${card.conversationId}:${card.activityId}`,
      tenantId: card.tenantId, workload: card.workload, dueOn: card.today, kind: 'shown', recipientId: card.recipientId,
    }, at, { activityId: card.activityId, conversationId: card.conversationId }));
  }

  /** The delivered cards of a workload (those with an activity id). */
  async delivered(tenantId: string, workload: WorkloadName): Promise<SentCard[]> {
    return (await this.store.listSentCardsForWorkload(tenantId, workload)).filter((r) => r.activityId !== null);
  }
}
