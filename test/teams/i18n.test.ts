/**
 * Issue 11: the message catalogues (en-US, zh-CN) hold the same keys with the same ICU arguments, a reader's locale
 * resolves to one of them, and dates read as each language writes them.
 */
import assert from 'node:assert/strict';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGUES, type MessageKey } from '../../src/teams/i18n/catalogue';
import { resolveLocale, SUPPORTED_LOCALES } from '../../src/teams/i18n/locales';
import { formatDay, formatMonth, say, sayRefusal, t } from '../../src/teams/i18n/messages';
import { DomainError } from '../../src/domain/errors';
import { english as inEnglish, phrase, PHRASES, type PhraseKey } from '../../src/domain/phrases';

/** `name:type` of every argument in a message, nested ones (in plurals and selects) included, sorted. */
function argumentsOf(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]): void => {
    for (const element of elements) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      found.add(`${element.value}:${TYPE[element.type]}`);
      if (element.type === TYPE.select || element.type === TYPE.plural) {
        for (const option of Object.values(element.options)) walk(option.value);
      }
      if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(parse(message));
  return [...found].sort();
}

/** The words a reader sees in a message: its literal text, in every branch of its plurals and selects. */
function literalsOf(elements: MessageFormatElement[]): string {
  return elements.map((element) => {
    if (element.type === TYPE.literal) return element.value;
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      return Object.values(element.options).map((option) => literalsOf(option.value)).join(' ');
    }
    return element.type === TYPE.tag ? literalsOf(element.children) : ' ';
  }).join('');
}

describe('i18n: the message catalogues (issue 11)', () => {
  const english = CATALOGUES['en-US'];
  const keys = Object.keys(english) as MessageKey[];

  it('every en-US key has a zh-CN text and zh-CN has no key en-US lacks', () => {
    assert.ok(keys.length > 0);
    assert.deepEqual(Object.keys(CATALOGUES['zh-CN']).sort(), [...keys].sort());
  });

  it('every text parses as ICU MessageFormat, with the same argument names and types in both languages', () => {
    for (const key of keys) {
      const expected = argumentsOf(english[key] ?? '');
      for (const locale of SUPPORTED_LOCALES) {
        assert.deepEqual(argumentsOf(CATALOGUES[locale][key] ?? ''), expected, `${locale} ${key}`);
      }
    }
  });

  it('zh-CN texts hold no English word but names (FastTrack, FM, Gateway, ID, a typed command) and use the FAQ\'s terms', () => {
    // Names, typed commands, and the date patterns a validation message shows (YYYY-MM-DD).
    const names = new Set(['FastTrack', 'FM', 'Gateway', 'ID', 'customer', 'upcoming', 'API', 'Microsoft', 'Entra',
      'InProgress', 'YYYY', 'MM', 'DD', 'Teams', 'Graph']);
    for (const key of keys) {
      const text = literalsOf(parse(CATALOGUES['zh-CN'][key] ?? ''));
      const english = (text.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !names.has(word));
      assert.deepEqual(english, [], `${key}: ${text}`);
    }
    assert.match(t('zh-CN', 'help.intro'), /总体状态笔记/);
    assert.match(t('zh-CN', 'help.intro'), /FastTrack 经理/);
  });

  it('the glossary (docs/glossary.md): where an English text uses a term of the FAQ, its zh-CN text uses the FAQ\'s', () => {
    const glossary: Array<[RegExp, string]> = [
      [/Overall Status Notes/, '总体状态笔记'], [/kickoff/i, '启动会议'], [/FastTrack Manager/, 'FastTrack 经理'],
      [/Engagement Start Date/, '接洽开始日期'], [/\bworkloads?\b/i, '工作负载'], [/success review/i, '客户成功评审'],
    ];
    for (const key of keys) {
      const en = literalsOf(parse(english[key] ?? ''));
      const zh = literalsOf(parse(CATALOGUES['zh-CN'][key] ?? ''));
      for (const [term, chinese] of glossary) {
        if (term.test(en)) assert.ok(zh.includes(chinese), `${key}: "${term.source}" is ${chinese}, in: ${zh}`);
      }
    }
  });

  it('the domain\'s phrases: plain {name} arguments in English, so english() says what the en-US catalogue says', () => {
    const keys = Object.keys(PHRASES) as PhraseKey[];
    assert.ok(keys.length > 0);
    for (const key of keys) {
      const elements = parse(PHRASES[key]);
      assert.deepEqual(elements.filter((e) => e.type !== TYPE.literal && e.type !== TYPE.argument), [], key);
      const values = Object.fromEntries(argumentsOf(PHRASES[key]).map((a): [string, string] => [a.split(':')[0] ?? a, `<${a}>`]));
      assert.equal(inEnglish(phrase(key, values)), t('en-US', key, values), key);
    }
  });

  it('say: a phrase in the reader\'s language, nested phrases too; a refusal without a phrase keeps its English', () => {
    const refusal = phrase('rules.addWorkload.other', { who: phrase('rules.who.namedFm', { name: 'Alice' }), customer: 'Contoso' });
    assert.equal(say('en-US', refusal), inEnglish(refusal));
    assert.match(inEnglish(refusal), /^Only its FM \(Alice\), the Gateway team or an admin can add a workload to Contoso\./);
    assert.equal(say('zh-CN', refusal), '只有其 FM（Alice）、Gateway 团队或管理员可以为 Contoso 添加工作负载。请联系他们；'
      + '如果该客户应当由你负责，请让 Gateway 团队把它分配给你。');
    const error = new DomainError('forbidden', refusal);
    assert.equal(error.message, inEnglish(refusal));
    assert.equal(sayRefusal('zh-CN', error), say('zh-CN', refusal));
    assert.equal(sayRefusal('zh-CN', { message: 'Only for programs.' }), 'Only for programs.');
  });

  it('t fills ICU arguments per locale', () => {
    assert.match(t('en-US', 'help.command.load', { weeks: 8 }), /next 8 weeks/);
    assert.match(t('zh-CN', 'help.command.load', { weeks: 8 }), /接下来 8 周/);
  });

  it('a text missing from the zh-CN catalogue throws outside production (tests find it); production shows English', () => {
    const catalogue = CATALOGUES['zh-CN'];
    const kept = catalogue['help.command.help'];
    const nodeEnv = process.env.NODE_ENV;
    delete catalogue['help.command.help'];
    try {
      assert.throws(() => t('zh-CN', 'help.command.help'), /help\.command\.help/);
      process.env.NODE_ENV = 'production';
      assert.equal(t('zh-CN', 'help.command.help'), 'What I can do.');
    } finally {
      catalogue['help.command.help'] = kept;
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    assert.equal(t('zh-CN', 'help.command.help'), '我能做什么。');
    assert.throws(() => t('zh-CN', 'no.such.key' as MessageKey), /no\.such\.key/);
  });
});

describe('i18n: whose language (issue 11)', () => {
  const cases: Array<[string | null | undefined, string]> = [
    ['en-US', 'en-US'], ['EN-us', 'en-US'], ['en-GB', 'en-US'], ['en', 'en-US'], ['en-IN', 'en-US'],
    ['zh-CN', 'zh-CN'], ['zh-cn', 'zh-CN'], ['zh-SG', 'zh-CN'], ['zh-Hans', 'zh-CN'], ['zh-Hans-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    // Traditional Chinese has no catalogue yet: the fallback, never Simplified Chinese.
    ['zh-TW', 'FALLBACK'], ['zh-HK', 'FALLBACK'], ['zh-MO', 'FALLBACK'], ['zh-Hant', 'FALLBACK'], ['zh-Hant-TW', 'FALLBACK'],
    ['fr-FR', 'FALLBACK'], ['garbage', 'FALLBACK'], ['', 'FALLBACK'], [null, 'FALLBACK'], [undefined, 'FALLBACK'],
  ];
  for (const fallback of SUPPORTED_LOCALES) {
    it(`resolveLocale with fallback ${fallback}: exact, then by language; Traditional Chinese and others fall back`, () => {
      for (const [requested, expected] of cases) {
        assert.equal(resolveLocale(requested, fallback), expected === 'FALLBACK' ? fallback : expected, String(requested));
      }
    });
  }
});

describe('i18n: dates per locale (issue 11)', () => {
  it('R7: en-US keeps the cards\' wording, a day and a month-only estimate', () => {
    assert.equal(formatDay('en-US', '2026-11-26'), 'Thu, 26 Nov 2026');
    assert.equal(formatMonth('en-US', '2027-02'), 'February 2027');
  });

  it('R7: zh-CN writes 2026年12月11日 星期五 and 2027年2月', () => {
    assert.equal(formatDay('zh-CN', '2026-12-11'), '2026年12月11日 星期五');
    assert.equal(formatMonth('zh-CN', '2027-02'), '2027年2月');
  });
});
