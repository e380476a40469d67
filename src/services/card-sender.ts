/**
 * The port through which services send a card into someone's Teams chat. Services do not import teams: the Notifier
 * (src/teams/notifier.ts) implements this, paced under Teams' rate limits and retried.
 */
import type { ConversationReference } from 'botbuilder';
import type { ConversationRef } from '../domain/types';

/**
 * `final`: Teams will never accept it as it is (blocked, uninstalled, gone, too large). `maybeDelivered`: a send
 * failed after its request may have reached Teams; it was not repeated, so the card is never posted twice.
 */
export type SendResult =
  | { ok: true; activityId: string }
  | { ok: false; final: boolean; status: number; code: string; message: string; maybeDelivered?: boolean };

/** A new 1:1 chat's reference, or why Teams refused it (403/404: the app is not installed for the person). */
export type OpenResult = { ok: true; conversation: ConversationRef } | Extract<SendResult, { ok: false }>;

export interface CardSender {
  /**
   * Creates (or finds: Teams answers the existing one) the 1:1 chat of the bot with the person, for someone whose
   * chat is not stored (they never opened the bot). Absent: such people are reached once they open the bot.
   */
  openConversation?(aadObjectId: string, tenantId: string): Promise<OpenResult>;

  /** A new message with one Adaptive Card (and an optional text summary for notifications). */
  send(
    conversation: Partial<ConversationReference>, card: Record<string, unknown>, summary?: string,
  ): Promise<SendResult>;
}
