/**
 * The reminder summary card (issue 9 item 3: more than DIGEST_THRESHOLD reminders due for one FM on one morning):
 * plain words, one row per reminder with the work list's `open` action, and at most SUMMARY_ROWS_SHOWN rows so that
 * even 40 reminders with the longest names stay a valid card under Teams' size limit.
 */
import assert from 'node:assert/strict';
import type { WorkloadName } from '../../src/domain/types';
import { WORKLOADS } from '../../src/domain/types';
import {
  reminderSummaryCard, SUMMARY_ROWS_SHOWN, type ReminderSummaryRow,
} from '../../src/teams/cards/reminder-summary-card';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import { tenantId, TODAY } from '../common/fixtures';
import {
  allStrings, assertValidCard, cardBytes, listRows, LONG, MAX_CARD_BYTES, textBlocks,
} from './card-helpers';

function row(n: number, overrides: Partial<ReminderSummaryRow> = {}): ReminderSummaryRow {
  return {
    tenantId: tenantId(n), customerName: `Customer ${n}`, workload: WORKLOADS[n % WORKLOADS.length] as WorkloadName,
    engagementStartDate: TODAY, datePrecision: 'day', kind: 'start', ...overrides,
  };
}


const texts = (card: AdaptiveCard): string[] => textBlocks(card).map((b) => String(b.text));

describe('teams/cards: the reminder summary card (more reminders than DIGEST_THRESHOLD in one morning)', () => {
  it('R3/R5/R7: plain words on what is due, one row per reminder with its date and a tag, each opening its own ESD card', () => {
    const rows = [
      row(1, { customerName: 'Contoso Ltd', workload: 'ExchangeOnline' }),
      row(2, { customerName: 'Fabrikam', workload: 'Teams', engagementStartDate: '2026-11-20' }),
      row(3, { customerName: 'Northwind', workload: 'Viva', engagementStartDate: '2026-11-01', datePrecision: 'month' }),
      row(4, { customerName: 'Tailspin Toys', workload: 'Intune', engagementStartDate: '2026-11-18', kind: 'followUp' }),
      row(5, { customerName: 'Litware', workload: 'Windows' }),
      row(6, { customerName: 'Woodgrove', workload: 'Defender' }),
    ];
    const { card, summary } = reminderSummaryCard(rows, TODAY);
    assertValidCard(card);
    assert.deepEqual(texts(card).slice(0, 3), [
      'Your reminders for Tue, 24 Nov 2026',
      '5 engagements are due to start: has communication with the customer started? 1 follow-up you asked for: did the customer answer?',
      'Open one to answer it: each opens its own card.',
    ]);
    assert.deepEqual(listRows(card).map((r) => r.text), [
      'Contoso Ltd · Exchange Online · Tue, 24 Nov 2026 · today',
      'Fabrikam · Microsoft Teams · Fri, 20 Nov 2026 · date passed',
      'Northwind · Microsoft Viva · expected in November 2026',
      'Tailspin Toys · Microsoft Intune · Wed, 18 Nov 2026 · follow-up',
      'Litware · Windows · Tue, 24 Nov 2026 · today',
      'Woodgrove · Microsoft Defender · Tue, 24 Nov 2026 · today',
    ]);
    // The work list's `open` data, answered with the workload's ESD card (reminder-summary.protocol.test.ts).
    assert.deepEqual(listRows(card)[1]?.open, { verb: 'open', tenantId: tenantId(2), workload: 'Teams', from: 'upcoming' });
    assert.equal(summary, '6 reminders: Contoso Ltd, Fabrikam, Northwind and 3 more');
    assert.ok(!texts(card).some((t) => t.startsWith('and ')), 'all rows shown: no "more" line');
  });

  it('one kind only: the intro names only that one ("1 engagement is", follow-ups alone)', () => {
    const starts = reminderSummaryCard([row(1)], TODAY);
    assert.equal(texts(starts.card)[1], '1 engagement is due to start: has communication with the customer started?');
    const followUps = reminderSummaryCard([row(1, { kind: 'followUp' }), row(2, { kind: 'followUp' })], TODAY);
    assert.equal(texts(followUps.card)[1], '2 follow-ups you asked for: did the customer answer?');
    assert.equal(followUps.summary, '2 reminders: Customer 1, Customer 2');
  });

  it('40 reminders with the longest names: a valid card under 28 KB, the first rows shown and a line saying how many more and where to see them', () => {
    const rows = Array.from({ length: 40 }, (_, i) => row(i + 1, { customerName: `${i} ${LONG.customerName}` }));
    const { card, summary } = reminderSummaryCard(rows, TODAY);
    assertValidCard(card);
    assert.ok(cardBytes(card) < MAX_CARD_BYTES, `${cardBytes(card)} bytes`);
    assert.equal(listRows(card).length, SUMMARY_ROWS_SHOWN);
    assert.ok(texts(card).includes(`and ${40 - SUMMARY_ROWS_SHOWN} more: send "upcoming" to see them all.`));
    assert.ok(texts(card)[1]?.startsWith('40 engagements are due to start'));
    assert.match(summary, /^40 reminders: 0 Contoso "Global" Holdings .*… and 37 more$/);
  });

  it('user text stays text: a name with `{{DATE(…)}}` is not expanded by Teams', () => {
    const { card, summary } = reminderSummaryCard([row(1, { customerName: '{{DATE(2026-11-24T00:00:00Z)}} Ltd' })], TODAY);
    assertValidCard(card);
    assert.equal(listRows(card)[0]?.text.split(' · ')[0], '{\u200b{DATE(2026-11-24T00:00:00Z)}} Ltd');
    assert.ok(!allStrings(card).some((s) => s.includes('{{')), 'no "{{" reaches Teams');
    assert.ok(!summary.includes('{{'));
  });
});

describe('teams/cards: the reminder summary card in zh-CN (issue 11)', () => {
  /** Three English words in a row: a sentence left untranslated (customer and workload names aside). */
  const ENGLISH = /\b[A-Za-z]{2,}[ ,]+[A-Za-z]{2,} [A-Za-z]{2,}\b/;
  const englishIn = (card: AdaptiveCard): string[] => allStrings(card)
    .filter((text) => ENGLISH.test(text) && !/^(Contoso|Microsoft|Customer \d|https?:)/.test(text));

  it('R3/R5/R7: heading, intro of both kinds, every tag, the "more" line and the notification in Chinese', () => {
    // Due today, date passed, a month estimate (no tag, R7), a follow-up (R5); then more than the card shows.
    const kinds: Partial<ReminderSummaryRow>[] = [
      { customerName: 'Contoso Ltd', workload: 'ExchangeOnline' },
      { customerName: 'Fabrikam', workload: 'Teams', engagementStartDate: '2026-11-20' },
      { customerName: 'Northwind', workload: 'Viva', engagementStartDate: '2026-11-01', datePrecision: 'month' },
      { customerName: 'Tailspin Toys', workload: 'Intune', engagementStartDate: '2026-11-18', kind: 'followUp' },
    ];
    const rows = [
      ...kinds.map((kind, i) => row(i + 1, kind)), ...Array.from({ length: SUMMARY_ROWS_SHOWN }, (_, i) => row(10 + i)),
    ];
    const { card, summary } = reminderSummaryCard(rows, TODAY, 'zh-CN');
    assertValidCard(card);
    assert.deepEqual(englishIn(card), []);
    assert.deepEqual(texts(card).slice(0, 3), [
      '你在 2026年11月24日 星期二 的提醒',
      '有 18 个接洽应开始：与客户的沟通是否已经开始？有 1 个你要求的跟进：客户是否已回复？',
      '打开一项即可回答：每项都会打开它自己的卡片。',
    ]);
    assert.deepEqual(listRows(card).slice(0, 4).map((r) => r.text), [
      'Contoso Ltd · Exchange Online · 2026年11月24日 星期二 · 今天',
      'Fabrikam · Microsoft Teams · 2026年11月20日 星期五 · 日期已过',
      'Northwind · Microsoft Viva · 预计在 2026年11月',
      'Tailspin Toys · Microsoft Intune · 2026年11月18日 星期三 · 跟进',
    ]);
    assert.ok(texts(card).includes('还有 4 项：发送“我的列表”即可查看全部。'));
    assert.equal(summary, '19 条提醒：Contoso Ltd、Fabrikam、Northwind等另外 16 个客户');
    const one = reminderSummaryCard([row(1, { kind: 'followUp' })], TODAY, 'zh-CN');
    assert.equal(texts(one.card)[1], '有 1 个你要求的跟进：客户是否已回复？');
    assert.equal(one.summary, '1 条提醒：Customer 1');
  });
});
