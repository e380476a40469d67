/**
 * Proactive delivery of Adaptive Cards: paced under Teams' rate limits, retried when Teams says "later",
 * and reported as final when Teams says "never" (blocked, uninstalled, gone, too big).
 */
import { CardFactory, type ConversationParameters, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Logger } from '../log/logger';
import type { CardSender, OpenResult, SendResult } from '../services/card-sender';
import type { EsdAdapter } from './adapter';
import { takeOverRetries } from './connector-pipeline';
import { backoffMs, classifyFailure, type DeliveryFailure, type RetryOptions } from './delivery-failure';
import { TeamsRateLimiter } from './rate-limiter';

export interface NotifierOptions extends RetryOptions {
  adapter: EsdAdapter;
  appId: string;
  logger: Logger;
  /** One request's timeout (then it is retried like a network error); default 20_000. */
  requestTimeoutMs?: number;
  /** Shared by every Notifier of the process when given; each Notifier has its own otherwise. */
  rateLimiter?: TeamsRateLimiter;
  /** Where new chats are created (TEAMS_SERVICE_URL); default the global Teams endpoint. */
  serviceUrl?: string;
}

type Operation = 'send' | 'update' | 'open';
type Attempt = { ok: true; activityId: string } | { ok: false; error: unknown };

/** A Teams conversation id and tenant, or why the reference cannot be used. */
interface Target {
  conversationId: string;
  tenantId: string;
}

/** Requests of an unknown tenant share one bucket: slower, never over the limit. */
const UNKNOWN_TENANT = '(unknown tenant)';

function targetOf(reference: Partial<ConversationReference>): Target | string {
  const conversationId = reference.conversation?.id;
  if (!reference.serviceUrl) return 'The conversation reference has no serviceUrl.';
  if (!conversationId) return 'The conversation reference has no conversation id.';
  return {
    conversationId, tenantId: reference.conversation?.tenantId || channelDataTenant(reference) || UNKNOWN_TENANT,
  };
}

/** Teams also carries the tenant in `channelData.tenant.id` when a whole activity is passed as the reference. */
function channelDataTenant(reference: object): string | undefined {
  const channelData: unknown = 'channelData' in reference ? reference.channelData : undefined;
  if (typeof channelData !== 'object' || channelData === null || !('tenant' in channelData)) return undefined;
  const tenant: unknown = channelData.tenant;
  const id: unknown = typeof tenant === 'object' && tenant !== null && 'id' in tenant ? tenant.id : undefined;
  return typeof id === 'string' ? id : undefined;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`Notifier: ${name} must be a whole number >= 1 (got ${value}).`);
  return value;
}

/** Implements the services' CardSender port, and updates cards in place for the CardRefresher. */
export class Notifier implements CardSender {
  private readonly adapter: EsdAdapter;
  private readonly appId: string;
  private readonly logger: Logger;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly maxAttempts: number;
  private readonly maxRetryWaitMs: number;
  private readonly requestTimeoutMs: number;
  private readonly limiter: TeamsRateLimiter;
  private readonly serviceUrl: string;
  private warnedAboutPipeline = false;

  constructor(options: NotifierOptions) {
    this.adapter = options.adapter;
    this.appId = options.appId;
    this.logger = options.logger;
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.maxAttempts = positiveInteger('maxAttempts', options.maxAttempts ?? 4);
    this.maxRetryWaitMs = options.maxRetryWaitMs ?? 30_000;
    if (!(this.maxRetryWaitMs >= 0)) throw new Error(`Notifier: maxRetryWaitMs must be >= 0 (got ${this.maxRetryWaitMs}).`);
    this.requestTimeoutMs = positiveInteger('requestTimeoutMs', options.requestTimeoutMs ?? 20_000);
    this.limiter = options.rateLimiter ?? new TeamsRateLimiter();
    this.serviceUrl = options.serviceUrl ?? 'https://smba.trafficmanager.net/teams/';
  }

  /**
   * Creates the bot's 1:1 chat with someone who never opened it (POST /v3/conversations at TEAMS_SERVICE_URL, the
   * member named by their Entra object id), paced and retried like every request; Teams answers the existing chat
   * when there is one, so a retry is harmless. Refused (403/404) when the app is not installed for the person.
   */
  async openConversation(aadObjectId: string, tenantId: string): Promise<OpenResult> {
    const parameters: ConversationParameters = {
      isGroup: false, bot: { id: this.appId, name: '' }, members: [{ id: aadObjectId, name: '' }], tenantId,
      channelData: { tenant: { id: tenantId } },
    };
    // The chat has no id yet: its own key in the limiter, the tenant's bucket shared with every other request.
    const target: Target = { conversationId: `new chat with ${aadObjectId}`, tenantId };
    const result = await this.retrying('open', target, () => this.openAttempt(target, parameters));
    if (!result.ok) return result;
    return {
      ok: true,
      conversation: {
        channelId: 'msteams', serviceUrl: this.serviceUrl, bot: { id: this.appId },
        user: { id: aadObjectId, aadObjectId },
        conversation: { id: result.activityId, tenantId, conversationType: 'personal', isGroup: false },
      },
    };
  }

  private async openAttempt(target: Target, parameters: ConversationParameters): Promise<Attempt> {
    try {
      const client = await this.adapter.connectorFor(this.appId, this.serviceUrl);
      const paced = takeOverRetries(client, this.requestTimeoutMs, () => this.waitForSlot(target));
      if (!paced) {
        this.warnAboutPipeline();
        await this.waitForSlot(target);
      }
      const created = await client.conversations.createConversation(parameters);
      if (!created.id) return { ok: false, error: new Error('Teams created a chat without an id.') };
      return { ok: true, activityId: created.id };
    } catch (error) {
      return { ok: false, error };
    }
  }

  /**
   * Sends a new message with one Adaptive Card attachment (plus optional text summary for notifications) into the
   * conversation.
   */
  send(
    conversation: Partial<ConversationReference>, card: Record<string, unknown>, summary?: string,
  ): Promise<SendResult> {
    return this.deliver(conversation, 'send', async (context) => {
      const response = await context.sendActivity({
        type: 'message',
        attachments: [CardFactory.adaptiveCard(card)],
        ...(summary ? { summary } : {}),
      });
      return response?.id ?? '';
    });
  }

  /** Replaces the card of an earlier message (updateActivity) so nobody acts on a stale card. */
  update(
    conversation: Partial<ConversationReference>, activityId: string, card: Record<string, unknown>,
  ): Promise<SendResult> {
    if (!activityId) return Promise.resolve(refused('InvalidActivityId', 'The activity id to update is empty.'));
    return this.deliver(conversation, 'update', async (context) => {
      await context.updateActivity({ type: 'message', id: activityId, attachments: [CardFactory.adaptiveCard(card)] });
      return activityId; // an edited message keeps its id, whatever the answer's body says
    });
  }

  private async deliver(reference: Partial<ConversationReference>, operation: Operation,
    act: (context: TurnContext) => Promise<string>): Promise<SendResult> {
    const target = targetOf(reference);
    if (typeof target === 'string') {
      this.logger.warn('proactive delivery refused: unusable conversation reference', { operation, problem: target });
      return refused('InvalidConversationReference', target);
    }
    return this.retrying(operation, target, () => this.attempt(reference, target, act));
  }

  /** One request, retried while Teams says "later"; `activityId` is the created chat's id for `open`. */
  private async retrying(operation: Operation, target: Target, once: () => Promise<Attempt>): Promise<SendResult> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await once();
      if (outcome.ok) {
        this.logger.debug('proactive delivery done', { operation, conversationId: target.conversationId, attempt });
        return outcome;
      }
      const failure = classifyFailure(outcome.error, this.now());
      const waitMs = operation === 'send' && failure.mayHaveArrived ? undefined : this.retryWait(failure, attempt);
      // Teams throttled this conversation: its other requests wait as long; the rest of the tenant keeps going.
      if (failure.status === 429) {
        this.limiter.hold(target.conversationId, this.now() + (waitMs ?? failure.retryAfterMs ?? 0));
      }
      if (waitMs === undefined) return this.giveUp(operation, target, failure, attempt);
      this.logger.warn('proactive delivery failed, retrying', {
        operation, conversationId: target.conversationId, status: failure.status, code: failure.code, attempt, waitMs,
      });
      await this.sleep(waitMs); // holding no slot: the next attempt books its own once this wait is over
    }
  }

  /** How long to wait before the next attempt, or undefined when there is none. */
  private retryWait(failure: DeliveryFailure, attempt: number): number | undefined {
    if (failure.kind !== 'retry' || attempt >= this.maxAttempts) return undefined;
    return Math.min(
      failure.retryAfterMs ?? backoffMs(attempt, this.random, 1_000, this.maxRetryWaitMs), this.maxRetryWaitMs,
    );
  }

  private giveUp(operation: Operation, target: Target, failure: DeliveryFailure, attempt: number): SendResult {
    const final = failure.kind === 'final';
    const fields = {
      operation, conversationId: target.conversationId, status: failure.status, code: failure.code, attempt,
    };
    if (failure.kind === 'unknown') this.logger.error('proactive delivery failed unexpectedly', fields);
    else this.logger.warn(final ? 'proactive delivery failed for good' : 'proactive delivery failed, retries exhausted', fields);
    const maybeDelivered = operation === 'send' && failure.mayHaveArrived;
    return {
      ok: false, final, status: failure.status, code: failure.code, message: failure.message,
      ...(maybeDelivered ? { maybeDelivered } : {}),
    };
  }

  /**
   * Every request, retries included, counts against Teams' limits: book a slot and wait for it. A 429 on the same
   * conversation while waiting (another card's) holds the conversation: the slot is given back to the tenant and a
   * later one booked. Woken late (the process was busy), the request is booked at the time it really leaves.
   */
  private async waitForSlot({ conversationId, tenantId }: Target): Promise<void> {
    for (;;) {
      const now = this.now();
      const slot = this.limiter.reserve(conversationId, tenantId, now);
      if (slot > now) await this.sleep(slot - now);
      if (this.limiter.heldUntil(conversationId) > slot) this.limiter.release(conversationId, tenantId, slot);
      else if (this.limiter.confirm(conversationId, tenantId, slot, this.now())) return;
    }
  }

  /**
   * One request in its own proactive turn.
   *
   * Local mode: continueConversationAsync accepts the empty app id as it is: CloudAdapterBase builds a
   * ClaimsIdentity whose audience and appid claims are '', ConfigurationBotFrameworkAuthentication's credentials
   * factory then yields credentials that add no Authorization header, and the request goes straight to the
   * reference's serviceUrl. With an app id the same call acquires a token for it. Nothing differs in this code.
   *
   * Errors are caught inside the callback: thrown out of it they would reach the adapter's onTurnError, which
   * answers "Sorry, something went wrong" into the very conversation and swallows the error.
   */
  private async attempt(
    reference: Partial<ConversationReference>, target: Target, act: (context: TurnContext) => Promise<string>,
  ): Promise<Attempt> {
    let outcome: Attempt | undefined;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        try {
          // Paced inside the client's pipeline, just before the request leaves; here when that cannot be done.
          if (!this.prepare(context, target)) await this.waitForSlot(target);
          outcome = { ok: true, activityId: await act(context) };
        } catch (error) {
          outcome = { ok: false, error };
        }
      });
    } catch (error) {
      outcome = { ok: false, error }; // the connector (or its token) could not be created
    }
    return outcome ?? { ok: false, error: new Error('The proactive turn ended without running the delivery.') };
  }

  private warnAboutPipeline(): void {
    if (this.warnedAboutPipeline) return;
    this.warnedAboutPipeline = true;
    this.logger.warn('could not disable the Bot Connector client\'s own retries: requests may be retried twice');
  }

  /** Returns whether the requests of the turn are paced by its connector client's pipeline. */
  private prepare(context: TurnContext, target: Target): boolean {
    const tookOver = takeOverRetries(
      context.turnState.get(this.adapter.ConnectorClientKey), this.requestTimeoutMs, () => this.waitForSlot(target),
    );
    if (!tookOver) this.warnAboutPipeline();
    // The continuation activity carries a made-up id; left as replyToId, sendActivity would POST a reply to a
    // message that does not exist (…/activities/{random id}) instead of a new message (…/activities).
    context.onSendActivities(async (_context, activities, next) => {
      for (const activity of activities) delete activity.replyToId;
      return next();
    });
    context.onUpdateActivity(async (_context, activity, next) => {
      delete activity.replyToId;
      return next();
    });
    return tookOver;
  }
}

/** Refused before any request: no retry could fix the input. */
function refused(code: string, message: string): SendResult {
  return { ok: false, final: true, status: 0, code, message };
}
