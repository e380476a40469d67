/** What the bot's command and card-verb handlers answer, for the bot to send or to turn into an invoke response. */
import type { AdaptiveCard } from './cards/render';

/** What a command answers: a card, or a message (nothing matches, or who may use it). */
export type CommandAnswer = { kind: 'card'; card: AdaptiveCard } | { kind: 'message'; text: string };

/**
 * What a card verb answers, whichever way it came: the card that answers it, a refusal (400 malformed data or a
 * refresh that was submitted, 403 may not), the customer or workload does not exist (404), or others kept changing
 * the same customer and nothing was written (`busy`, 503: try again shortly).
 */
export type VerbAnswer =
  | { kind: 'card'; card: AdaptiveCard }
  | { kind: 'refused'; status: 400 | 403; message: string }
  | { kind: 'notFound'; message: string }
  | { kind: 'busy'; message: string };
