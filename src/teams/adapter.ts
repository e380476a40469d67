import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext,
} from 'botbuilder';
import type { BotConfig } from '../config';
import type { Locale } from '../domain/types';
import type { Logger } from '../log/logger';
import { resolveLocale } from './i18n/locales';
import { t } from './i18n/messages';

type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
/** botframework-connector's AuthenticationConstants.ServiceUrlClaim (a dependency of botbuilder, not ours). */
const SERVICE_URL_CLAIM = 'serviceurl';

/**
 * CloudAdapter with its authenticate-and-run step public, so the HTTP route can answer refusals in the contract's
 * error format (CloudAdapter.process answers them in plain text and logs through console.error).
 */
export class EsdAdapter extends CloudAdapter {
  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    /** True with an app id: every request must carry a Bot Framework token (false only in local mode). */
    readonly tokenRequired: boolean,
  ) {
    super(auth);
  }

  run(
    authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }

  /**
   * A Bot Connector client for `serviceUrl` with the bot's credentials, as createConversationAsync builds one (it
   * gives no way to pace or time its own request): the notifier creates chats through it (issue 13).
   */
  connectorFor(botAppId: string, serviceUrl: string): ReturnType<ConnectorFactory['create']> {
    const identity = this.createClaimsIdentity(botAppId);
    identity.claims.push({ type: SERVICE_URL_CLAIM, value: serviceUrl });
    return this.botFrameworkAuthentication.createConnectorFactory(identity).create(serviceUrl);
  }
}

/**
 * The Bot Framework adapter. With an empty app id botbuilder accepts anonymous requests: only allowed outside
 * production (config refuses it there), and announced loudly. A failed turn is apologised for in the activity's
 * language (issue 11), else `defaultLocale`.
 */
export function createAdapter(bot: BotConfig, logger: Logger, defaultLocale: Locale = 'en-US'): EsdAdapter {
  if (!bot.appId) {
    logger.warn('LOCAL MODE: MicrosoftAppId is empty, so /api/messages accepts requests without a Bot Framework token. Never expose this process.');
  }
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId,
  });
  const adapter = new EsdAdapter(auth, bot.appId !== '');
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error('turn failed', { error, activityType: context.activity.type, conversationId: context.activity.conversation?.id });
    // The user sees that something failed rather than silence; the details stay in the log.
    await context.sendActivity(t(resolveLocale(context.activity.locale, defaultLocale), 'common.turnFailed'));
  };
  return adapter;
}
