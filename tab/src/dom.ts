/** Building the page from data: text always goes in as text (never as HTML), so nothing a user typed can run. */
import { locale } from './texts.js';

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K, attributes: Record<string, string> = {}, ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

function utc(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number | undefined];
  return new Date(Date.UTC(y, m - 1, d ?? 1));
}

function isChinese(): boolean {
  return locale().startsWith('zh');
}

/** A day as the cards write it: "Mon, 30 Nov 2026" in English, "2026年11月30日 星期一" in Chinese. */
export function day(date: string): string {
  if (isChinese()) {
    const when = utc(date);
    const ymd = when.toLocaleDateString('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
    return `${ymd} ${when.toLocaleDateString('zh-CN', { weekday: 'long', timeZone: 'UTC' })}`;
  }
  return utc(date).toLocaleDateString('en-GB', {
    weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC',
  });
}

/** A month estimate (R7): "February 2027", "2027年2月". */
export function month(date: string): string {
  const first = utc(date.slice(0, 7));
  return isChinese() ? first.toLocaleDateString('zh-CN', { year: 'numeric', month: 'long', timeZone: 'UTC' })
    : first.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function replace(container: Element, ...children: Node[]): void {
  container.replaceChildren(...children);
}
