/**
 * The `load` command and its card's verb (P2), for the bot: the command and the card's action data become TeamLoad
 * calls, their answers cards. Who may see the load is the domain's (mayViewLoad, checked by the service).
 *
 * - `load`: the load card, first page of FMs.
 * - verb `showLoad` (`data: { page }`): that page of FMs, in place of the card ("Show more", "Refresh").
 */
import { DomainError } from '../domain/errors';
import type { Locale, Person } from '../domain/types';
import type { TeamLoad } from '../services/team-load';
import { isRecord } from '../lib/is-record';
import type { CommandAnswer, VerbAnswer } from './answers';
import { LOAD_CARD_FMS, LOAD_CARD_WEEKS, loadCard, SHOW_LOAD_VERB } from './cards/load-card';
import type { AdaptiveCard } from './cards/render';
import { sayRefusal, t } from './i18n/messages';

export function isLoadVerb(verb: unknown): boolean {
  return verb === SHOW_LOAD_VERB;
}

/** The page an action asks for: a whole number from 1, else undefined. */
function pageOf(data: unknown): number | undefined {
  const page = isRecord(data) ? data.page : undefined;
  return typeof page === 'number' && Number.isInteger(page) && page >= 1 ? page : undefined;
}

export class LoadAnswers {
  constructor(private readonly team: TeamLoad) {}

  /** `load`: the first page in the reader's `locale`, or why this person may not see it. */
  async command(person: Person | undefined, locale: Locale = 'en-US'): Promise<CommandAnswer> {
    try {
      return { kind: 'card', card: await this.card(person, 1, locale) };
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'forbidden') throw error;
      return { kind: 'message', text: sayRefusal(locale, error) };
    }
  }

  /** The verb `showLoad` (isLoadVerb), by Action.Execute or its Action.Submit fallback. */
  async answer(person: Person | undefined, data: unknown, locale: Locale = 'en-US'): Promise<VerbAnswer> {
    const page = pageOf(data);
    if (page === undefined) return { kind: 'refused', status: 400, message: t(locale, 'load.refused.badPage') };
    try {
      return { kind: 'card', card: await this.card(person, page, locale) };
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'forbidden') throw error;
      return { kind: 'refused', status: 403, message: sayRefusal(locale, error) };
    }
  }

  private async card(person: Person | undefined, page: number, locale: Locale): Promise<AdaptiveCard> {
    return loadCard(await this.team.view(person, { page, pageSize: LOAD_CARD_FMS, weeks: LOAD_CARD_WEEKS }), locale);
  }
}
