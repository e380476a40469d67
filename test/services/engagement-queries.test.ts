/** The REST listing's use case: the active ESDs by date through the store, and the one rule it owns about ranges. */
import assert from 'node:assert/strict';
import { DomainError } from '../../src/domain/errors';
import { CardActions } from '../../src/services/card-actions';
import { addDays } from '../../src/domain/dates';
import { confirmStart, markCustomerInactive } from '../../src/domain/engagement';
import { EngagementQueries, WORK_LIST_SHOWN } from '../../src/services/engagement-queries';
import { actors, ctx, customerFixture, fmAssignee, onDay } from '../common/fixtures';
import { fixedClock, people, TENANT, useMemoryStore } from './helpers';

describe('EngagementQueries.list', () => {
  const store = useMemoryStore();
  const queries = (): EngagementQueries => new EngagementQueries(store(), new CardActions(store(), fixedClock()));

  it('lists the active ESDs in the range, a one-day range included', async () => {
    await store().createCustomer(customerFixture({ workloads: [onDay('Teams', '2026-12-02'), onDay('Intune', '2026-12-09')] }));
    const page = await queries().list({ from: '2026-12-02', to: '2026-12-02' });
    assert.deepEqual(page.items.map((r) => [r.tenantId, r.workload]), [[TENANT, 'Teams']]);
  });

  it('refuses a range whose end is before its start, naming `to`', async () => {
    const isRangeError = (error: unknown): boolean => error instanceof DomainError && error.code === 'validation'
      && error.details.length === 1 && error.details[0]?.path === 'to';
    await assert.rejects(queries().list({ from: '2026-12-10', to: '2026-12-01' }), isRangeError);
  });
});

describe('EngagementQueries.workList', () => {
  const store = useMemoryStore();
  const queries = (): EngagementQueries => new EngagementQueries(store(), new CardActions(store(), fixedClock()));

  it('R3/R5: reads every open engagement of the FM, past the store\'s largest page, so "how many more" is exact', async () => {
    const mine = Array.from({ length: 1_003 }, (_, i) => customerFixture({
      n: 10 + i, workloads: [onDay('Teams', addDays('2026-12-01', i % 400))],
    }));
    const others = Array.from({ length: 5 }, (_, i) => customerFixture({
      n: 2_000 + i, assignee: fmAssignee(actors.fm2),
    }));
    await store().createCustomers([...mine, ...others]);
    const { today, list } = await queries().workList(people.fm);
    assert.equal(today, '2026-11-24');
    assert.deepEqual([list.needsAnswer.shown.length, list.next.shown.length], [0, WORK_LIST_SHOWN]);
    assert.equal(list.next.more, 1_003 - WORK_LIST_SHOWN);
    const mineOnly = list.next.shown.every((row) => row.assignee?.type === 'fm'
      && row.assignee.aadObjectId === actors.fm.aadObjectId);
    assert.ok(mineOnly, 'only the FM\'s own engagements');
  });

  it('R3/R5: started and inactive engagements are not read into it', async () => {
    let customer = customerFixture({ workloads: [onDay('Teams', '2026-11-24'), onDay('Intune', '2026-11-24'), onDay('Viva', '2026-12-02')] });
    customer = confirmStart(customer, 'Teams', ctx(actors.fm));
    customer = markCustomerInactive(customer, 'Intune', 'Gone quiet.', ctx(actors.fm, 1));
    await store().createCustomer(customer);
    const { list } = await queries().workList(people.fm);
    assert.deepEqual([...list.needsAnswer.shown, ...list.next.shown].map((r) => r.workload), ['Viva']);
  });
});
