import assert from 'node:assert/strict';
import { backoffMs, classifyFailure, parseRetryAfter } from '../../src/teams/delivery-failure';

describe('delivery failures (what a failed Bot Connector request means)', () => {
  const now = Date.UTC(2026, 0, 5, 8, 0, 0);

  it('reads Retry-After as delta-seconds or as an HTTP date, never negative', () => {
    assert.equal(parseRetryAfter('2', now), 2_000);
    assert.equal(parseRetryAfter(' 1.5 ', now), 1_500);
    assert.equal(parseRetryAfter(new Date(now + 7_000).toUTCString(), now), 7_000);
    assert.equal(parseRetryAfter(new Date(now - 7_000).toUTCString(), now), 0);
    for (const unusable of [undefined, '', 'soon', '-1']) assert.equal(parseRetryAfter(unusable, now), undefined);
  });

  it('backs off exponentially with jitter, capped', () => {
    assert.deepEqual([1, 2, 3].map((a) => backoffMs(a, () => 0)), [500, 1_000, 2_000]);
    assert.deepEqual([1, 2, 3].map((a) => backoffMs(a, () => 1)), [1_000, 2_000, 4_000]);
    assert.equal(backoffMs(20, () => 1, 1_000, 30_000), 30_000);
  });

  it('an abort (the request timeout) and Node network errors are retried; anything else unknown is not', () => {
    const abort = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
    assert.equal(classifyFailure(abort, now).kind, 'retry');
    assert.equal(classifyFailure(abort, now).code, 'Timeout');
    assert.equal(classifyFailure(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), now).kind, 'retry');
    const bug = classifyFailure(new TypeError('x is not a function'), now);
    assert.deepEqual([bug.kind, bug.status, bug.code], ['unknown', 0, 'TypeError']);
    assert.equal(classifyFailure('a string', now).kind, 'unknown');
  });

  it('HTTP statuses outside the known lists are neither retried nor final', () => {
    const failure = classifyFailure({ statusCode: 500, code: 'InternalServerError', message: 'boom' }, now);
    assert.deepEqual([failure.kind, failure.status, failure.code], ['unknown', 500, 'InternalServerError']);
  });
});
