/**
 * The `customer` command and its card's verbs, for the bot: it translates the command's text and the cards' action
 * data into CustomerViews calls, and their answers into cards. No rule lives here.
 *
 * - `customer <text>`: one match answers the customer card, several a pick list, none a message saying what to try.
 * - verb `customer` (`data: { tenantId }`): that customer's card, in place of the card it came from (the pick list,
 *   or an ESD card opened from the customer card, on its way back).
 * - verb `addWorkload` (`data: { tenantId, etag }` + the add form's inputs): the customer card redrawn with what
 *   happened (R7, R8).
 */
import { DomainError } from '../domain/errors';
import type { Locale, Person } from '../domain/types';
import type { CustomerViews } from '../services/customer-views';
import {
  ADD_WORKLOAD_INPUTS, ADD_WORKLOAD_VERB, addWorkloadFieldsOf, CUSTOMER_VERB, customerCard, customerListCard,
  customerOutcomeCard, type AddWorkloadInputs,
} from './cards/customer-card';
import type { AdaptiveCard } from './cards/render';
import type { CommandAnswer, VerbAnswer } from './answers';
import { isRecord } from '../lib/is-record';
import { sayRefusal, t } from './i18n/messages';


const CUSTOMER_VERBS: readonly unknown[] = [CUSTOMER_VERB, ADD_WORKLOAD_VERB];

export function isCustomerVerb(verb: unknown): boolean {
  return CUSTOMER_VERBS.includes(verb);
}


function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Only the form's own input ids are read, as text (Teams merges the inputs into the action's data). */
function typedInputs(data: Record<string, unknown>): AddWorkloadInputs {
  const typed: AddWorkloadInputs = {};
  for (const id of ADD_WORKLOAD_INPUTS) {
    const value = text(data[id]);
    if (value !== undefined) typed[id] = value;
  }
  return typed;
}

export class CustomerAnswers {
  constructor(private readonly views: CustomerViews) {}

  /** `customer <text>`, answered in the reader's language. */
  async command(person: Person | undefined, query: string, locale: Locale): Promise<CommandAnswer> {
    try {
      const matches = await this.views.find(person, query);
      const [only] = matches.customers;
      if (!only) return { kind: 'message', text: t(locale, 'customer.noMatch') };
      if (matches.customers.length > 1) return { kind: 'card', card: customerListCard(matches, query, locale) };
      return { kind: 'card', card: await this.card(person, only.tenantId, locale) };
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
      return { kind: 'message', text: sayRefusal(locale, error) }; // not in the directory; no text given
    }
  }

  /** The customer card of `tenantId` for `person` (the pick list's choice, an ESD card's way back). */
  async card(person: Person | undefined, tenantId: string, locale: Locale): Promise<AdaptiveCard> {
    return customerCard({ ...(await this.views.view(person, tenantId)), locale });
  }

  /** The verbs `customer` and `addWorkload` (isCustomerVerb), by Action.Execute or its Action.Submit fallback. */
  async answer(
    person: Person | undefined, verb: unknown, data: unknown, requestId: string | undefined, locale: Locale,
  ): Promise<VerbAnswer> {
    const tenantId = isRecord(data) ? text(data.tenantId) : undefined;
    if (!isRecord(data) || tenantId === undefined) {
      return { kind: 'refused', status: 400, message: t(locale, 'customer.refused.noCustomer') };
    }
    try {
      if (verb === CUSTOMER_VERB) return { kind: 'card', card: await this.card(person, tenantId, locale) };
      const etag = text(data.etag);
      if (etag === undefined) {
        return { kind: 'refused', status: 400, message: t(locale, 'customer.refused.noVersion') };
      }
      const fields = addWorkloadFieldsOf(typedInputs(data));
      const outcome = await this.views.addWorkload(person, { tenantId, etag, fields, requestId });
      return { kind: 'card', card: customerOutcomeCard(outcome, locale) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'not_found') return { kind: 'notFound', message: sayRefusal(locale, error) };
      if (error.code === 'forbidden') return { kind: 'refused', status: 403, message: sayRefusal(locale, error) };
      throw error;
    }
  }
}
