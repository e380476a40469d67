/**
 * The FM's work list card (`upcoming`) and what the ESD card offers for it: the rows with their dates and `open`
 * actions, the largest list within Teams' size limit, the empty list; on the ESD card, the start day form (R5) and the
 * way back to the list.
 */
import assert from 'node:assert/strict';
import { addDays } from '../../src/domain/dates';
import { changeDate, recordNoResponse } from '../../src/domain/engagement';
import type { Customer } from '../../src/domain/types';
import { workList } from '../../src/domain/work-list';
import type { CardState } from '../../src/services/card-actions';
import { engagementRows } from '../../src/store/engagement-rows';
import type { EngagementRow } from '../../src/store/store';
import { esdCard, outcomeCard } from '../../src/teams/cards/esd-card';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import { NOTHING_TO_DO, workListCard } from '../../src/teams/cards/work-list-card';
import { actors, ctx, customerFixture, inMonth, onDay, TODAY } from '../common/fixtures';
import {
  actionLines, allStrings, assertExecuteActionsCarry, assertValidCard, cardBytes, cardShape, customerIn, errorUnder,
  executeActions, inputById, longText, nodesOfType, placedStrings, textBlocks, textRuns, viewers, viewOf,
} from './card-helpers';
import { fieldRefusals } from '../common/refusals';

const MAX_CARD_BYTES = 28 * 1024;
const LONGEST_NAME = longText(200, 'Contoso "Global" Holdings ');

/** A customer of the fixtures' FM with one workload, entered `daysAgo` days before today (so its ESD may be past). */
function entered(n: number, name: string, workload: Parameters<typeof onDay>[0], esd: string, daysAgo = 0): Customer {
  return customerFixture({
    n, name, workloads: [onDay(workload, esd)], context: ctx(actors.gateway, 0, addDays(TODAY, -daysAgo)),
  });
}

/** The store's rows of these customers, in its order (ESD, tenant, workload). */
function rowsOf(customers: Customer[]): EngagementRow[] {
  return customers.flatMap(engagementRows)
    .sort((a, b) => a.engagementStartDate.localeCompare(b.engagementStartDate) || a.tenantId.localeCompare(b.tenantId));
}

function listCard(customers: Customer[]): AdaptiveCard {
  return workListCard({ today: TODAY, list: workList(rowsOf(customers), TODAY, 10) });
}

/** Each row as its text (customer, workload, date, due) and the data of its `open` action. */
function rowsShown(card: AdaptiveCard): { text: string; open: unknown }[] {
  return nodesOfType(card, 'ColumnSet').map((row) => ({
    text: textRuns(row as AdaptiveCard).join(''),
    open: executeActions(row as AdaptiveCard)[0]?.data,
  }));
}

/** The section headings and the lines under the rows. */
function sectionTexts(card: AdaptiveCard): string[] {
  return textBlocks(card).map((b) => String(b.text));
}

describe('teams/cards: the work list (upcoming)', () => {
  it('R3/R5/R7: the rows say what is due and how overdue, a month estimate reads "expected in …", each opens its ESD card', () => {
    let awaiting = entered(5, 'Tailspin Toys', 'Intune', '2026-11-20', 10);
    // No answer on Friday 20 Nov: asked again on Monday 23 Nov (R5).
    awaiting = recordNoResponse(awaiting, 'Intune', 'No answer.', ctx(actors.fm, 1, '2026-11-20'));
    let later = entered(7, 'Litware', 'Windows', '2026-12-01');
    later = recordNoResponse(later, 'Windows', 'Out of office.', ctx(actors.fm, 1));
    const card = listCard([
      entered(1, 'Contoso Ltd', 'ExchangeOnline', '2026-11-21', 5),
      entered(2, 'Fabrikam', 'Teams', '2026-11-23', 5),
      entered(3, 'Northwind', 'OneDrive', TODAY),
      customerFixture({ n: 4, name: 'Woodgrove', workloads: [inMonth('Viva', '2026-11')] }),
      awaiting,
      entered(6, 'Adventure Works', 'Defender', '2026-11-25'),
      later,
      customerFixture({ n: 8, name: 'Proseware', workloads: [inMonth('Copilot', '2027-02')] }),
      entered(9, 'Alpine Ski', 'Purview', '2026-12-01'),
    ]);
    assertValidCard(card);
    assert.deepEqual(rowsShown(card).map((r) => r.text), [
      'Woodgrove · Microsoft Viva · expected in November 2026 · due this month',
      'Contoso Ltd · Exchange Online · Sat, 21 Nov 2026 · due 3 days ago',
      'Tailspin Toys · Microsoft Intune · Fri, 20 Nov 2026 · follow-up due yesterday',
      'Fabrikam · Microsoft Teams · Mon, 23 Nov 2026 · due yesterday',
      'Northwind · OneDrive · Tue, 24 Nov 2026 · due today',
      'Adventure Works · Microsoft Defender · Wed, 25 Nov 2026 · tomorrow',
      'Litware · Windows · Tue, 1 Dec 2026 · waiting for the customer, follow-up on Wed, 25 Nov 2026',
      'Alpine Ski · Microsoft Purview · Tue, 1 Dec 2026 · in 7 days',
      'Proseware · Microsoft 365 Copilot · expected in February 2027',
    ]);
    assert.deepEqual(rowsShown(card)[1]?.open, { verb: 'open', tenantId: customerFixture({ n: 1 }).tenantId, workload: 'ExchangeOnline', from: 'upcoming' });
    assert.deepEqual(sectionTexts(card).filter((t) => /^(Needs your answer|Next)/.test(t)), ['Needs your answer (5)', 'Next (4)']);
    const overdue = nodesOfType(card, 'TextRun').find((r) => r.text === 'due 3 days ago');
    assert.equal(overdue?.color, 'Attention');
    assert.ok(!allStrings(card).some((s) => /\bR\d\b|\(month only\)/.test(s)), 'no rule ids, no "(month only)"');
  });

  it('at its largest (10 + 10 rows, the longest names, more beyond): valid Adaptive Card 1.5 under 28 KB, with how many more', () => {
    const customers: Customer[] = [];
    for (let i = 0; i < 14; i++) {
      let c = entered(i + 1, LONGEST_NAME, 'Microsoft365Apps', addDays(TODAY, -(i % 7) - 1), 20);
      if (i % 2) c = recordNoResponse(c, 'Microsoft365Apps', 'No answer.', ctx(actors.fm, 1, addDays(TODAY, -12)));
      customers.push(c);
    }
    for (let i = 0; i < 13; i++) {
      let c = entered(100 + i, LONGEST_NAME, 'Microsoft365Apps', addDays(TODAY, 20 + i));
      if (i % 2) c = recordNoResponse(c, 'Microsoft365Apps', 'No answer.', ctx(actors.fm, 1));
      customers.push(c);
    }
    const card = listCard(customers);
    assertValidCard(card);
    assert.equal(rowsShown(card).length, 20);
    assert.ok(sectionTexts(card).includes('and 4 more: they move up as you answer these.'));
    assert.ok(sectionTexts(card).includes('and 3 more after these.'));
    const bytes = cardBytes(card);
    assert.ok(bytes < MAX_CARD_BYTES, `${bytes} bytes`);
  });

  it('an empty list says so and what to do next; an empty section says it is empty', () => {
    const empty = listCard([]);
    assertValidCard(empty);
    assert.deepEqual(rowsShown(empty), []);
    assert.ok(sectionTexts(empty).includes(NOTHING_TO_DO));
    assert.match(NOTHING_TO_DO, /^Nothing needs your answer and nothing is scheduled\. .*type "customer" and a name/);
    const onlyNext = listCard([entered(1, 'Contoso Ltd', 'Teams', '2026-12-01')]);
    assertValidCard(onlyNext);
    assert.ok(sectionTexts(onlyNext).includes('Nothing is due today or overdue.'));
    assert.ok(!sectionTexts(onlyNext).includes(NOTHING_TO_DO));
  });

  it('a customer name is text: only in a TextRun, "{{" broken, the card structure unchanged; a long one is cut', () => {
    const nasty = 'Evil [x](https://evil.example) **b** {{DATE(2017)}} ${x}';
    const plainCard = listCard([entered(1, 'Plain', 'Teams', TODAY)]);
    const card = listCard([entered(1, nasty, 'Teams', TODAY)]);
    assert.deepEqual(cardShape(card), cardShape(plainCard));
    const places = placedStrings(card).filter((s) => s.text.includes('evil.example'));
    assert.deepEqual(places.map((p) => p.where), ['TextRun.text']);
    assert.equal(places[0]?.text, nasty.replace('{{', '{\u200b{'));
    const long = rowsShown(listCard([entered(1, LONGEST_NAME, 'Teams', TODAY)]))[0]?.text ?? '';
    assert.ok(long.startsWith(`${LONGEST_NAME.slice(0, 59)}… · Microsoft Teams`), long);
  });
});

describe('teams/cards: the ESD card from the work list (R5 start day, the way back)', () => {
  const fmView = (): CardState => {
    const { customer, fm } = customerIn('scheduled');
    return viewOf(customer, viewers(fm).fm);
  };

  it('R5: "Communication started" opens a form with the day, today preselected, from 30 days back to today', () => {
    const card = esdCard(fmView());
    assertValidCard(card);
    assert.deepEqual(actionLines(card)[0], 'Communication started ▸ confirmStart');
    const { label: _label, ...startedOn } = inputById(card, 'startedOn');
    assert.deepEqual(startedOn, { type: 'Input.Date', id: 'startedOn', min: '2026-10-25', max: TODAY, value: TODAY });
  });

  it('R5: a refused day comes back under the day input, with what was picked', () => {
    const card = outcomeCard({
      status: 'invalid', state: fmView(), errors: fieldRefusals({ startedOn: '2026-10-01 is more than 30 days ago.' }), values: { startedOn: '2026-10-01' },
    });
    assertValidCard(card);
    assert.equal(errorUnder(card, 'startedOn'), '2026-10-01 is more than 30 days ago.');
    assert.equal(inputById(card, 'startedOn').value, '2026-10-01');
  });

  it('opened from the list: a way back to it, and every action keeps the origin; opened elsewhere: no way back', () => {
    const state = fmView();
    const { workload, revision } = state.workload;
    const key = { tenantId: state.customer.tenantId, workload, revision };
    const card = esdCard({ ...state, from: 'upcoming' });
    assertValidCard(card);
    assert.deepEqual(actionLines(card).at(-1), 'Back to my list → back');
    const back = executeActions(card).find((a) => a.verb === 'back');
    assert.deepEqual(back?.data, { verb: 'back', to: 'upcoming', tenantId: key.tenantId, workload: key.workload });
    assert.deepEqual((back?.fallback as { data?: unknown } | undefined)?.data, back?.data);
    const others = { ...card, actions: (card.actions as { verb?: string }[]).filter((a) => a.verb !== 'back') } as AdaptiveCard;
    assertExecuteActionsCarry(others, { ...key, from: 'upcoming' });
    assert.deepEqual((card.refresh as { action: { data: unknown } }).action.data, { verb: 'refresh', ...key, from: 'upcoming' });
    assert.equal(actionLines(esdCard(state)).some((l) => l.startsWith('Back')), false);
    assert.equal(actionLines(esdCard({ ...state, from: 'customer' })).at(-1), 'Back to the customer → back');
  });

  it('R5: the applied start says the day, and that the ESD moved to it when it did', () => {
    const { customer, fm } = customerIn('started');
    const before = customerIn('scheduled').customer.workloads[0];
    assert.ok(before);
    const card = outcomeCard({ status: 'applied', verb: 'confirmStart', state: viewOf(customer, viewers(fm).fm), before }, 'upcoming');
    assertValidCard(card);
    assert.match(textRuns(card)[0] ?? '', /^Recorded: communication with the customer started on Tue, 24 Nov 2026\. The Engagement Start Date \(it was Tue, 1 Dec 2026\) is now that day\.$/);
    assert.deepEqual(actionLines(card), ['Deployment finished ▸ complete', 'Back to my list → back']);
  });

  it('R7: a month estimate moved by a reschedule says "now expected in …", never a day', () => {
    const { customer, fm } = customerIn('scheduled');
    const moved = changeDate(customer, 'Teams', { engagementStartMonth: '2027-03', reason: 'Later.' }, ctx(fm, 50), 'card');
    const card = outcomeCard({ status: 'applied', verb: 'reschedule', state: viewOf(moved, viewers(fm).fm), before: customer.workloads[0]! });
    assert.equal(textRuns(card)[0], 'Rescheduled: now expected in March 2027. The reason is in the Overall Status Notes.');
  });

  it('with the start form, the origin and the longest texts, the ESD card stays under 28 KB', () => {
    const { customer, fm } = customerIn('awaitingCustomer', {
      customerName: LONGEST_NAME, personName: longText(200, 'Farah "Fa" Manager '), note: longText(2000),
    }, 20);
    const card = outcomeCard({
      status: 'invalid', state: viewOf(customer, viewers(fm).fm), errors: fieldRefusals({ startedOn: longText(300) }), values: { startedOn: '2026-11-01' },
    }, 'upcoming');
    assertValidCard(card);
    assert.ok(cardBytes(card) < MAX_CARD_BYTES, `${cardBytes(card)} bytes`);
  });
});

describe('teams/cards: the work list in zh-CN (issue 11)', () => {
  /** Three English words in a row: a sentence left untranslated. */
  const ENGLISH = /\b[A-Za-z]{2,}[ ,]+[A-Za-z]{2,} [A-Za-z]{2,}\b/;
  const NAMES = ['Microsoft 365 Copilot', LONGEST_NAME.slice(0, 20)];
  const englishIn = (card: AdaptiveCard): string[] => allStrings(card)
    .filter((text) => ENGLISH.test(text) && !NAMES.some((name) => text.includes(name)));
  const chinese = (customers: Customer[], limit = 10): AdaptiveCard => workListCard(
    { today: TODAY, list: workList(rowsOf(customers), TODAY, limit) }, 'zh-CN',
  );

  /** Asked again after no answer on `askedOn` (R5): the follow-up day is the next working day. */
  const unanswered = (customer: Customer, askedOn?: string): Customer => {
    const [workload] = customer.workloads;
    return recordNoResponse(customer, workload?.workload ?? 'Teams', 'No answer.', ctx(actors.fm, 1, askedOn));
  };
  const estimate = (n: number, name: string, month: string, enteredOn?: string): Customer => customerFixture({
    n, name, workloads: [inMonth('Viva', month)], ...(enteredOn ? { context: ctx(actors.gateway, 0, enteredOn) } : {}),
  });

  it('R3/R5/R7: every kind of row, both sections with more beyond, and the empty list: valid cards in Chinese', () => {
    const card = chinese([
      estimate(10, 'Trey', '2026-10', '2026-09-01'), estimate(4, 'Woodgrove', '2026-11'),
      entered(1, 'Contoso Ltd', 'ExchangeOnline', '2026-11-21', 5), entered(2, 'Fabrikam', 'Teams', '2026-11-23', 5),
      entered(3, 'Northwind', 'OneDrive', TODAY), unanswered(entered(5, 'Tailspin Toys', 'Intune', '2026-11-20', 10), '2026-11-20'),
      entered(6, 'Adventure Works', 'Defender', '2026-11-25'), unanswered(entered(7, 'Litware', 'Windows', '2026-12-01')),
      customerFixture({ n: 8, name: 'Proseware', workloads: [inMonth('Copilot', '2027-02')] }),
      entered(9, 'Alpine Ski', 'Purview', '2026-12-01'),
    ], 4);
    assertValidCard(card);
    assert.deepEqual(englishIn(card), []);
    assert.deepEqual(rowsShown(card).map((r) => r.text), [
      'Trey · Microsoft Viva · 预计在 2026年10月 · 自 2026年10月 起到期',
      'Woodgrove · Microsoft Viva · 预计在 2026年11月 · 本月到期',
      'Contoso Ltd · Exchange Online · 2026年11月21日 星期六 · 3 天前到期',
      'Tailspin Toys · Microsoft Intune · 2026年11月20日 星期五 · 昨天应跟进',
      'Adventure Works · Microsoft Defender · 2026年11月25日 星期三 · 明天',
      'Litware · Windows · 2026年12月1日 星期二 · 等待客户回复，跟进日期：2026年11月25日 星期三',
      'Alpine Ski · Microsoft Purview · 2026年12月1日 星期二 · 7 天后',
      'Proseware · Microsoft 365 Copilot · 预计在 2027年2月',
    ]);
    const texts = sectionTexts(card);
    for (const words of ['你的接洽', '需要你回答（6）', '接下来（4）', '还有 2 项：回答这些后它们会依次上移。', '截至 2026年11月24日 星期二。打开一项即可回答或更改其日期。']) {
      assert.ok(texts.includes(words), words);
    }
    assert.equal(executeActions(card)[0]?.title, '打开');
    const empty = chinese([]);
    assertValidCard(empty);
    assert.deepEqual(englishIn(empty), []);
    assert.ok(sectionTexts(empty).some((text) => text.startsWith('没有需要你回答的事项')));
    const onlyNext = chinese([entered(1, 'Contoso Ltd', 'Teams', '2026-12-01')]);
    assert.ok(sectionTexts(onlyNext).includes('今天没有到期或逾期的事项。'));
    assert.deepEqual(englishIn(onlyNext), []);
  });
});
