/**
 * The Gateway's `queue` command and its card's verbs (P1, P2), for the bot: the command and the cards' action data
 * become GatewayQueue calls, their answers cards. No rule lives here: who may use the queue is the domain's
 * (mayAssign, checked by the service), the assignment is CustomerService's (as for `PUT …/assignee`).
 *
 * - `queue`: the queue card, first page.
 * - verb `showQueue` (`data: { continuationToken? }`): that page of the queue, in place of the card.
 * - verb `assign` (`data: { tenantId, etag }` + the input `aadObjectId.<tenantId>`, or `aadObjectId`): the queue card
 *   again, first page, with a banner saying what happened (assigned, already, out of date, pick an FM).
 */
import { DomainError } from '../domain/errors';
import type { Locale, Person } from '../domain/types';
import type { GatewayQueue } from '../services/gateway-queue';
import type { Banner } from './cards/esd-card';
import {
  ASSIGN_VERB, ASSIGNEE_INPUT, assignBanner, assigneeInputId, QUEUE_CARD_CUSTOMERS, queueCard, SHOW_QUEUE_VERB,
} from './cards/queue-card';
import type { AdaptiveCard } from './cards/render';
import type { CommandAnswer, VerbAnswer } from './answers';
import { isRecord } from '../lib/is-record';
import { sayRefusal, t } from './i18n/messages';


const QUEUE_VERBS: readonly unknown[] = [ASSIGN_VERB, SHOW_QUEUE_VERB];

export function isQueueVerb(verb: unknown): boolean {
  return QUEUE_VERBS.includes(verb);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export class QueueAnswers {
  constructor(private readonly queue: GatewayQueue) {}

  /** `queue`: the first page in the reader's `locale`, or why this person may not see it. */
  async command(person: Person | undefined, locale: Locale = 'en-US'): Promise<CommandAnswer> {
    try {
      return { kind: 'card', card: await this.page(person, locale, undefined) };
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'forbidden') throw error;
      return { kind: 'message', text: sayRefusal(locale, error) };
    }
  }

  /** The verbs `showQueue` and `assign` (isQueueVerb), by Action.Execute or its Action.Submit fallback. */
  async answer(person: Person | undefined, verb: unknown, data: unknown, locale: Locale = 'en-US'): Promise<VerbAnswer> {
    const fields = isRecord(data) ? data : {};
    try {
      if (verb === SHOW_QUEUE_VERB) return { kind: 'card', card: await this.page(person, locale, text(fields.continuationToken)) };
      const tenantId = text(fields.tenantId);
      const etag = text(fields.etag);
      if (!tenantId || !etag) {
        return { kind: 'refused', status: 400, message: t(locale, 'queue.refused.noCustomer') };
      }
      const aadObjectId = text(fields[assigneeInputId(tenantId)]) ?? text(fields[ASSIGNEE_INPUT]);
      const outcome = await this.queue.assign(person, { tenantId, etag, aadObjectId });
      return { kind: 'card', card: await this.page(person, locale, undefined, assignBanner(outcome, locale)) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'forbidden') return { kind: 'refused', status: 403, message: sayRefusal(locale, error) };
      if (error.code === 'not_found') return { kind: 'notFound', message: sayRefusal(locale, error) };
      if (error.code === 'validation') return { kind: 'refused', status: 400, message: t(locale, 'queue.refused.badPage') };
      throw error;
    }
  }

  private async page(
    person: Person | undefined, locale: Locale, continuationToken: string | undefined, banner?: Banner,
  ): Promise<AdaptiveCard> {
    const view = await this.queue.view(person, { limit: QUEUE_CARD_CUSTOMERS, continuationToken });
    return queueCard({ view, banner, locale });
  }
}
