/**
 * P3: the series and its gaps (src/domain/timeline.ts, docs/domain.md "Gaps (P3)") on customers played through the
 * domain's transitions (test/common/gap-fixtures.ts); every expected figure is worked out by hand below.
 */
import assert from 'node:assert/strict';
import {
  gapsOf, seriesWorkload, summariseGaps, timelineOf, type CustomerGaps, type TimelineItem,
} from '../../src/domain/timeline';
import type { Customer } from '../../src/domain/types';
import { alpha, bravo, charlie, delta } from '../common/gap-fixtures';

function timeline(customer: Customer): TimelineItem[] {
  return timelineOf(customer.workloads.map(seriesWorkload));
}

/** workload, start, state, estimated, overlapping, gapDays, measured after. */
function rows(items: TimelineItem[]): unknown[] {
  return items.map((i) => [
    i.workload, i.start, i.state, i.estimated, i.overlapping, i.gapDays, i.after?.workload ?? null,
  ]);
}

function gapsFor(customer: Customer, from: string, to: string): CustomerGaps {
  const gaps = gapsOf(customer.workloads.map(seriesWorkload), from, to);
  return { tenantId: customer.tenantId, name: customer.name, gaps };
}

describe('P3 timeline: the series and its gaps (domain/timeline.ts)', () => {
  it('P3 R2 R7 R1: an under-way first step, a started and completed one, a month estimate; a workload that left InProgress and one never dated are left out', () => {
    const items = timeline(alpha());
    assert.deepEqual(rows(items), [
      // Exchange (R2, no ESD): placed at its startedOn 2026-09-01; the first item: no gap.
      ['ExchangeOnline', '2026-09-01', 'completed', false, false, null, null],
      // Teams started 2026-12-01; latest completion by then: Exchange 2026-11-20. 20 Nov -> 30 Nov = 10, -> 1 Dec = 11.
      ['Teams', '2026-12-01', 'completed', false, false, 11, 'ExchangeOnline'],
      // Intune expected in February 2027 (R7): placed at 2027-02-01, estimated; latest completion: Teams 2027-01-20.
      // 20 Jan -> 31 Jan = 11, -> 1 Feb = 12 (the contract's example).
      ['Intune', '2027-02-01', 'scheduled', true, false, 12, 'Teams'],
    ]);
    // Purview started 2026-12-15 and went NoIntent (R1): no step of the series; Windows (Unknown) has no start at all.
    const [exchange, teams, intune] = items;
    assert.deepEqual(
      [exchange?.source, exchange?.engagementStartDate, exchange?.datePrecision, exchange?.startedOn,
        exchange?.completedOn],
      ['gateway', null, null, '2026-09-01', '2026-11-20'],
    );
    assert.deepEqual([teams?.source, teams?.engagementStartDate, teams?.startedOn, teams?.completedOn],
      ['gateway', '2026-12-01', '2026-12-01', '2027-01-20']);
    assert.deepEqual([intune?.source, intune?.engagementStartDate, intune?.datePrecision, intune?.startedOn],
      ['serialDeployment', '2027-02-01', 'month', null]);
  });

  it('P3: a start before the previous completion overlaps (gap null, never negative); the gap after it runs from the latest completion', () => {
    assert.deepEqual(rows(timeline(bravo())), [
      ['SharePointOnline', '2026-10-05', 'completed', false, false, null, null],
      // OneDrive started 2026-11-02 while SharePoint (started 10-05) ran until 11-30: overlapping, no gap (not -28).
      ['OneDrive', '2026-11-02', 'completed', false, true, null, null],
      // Teams: planned 12-10, started 12-14 (R5: the ESD became that day). Completions by then: SharePoint 11-30,
      // OneDrive 12-10; the latest is 12-10: 14 - 10 = 4 days.
      ['Teams', '2026-12-14', 'completed', false, false, 4, 'OneDrive'],
      // Copilot expected in January 2027: 2027-01-01, estimated, the customer did not answer yet (awaitingCustomer).
      // Latest completion: Teams 2026-12-22. 22 Dec -> 31 Dec = 9, -> 1 Jan = 10.
      ['Copilot', '2027-01-01', 'awaitingCustomer', true, false, 10, 'Teams'],
    ]);
  });

  it('P3: a start on the very day of a completion is a gap of 0; an item planned while one is still under way overlaps', () => {
    assert.deepEqual(rows(timeline(charlie())), [
      ['Windows', '2026-11-16', 'completed', false, false, null, null],
      // Windows completed 2026-12-07 and Defender started that day: 0 days, not overlapping.
      ['Defender', '2026-12-07', 'started', false, false, 0, 'Windows'],
      // Purview (ESD 2027-01-11, inactive) would start while Defender (started 12-07) is not completed: overlapping.
      ['Purview', '2027-01-11', 'inactive', false, true, null, null],
    ]);
  });

  it('P3: nothing completed yet: no gaps; nothing begun: nothing overlaps', () => {
    assert.deepEqual(rows(timeline(delta())), [
      ['ExchangeOnline', '2026-12-07', 'scheduled', false, false, null, null],
      ['Teams', '2027-01-01', 'scheduled', true, false, null, null],
    ]);
    assert.deepEqual(timelineOf([]), []);
  });

  it('P3: the gaps of [from, to] by the later item\'s start, inclusive; median, 90th percentile, waiting worked out by hand', () => {
    const all = [alpha(), bravo(), charlie(), delta()].map((c) => gapsFor(c, '2026-12-01', '2027-02-28'));
    const listed = all.map((c) => c.gaps.map((g) => [
      g.workload, g.start, g.after, g.completedOn, g.gapDays, g.waiting,
    ]));
    assert.deepEqual(listed, [
      [['Teams', '2026-12-01', 'ExchangeOnline', '2026-11-20', 11, false], ['Intune', '2027-02-01', 'Teams', '2027-01-20', 12, true]],
      [['Teams', '2026-12-14', 'OneDrive', '2026-12-10', 4, false], ['Copilot', '2027-01-01', 'Teams', '2026-12-22', 10, true]],
      [['Defender', '2026-12-07', 'Windows', '2026-12-07', 0, false]],
      [],
    ]);
    // Sorted: 0, 4, 10, 11, 12. Median: the 3rd = 10. 90th percentile, nearest rank: ceil(0.9 x 5) = 5th = 12.
    // Waiting: Intune (scheduled) and Copilot (awaiting the customer) = 2.
    assert.deepEqual(summariseGaps(all), { gaps: 5, medianDays: 10, p90Days: 12, waiting: 2 });

    // [2026-12-02, 2027-01-31] leaves out Alpha's Teams (starts 12-01) and Intune (02-01): 0, 4, 10.
    // Median: the 2nd = 4; 90th: ceil(0.9 x 3) = 3rd = 10; waiting: Copilot = 1.
    const narrow = [alpha(), bravo(), charlie()].map((c) => gapsFor(c, '2026-12-02', '2027-01-31'));
    assert.deepEqual(summariseGaps(narrow), { gaps: 3, medianDays: 4, p90Days: 10, waiting: 1 });

    // An even count: 0, 4, 10, 11 ([2026-12-01, 2027-01-31]): median (4 + 10) / 2 = 7; 90th: ceil(3.6) = 4th = 11.
    const even = [alpha(), bravo(), charlie()].map((c) => gapsFor(c, '2026-12-01', '2027-01-31'));
    assert.deepEqual(summariseGaps(even), { gaps: 4, medianDays: 7, p90Days: 11, waiting: 1 });
    assert.deepEqual(summariseGaps([]), { gaps: 0, medianDays: null, p90Days: null, waiting: 0 });
  });
});
