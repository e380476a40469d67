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
