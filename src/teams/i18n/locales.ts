/** The languages cards are written in, and how a locale Teams reports is matched to one of them. */
import { LOCALES, type Locale } from '../../domain/types';

/** The directory's locales (PUT /api/people `locale`): each has a catalogue. */
export const SUPPORTED_LOCALES = LOCALES;
export type SupportedLocale = Locale;

export function isSupportedLocale(value: unknown): value is SupportedLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** Chinese written in Traditional characters: no catalogue yet, so these readers get the fallback, never zh-CN. */
const TRADITIONAL_CHINESE = /^zh-(tw|hk|mo|hant)(-|$)/;

/**
 * The catalogue for a requested locale (`en-GB`, `zh-Hans-CN`, …): an exact match (any case), then by language:
 * any English → en-US; Simplified Chinese (`zh`, `zh-CN`, `zh-SG`, `zh-Hans-*`) → zh-CN. Traditional Chinese and
 * anything else → `fallback`.
 */
export function resolveLocale(requested: string | null | undefined, fallback: SupportedLocale): SupportedLocale {
  return matchLocale(requested) ?? fallback;
}

/** The catalogue `requested` matches as `resolveLocale` does, or null when none does. */
export function matchLocale(requested: string | null | undefined): SupportedLocale | null {
  const tag = (requested ?? '').trim().replace(/_/g, '-').toLowerCase();
  const exact = SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === tag);
  if (exact) return exact;
  if (tag === 'en' || tag.startsWith('en-')) return 'en-US';
  if (TRADITIONAL_CHINESE.test(tag)) return null;
  if (tag === 'zh' || /^zh-(cn|sg|hans)(-|$)/.test(tag)) return 'zh-CN';
  return null;
}
