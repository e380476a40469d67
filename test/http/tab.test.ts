/**
 * The tab's files as the server serves them (issue 10): only named files, with a policy that lets Teams frame it;
 * and its texts in the reader's language (issue 11).
 */
import assert from 'node:assert/strict';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { startApp } from '../../src/app';
import { memoryLogger } from '../../src/log/logger';
import { CATALOGUES, type MessageKey } from '../../src/teams/i18n/catalogue';
import { SUPPORTED_LOCALES } from '../../src/teams/i18n/locales';
import { t } from '../../src/teams/i18n/messages';
import { startTestApp, TEST_CONFIG } from '../common/app';
import { openSqlite, type OpenedStore } from '../common/stores';

interface TabTexts {
  locale: string;
  texts: Record<string, string>;
}

const TAB_KEYS = Object.keys(CATALOGUES['en-US']).filter((key) => key.startsWith('tab.')).sort();

describe('GET /tab and its files', () => {
  let opened: OpenedStore;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  before(async () => {
    opened = await openSqlite();
    app = await startTestApp(opened.store);
  });
  after(async () => {
    await app.stop();
    await opened.cleanup();
  });

  it('serves the page with a content security policy that runs only its own scripts and lets Teams frame it', async () => {
    const res = await fetch(`${app.url}/tab`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const policy = res.headers.get('content-security-policy') ?? '';
    assert.match(policy, /script-src 'self'(;|$)/);
    assert.match(policy, /frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/);
    assert.match(await res.text(), /<script src="\/tab\/vendor\/teams.js"><\/script>/);
  });

  it('serves the Teams JavaScript client from the installed @microsoft/teams-js, and the stylesheet', async () => {
    const client = await fetch(`${app.url}/tab/vendor/teams.js`);
    assert.equal(client.status, 200);
    assert.match(await client.text(), /microsoftTeams/);
    assert.equal((await fetch(`${app.url}/tab/tab.css`)).headers.get('content-type'), 'text/css; charset=utf-8');
  });

  it('reads nothing but a plain module name under /tab/app/: other paths are 404', async () => {
    for (const name of ['..%2F..%2Fpackage.json', '%2E%2E', 'main.ts', 'Main.js', '.tsbuildinfo']) {
      const res = await fetch(`${app.url}/tab/app/${name}`);
      assert.equal(res.status, 404, name);
      assert.doesNotMatch(await res.text(), /"name": "esd-bot"/, name);
    }
  });

  async function texts(base: string, query: string): Promise<TabTexts> {
    const res = await fetch(`${base}/tab/texts${query}`);
    assert.equal(res.status, 200, query);
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const body = await res.json() as TabTexts;
    assert.equal(res.headers.get('content-language'), body.locale);
    return body;
  }

  it('GET /tab/texts: every tab text in the reader\'s language, without sign-in; zh-TW and garbage get the default', async () => {
    assert.ok(TAB_KEYS.length > 30);
    const english = await texts(app.url, '?locale=en-US');
    assert.equal(english.locale, 'en-US');
    assert.deepEqual(Object.keys(english.texts).sort(), TAB_KEYS, 'the tab texts, and no other text of the catalogue');
    assert.equal(english.texts['tab.heading'], 'Engagement Start Dates');
    const chinese = await texts(app.url, '?locale=zh-CN');
    assert.equal(chinese.locale, 'zh-CN');
    assert.deepEqual(Object.keys(chinese.texts).sort(), TAB_KEYS);
    assert.equal(chinese.texts['tab.heading'], '接洽开始日期');
    assert.equal(chinese.texts['tab.load.week'], '第{week}周');
    for (const [query, locale] of [['?locale=zh-Hans-CN', 'zh-CN'], ['?locale=en-GB', 'en-US'], ['?locale=en-US%40posix', 'en-US'],
      ['?locale=zh-TW', 'en-US'], ['?locale=garbage', 'en-US'], ['', 'en-US'], ['?locale=', 'en-US']]) {
      assert.equal((await texts(app.url, query ?? '')).locale, locale, query);
    }
  });

  it('GET /tab/texts: a reader whose locale has no catalogue gets DEFAULT_LOCALE', async () => {
    const chineseByDefault = await startApp({
      config: { ...TEST_CONFIG, defaultLocale: 'zh-CN' }, store: opened.store, logger: memoryLogger('warn'),
    });
    try {
      for (const [query, locale] of [['?locale=zh-TW', 'zh-CN'], ['?locale=garbage', 'zh-CN'], ['', 'zh-CN'], ['?locale=en-GB', 'en-US']]) {
        assert.equal((await texts(chineseByDefault.url, query ?? '')).locale, locale, query);
      }
    } finally {
      await chineseByDefault.stop();
    }
  });

  it('the tab texts use only plain {name} arguments, so the page filling them by substitution says what t() says', () => {
    // The page's text() (tab/src/texts.ts): each {name} replaced by its value; no ICU library runs in the browser.
    const fill = (template: string, values: Record<string, string>): string => template
      .replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
    for (const locale of SUPPORTED_LOCALES) {
      for (const key of TAB_KEYS as MessageKey[]) {
        const template = CATALOGUES[locale][key] ?? '';
        const elements = parse(template);
        assert.deepEqual(elements.filter((e) => e.type !== TYPE.literal && e.type !== TYPE.argument), [], `${locale} ${key}`);
        const values = Object.fromEntries(elements.flatMap((e) => (e.type === TYPE.argument ? [[e.value, `<${e.value}>`]] : [])));
        assert.equal(fill(template, values), t(locale, key, values), `${locale} ${key}`);
      }
    }
  });
});
