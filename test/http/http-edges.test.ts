/**
 * Issue 9, minor items of the HTTP layer: a request that is not valid HTTP still gets the contract's error body,
 * the anonymous `/readyz` names no endpoint, and a client hanging up mid-request is no error of ours.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { startApp } from '../../src/app';
import { memoryLogger } from '../../src/log/logger';
import { CosmosStore } from '../../src/store/cosmos/cosmos-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { bearer, TEST_CONFIG } from '../common/app';
import { startCosmosServer } from '../common/cosmos-server';

/** Sends `raw` on a new connection and returns everything the server writes until it closes the connection. */
async function rawExchange(url: string, raw: string): Promise<string> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('close', () => resolve());
    socket.write(raw);
  });
  return Buffer.concat(chunks).toString('utf8');
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), what);
}

describe('HTTP edges (issue 9, minor items)', () => {
  describe('on SQLite', () => {
    const logger = memoryLogger('debug');
    let app: Awaited<ReturnType<typeof startApp>>;
    beforeEach(async () => {
      logger.lines.length = 0;
      app = await startApp({ config: TEST_CONFIG, store: SqliteStore.open({ file: ':memory:' }), logger });
    });
    afterEach(async () => { await app.stop(); });

    it('minor: `Content-Length: abc` gets 400 with the contract error body, not an empty one', async () => {
      const answer = await rawExchange(app.url, 'POST /api/customers HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}');
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      assert.match(head, /^HTTP\/1\.1 400 /);
      assert.match(head, /content-type: application\/json/i);
      const parsed = JSON.parse(body) as { error: { code: string; message: string; details: unknown[] } };
      assert.equal(parsed.error.code, 'validation');
      assert.match(parsed.error.message, /Content-Length/);
    });

    it('minor: a client hanging up mid-request is logged at info or debug, never as an error', async () => {
      const { hostname, port } = new URL(app.url);
      const socket = net.connect(Number(port), hostname);
      await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
      socket.write(`POST /api/customers HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${bearer('gateway')}\r\n`
        + 'Content-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"tenantId":');
      await new Promise((resolve) => setTimeout(resolve, 50)); // the request is inside the server, reading its body
      socket.destroy();
      await until(() => logger.lines.some((line) => line.includes('/api/customers')), 'the hang-up is logged');
      const levels = logger.lines.filter((line) => line.includes('/api/customers')).map((line) => (JSON.parse(line) as { level: string }).level);
      assert.ok(levels.every((level) => level === 'info' || level === 'debug'), `levels: ${levels.join(', ')}`);
    });
  });

  it('minor: the anonymous /readyz 503 on Cosmos DB does not name the endpoint (the log does)', async function () {
    this.timeout(20_000);
    const server = await startCosmosServer();
    const store = await CosmosStore.open({ endpoint: server.endpoint, key: 'test-key', databaseId: 'esd-readyz' });
    const logger = memoryLogger('debug');
    const app = await startApp({ config: TEST_CONFIG, store, logger });
    try {
      await server.stop();
      const res = await fetch(`${app.url}/readyz`);
      assert.equal(res.status, 503);
      const text = await res.text();
      const { host } = new URL(server.endpoint);
      assert.equal((JSON.parse(text) as { error: { code: string } }).error.code, 'unavailable');
      assert.ok(!text.includes(host) && !text.includes(new URL(server.endpoint).port), `the answer names the endpoint: ${text}`);
      assert.ok(logger.lines.some((line) => line.includes(host)), 'the log keeps the reason');
    } finally {
      // Stopping tries to give the sweep's lease back, which fails with the store gone: it still stops (and closes).
      await app.stop();
    }
  });
});
