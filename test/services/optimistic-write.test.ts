/**
 * Issue 9, defect 1: the one conflict loop. A lost race is retried after a bounded, jittered wait; a document others
 * keep changing ends in WriteContention, which the API answers 503 with Retry-After (it was a plain Error: 500).
 */
import assert from 'node:assert/strict';
import { toErrorResponse } from '../../src/http/error-mapping';
import { memoryLogger } from '../../src/log/logger';
import { backoffMs, retryOnConflict, WriteContention, type RetryTiming } from '../../src/services/optimistic-write';
import { StoreError } from '../../src/store/store';

/** Records the waits asked for instead of waiting; `random` cycles through `draws`. */
function recordedTiming(draws: number[]): RetryTiming & { waits: number[] } {
  const waits: number[] = [];
  let n = 0;
  return {
    waits,
    random: () => draws[n++ % draws.length] as number,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

const stale = (): StoreError => new StoreError('precondition_failed', 'Customer changed since it was read.');

describe('services/optimistic-write retryOnConflict (defect 1 of issue 9: contention answered 500)', () => {
  it('a race lost a few times is applied on fresh state after jittered waits', async () => {
    const timing = recordedTiming([0.5]);
    let calls = 0;
    const result = await retryOnConflict(() => {
      calls += 1;
      return calls <= 3 ? Promise.reject(stale()) : Promise.resolve('written');
    }, timing);
    assert.equal(result, 'written');
    assert.equal(calls, 4);
    assert.deepEqual(timing.waits, [5, 10, 20], 'half of a ceiling that doubles from 10 ms');
  });

  it('races lost every time end in WriteContention after a bounded number of attempts and bounded waits', async () => {
    const timing = recordedTiming([0.999]);
    let calls = 0;
    const failure = await retryOnConflict(() => {
      calls += 1;
      return Promise.reject(new StoreError(calls % 2 === 0 ? 'conflict' : 'precondition_failed', 'lost'));
    }, timing).then(() => assert.fail('resolved'), (error: unknown) => error);
    assert.ok(failure instanceof WriteContention, String(failure));
    assert.equal(calls, failure.attempts);
    assert.ok(calls >= 5 && calls <= 10, `${calls} attempts`);
    assert.equal(timing.waits.length, calls - 1, 'no wait after the last attempt');
    assert.ok(timing.waits.every((ms) => ms >= 0 && ms < 250), `waits ${timing.waits.join(', ')} stay under 250 ms`);
  });

  it('the waits are random below their ceiling (full jitter): two callers draw different waits', () => {
    assert.deepEqual([0, 0.25, 0.999].map((r) => backoffMs(4, () => r)), [0, 20, 79]);
    assert.equal(backoffMs(30, () => 0.999), 249, 'the ceiling stops growing');
  });

  it('any other error is thrown at once, not retried', async () => {
    const timing = recordedTiming([0.5]);
    let calls = 0;
    const outage = new StoreError('unavailable', 'down');
    await assert.rejects(retryOnConflict(() => {
      calls += 1;
      return Promise.reject(outage);
    }, timing), (error) => error === outage);
    assert.equal(calls, 1);
    assert.deepEqual(timing.waits, []);
  });

  it('WriteContention is answered 503 unavailable with Retry-After and the contract\'s error body, never 500', () => {
    const logger = memoryLogger('debug');
    const res = toErrorResponse(new WriteContention(8), logger, { method: 'PATCH', path: '/api/customers/x/workloads/Teams' });
    assert.equal(res.status, 503);
    assert.equal(res.body.error.code, 'unavailable');
    assert.match(res.body.error.message, /try again/);
    assert.deepEqual(res.headers, { 'Retry-After': '1' });
    assert.ok(!logger.lines.some((line) => line.includes('"level":"error"')), 'logged as a warning, not a bug');
  });
});
