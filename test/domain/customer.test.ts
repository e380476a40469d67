import assert from 'node:assert/strict';
import {
  addNote, alreadyApplied, findWorkload, isTenantId, MAX_WORKLOADS, newCustomer, readAssignee, sameAssignee,
  sameAssigneeAsEntered, underWayReason,
} from '../../src/domain/customer';
import type { ErrorDetail } from '../../src/domain/errors';
import { WORKLOADS, type Assignee } from '../../src/domain/types';
import {
  assertDomainError, ctxFor, customerInput, fm, gateway, makeCustomer, NOW, TENANT, TODAY, workloadOf,
} from './helpers';

const AT = NOW.toISOString();

/** Asserts newCustomer refuses the example body with `overrides` with exactly these detail paths. */
function assertRefused(overrides: Parameters<typeof customerInput>[0], paths: string[]): ErrorDetail[] {
  return assertDomainError(() => makeCustomer(overrides), 'validation', paths).details;
}

/** Runs readAssignee on a fresh details list. */
function assignee(value: unknown): { assignee: ReturnType<typeof readAssignee>; paths: string[] } {
  const details: ErrorDetail[] = [];
  const result = readAssignee(value, 'assignee', details);
  return { assignee: result, paths: details.map((d) => d.path) };
}

describe('domain/customer', () => {
  describe('newCustomer', () => {
    it('R4/R7/R1: the Gateway entry gives each InProgress workload a scheduled ESD and history, others none', () => {
      const customer = makeCustomer();
      const gatewayEntry = (to: string, precision: 'day' | 'month') => [
        { at: AT, by: gateway, from: null, to, precision, reason: null, source: 'gateway' },
      ];
      assert.deepEqual(customer, {
        tenantId: TENANT,
        name: 'Contoso Ltd',
        assignee: { type: 'fm', aadObjectId: 'fm-alice', name: 'Alice' },
        workloads: [
          {
            workload: 'ExchangeOnline', l1Status: 'InProgress', engagementStartDate: '2026-12-01', datePrecision: 'day',
            state: 'scheduled', startedOn: null, completedOn: null, followUpOn: null, revision: 1,
            history: gatewayEntry('2026-12-01', 'day'),
          },
          {
            workload: 'Intune', l1Status: 'InProgress', engagementStartDate: '2027-02-01', datePrecision: 'month',
            state: 'scheduled', startedOn: null, completedOn: null, followUpOn: null, revision: 1,
            history: gatewayEntry('2027-02-01', 'month'),
          },
          {
            workload: 'SharePointOnline', l1Status: 'Blocked', engagementStartDate: null, datePrecision: null,
            state: 'notApplicable', startedOn: null, completedOn: null, followUpOn: null, revision: 1, history: [],
          },
        ],
        statusNotes: [],
        createdAt: AT,
        updatedAt: AT,
      });
    });

    it('R4: the source recorded in history is the one handed in (e.g. the CSV import)', () => {
      const customer = newCustomer(customerInput(), ctxFor(gateway), 'import');
      assert.equal(workloadOf(customer, 'ExchangeOnline').history[0]?.source, 'import');
    });

    it('lower-cases the tenant id and cleans the name', () => {
      const customer = makeCustomer({ tenantId: TENANT.toUpperCase(), name: '  Contoso\u202E Ltd \n' });
      assert.equal(customer.tenantId, TENANT);
      assert.equal(customer.name, 'Contoso Ltd');
    });

    it('is not assigned when the Gateway enters it before assignment (R4)', () => {
      assert.equal(makeCustomer({ assignee: undefined }).assignee, null);
      assert.equal(makeCustomer({ assignee: null }).assignee, null);
    });

    it('lists every bad field with its path in one validation error', () => {
      const details = assertRefused({
        tenantId: 'not-a-guid',
        name: '',
        assignee: { type: 'fm' },
        workloads: [
          { workload: 'Exchange', l1Status: 'Maybe' },
          { workload: 'Intune', l1Status: 'InProgress', engagementStartDate: '2026-02-30' },
          { workload: 'Teams', l1Status: 'InProgress', engagementStartMonth: '2026-10' },
          { workload: 'OneDrive', l1Status: 'InProgress', engagementStartDate: '2026-12-01', engagementStartMonth: '2026-12' },
          { workload: 'Viva', l1Status: 'InProgress' },
          null,
          { workload: 'Copilot', l1Status: 'InProgress', engagementStartDate: '2030-01-01' },
        ],
      }, [
        'tenantId',
        'name',
        'assignee/aadObjectId',
        'workloads/0/workload',
        'workloads/0/l1Status',
        'workloads/1/engagementStartDate',
        'workloads/2/engagementStartMonth',
        'workloads/3',
        'workloads/4',
        'workloads/5',
        'workloads/6/engagementStartDate',
      ]);
      assert.equal(details[1]?.message, 'name is required.');
      assert.equal(details[8]?.message, 'An InProgress workload needs an Engagement Start Date (engagementStartDate) or '
        + 'month (engagementStartMonth) or, when it is already under way, the day it started (startedOn).');
      assert.equal(details[9]?.message, 'Each workload must be an object.');
    });

    it('R1: a date on a Blocked workload is refused', () => {
      const details = assertRefused({
        workloads: [
          { workload: 'ExchangeOnline', l1Status: 'InProgress', engagementStartDate: '2026-12-01' },
          { workload: 'SharePointOnline', l1Status: 'Blocked', engagementStartDate: '2026-12-01' },
          { workload: 'Teams', l1Status: 'NoIntent', engagementStartMonth: '2027-01' },
        ],
      }, ['workloads/1', 'workloads/2']);
      assert.equal(details[0]?.message, 'An Engagement Start Date applies only to InProgress workloads, not Blocked: '
        + 'remove the date, or set the L1 status to InProgress.');
    });

    it('R2: a past date for a new customer is refused', () => {
      assertRefused({ workloads: [{ workload: 'Teams', l1Status: 'InProgress', engagementStartDate: '2026-11-23' }] },
        ['workloads/0/engagementStartDate']);
    });

    it('a workload listed twice is refused at the second one', () => {
      const details = assertRefused({
        workloads: [
          { workload: 'ExchangeOnline', l1Status: 'InProgress', engagementStartDate: '2026-12-01' },
          { workload: 'Teams', l1Status: 'Unknown' },
          { workload: 'ExchangeOnline', l1Status: 'Blocked' },
        ],
      }, ['workloads/2/workload']);
      assert.equal(details[0]?.message, 'ExchangeOnline is listed twice.');
    });

    it('an unknown workload name is refused (the catalogue is case-sensitive)', () => {
      assertRefused({ workloads: [{ workload: 'exchangeonline', l1Status: 'Unknown' }] }, ['workloads/0/workload']);
      assertRefused({ workloads: [{ workload: 'Yammer', l1Status: 'Unknown' }] }, ['workloads/0/workload']);
    });

    it('workloads must be a non-empty array of at most 50', () => {
      for (const workloads of [undefined, [], 'ExchangeOnline', { workload: 'Teams' }]) {
        assertRefused({ workloads }, ['workloads']);
      }
      const tooMany = Array.from({ length: MAX_WORKLOADS + 1 }, () => ({ workload: 'Teams', l1Status: 'Unknown' }));
      assertRefused({ workloads: tooMany }, ['workloads']);
    });

    it('a tenant id must be a GUID', () => {
      for (const tenantId of [
        'not-a-guid', TENANT.replace(/-/g, ''), `{${TENANT}}`, `${TENANT}\n`, `${TENANT}0`, 'contoso.onmicrosoft.com',
        42, undefined, null,
      ]) {
        assertRefused({ tenantId }, ['tenantId']);
      }
      assert.equal(isTenantId(TENANT.toUpperCase()), true);
    });

    it('the name is required, text, and at most 200 characters', () => {
      assert.equal(makeCustomer({ name: 'n'.repeat(200) }).name.length, 200);
      assertRefused({ name: 'n'.repeat(201) }, ['name']);
      assertRefused({ name: '   ' }, ['name']);
      assertRefused({ name: 42 }, ['name']);
      assertRefused({ name: undefined }, ['name']);
    });
  });

  describe('readAssignee', () => {
    it('absent is null with no detail', () => {
      assert.deepEqual(assignee(undefined), { assignee: null, paths: [] });
      assert.deepEqual(assignee(null), { assignee: null, paths: [] });
    });

    it('an FM by directory id, trimmed; the name is optional', () => {
      assert.deepEqual(assignee({ type: 'fm', aadObjectId: ' fm-alice ', name: ' Alice ' }), {
        assignee: { type: 'fm', aadObjectId: 'fm-alice', name: 'Alice' }, paths: [],
      });
      assert.deepEqual(assignee({ type: 'fm', aadObjectId: 'fm-alice' }), {
        assignee: { type: 'fm', aadObjectId: 'fm-alice', name: '' }, paths: [],
      });
    });

    it('R9: a partner by partner id', () => {
      assert.deepEqual(assignee({ type: 'partner', partnerId: 'frp-1', name: 'Fabrikam Partners' }), {
        assignee: { type: 'partner', partnerId: 'frp-1', name: 'Fabrikam Partners' }, paths: [],
      });
    });

    it('each bad variant names its field', () => {
      assert.deepEqual(assignee({ type: 'fm', aadObjectId: '  ' }).paths, ['assignee/aadObjectId']);
      assert.deepEqual(assignee({ type: 'fm', aadObjectId: 'x'.repeat(101) }).paths, ['assignee/aadObjectId']);
      assert.deepEqual(assignee({ type: 'fm', aadObjectId: 7 }).paths, ['assignee/aadObjectId']);
      assert.deepEqual(assignee({ type: 'fm', partnerId: 'frp-1' }).paths, ['assignee/aadObjectId']);
      assert.deepEqual(assignee({ type: 'partner', aadObjectId: 'fm-alice' }).paths, ['assignee/partnerId']);
      assert.deepEqual(assignee({ type: 'frp', partnerId: 'frp-1' }).paths, ['assignee/type']);
      assert.deepEqual(assignee({ aadObjectId: 'fm-alice' }).paths, ['assignee/type']);
      assert.deepEqual(assignee('fm-alice').paths, ['assignee']);
      assert.deepEqual(assignee([{ type: 'fm', aadObjectId: 'fm-alice' }]).paths, ['assignee']);
      assert.deepEqual(assignee({ type: 'fm', aadObjectId: 'fm-alice', name: 5 }).paths, ['assignee/name']);
      assert.deepEqual(assignee({ type: 'fm', aadObjectId: 'fm-alice', name: 'n'.repeat(201) }).paths, ['assignee/name']);
    });

    it('a bad assignee fails newCustomer at its path', () => {
      assertRefused({ assignee: { type: 'partner' } }, ['assignee/partnerId']);
    });

    it('issue 9 defect 5: an id a store cannot hold as a key (/, \\, #, ?, a control character) is refused, as the '
      + 'Teams form and the CSV import enter it', () => {
      for (const bad of ['fm/alice', 'fm\\alice', 'fm#alice', 'fm?alice', 'fm\u0007alice']) {
        assert.deepEqual(assignee({ type: 'fm', aadObjectId: bad }).paths, ['assignee/aadObjectId'], JSON.stringify(bad));
        assert.deepEqual(assignee({ type: 'partner', partnerId: bad, name: 'P' }).paths, ['assignee/partnerId']);
      }
      const details: ErrorDetail[] = [];
      readAssignee({ type: 'fm', aadObjectId: 'fm?alice' }, 'assignee', details);
      assert.match(details[0]?.message ?? '', /^aadObjectId must not contain \/, \\, #, \? or control characters/);
    });
  });

  describe('sameAssignee / sameAssigneeAsEntered', () => {
    const fmA: Assignee = { type: 'fm', aadObjectId: 'aad-fm-1', name: 'Alice' };
    const partnerA: Assignee = { type: 'partner', partnerId: 'frp-1', name: 'Contoso Services' };

    it('R9: the same FM by directory id and the same partner by partner id, whatever the names', () => {
      assert.equal(sameAssignee(fmA, { ...fmA, name: '' }), true);
      assert.equal(sameAssignee(partnerA, { ...partnerA, name: 'Contoso' }), true);
      assert.equal(sameAssignee(fmA, { ...fmA, aadObjectId: 'aad-fm-2' }), false);
      assert.equal(sameAssignee(partnerA, { ...partnerA, partnerId: 'frp-2' }), false);
      assert.equal(sameAssignee(fmA, { type: 'partner', partnerId: 'aad-fm-1', name: 'Alice' }), false);
      assert.equal(sameAssignee(null, null), true);
      assert.equal(sameAssignee(fmA, null), false);
      assert.equal(sameAssignee(null, partnerA), false);
    });

    it('as entered, a partner also keeps its name; an FM\'s name comes from the directory', () => {
      assert.equal(sameAssigneeAsEntered(partnerA, { ...partnerA }), true);
      assert.equal(sameAssigneeAsEntered(partnerA, { ...partnerA, name: 'Contoso' }), false);
      assert.equal(sameAssigneeAsEntered(fmA, { ...fmA, name: '' }), true);
      assert.equal(sameAssigneeAsEntered(fmA, { ...fmA, aadObjectId: 'aad-fm-2' }), false);
      assert.equal(sameAssigneeAsEntered(null, null), true);
      assert.equal(sameAssigneeAsEntered(partnerA, null), false);
    });
  });

  describe('findWorkload / addNote / alreadyApplied', () => {
    it('findWorkload returns the workload itself, or not_found', () => {
      const customer = makeCustomer();
      assert.equal(findWorkload(customer, 'Intune'), customer.workloads[1]);
      const err = assertDomainError(() => findWorkload(customer, 'Copilot'), 'not_found', []);
      assert.equal(err.message, 'Customer Contoso Ltd has no workload Copilot.');
    });

    it('R6: addNote appends to the Overall Status Notes and stamps updatedAt', () => {
      const customer = makeCustomer();
      const later = new Date('2026-11-25T10:00:00Z');
      const note = addNote(customer, ctxFor(fm, { now: later }), 'ExchangeOnline', 'note', 'Called the customer.');
      const expected = { at: '2026-11-25T10:00:00.000Z', by: fm, workload: 'ExchangeOnline', kind: 'note', text: 'Called the customer.' };
      assert.deepEqual(note, expected);
      assert.equal('requestId' in note, false);
      assert.deepEqual(customer.statusNotes, [expected]);
      assert.equal(customer.updatedAt, '2026-11-25T10:00:00.000Z');
      assert.equal(customer.createdAt, AT);
    });

    it('addNote records the request id when there is one', () => {
      const customer = makeCustomer();
      const note = addNote(customer, ctxFor(fm, { requestId: 'req-1' }), null, 'note', 'Assigned.');
      assert.equal(note.requestId, 'req-1');
      assert.equal(note.workload, null);
    });

    it('alreadyApplied recognises a request that already left its note', () => {
      const customer = makeCustomer();
      assert.equal(alreadyApplied(customer, 'req-1'), false);
      addNote(customer, ctxFor(fm, { requestId: 'req-1' }), 'Intune', 'noResponse', 'No answer.');
      assert.equal(alreadyApplied(customer, 'req-1'), true);
      assert.equal(alreadyApplied(customer, 'req-2'), false);
      assert.equal(alreadyApplied(customer, undefined), false);
    });
  });

  describe('newCustomer: engagements already under way (R2)', () => {
    const underWay = (startedOn: unknown, extra: Record<string, unknown> = {}) => (
      { workload: 'Teams', l1Status: 'InProgress', startedOn, ...extra });

    it('R2: an InProgress workload with startedOn is started on that day, with no ESD, a history entry and a started note', () => {
      const customer = newCustomer(customerInput({
        workloads: [underWay('2026-09-14'), { workload: 'Intune', l1Status: 'InProgress', engagementStartDate: '2026-12-01' }],
      }), ctxFor(gateway), 'import');
      assert.deepEqual(workloadOf(customer, 'Teams'), {
        workload: 'Teams', l1Status: 'InProgress', engagementStartDate: null, datePrecision: null, state: 'started',
        startedOn: '2026-09-14', completedOn: null, followUpOn: null, revision: 1,
        history: [{
          at: AT, by: gateway, from: null, to: null, precision: null, source: 'import',
          reason: 'Entered as already under way (started on 2026-09-14).',
        }],
      });
      assert.equal(underWayReason('2026-09-14'), 'Entered as already under way (started on 2026-09-14).');
      assert.deepEqual(customer.statusNotes, [{
        at: AT, by: gateway, workload: 'Teams', kind: 'started',
        text: 'Already under way when entered: communication started on 2026-09-14.',
      }]);
      assert.equal(workloadOf(customer, 'Intune').state, 'scheduled', 'the other workloads are entered as before');
    });

    it('R2: today (the entering person\'s today) and 2019-10-01 are the bounds; an empty startedOn is no startedOn', () => {
      assert.equal(workloadOf(makeCustomer({ workloads: [underWay(TODAY)] }), 'Teams').startedOn, TODAY);
      assert.equal(workloadOf(makeCustomer({ workloads: [underWay('2019-10-01')] }), 'Teams').startedOn, '2019-10-01');
      const kiritimati = newCustomer(customerInput({ workloads: [underWay('2026-11-25')] }),
        ctxFor(gateway, { today: '2026-11-25' }));
      assert.equal(workloadOf(kiritimati, 'Teams').startedOn, '2026-11-25', 'today is the one handed in, not UTC\'s');
      for (const empty of ['', null]) {
        const withDate = makeCustomer({ workloads: [underWay(empty, { engagementStartDate: '2026-12-01' })] });
        assert.equal(workloadOf(withDate, 'Teams').state, 'scheduled');
      }
    });

    const refusals: { name: string; entry: Record<string, unknown>; path: string; message: RegExp }[] = [
      { name: 'neither a date nor startedOn', entry: { workload: 'Teams', l1Status: 'InProgress' }, path: 'workloads/0',
        message: /needs an Engagement Start Date .* or, when it is already under way, the day it started \(startedOn\)\.$/ },
      { name: 'a date and startedOn', entry: underWay('2026-09-14', { engagementStartDate: '2026-12-01' }), path: 'workloads/0/startedOn',
        message: /^Give either the day it started \(startedOn\), for an engagement already under way, or an Engagement Start Date or month, for one still to come, not both\.$/ },
      { name: 'a month and startedOn', entry: underWay('2026-09-14', { engagementStartMonth: '2027-01' }), path: 'workloads/0/startedOn', message: /not both/ },
      { name: 'startedOn in the future', entry: underWay('2026-11-25'), path: 'workloads/0/startedOn',
        message: /^The start day 2026-11-25 is in the future \(today is 2026-11-24\): for a start still to come, give the Engagement Start Date \(engagementStartDate\) instead\.$/ },
      { name: 'startedOn before 2019-10-01', entry: underWay('2019-09-30'), path: 'workloads/0/startedOn',
        message: /^The start day 2019-09-30 is before 2019-10-01, when Engagement Start Dates began: check the year\.$/ },
      { name: 'startedOn that is no real date', entry: underWay('2026-02-30'), path: 'workloads/0/startedOn', message: /real date as YYYY-MM-DD/ },
      { name: 'startedOn that is not a string', entry: underWay(20260914), path: 'workloads/0/startedOn', message: /real date as YYYY-MM-DD/ },
      { name: 'startedOn on a Blocked workload', entry: { ...underWay('2026-09-14'), l1Status: 'Blocked' }, path: 'workloads/0/startedOn',
        message: /^Only an InProgress workload can be already under way; a Blocked workload carries no dates: remove startedOn, or set the L1 status to InProgress\.$/ },
    ];
    for (const { name, entry, path, message } of refusals) {
      it(`R2: ${name} is refused at ${path}, with what to do instead`, () => {
        const [detail] = assertRefused({ workloads: [entry] }, [path]);
        assert.match(detail?.message ?? '', message);
      });
    }

    it('R2: a past date for a new customer says to give startedOn when the engagement is already under way', () => {
      const [detail] = assertRefused({ workloads: [{ workload: 'Teams', l1Status: 'InProgress', engagementStartDate: '2026-11-23' }] },
        ['workloads/0/engagementStartDate']);
      assert.equal(detail?.message, 'The date 2026-11-23 is in the past (today is 2026-11-24). If the engagement is '
        + 'already under way, give the day it started (startedOn) instead.');
    });

    it('R2: a bad workload name or status is reported along with startedOn\'s own problem', () => {
      assertRefused({ workloads: [{ workload: 'Exchange', l1Status: 'Started', startedOn: 'soon' }] },
        ['workloads/0/workload', 'workloads/0/l1Status', 'workloads/0/startedOn']);
    });
  });

  it('the catalogue lists the docs/contract.md workloads in display order', () => {
    assert.deepEqual([...WORKLOADS], [
      'ExchangeOnline', 'SharePointOnline', 'OneDrive', 'Teams', 'Intune', 'Windows',
      'Microsoft365Apps', 'Defender', 'Purview', 'Viva', 'Copilot',
    ]);
  });
});
