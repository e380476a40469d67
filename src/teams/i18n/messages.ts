/**
 * Texts and dates in the reader's language: `t(locale, key, values)` formats the catalogue's ICU message with
 * @formatjs/intl. A key missing from a catalogue throws outside production (tests find it); in production the
 * en-US text is shown instead.
 */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { CalendarDate } from '../../domain/dates';
import type { Refusal } from '../../domain/errors';
import { isPhrase, type Phrase } from '../../domain/phrases';
import { CATALOGUES, type MessageKey } from './catalogue';
import type { SupportedLocale } from './locales';

export type MessageValues = Record<string, string | number | Date>;

const cache = createIntlCache();
const intls = new Map<SupportedLocale, IntlShape>();

function strict(): boolean {
  return process.env.NODE_ENV !== 'production';
}

function intlFor(locale: SupportedLocale): IntlShape {
  let intl = intls.get(locale);
  if (!intl) {
    intl = createIntl({
      locale, defaultLocale: 'en-US', messages: CATALOGUES[locale], timeZone: 'UTC',
      onError: (error) => {
        if (strict()) throw error;
      },
    }, cache);
    intls.set(locale, intl);
  }
  return intl;
}

/** The text `key` in `locale`, its ICU arguments filled from `values`. */
export function t(locale: SupportedLocale, key: MessageKey, values?: MessageValues): string {
  const english = CATALOGUES['en-US'][key];
  if (english === undefined) throw new Error(`No en-US text for ${key}`);
  return intlFor(locale).formatMessage({ id: key, defaultMessage: english }, values);
}

/** A phrase of the domain or the services (a refusal, a validation message) in `locale`; nested phrases too. */
export function say(locale: SupportedLocale, text: Phrase): string {
  const values: MessageValues = {};
  for (const [name, value] of Object.entries(text.values)) values[name] = isPhrase(value) ? say(locale, value) : value;
  // Every phrase key is in the en-US catalogue (it spreads PHRASES), and phrase() only makes PHRASES' keys.
  return t(locale, text.key as MessageKey, values);
}

/**
 * What a person reads of a refusal (a DomainError or one of its details): its phrase in their language. A refusal
 * without a phrase is one only the REST API gives; should one reach a card, its English is better than nothing.
 */
export function sayRefusal(locale: SupportedLocale, refusal: Refusal): string {
  return refusal.phrase ? say(locale, refusal.phrase) : refusal.message;
}

/** Refusals by the field they concern (a form's validation), each field's one after the other. */
export function sayByField<F extends string>(
  locale: SupportedLocale, byField: Partial<Record<F, readonly Refusal[]>>,
): Partial<Record<F, string>> {
  const said: Partial<Record<F, string>> = {};
  for (const field of Object.keys(byField) as F[]) {
    said[field] = (byField[field] ?? []).map((r) => sayRefusal(locale, r)).join(' ');
  }
  return said;
}

/** The day formats: en-US keeps the cards' wording `Fri, 11 Dec 2026`; zh-CN reads `2026年12月11日 星期五`. */
const DAY_FORMATS: Record<SupportedLocale, (day: Date) => string> = {
  'en-US': dateFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }),
  'zh-CN': (() => {
    const date = dateFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric' });
    const weekday = dateFormat('zh-CN', { weekday: 'long' });
    return (day: Date) => `${date(day)} ${weekday(day)}`;
  })(),
};

/** A day in a compact line: `1 Dec 2026`, `2026年12月1日`. */
const SHORT_DAY_FORMATS: Record<SupportedLocale, (day: Date) => string> = {
  'en-US': dateFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }),
  'zh-CN': dateFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric' }),
};

/** The Monday a week starts on, on a chart axis: `30 Nov`, `11月30日`. */
const DAY_MONTH_FORMATS: Record<SupportedLocale, (day: Date) => string> = {
  'en-US': dateFormat('en-GB', { day: 'numeric', month: 'short' }),
  'zh-CN': dateFormat('zh-CN', { month: 'long', day: 'numeric' }),
};

/** A month-only estimate (R7): `February 2027`, `2027年2月`. */
const MONTH_FORMATS: Record<SupportedLocale, (month: Date) => string> = {
  'en-US': dateFormat('en-GB', { month: 'long', year: 'numeric' }),
  'zh-CN': dateFormat('zh-CN', { year: 'numeric', month: 'long' }),
};

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): (date: Date) => string {
  const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
  return (date) => format.format(date);
}

export function formatDay(locale: SupportedLocale, date: CalendarDate): string {
  return DAY_FORMATS[locale](new Date(`${date}T00:00:00Z`));
}

/** `1 Dec 2026` of a calendar date, or of an instant (its UTC day). */
export function formatShortDay(locale: SupportedLocale, date: CalendarDate | Date): string {
  return SHORT_DAY_FORMATS[locale](typeof date === 'string' ? new Date(`${date}T00:00:00Z`) : date);
}

/** A day without its year (a week on a chart): `30 Nov`, `11月30日`. */
export function formatDayMonth(locale: SupportedLocale, date: CalendarDate): string {
  return DAY_MONTH_FORMATS[locale](new Date(`${date}T00:00:00Z`));
}

/** `month` is `YYYY-MM`. */
export function formatMonth(locale: SupportedLocale, month: string): string {
  return MONTH_FORMATS[locale](new Date(`${month}-01T00:00:00Z`));
}
