/**
 * Refusals as the services pass them to the cards, for tests that draw a card around a given message (its layout,
 * its escaping) rather than a rule's: a refusal without a phrase is shown as its English message.
 */
import type { Refusal } from '../../src/domain/errors';

export function refusal(message: string): Refusal {
  return { message };
}

/** Field errors, one refusal per field, from their messages. */
export function fieldRefusals<F extends string>(messages: Partial<Record<F, string>>): Partial<Record<F, Refusal[]>> {
  const errors: Partial<Record<F, Refusal[]>> = {};
  for (const field of Object.keys(messages) as F[]) errors[field] = [refusal(messages[field] as string)];
  return errors;
}
