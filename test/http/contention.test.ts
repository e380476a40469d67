/**
 * Issue 9, defect 1: writes to one customer under contention. Simultaneous PATCHes to different workloads of one
 * customer, on both stores, through the real server: each succeeds (its change is stored, with its reason) or is
 * refused with 409 or 503 and a Retry-After; none answers 500, and a refused change left nothing behind. (One process
 * on SQLite rarely loses a race, its writes being synchronous: two processes on one file are in
 * test/services/contention.test.ts.)
 */
import assert from 'node:assert/strict';
import { addDays } from '../../src/domain/dates';
import { WORKLOADS } from '../../src/domain/types';
import { startTestApp } from '../common/app';
import { actors, customerFixture, onDay, personFixture, tenantId } from '../common/fixtures';
import { storeKinds, type OpenedStore } from '../common/stores';
import { apiClient, assertError, type ApiResponse } from './api-client';

const T1 = tenantId(1);
const PATCHES = 20;

for (const kind of storeKinds) {
  describe(`REST under contention (${kind.name}): defect 1 of issue 9, never 500`, function () {
    this.timeout(60_000);
    let opened: OpenedStore;
    let app: Awaited<ReturnType<typeof startTestApp>>;

    beforeEach(async () => {
      opened = await kind.open();
      await opened.store.putPerson(personFixture(actors.fm));
      await opened.store.createCustomer(customerFixture({ workloads: WORKLOADS.map((w) => onDay(w, '2026-12-01')) }));
      app = await startTestApp(opened.store);
    });
    afterEach(async () => {
      await app.stop();
      await opened.cleanup();
    });

    function patch(i: number): Promise<ApiResponse> {
      const workload = WORKLOADS[i % WORKLOADS.length] as string;
      return apiClient(app.url)('PATCH', `/api/customers/${T1}/workloads/${workload}`, {
        body: { engagementStartDate: addDays('2026-12-02', i), reason: `contention-${i}` },
      });
    }

    it(`${PATCHES} simultaneous PATCHes to different workloads of one customer: each 200 (its change stored) or 409/503 with Retry-After, never 500`, async () => {
      const answers = await Promise.all(Array.from({ length: PATCHES }, (_, i) => patch(i)));
      const stored = (await opened.store.getCustomer(T1))?.value;
      assert.ok(stored);
      const reasons = new Set(stored.workloads.flatMap((w) => w.history.map((h) => h.reason)));
      for (const [i, res] of answers.entries()) {
        assert.notEqual(res.status, 500, `PATCH ${i} answered 500: ${JSON.stringify(res.body)}`);
        if (res.status === 200) {
          assert.ok(reasons.has(`contention-${i}`), `PATCH ${i} answered 200, so its change is stored`);
          continue;
        }
        assert.ok([409, 503].includes(res.status), `PATCH ${i}: ${res.status} ${JSON.stringify(res.body)}`);
        assertError(res, res.status, res.status === 409 ? 'conflict' : 'unavailable');
        assert.match(res.headers.get('retry-after') ?? '', /^[1-9]\d*$/, 'a refusal says when to try again');
        assert.ok(!reasons.has(`contention-${i}`), `PATCH ${i} was refused, so nothing of it is stored`);
      }
      assert.deepEqual(app.logger.lines.filter((line) => line.includes('"level":"error"')), [], 'no request failed as a bug');
    });
  });
}
