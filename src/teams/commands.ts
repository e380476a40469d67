/**
 * The commands people type, and what each is called in every language: the command menu's titles (the app package's
 * zh-cn.json) are what Teams sends as the message, so a Chinese title must work as a command everywhere, whatever
 * language the client reports. The words come from the catalogue (`command.*`).
 */
import type { MessageKey } from './i18n/catalogue';
import { SUPPORTED_LOCALES, type SupportedLocale } from './i18n/locales';
import { t } from './i18n/messages';

export type CommandName = 'help' | 'upcoming' | 'customer' | 'newCustomer' | 'queue' | 'load';

const WORD_KEYS: Record<CommandName, MessageKey> = {
  help: 'command.help', upcoming: 'command.upcoming', customer: 'command.customer', newCustomer: 'command.newCustomer',
  queue: 'command.queue', load: 'command.load',
};

/** A command and what follows its word (the `customer` command's search text); `rest` is '' for the others. */
export interface ParsedCommand {
  name: CommandName;
  rest: string;
}

/** What `name` is called in `locale`, as the help card and the cards' "send …" hints show it. */
export function commandWord(locale: SupportedLocale, name: CommandName): string {
  return t(locale, WORD_KEYS[name]);
}

/** A word in a script without spaces between words: `客户Contoso` is `客户` and `Contoso`. */
const UNSPACED = /^[\u3000-\u9fff\uff00-\uffef]/;

/** Every command's word in every language, lower case: read from the catalogue once, not on every message. */
let knownWords: Array<{ name: CommandName; word: string }> | undefined;

function wordsOfEveryLanguage(): Array<{ name: CommandName; word: string }> {
  knownWords ??= (Object.keys(WORD_KEYS) as CommandName[]).flatMap((name) => SUPPORTED_LOCALES.map((locale) => (
    { name, word: commandWord(locale, name).toLowerCase() })));
  return knownWords;
}

/**
 * The command a message (mentions removed, spaces folded) names in any language, case aside, or null. Only
 * `customer` takes words after it.
 */
export function parseCommand(text: string): ParsedCommand | null {
  const lower = text.toLowerCase();
  for (const { name, word } of wordsOfEveryLanguage()) {
    if (lower === word) return { name, rest: '' };
    if (name !== 'customer' || !lower.startsWith(word)) continue;
    const after = text.slice(word.length);
    if (after.startsWith(' ') || UNSPACED.test(word)) return { name, rest: after.trim() };
  }
  return null;
}
