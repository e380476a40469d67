import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { BotConfig } from '../config';
import type { Logger } from '../log/logger';

/**
 * The Bot Framework CloudAdapter. With an empty app id botbuilder accepts anonymous requests: only allowed outside
 * production (config refuses it there), and announced loudly.
 */
export function createAdapter(bot: BotConfig, logger: Logger): CloudAdapter {
  if (!bot.appId) {
    logger.warn('LOCAL MODE: MicrosoftAppId is empty, so /api/messages accepts requests without a Bot Framework token. Never expose this process.');
  }
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error('turn failed', { error, activityType: context.activity.type, conversationId: context.activity.conversation?.id });
    // The user sees that something failed rather than silence; the details stay in the log.
    await context.sendActivity('Sorry, something went wrong on our side. Please try again in a minute.');
  };
  return adapter;
}
