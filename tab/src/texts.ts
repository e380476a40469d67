/**
 * The page's words in the reader's language (issue 11): every text comes from the server's message catalogue
 * (`GET /tab/texts?locale=`, the `tab.*` keys), whose tab texts use only plain `{name}` arguments, filled here.
 * The page's own elements name their text with `data-text="tab.…"`.
 */

export interface Texts {
  /** The catalogue the requested locale resolved to: `en-US` or `zh-CN`. */
  locale: string;
  texts: Record<string, string>;
}

let current: Texts = { locale: 'en-US', texts: {} };

/** The locale of the texts in use, for dates (`en-US` until texts are loaded). */
export function locale(): string {
  return current.locale;
}

/** The text `key` with its `{name}` arguments filled from `values`; an unknown key reads as itself. */
export function text(key: string, values: Record<string, string | number> = {}): string {
  const template = current.texts[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** `<key>.one` when `count` is 1, else `<key>.other`: the catalogue's two texts for a count (no ICU plural here). */
export function counted(key: string, count: number, values: Record<string, string | number>): string {
  return text(`${key}.${count === 1 ? 'one' : 'other'}`, values);
}

/** Every element with `data-text` gets its text; `<html lang>` says the language. */
function applyTexts(): void {
  document.documentElement.lang = current.locale;
  for (const element of document.querySelectorAll<HTMLElement>('[data-text]')) {
    element.textContent = text(element.dataset.text ?? '');
  }
}

/** Loads the texts for a locale (a Teams client's `zh-CN`, a browser's `en-GB`) and puts them on the page. */
export async function useTexts(requested: string): Promise<void> {
  const response = await fetch(`/tab/texts?locale=${encodeURIComponent(requested)}`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /tab/texts: ${response.status}`);
  current = await response.json() as Texts;
  applyTexts();
}
