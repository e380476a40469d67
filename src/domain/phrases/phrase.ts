/**
 * A text for a person, as a key and its arguments. The domain says what to say; the teams layer says it in the
 * reader's language (teams/i18n, whose en-US catalogue is these tables). The English wording doubles as the REST API's
 * message, which stays English for programs. English templates use plain `{name}` arguments only (a test holds them
 * to that), so `english` fills them without a MessageFormat library and the domain stays free of one.
 */
export type PhraseValue = string | number | Phrase;

export interface Phrase<K extends string = string> {
  readonly key: K;
  readonly values: Readonly<Record<string, PhraseValue>>;
}

export function isPhrase(value: unknown): value is Phrase {
  return typeof value === 'object' && value !== null && typeof (value as Phrase).key === 'string'
    && typeof (value as Phrase).values === 'object';
}

/** `template`'s `{name}` arguments filled from `values`, a phrase among them in English too. */
export function fill(
  template: string, values: Readonly<Record<string, PhraseValue>>, say: (phrase: Phrase) => string,
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? say(value) : String(value);
  });
}
