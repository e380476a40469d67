/**
 * Every phrase the domain and the services use, by key, in English. One table per area, so each area owns its
 * wording; the en-US catalogue (teams/i18n) is this table, and zh-CN holds the same keys with the same arguments.
 */
import { fill, type Phrase, type PhraseValue } from './phrase';
import { CUSTOMER_PHRASES } from './customer';
import { ENGAGEMENT_PHRASES } from './engagement';
import { RULE_PHRASES } from './rules';
import { SERVICES_PHRASES } from './services';

export const PHRASES = {
  ...RULE_PHRASES, ...ENGAGEMENT_PHRASES, ...CUSTOMER_PHRASES, ...SERVICES_PHRASES,
} as const;

export type PhraseKey = keyof typeof PHRASES;

export type { Phrase, PhraseValue } from './phrase';
export { isPhrase } from './phrase';

export function phrase(key: PhraseKey, values: Readonly<Record<string, PhraseValue>> = {}): Phrase<PhraseKey> {
  return { key, values };
}

/** The phrase in English (the REST API's wording, and the en-US catalogue's). */
export function english(p: Phrase): string {
  const template = (PHRASES as Readonly<Record<string, string>>)[p.key];
  if (template === undefined) throw new Error(`No phrase ${p.key}`);
  return fill(template, p.values, english);
}
