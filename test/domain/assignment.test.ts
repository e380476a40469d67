/** P1, P2 in the domain: the first ESD that puts a waiting customer in line, the FM ranking, the heads-up window. */
import assert from 'node:assert/strict';
import {
  firstEsd, headsUpDue, isUnassigned, lastAssignment, rankForAssignment, type FmLoadSummary,
} from '../../src/domain/assignment';
import { addWorkingDays } from '../../src/domain/dates';
import { assign, changeL1Status, confirmStart, markCustomerInactive } from '../../src/domain/engagement';
import { ASSIGNMENT_ROLES, mayAssign } from '../../src/domain/rules';
import { admin, ctxFor, fm, gateway, makeCustomer, otherFm, partner } from './helpers';

function load(name: string, starting: number, inFlight: number, capacity: number | null = null): FmLoadSummary {
  return { aadObjectId: `aad-${name.toLowerCase()}`, name, starting, inFlight, capacity };
}

describe('domain/assignment (P1, P2)', () => {
  describe('firstEsd', () => {
    it('P1: the earliest active ESD of a workload still expected to start; a month estimate is its 1st (R7)', () => {
      const customer = makeCustomer({ assignee: undefined });
      assert.deepEqual(firstEsd(customer), { date: '2026-12-01', precision: 'day' });
      const monthFirst = makeCustomer({
        workloads: [
          { workload: 'Teams', l1Status: 'InProgress', engagementStartDate: '2027-02-10' },
          { workload: 'Intune', l1Status: 'InProgress', engagementStartMonth: '2027-02' },
        ],
      });
      assert.deepEqual(firstEsd(monthFirst), { date: '2027-02-01', precision: 'month' });
    });

    it('P1: on one date a day beats a month estimate, whatever the order of the workloads', () => {
      const both = makeCustomer({
        workloads: [
          { workload: 'Intune', l1Status: 'InProgress', engagementStartMonth: '2027-02' },
          { workload: 'Teams', l1Status: 'InProgress', engagementStartDate: '2027-02-01' },
        ],
      });
      assert.deepEqual(firstEsd(both), { date: '2027-02-01', precision: 'day' });
    });

    it('P1, R1, R5: started, inactive and not-InProgress workloads do not count; none left is null', () => {
      let customer = makeCustomer();
      customer = confirmStart(customer, 'ExchangeOnline', ctxFor(fm, { today: '2026-12-01' }));
      assert.deepEqual(firstEsd(customer), { date: '2027-02-01', precision: 'month' });
      customer = markCustomerInactive(customer, 'Intune', 'Never answered.', ctxFor(fm));
      assert.equal(firstEsd(customer), null);
      const blocked = changeL1Status(makeCustomer(), 'ExchangeOnline', { l1Status: 'Blocked' }, ctxFor(gateway), 'api');
      assert.deepEqual(firstEsd(blocked), { date: '2027-02-01', precision: 'month' });
    });
  });

  it('P1: a customer waits while it has neither an FM nor a partner (R9)', () => {
    assert.equal(isUnassigned(makeCustomer({ assignee: undefined })), true);
    assert.equal(isUnassigned(makeCustomer()), false);
    assert.equal(isUnassigned(makeCustomer({ assignee: { type: 'partner', partnerId: 'frp', name: 'FRP' } })), false);
  });

  describe('rankForAssignment', () => {
    it('P2: fewest starts in the fortnight first, then fewest in flight, then by name (worked out by hand)', () => {
      const fms = [
        load('Alice', 2, 5, 3), load('Bob', 1, 9), load('Dana', 1, 3), load('Eve', 0, 7), load('Chen', 1, 3, 1),
      ];
      // Eve starts nothing; Bob, Chen and Dana start 1 each: Chen and Dana have 3 in flight (Chen before Dana by
      // name), Bob 9; Alice starts 2. Capacity is shown, not ranked on.
      assert.deepEqual(rankForAssignment(fms).map((f) => f.name), ['Eve', 'Chen', 'Dana', 'Bob', 'Alice']);
      assert.deepEqual(fms.map((f) => f.name), ['Alice', 'Bob', 'Dana', 'Eve', 'Chen'], 'the input is not reordered');
    });

    it('P2: two FMs of the same name keep one order (by directory id)', () => {
      const twins = [{ ...load('Sam', 0, 0), aadObjectId: 'b' }, { ...load('Sam', 0, 0), aadObjectId: 'a' }];
      assert.deepEqual(rankForAssignment(twins).map((f) => f.aadObjectId), ['a', 'b']);
      assert.deepEqual(rankForAssignment([]), []);
    });
  });

  describe('headsUpDue and addWorkingDays', () => {
    it('counts working days: Friday + 1 is Monday; 0 is the day itself', () => {
      assert.equal(addWorkingDays('2026-11-27', 1), '2026-11-30');
      assert.equal(addWorkingDays('2026-11-24', 3), '2026-11-27');
      assert.equal(addWorkingDays('2026-11-26', 3), '2026-12-01');
      assert.equal(addWorkingDays('2026-11-24', 0), '2026-11-24');
    });

    it('P1: due when the first ESD is at most that many working days away, or already passed', () => {
      // Thursday 26 Nov 2026, 3 working days: up to Tuesday 1 Dec.
      assert.equal(headsUpDue('2026-12-01', '2026-11-26', 3), true);
      assert.equal(headsUpDue('2026-12-02', '2026-11-26', 3), false);
      assert.equal(headsUpDue('2026-11-20', '2026-11-26', 3), true);
      assert.equal(headsUpDue('2026-11-26', '2026-11-26', 0), true);
      assert.equal(headsUpDue('2026-11-27', '2026-11-26', 0), false);
    });
  });

  it('P1: who assigned the customer: its last customer-wide note', () => {
    const assigned = assign(makeCustomer({ assignee: undefined }), { type: 'fm', aadObjectId: 'fm-bob', name: 'Bob' }, ctxFor(gateway));
    assert.equal(lastAssignment(assigned)?.by.aadObjectId, gateway.aadObjectId);
    assert.equal(lastAssignment(makeCustomer({ assignee: undefined })), undefined);
  });

  it('P1, P2: Gateway staff and admins may assign; FMs, partners and people without a role may not', () => {
    assert.deepEqual(ASSIGNMENT_ROLES, ['gateway', 'admin']);
    assert.deepEqual([gateway, admin, fm, otherFm, partner].map(mayAssign), [true, true, false, false, false]);
    assert.equal(mayAssign(null), false);
  });
});
