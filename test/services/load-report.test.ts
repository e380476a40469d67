/** The FM load report (P2), a pure function of the store's counts per FM and week: weeks, every FM listed, capacity. */
import assert from 'node:assert/strict';
import { computeLoad, loadWindow } from '../../src/services/load-report';
import type { WeekStarts } from '../../src/store/store';

const ALICE = { aadObjectId: 'aad-alice', name: 'Alice' };
const BOB = { aadObjectId: 'aad-bob', name: 'Bob' };

function starts(week: string, starting: number, estimated = 0, aadObjectId = ALICE.aadObjectId): WeekStarts {
  return { aadObjectId, week, starting, estimated };
}

describe('load report (pure)', () => {
  it('weeks start with the ISO week holding `from`, Monday to Sunday, labelled across the year end (2026 has a W53)', () => {
    assert.deepEqual(loadWindow('2026-12-30', 2), { first: '2026-12-28', last: '2027-01-10' });
    const report = computeLoad({ from: '2026-12-30', weeks: 3, fms: [], starts: [], inFlight: new Map() });
    assert.deepEqual(report.weeks, ['2026-W53', '2027-W01', '2027-W02']);
  });

  it('places each week\'s counts in its column; month estimates apart (R7)', () => {
    const report = computeLoad({
      from: '2026-12-02', weeks: 2, fms: [ALICE],
      starts: [starts('2026-11-30', 3, 1), starts('2026-12-07', 1)],
      inFlight: new Map(),
    });
    assert.deepEqual(report.fms, [{ ...ALICE, starting: [3, 1], estimated: [1, 0], inFlight: 0, capacity: null }]);
  });

  it('lists every FM by name, even at 0; counts of people who are not FMs of the directory are left out', () => {
    const report = computeLoad({
      from: '2026-11-30', weeks: 1, fms: [BOB, ALICE],
      starts: [starts('2026-11-30', 4, 0, 'aad-left'), starts('2026-11-30', 1)],
      inFlight: new Map(),
    });
    assert.deepEqual(report.fms.map((f) => [f.name, f.starting[0]]), [['Alice', 1], ['Bob', 0]]);
  });

  it('counts of weeks outside the report are not placed; in flight is the store\'s count per FM, 0 when absent, never for non-FMs', () => {
    const report = computeLoad({
      from: '2026-11-30', weeks: 1, fms: [ALICE, BOB],
      starts: [starts('2026-11-23', 2), starts('2026-12-07', 5)],
      inFlight: new Map([[ALICE.aadObjectId, 2], ['aad-left', 4]]),
    });
    assert.deepEqual(report.fms.map((f) => [f.name, f.starting[0], f.inFlight]), [['Alice', 0, 2], ['Bob', 0, 0]]);
  });

  it('P2: each FM carries their weekly capacity from the directory, null when not set', () => {
    const report = computeLoad({
      from: '2026-11-30', weeks: 1, fms: [{ ...ALICE, weeklyCapacity: 3 }, BOB, { aadObjectId: 'aad-zoe', name: 'Zoe', weeklyCapacity: 0 }],
      starts: [], inFlight: new Map(),
    });
    assert.deepEqual(report.fms.map((f) => [f.name, f.capacity]), [['Alice', 3], ['Bob', null], ['Zoe', 0]]);
  });
});
