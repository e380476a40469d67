import { CardFactory, TeamsActivityHandler, type TurnContext } from 'botbuilder';
import type { Logger } from '../log/logger';
import { helpCard, type CommandHelp } from './cards/render';

export const COMMANDS: CommandHelp[] = [
  { name: 'help', description: 'What I can do.' },
  { name: 'upcoming', description: 'Your engagements by start date, with their actions.' },
  { name: 'customer <name or tenant id>', description: "A customer's workloads, dates, state and recent notes." },
  { name: 'new customer', description: 'Gateway staff: enter a new customer with its workloads and dates.' },
];

/**
 * The Teams bot. Turn logic only: it translates activities into service calls and cards, and never holds
 * business state (BotState writes last-writer-wins; every durable thing lives in the Store).
 */
export class EsdBot extends TeamsActivityHandler {
  constructor(private readonly logger: Logger) {
    super();
    this.onMessage(async (context, next) => {
      await this.sendHelp(context);
      await next();
    });
  }

  /** Unknown text gets the help card, never silence. */
  private async sendHelp(context: TurnContext): Promise<void> {
    this.logger.debug('help card', { conversationId: context.activity.conversation?.id });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(helpCard(COMMANDS))] });
  }
}
