/**
 * The port through which services send a card into someone's Teams chat. Services do not import teams: the Notifier
 * (src/teams/notifier.ts) implements this, paced under Teams' rate limits and retried.
 */
import type { ConversationReference } from 'botbuilder';

/**
 * `final`: Teams will never accept it as it is (blocked, uninstalled, gone, too large). `maybeDelivered`: a send
 * failed after its request may have reached Teams; it was not repeated, so the card is never posted twice.
 */
export type SendResult =
  | { ok: true; activityId: string }
  | { ok: false; final: boolean; status: number; code: string; message: string; maybeDelivered?: boolean };

export interface CardSender {
  /** A new message with one Adaptive Card (and an optional text summary for notifications). */
  send(
    conversation: Partial<ConversationReference>, card: Record<string, unknown>, summary?: string,
  ): Promise<SendResult>;
}
