/** The REST listing's use case: the active ESDs by date through the store, and the one rule it owns about ranges. */
import assert from 'node:assert/strict';
import { DomainError } from '../../src/domain/errors';
import { CardActions } from '../../src/services/card-actions';
import { EngagementQueries } from '../../src/services/engagement-queries';
import { customerFixture, onDay } from '../common/fixtures';
import { fixedClock, TENANT, useMemoryStore } from './helpers';

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
