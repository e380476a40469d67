import {
  CardFactory, MessageFactory, TeamsActivityHandler, TurnContext,
  type Activity, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue,
} from 'botbuilder';
import { DomainError } from '../domain/errors';
import { mayAssign, mayEnterCustomers, mayViewLoad, NOT_IN_DIRECTORY } from '../domain/rules';
import type { Actor, Locale, Person } from '../domain/types';
import type { Logger } from '../log/logger';
import type { ActionOutcome, CardAction, CardActions } from '../services/card-actions';
import type { CustomerViews } from '../services/customer-views';
import type { CustomerService } from '../services/customers';
import { actorOf, type Directory } from '../services/directory';
import type { EngagementQueries } from '../services/engagement-queries';
import type { GatewayQueue } from '../services/gateway-queue';
import type { TeamLoad } from '../services/team-load';
import { WriteContention } from '../services/optimistic-write';
import type { BackgroundTasks } from './background';
import { parseCardAction, type CardAt, type ParsedAction } from './card-action-data';
import type { CardRefresher } from './card-refresher';
import { esdCard, outcomeCard, type CardOrigin } from './cards/esd-card';
import { LOAD_CARD_WEEKS } from './cards/load-card';
import { CREATE_CUSTOMER_VERB } from './cards/new-customer-card';
import { helpCard, type AdaptiveCard } from './cards/render';
import { workListCard } from './cards/work-list-card';
import { CustomerAnswers, isCustomerVerb } from './customer-answers';
import { isLoadVerb, LoadAnswers } from './load-answers';
import { isQueueVerb, QueueAnswers } from './queue-answers';
import type { CommandAnswer, VerbAnswer } from './answers';
import { NewCustomerForm, type FormAnswer } from './new-customer-form';
import { type MessageKey } from './i18n/catalogue';
import { matchLocale, resolveLocale } from './i18n/locales';
import { sayRefusal, t } from './i18n/messages';
import { commandWord, parseCommand, type CommandName } from './commands';

/**
 * A command of the help card: the command (shown as the reader's language calls it, or by the catalogue's key when it
 * takes words after it), its description's key, and who sees it there (everyone when `mayUse` is absent).
 */
interface Command {
  name: CommandName | { key: MessageKey };
  description: MessageKey;
  mayUse?: (actor: Actor | null) => boolean;
}

const COMMANDS: Command[] = [
  { name: 'help', description: 'help.command.help' },
  { name: 'upcoming', description: 'help.command.upcoming' },
  { name: { key: 'help.command.customer.name' }, description: 'help.command.customer' },
  { name: 'newCustomer', description: 'help.command.newCustomer', mayUse: mayEnterCustomers },
  { name: 'queue', description: 'help.command.queue', mayUse: mayAssign },
  { name: 'load', description: 'help.command.load', mayUse: mayViewLoad },
];

export interface BotDeps {
  directory: Directory;
  cardActions: CardActions;
  /** The Gateway's use cases, behind the `new customer` form (the same service as POST /api/customers). */
  customers: CustomerService;
  queries: EngagementQueries;
  /** The `customer` command and its card (R7, R8, R9). */
  customerViews: CustomerViews;
  /** The Gateway queue (P1, P2): the `queue` command and its card's `assign` action. */
  queue: GatewayQueue;
  /** The FMs' load (P2): the `load` command and its card's paging. */
  teamLoad: TeamLoad;
  refresher: CardRefresher;
  background: BackgroundTasks;
  logger: Logger;
  /** DEFAULT_LOCALE: the language for a client whose language has no catalogue (default en-US). */
  defaultLocale?: Locale;
}

const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Message text as a command: mentions removed, spaces folded, lower case. */
function commandOf(text: string | undefined): string {
  return (text ?? '').replace(/<at>[^<]*<\/at>/gi, ' ').replace(/\s+/g, ' ').trim();
}

/** A string the Teams client reports in its clientInfo entity (`timezone`, `locale`), or null. */
function clientInfo(context: TurnContext, field: 'timezone' | 'locale'): string | null {
  const info = context.activity.entities?.find((e) => e.type === 'clientInfo') as Record<string, unknown> | undefined;
  const value = info?.[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The person's time zone as the Teams client reports it (clientInfo entity); it can lag until Teams restarts. */
function clientTimeZone(context: TurnContext): string | null {
  return clientInfo(context, 'timezone');
}

/** The language of the person's Teams client: the activity's `locale`, else clientInfo's; null when neither says. */
function clientLocale(context: TurnContext): string | null {
  const { locale } = context.activity;
  return typeof locale === 'string' && locale !== '' ? locale : clientInfo(context, 'locale');
}

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD_CONTENT_TYPE, value: card };
}

function errorResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}

const ERROR_CODES = { 400: 'BadRequest', 403: 'Forbidden' } as const;

/**
 * A verb whose write lost every race (WriteContention) answers `busy`, in the reader's language: nothing was written,
 * it may be sent again.
 */
function busyAnswer(locale: Locale): (error: unknown) => VerbAnswer {
  return (error) => {
    if (!(error instanceof WriteContention)) throw error;
    return { kind: 'busy', message: t(locale, 'common.busy') };
  };
}

/** The card `back` answers for the viewer, from where the ESD card was opened (the workload it showed). */
type BackTarget = (viewer: Person | undefined, at: CardAt, locale: Locale) => Promise<AdaptiveCard>;

/**
 * The Teams bot. Turn logic only: it translates activities into service calls and cards, and never holds
 * business state (BotState writes last-writer-wins; every durable thing lives in the Store).
 */
export class EsdBot extends TeamsActivityHandler {
  private readonly newCustomerForm: NewCustomerForm;
  private readonly customerAnswers: CustomerAnswers;
  private readonly queueAnswers: QueueAnswers;
  private readonly loadAnswers: LoadAnswers;

  constructor(private readonly deps: BotDeps) {
    super();
    this.newCustomerForm = new NewCustomerForm(deps);
    this.customerAnswers = new CustomerAnswers(deps.customerViews);
    this.queueAnswers = new QueueAnswers(deps.queue);
    this.loadAnswers = new LoadAnswers(deps.teamLoad);
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      const person = await this.remember(context);
      await this.sendHelp(context, person);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      const id = context.activity.from?.aadObjectId;
      if (id) await this.deps.directory.markUnreachable(id, 'uninstalled');
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await this.remember(context);
      await next();
    });
  }

  /** Keeps the sender's conversation reference and time zone, so cards can reach them later. */
  private async remember(context: TurnContext): Promise<Person | undefined> {
    const from = context.activity.from;
    const aadObjectId = from?.aadObjectId;
    if (!aadObjectId) return undefined;
    // The reference without this activity's id, which changes every turn and would cost a write each time.
    const { activityId: _thisTurn, ...reference } = TurnContext.getConversationReference(context.activity);
    const spoken = clientLocale(context);
    return this.deps.directory.recordContact({
      aadObjectId, name: from.name ?? '', conversation: reference, timeZone: clientTimeZone(context),
      ...(spoken === null ? {} : { locale: matchLocale(spoken) }),
    });
  }

  /**
   * The language of the answer (issue 11): the client's, matched to a catalogue (one it has none for gets
   * DEFAULT_LOCALE); a client that names none gets the person's directory locale, else DEFAULT_LOCALE.
   */
  private localeOf(context: TurnContext, person: Person | undefined): Locale {
    const fallback = this.deps.defaultLocale ?? 'en-US';
    const spoken = clientLocale(context);
    return spoken === null ? person?.locale ?? fallback : resolveLocale(spoken, fallback);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const person = await this.remember(context);
    const value: unknown = context.activity.value;
    if (typeof value === 'object' && value !== null && 'verb' in value) {
      await this.handleSubmit(context, person, value);
      return;
    }
    // A command in any language: Teams sends the command menu's title, which zh-CN clients show in Chinese.
    const command = parseCommand(commandOf(context.activity.text));
    const locale = this.localeOf(context, person);
    if (command?.name === 'upcoming') await this.sendUpcoming(context, person);
    else if (command?.name === 'newCustomer') await this.answerWith(context, await this.newCustomerForm.open(person, locale));
    else if (command?.name === 'queue') await this.sendQueue(context, person);
    else if (command?.name === 'load') await this.sendCommandAnswer(context, await this.loadAnswers.command(person, locale));
    else if (command?.name === 'customer') await this.sendCustomers(context, person, command.rest);
    else await this.sendHelp(context, person); // `help`, and any text we do not know: never silence
  }

  /** `queue` (P1): the Gateway queue card, or who may use it. */
  private async sendQueue(context: TurnContext, person: Person | undefined): Promise<void> {
    const answer = await this.queueAnswers.command(person, this.localeOf(context, person));
    if (answer.kind === 'card') await this.sendCard(context, answer.card);
    else await context.sendActivity(answer.text);
  }

  /** A command's card, or the message saying why there is none. */
  private async sendCommandAnswer(context: TurnContext, answer: CommandAnswer): Promise<void> {
    if (answer.kind === 'card') await this.sendCard(context, answer.card);
    else await context.sendActivity(answer.text);
  }

  private async sendHelp(context: TurnContext, person: Person | undefined): Promise<void> {
    const actor = actorOf(person);
    const locale = this.localeOf(context, person);
    const commands = COMMANDS.filter((c) => c.mayUse?.(actor) ?? true).map(({ name, description }) => ({
      name: typeof name === 'string' ? commandWord(locale, name) : t(locale, name.key),
      description: t(locale, description, { weeks: LOAD_CARD_WEEKS }),
    }));
    const notice = person?.role ? '' : t(locale, 'common.notInDirectory');
    await this.sendCard(context, helpCard(commands, notice, locale));
  }

  /** `upcoming`: the work list, one card (its rows open ESD cards in place, verb `open`). */
  private async sendUpcoming(context: TurnContext, person: Person | undefined): Promise<void> {
    if (!person?.role) await context.sendActivity(t(this.localeOf(context, person), 'common.notInDirectory'));
    else await this.sendCard(context, await this.workList(person, this.localeOf(context, person)));
  }

  /** The viewer's work list card; someone the directory does not know (or without a role) has none. */
  private async workList(person: Person | undefined, locale: Locale): Promise<AdaptiveCard> {
    if (!person?.role) throw new DomainError('forbidden', NOT_IN_DIRECTORY);
    return workListCard(await this.deps.queries.workList(person), locale);
  }

  /** Where `back` leads from an ESD card: the card it was opened from (verb `open`, data `from`). */
  private readonly backTargets: Record<CardOrigin, BackTarget> = {
    upcoming: (person, _at, locale) => this.workList(person, locale),
    customer: (person, at, locale) => this.customerAnswers.card(person, at.tenantId, locale),
  };

  /** One match: its customer card; several: a list to pick from; none: what to try. */
  private async sendCustomers(context: TurnContext, person: Person | undefined, query: string): Promise<void> {
    const answer = await this.customerAnswers.command(person, query, this.localeOf(context, person));
    if (answer.kind === 'card') await this.sendCard(context, answer.card);
    else await context.sendActivity(answer.text);
  }

  private async sendCard(context: TurnContext, card: AdaptiveCard): Promise<string | undefined> {
    const response = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    return response?.id;
  }

  /** `adaptiveCard/action` (Action.Execute): the answer is the invoke response, a card or an error. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext, invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const person = await this.remember(context);
    const { verb, data } = invokeValue.action ?? {};
    const locale = this.localeOf(context, person);
    const answer = await this.answerVerb(person, verb, data, context.activity, 'execute', locale).catch(busyAnswer(locale));
    switch (answer.kind) {
      case 'card': return cardResponse(answer.card);
      case 'refused': return errorResponse(answer.status, ERROR_CODES[answer.status], answer.message);
      case 'notFound': return errorResponse(404, 'NotFound', answer.message);
      case 'busy': return errorResponse(503, 'ServiceUnavailable', answer.message);
    }
  }

  /** The Action.Submit fallback arrives as a message: a card replaces the one it came from, anything else is said. */
  private async handleSubmit(
    context: TurnContext, person: Person | undefined, data: Record<string, unknown>,
  ): Promise<void> {
    const locale = this.localeOf(context, person);
    const answer = await this.answerVerb(person, data.verb, data, context.activity, 'submit', locale).catch(busyAnswer(locale));
    if (answer.kind === 'card') await this.replaceCard(context, answer.card);
    else await context.sendActivity(answer.message);
  }

  /**
   * What a card verb means, for both ways it comes: the Gateway form's `createCustomer`, the ESD card's verbs, and
   * `refresh`, which only Action.Execute has (Universal Actions): submitted, it asks for nothing. The activity's id
   * identifies the request (a re-sent invoke carries the same one); its replyToId is the card's message.
   */
  private async answerVerb(
    person: Person | undefined, verb: unknown, data: unknown, activity: Pick<Activity, 'id' | 'replyToId'>,
    via: 'execute' | 'submit', locale: Locale,
  ): Promise<VerbAnswer> {
    if (verb === CREATE_CUSTOMER_VERB) {
      const answer = await this.newCustomerForm.submit(person, data, locale);
      return answer.ok ? { kind: 'card', card: answer.card } : { kind: 'refused', status: 403, message: answer.message };
    }
    if (isCustomerVerb(verb)) return this.customerAnswers.answer(person, verb, data, activity.id, locale);
    if (isQueueVerb(verb)) return this.queueAnswers.answer(person, verb, data, locale);
    if (isLoadVerb(verb)) return this.loadAnswers.answer(person, data, locale);
    const parsed = parseCardAction(verb, data, activity.id);
    if (!parsed.ok) return { kind: 'refused', status: 400, message: t(locale, parsed.problem.key, parsed.problem.values) };
    if (parsed.kind === 'refresh' && via === 'submit') {
      return { kind: 'refused', status: 400, message: t(locale, 'common.action.nothingToDo') };
    }
    try {
      return { kind: 'card', card: await this.cardFor(person, parsed, activity.replyToId, locale) };
    } catch (error) {
      // Who may (R4, R9) and what does not exist, in the reader's language.
      if (error instanceof DomainError && error.code === 'not_found') return { kind: 'notFound', message: sayRefusal(locale, error) };
      if (error instanceof DomainError && error.code === 'forbidden') {
        return { kind: 'refused', status: 403, message: sayRefusal(locale, error) };
      }
      throw error;
    }
  }

  /**
   * The card answering an ESD card verb: a redraw (`refresh`), a drill-down from a list (`open`), the list again
   * (`back`), or an action's outcome. An ESD card opened from a list keeps its origin, so its way back stays.
   */
  private async cardFor(
    person: Person | undefined, parsed: Exclude<ParsedAction, { ok: false }>, replyToId: string | undefined,
    locale: Locale,
  ): Promise<AdaptiveCard> {
    switch (parsed.kind) {
      case 'refresh':
      case 'open':
        return esdCard({
          ...(await this.deps.cardActions.view(person, parsed.tenantId, parsed.workload)), from: parsed.from, locale,
        });
      case 'back': return this.backTargets[parsed.to](person, parsed, locale);
      case 'act': return outcomeCard(await this.act(person, parsed.action, replyToId), parsed.from, locale);
    }
  }

  /** A card, or the short message saying why there is none. */
  private async answerWith(context: TurnContext, answer: FormAnswer): Promise<void> {
    if (answer.ok) await this.sendCard(context, answer.card);
    else await context.sendActivity(answer.message);
  }

  /** Redraws the card a submit came from (its message is the submit's replyToId), or sends it when that is unknown. */
  private async replaceCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
    const cardActivityId = context.activity.replyToId;
    const attachment = CardFactory.adaptiveCard(card);
    if (cardActivityId) await context.updateActivity({ type: 'message', id: cardActivityId, attachments: [attachment] });
    else await context.sendActivity(MessageFactory.attachment(attachment));
  }

  /** Applies the action; after a change, the other cards of the workload are redrawn without delaying the answer. */
  private async act(
    person: Person | undefined, action: CardAction, answeredActivityId: string | undefined,
  ): Promise<ActionOutcome> {
    const outcome = await this.deps.cardActions.act(person, action);
    this.deps.logger.info('card action', {
      verb: action.verb, status: outcome.status, tenantId: action.tenantId, workload: action.workload,
      by: person?.aadObjectId,
    });
    if (outcome.status === 'applied') {
      const { tenantId } = action;
      const workload = outcome.state.workload.workload;
      this.deps.background.run('redraw cards', async () => {
        await this.deps.refresher.refresh(tenantId, workload, answeredActivityId);
      });
    }
    return outcome;
  }
}
