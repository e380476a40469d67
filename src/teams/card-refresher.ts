/** After a change, redraws every other card of that workload in place so nobody acts on a stale one. */
import type { ConversationReference } from 'botbuilder';
import type { Locale, WorkloadName } from '../domain/types';
import type { Logger } from '../log/logger';
import type { CardActions } from '../services/card-actions';
import type { Directory } from '../services/directory';
import type { SentCards } from '../services/sent-cards';
import { esdCard } from './cards/esd-card';
import type { AdaptiveCard } from './cards/render';

/** The part of the notifier this needs. */
export interface CardUpdateSender {
  update(
    conversation: Partial<ConversationReference>, activityId: string, card: AdaptiveCard,
  ): Promise<{ ok: boolean }>;
}

export class CardRefresher {
  constructor(
    private readonly deps: {
      sentCards: SentCards; directory: Directory; cardActions: CardActions; sender: CardUpdateSender; logger: Logger;
      /** DEFAULT_LOCALE: a card is redrawn in its recipient's directory locale, else this (default en-US). */
      defaultLocale?: Locale;
    },
  ) {}

  /** Redraws each delivered card of the workload but `exceptActivityId` (the one the invoke answer replaces). */
  async refresh(tenantId: string, workload: WorkloadName, exceptActivityId?: string): Promise<number> {
    const { sentCards, directory, cardActions, sender, logger } = this.deps;
    let updated = 0;
    for (const record of await sentCards.delivered(tenantId, workload)) {
      if (record.activityId === exceptActivityId || !record.activityId) continue;
      const person = await directory.get(record.recipientId);
      if (!person?.conversation || !person.reachable) continue;
      const state = await cardActions.view(person, tenantId, workload);
      const locale = person.locale ?? this.deps.defaultLocale ?? 'en-US';
      const result = await sender.update(person.conversation, record.activityId, esdCard({ ...state, locale }));
      if (result.ok) updated += 1;
      else logger.warn('could not redraw a card', { tenantId, workload, activityId: record.activityId });
    }
    return updated;
  }
}
