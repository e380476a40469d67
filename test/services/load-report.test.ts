/** The FM load report (P2), a pure function of engagement rows and in-flight counts: weeks, states, every FM listed. */
import assert from 'node:assert/strict';
import { computeLoad, loadWindow, STARTING_STATES } from '../../src/services/load-report';
import type { DatePrecision, WorkloadState } from '../../src/domain/types';
import type { EngagementRow } from '../../src/store/store';
import { tenantId } from '../common/fixtures';

const ALICE = { aadObjectId: 'aad-alice', name: 'Alice' };
const BOB = { aadObjectId: 'aad-bob', name: 'Bob' };

function row(
  date: string,
  options: { fm?: string | null; state?: WorkloadState; precision?: DatePrecision; partner?: boolean } = {},
): EngagementRow {
  const fm = options.fm === undefined ? ALICE.aadObjectId : options.fm;
  return {
    tenantId: tenantId(1), customerName: 'Contoso', workload: 'Teams', engagementStartDate: date,
    assignee: options.partner ? { type: 'partner', partnerId: 'frp', name: 'FRP' } : fm ? { type: 'fm', aadObjectId: fm, name: '' } : null,
    datePrecision: options.precision ?? 'day', state: options.state ?? 'scheduled',
    startedOn: null, completedOn: null, followUpOn: null, remindOn: null,
  };
}

describe('load report (pure)', () => {
  it('weeks start with the ISO week holding `from`, Monday to Sunday, labelled across the year end (2026 has a W53)', () => {
    assert.deepEqual(loadWindow('2026-12-30', 2), { first: '2026-12-28', last: '2027-01-10' });
    const report = computeLoad({ from: '2026-12-30', weeks: 3, fms: [], rowsInWeeks: [], inFlight: new Map() });
    assert.deepEqual(report.weeks, ['2026-W53', '2027-W01', '2027-W02']);
  });

  it('counts a Sunday in its own week and a Monday in the next; month estimates apart (R7)', () => {
    const report = computeLoad({
      from: '2026-11-30', weeks: 2, fms: [ALICE],
      rowsInWeeks: [row('2026-11-30'), row('2026-12-06'), row('2026-12-07'), row('2026-12-01', { precision: 'month' })],
      inFlight: new Map(),
    });
    assert.deepEqual(report.fms, [{ ...ALICE, starting: [3, 1], estimated: [1, 0], inFlight: 0, capacity: null }]);
  });

  it(`counts ${STARTING_STATES.join(', ')}; not inactive (R5), completed or notApplicable (R1)`, () => {
    const states: WorkloadState[] = ['scheduled', 'awaitingCustomer', 'started', 'inactive', 'completed', 'notApplicable'];
    const report = computeLoad({ from: '2026-11-30', weeks: 1, fms: [ALICE], rowsInWeeks: states.map((state) => row('2026-12-02', { state })), inFlight: new Map() });
    assert.deepEqual(report.fms[0]?.starting, [3]);
  });

  it('lists every FM by name, even at 0; rows of partners, unassigned customers and people who are not FMs are left out', () => {
    const report = computeLoad({
      from: '2026-11-30', weeks: 1, fms: [BOB, ALICE],
      rowsInWeeks: [row('2026-12-02', { partner: true }), row('2026-12-02', { fm: null }), row('2026-12-02', { fm: 'aad-left' }), row('2026-12-03')],
      inFlight: new Map(),
    });
    assert.deepEqual(report.fms.map((f) => [f.name, f.starting[0]]), [['Alice', 1], ['Bob', 0]]);
  });

  it('rows outside the weeks are not counted; in flight is the store\'s count per FM, 0 when absent, never for non-FMs', () => {
    const report = computeLoad({
      from: '2026-11-30', weeks: 1, fms: [ALICE, BOB],
      rowsInWeeks: [row('2026-11-29'), row('2026-12-07')],
      inFlight: new Map([[ALICE.aadObjectId, 2], ['aad-left', 4]]),
    });
    assert.deepEqual(report.fms.map((f) => [f.name, f.starting[0], f.inFlight]), [['Alice', 0, 2], ['Bob', 0, 0]]);
  });

  it('P2: each FM carries their weekly capacity from the directory, null when not set', () => {
    const report = computeLoad({
      from: '2026-11-30', weeks: 1, fms: [{ ...ALICE, weeklyCapacity: 3 }, BOB, { aadObjectId: 'aad-zoe', name: 'Zoe', weeklyCapacity: 0 }],
      rowsInWeeks: [], inFlight: new Map(),
    });
    assert.deepEqual(report.fms.map((f) => [f.name, f.capacity]), [['Alice', 3], ['Bob', null], ['Zoe', 0]]);
  });
});
