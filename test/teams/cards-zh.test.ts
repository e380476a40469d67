/**
 * Issue 11: the Gateway's cards (queue, heads-up, load, new-customer form) rendered in zh-CN are valid Adaptive
 * Cards whose fixed texts are all Chinese: no English sentence is left but identifiers, workload and product names,
 * and the names of customers and people.
 */
import assert from 'node:assert/strict';
import type { Customer } from '../../src/domain/types';
import type { AssignOutcome, QueuedCustomer } from '../../src/services/gateway-queue';
import type { Suggestion } from '../../src/services/suggestions';
import { queueEntry } from '../../src/store/queue-entries';
import type { FmLoad } from '../../src/services/load-report';
import type { TeamLoadView } from '../../src/services/team-load';
import { loadCard } from '../../src/teams/cards/load-card';
import { newCustomerFormCard, newCustomerSummaryCard } from '../../src/teams/cards/new-customer-card';
import { assignBanner, headsUpCard, queueCard } from '../../src/teams/cards/queue-card';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import { actors, customerFixture, inMonth, onDay, partnerAssignee, withoutEsd } from '../common/fixtures';
import { allStrings, assertValidCard, nodesOfType } from './card-helpers';

const TODAY = '2026-11-24';
/** Three English words in a row: a sentence left untranslated. */
const ENGLISH = /\b[A-Za-z]{2,}[ ,]+[A-Za-z]{2,} [A-Za-z]{2,}\b/;
/** Names that are English on purpose: products, people, customers. */
const NAMES = ['Microsoft 365 Apps', 'Microsoft Intune', 'Microsoft Teams', 'Contoso Waiting Customer', 'Felix Least Loaded'];
const CHINESE = /[\u4e00-\u9fff]/;

function englishIn(card: AdaptiveCard): string[] {
  return allStrings(card)
    .map((text) => NAMES.reduce((rest, name) => rest.split(name).join('·'), text))
    .filter((text) => ENGLISH.test(text));
}

function assertChinese(card: AdaptiveCard, name: string): void {
  assertValidCard(card);
  assert.deepEqual(englishIn(card), [], name);
  assert.ok(allStrings(card).some((text) => CHINESE.test(text)), `${name}: Chinese text`);
}

describe('the Gateway\'s cards in zh-CN (issue 11)', () => {
  const fms: Suggestion[] = [
    { aadObjectId: 'aad-felix', name: 'Felix Least Loaded', starting: 0, inFlight: 2, capacity: 3 },
    { aadObjectId: 'aad-farah', name: 'Farah', starting: 1, inFlight: 4, capacity: null },
  ];
  const waiting = (customer: Customer, first: QueuedCustomer['first']): QueuedCustomer => {
    const entry = queueEntry(customer, '"1"');
    return { entry, first, suggestedFor: first?.date ?? TODAY, suggestions: fms };
  };
  const contoso = waiting(customerFixture({
    n: 1, name: 'Contoso Waiting Customer', assignee: null,
    workloads: [onDay('Teams', '2026-11-26'), inMonth('Intune', '2027-02'), withoutEsd('Microsoft365Apps', 'Blocked')],
  }), { date: '2026-11-26', precision: 'day' });
  const inFebruary = waiting(customerFixture({
    n: 2, name: 'Contoso Waiting Customer', assignee: null, workloads: [inMonth('Intune', '2027-02')],
  }), { date: '2027-02-01', precision: 'month' });
  const noDate = waiting(customerFixture({
    n: 3, name: 'Contoso Waiting Customer', assignee: null, workloads: [withoutEsd('Teams', 'NoIntent')],
  }), null);

  it('P1, P2: the queue card (empty, one page with more, every outcome banner) in zh-CN is valid and all Chinese', () => {
    const customer = customerFixture({ n: 1, name: 'Contoso Waiting Customer', assignee: null });
    const assigned = { ...customer, assignee: { type: 'fm', aadObjectId: 'aad-felix', name: 'Felix Least Loaded' } };
    const outcomes = [
      { status: 'assigned', customer, fmName: 'Felix Least Loaded', reachable: true },
      { status: 'assigned', customer, fmName: 'Felix Least Loaded', reachable: false },
      { status: 'repeat', customer, fmName: 'Felix Least Loaded' },
      { status: 'stale', customer, assignment: null },
      { status: 'stale', customer: assigned, assignment: { by: actors.gateway, at: '2026-11-24T09:00:00Z' } },
      { status: 'stale', customer: assigned, assignment: null },
    ] as unknown as AssignOutcome[];
    const view = { customers: [contoso, inFebruary, noDate], today: TODAY };
    assertChinese(queueCard({ view: { customers: [], today: TODAY }, locale: 'zh-CN' }), 'empty');
    const page = queueCard({ view: { ...view, continuationToken: 'next' }, locale: 'zh-CN' });
    assertChinese(page, 'a page with more');
    const strings = allStrings(page);
    assert.ok(strings.includes('第一个接洽开始日期：2026年11月26日 星期四'), 'the first ESD, dated in Chinese');
    assert.ok(strings.some((s) => s.includes('Microsoft Intune：预计在 2027年2月')), 'a month estimate (R7)');
    assert.ok(strings.some((s) => s.includes('Microsoft 365 Apps：已阻止')), 'the L1 status in the FAQ\'s words');
    assert.ok(strings.includes('Felix Least Loaded — 该两周内开始 0 个，进行中 2 个，每周容量 3 个'));
    assert.ok(strings.includes('显示更多') && strings.includes('分配 FM'));
    for (const outcome of outcomes) {
      const banner = assignBanner(outcome, 'zh-CN');
      assert.match(banner.text, CHINESE, outcome.status);
      assertChinese(queueCard({ view, banner, locale: 'zh-CN' }), `${outcome.status} banner`);
    }
  });

  it('P1: the heads-up (on a day, in a month, without a date) in zh-CN, with its notification summary', () => {
    for (const [customer, when] of [[contoso, '于 2026年11月26日 星期四'], [inFebruary, '在 2027年2月'], [noDate, '很快']] as const) {
      const { card, summary } = headsUpCard(customer, TODAY, 'zh-CN');
      assertChinese(card, when);
      assert.ok(allStrings(card).includes(`Contoso Waiting Customer 尚无 FM，预计${when}开始：请分配一位 FM，以免客户等待。`), when);
      assert.equal(summary, `尚无 FM：Contoso Waiting Customer，预计${when}开始`);
    }
  });

  it('P2: the load card (every page kind, the viewer above capacity, nobody in the directory) in zh-CN: chart, table and words', () => {
    const mondays = ['2026-11-23', '2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28', '2027-01-04', '2027-01-11'];
    const felix: FmLoad = {
      aadObjectId: 'aad-felix', name: 'Felix Least Loaded', starting: [2, 0, 3, 0, 0, 1, 0, 0],
      estimated: [0, 0, 1, 0, 0, 0, 0, 0], inFlight: 4, capacity: 1,
    };
    const farah: FmLoad = { ...felix, aadObjectId: 'aad-farah', name: 'Farah', estimated: [0, 0, 0, 0, 0, 0, 0, 0], capacity: null };
    const view = {
      today: TODAY, weekStarts: mondays, weeks: [], fms: [felix, farah], page: 1, pages: 1, total: 2, own: felix,
    };
    const views: [string, TeamLoadView][] = [
      ['one page', view], ['a first page of many', { ...view, pages: 3, total: 14 }],
      ['the last page', { ...view, page: 3, pages: 3, total: 14 }],
      ['nobody', { ...view, fms: [], total: 0, own: undefined }],
    ];
    for (const [name, shown] of views) assertChinese(loadCard(shown, 'zh-CN'), name);
    const card = loadCard(view, 'zh-CN');
    const strings = allStrings(card);
    assert.ok(strings.includes('11月23日'), 'weeks on the axis, in Chinese');
    assert.ok(strings.includes('第48周 · 11月23日'), 'weeks in the table by ISO number and Monday, in Chinese');
    assert.ok(strings.includes('2（超出）'), 'the table cell above capacity, in words');
    assert.ok(strings.includes('以下几周超出容量：11月23日（开始 2 个）和12月7日（开始 3 个）。'), 'the weeks above capacity, in words');
    assert.ok(strings.some((s) => s.startsWith('你的工作负载：接下来 8 周内开始 6 个（其中 1 个仅预计在该月）')), 'the viewer\'s own line');
    const [chart] = nodesOfType(card, 'Chart.VerticalBar.Grouped');
    assert.deepEqual([chart?.title, chart?.xAxisTitle, chart?.yAxisTitle], ['每周开始的接洽', '周开始日期', '开始的接洽']);
  });

  it('R2, R4: the new-customer form (empty, with FMs left out, with its banner) and its summary in zh-CN', () => {
    const fms = [{ aadObjectId: 'aad-felix', name: 'Felix Least Loaded' }];
    const many = Array.from({ length: 400 }, (_, i) => ({ aadObjectId: `fm-${i}`, name: `FM ${i}` }));
    const forms = [
      newCustomerFormCard({ today: TODAY, fms, locale: 'zh-CN' }),
      newCustomerFormCard({ today: TODAY, fms: many, locale: 'zh-CN' }),
      newCustomerFormCard({ today: TODAY, fms, locale: 'zh-CN', banner: { text: '未保存任何内容：请更正下面的字段。', style: 'attention' } }),
    ];
    forms.forEach((card, i) => assertChinese(card, `form ${i}`));
    const strings = allStrings(forms[1]);
    for (const text of ['新客户', '租户 ID', '客户名称', '工作负载', '不包括', '进行中', '未知', '已阻止', '无意图', '尚未分配', '保存客户']) {
      assert.ok(strings.includes(text), text);
    }
    assert.ok(strings.some((s) => /^还有 \d+ 位 FM无法在卡片中列出/.test(s)), 'the FMs left out, in words');
    const summaries = [
      newCustomerSummaryCard(customerFixture({
        name: 'Contoso Waiting Customer', assignee: null,
        workloads: [onDay('Teams', '2026-11-26'), inMonth('Intune', '2027-02'), withoutEsd('Microsoft365Apps', 'Blocked')],
      }), 'zh-CN'),
      newCustomerSummaryCard(customerFixture({ name: 'Contoso Waiting Customer', assignee: partnerAssignee() }), 'zh-CN'),
    ];
    summaries.forEach((card, i) => assertChinese(card, `summary ${i}`));
    const summary = allStrings(summaries[0]);
    for (const text of ['已保存。以下是当前存储的客户。', 'L1 状态', '2026年11月26日 星期四', '预计在 2027年2月', '已阻止']) {
      assert.ok(summary.includes(text), text);
    }
  });
});
