/**
 * The recording Bot Connector's Teams-like throttling (test/common/recording-connector.ts), which bench/sweep.ts
 * measures the sweep against: a per-tenant limit in a sliding window, and a seeded share of random 429s.
 */
import assert from 'node:assert/strict';
import { startRecordingConnector, type RecordingConnector } from '../common/recording-connector';

describe('recording connector: Teams-like throttling (issue 9 item 6)', () => {
  let connector: RecordingConnector | undefined;
  afterEach(() => connector?.stop());

  async function post(tenantId: string): Promise<{ status: number; retryAfter: string | null }> {
    const url = `${connector?.serviceUrl}v3/conversations/a%3Achat/activities`;
    const response = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', conversation: { id: 'a:chat', tenantId } }),
    });
    await response.text();
    return { status: response.status, retryAfter: response.headers.get('retry-after') };
  }

  it('answers 429 with Retry-After: 1 to a request over the tenant\'s limit in a sliding window; other tenants are apart', async () => {
    let clock = 0;
    connector = await startRecordingConnector({ now: () => clock, tenantLimit: { limit: 2, windowMs: 1_000 } });
    const first = [await post('t1'), await post('t1'), await post('t1'), await post('t2')];
    assert.deepEqual(first.map((r) => r.status), [200, 200, 429, 200]);
    assert.equal(first[2]?.retryAfter, '1');
    clock = 999;
    assert.equal((await post('t1')).status, 429, 'the refused request counted too: still three in [0, 1 s)');
    clock = 1_999;
    assert.equal((await post('t1')).status, 200, 'the requests at 0 left the window');
    assert.deepEqual(connector.requests.map((r) => [r.tenantId, r.status, r.refusedBy ?? '']), [
      ['t1', 200, ''], ['t1', 200, ''], ['t1', 429, 'limit'], ['t2', 200, ''], ['t1', 429, 'limit'], ['t1', 200, ''],
    ]);
  });

  it('throttles a seeded share of requests at random: the same seed refuses the same requests', async () => {
    const refusedWith = async (seed: number): Promise<number[]> => {
      connector = await startRecordingConnector({ throttle: { fraction: 0.2, seed } });
      for (let i = 0; i < 100; i++) await post('t1');
      const refused = connector.requests.flatMap((r, i) => (r.refusedBy === 'random' ? [i] : []));
      assert.ok(connector.requests.every((r) => r.status === (r.refusedBy ? 429 : 200)));
      await connector.stop();
      connector = undefined;
      return refused;
    };
    const once = await refusedWith(7);
    assert.deepEqual(await refusedWith(7), once);
    assert.ok(once.length > 5 && once.length < 40, `about a fifth refused: ${once.length}`);
  });

  it('keeps only a summary of each body when asked, and scripted failures still come first', async () => {
    connector = await startRecordingConnector({ summarize: (body) => ({ type: body.type }) });
    connector.failNext({ status: 503 });
    assert.equal((await post('t1')).status, 503);
    assert.equal((await post('t1')).status, 200);
    assert.deepEqual(connector.requests.map((r) => [r.body, r.status, r.refusedBy ?? '']), [
      [{ type: 'message' }, 503, 'script'], [{ type: 'message' }, 200, ''],
    ]);
  });
});
