import assert from 'node:assert/strict';
import type { CalendarDate } from '../../src/domain/dates';
import type { WorkloadState } from '../../src/domain/types';
import { answerDueOn, workList, type WorkListItem } from '../../src/domain/work-list';

const TODAY = '2026-11-24';

interface Item extends WorkListItem {
  name: string;
}

function item(name: string, state: WorkloadState, esd: CalendarDate, followUpOn: CalendarDate | null = null): Item {
  return { name, state, engagementStartDate: esd, followUpOn };
}

const names = (items: Item[]): string[] => items.map((i) => i.name);

describe('domain/work-list', () => {
  it('R3/R5: the day an answer is due: the ESD when scheduled, the follow-up day (else the ESD) when awaiting the customer', () => {
    assert.equal(answerDueOn(item('a', 'scheduled', '2026-11-20')), '2026-11-20');
    assert.equal(answerDueOn(item('b', 'awaitingCustomer', '2026-11-20', '2026-11-25')), '2026-11-25');
    assert.equal(answerDueOn(item('c', 'awaitingCustomer', '2026-11-20')), '2026-11-20');
    for (const state of ['started', 'inactive', 'completed', 'notApplicable'] as const) {
      assert.equal(answerDueOn(item('d', state, '2026-11-20')), null, state);
    }
  });

  it('R3/R5: needs an answer (due today or overdue, most overdue first), then next by date; started, inactive, completed and not applicable work is left out', () => {
    // In the store's ESD order, as listEngagements gives them.
    const items = [
      item('started early', 'started', '2026-11-01'),
      item('overdue 10 days', 'scheduled', '2026-11-14'),
      item('follow-up tomorrow', 'awaitingCustomer', '2026-11-16', '2026-11-25'),
      item('follow-up overdue', 'awaitingCustomer', '2026-11-18', '2026-11-19'),
      item('inactive', 'inactive', '2026-11-20'),
      item('month estimate due', 'scheduled', '2026-11-01'),
      item('due today', 'scheduled', TODAY),
      item('completed', 'completed', '2026-11-24'),
      item('next week', 'scheduled', '2026-12-01'),
      item('follow-up today, ESD later', 'awaitingCustomer', '2026-12-03', TODAY),
      item('month estimate later', 'scheduled', '2027-02-01'),
    ];
    const list = workList(items, TODAY, 10);
    assert.deepEqual(names(list.needsAnswer.shown), [
      'month estimate due', 'overdue 10 days', 'follow-up overdue', 'due today', 'follow-up today, ESD later',
    ]);
    assert.deepEqual(names(list.next.shown), ['follow-up tomorrow', 'next week', 'month estimate later']);
    assert.deepEqual([list.needsAnswer.more, list.next.more], [0, 0]);
  });

  it('at most `limit` per section, with how many more', () => {
    const overdue = Array.from({ length: 13 }, (_, i) => item(`o${i}`, 'scheduled', `2026-11-${String(1 + i).padStart(2, '0')}`));
    const later = Array.from({ length: 11 }, (_, i) => item(`l${i}`, 'scheduled', `2026-12-${String(1 + i).padStart(2, '0')}`));
    const list = workList([...overdue, ...later], TODAY, 10);
    assert.deepEqual(names(list.needsAnswer.shown), overdue.slice(0, 10).map((i) => i.name));
    assert.deepEqual(names(list.next.shown), later.slice(0, 10).map((i) => i.name));
    assert.deepEqual([list.needsAnswer.more, list.next.more], [3, 1]);
  });

  it('an empty list is two empty sections', () => {
    assert.deepEqual(workList([], TODAY, 10), { needsAnswer: { shown: [], more: 0 }, next: { shown: [], more: 0 } });
  });
});
