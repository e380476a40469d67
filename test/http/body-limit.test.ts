/**
 * Issue 9, defect 4: a body over the limit is refused as soon as the limit is passed, not after the client sent it
 * all (a client dripping a large body kept a request open and streamed megabytes before its 413).
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { startApp } from '../../src/app';
import { memoryLogger } from '../../src/log/logger';
import { MAX_BODY_BYTES } from '../../src/http/server';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { bearer, LOCAL_BOT, TEST_CONFIG } from '../common/app';

const CHUNK = 64 * 1024;
/** What the client is willing to send at most: far more than the limit. */
const CLIENT_BUDGET = 64 * CHUNK;

/**
 * Sends a chunked body of `CHUNK`-byte pieces, one after the other, until the server answers (or closes) or the
 * budget is spent; returns the answer and how many body bytes were sent before it came.
 */
async function drip(url: string, path: string, headers: string): Promise<{ answer: string; sent: number }> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
  let answer = '';
  let closed = false;
  socket.on('data', (chunk: Buffer) => { answer += chunk.toString('utf8'); });
  socket.on('close', () => { closed = true; });
  socket.on('error', () => { closed = true; });
  socket.write(`POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${headers}Transfer-Encoding: chunked\r\n\r\n`);
  let sent = 0;
  const piece = `${CHUNK.toString(16)}\r\n${'x'.repeat(CHUNK)}\r\n`;
  while (answer === '' && !closed && sent < CLIENT_BUDGET) {
    await new Promise<void>((resolve) => socket.write(piece, () => resolve()));
    sent += CHUNK;
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!closed) {
    socket.end('0\r\n\r\n');
    await new Promise<void>((resolve) => { if (closed) resolve(); else socket.on('close', () => resolve()); });
  }
  return { answer, sent };
}

describe('body limits enforced while reading (issue 9, defect 4)', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeEach(async () => {
    app = await startApp({ config: TEST_CONFIG, store: SqliteStore.open({ file: ':memory:' }), logger: memoryLogger('error') });
  });
  afterEach(async () => { await app.stop(); });

  for (const [path, headers] of [['/api/customers', `Authorization: ${bearer('gateway')}\r\n`], ['/api/messages', '']] as const) {
    it(`defect 4: POST ${path} with a dripped body gets 413 once the limit is passed, before the client sent it all`, async () => {
      const { answer, sent } = await drip(app.url, path, headers);
      assert.match(answer, /^HTTP\/1\.1 413 /);
      assert.match(answer, /"payload_too_large"/);
      assert.ok(sent < CLIENT_BUDGET, `the client sent all ${sent} bytes before the answer`);
      assert.ok(sent <= MAX_BODY_BYTES + 8 * CHUNK, `the client sent ${sent} bytes before the answer`);
    });
  }
});

describe('/api/messages checks the token before reading a large body (issue 9, defect 4)', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeEach(async () => {
    app = await startApp({
      config: { ...TEST_CONFIG, bot: { ...LOCAL_BOT, appId: '11111111-2222-4333-8444-555555555555', appPassword: 'not-a-real-secret' } },
      store: SqliteStore.open({ file: ':memory:' }),
      logger: memoryLogger('error'),
    });
  });
  afterEach(async () => { await app.stop(); });

  const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
  for (const [what, headers] of [['no token', ''], ['an alg none token', `Authorization: Bearer ${none}\r\n`]] as const) {
    it(`defect 4: with ${what}, a dripped body gets 401 before it is read`, async () => {
      const { answer, sent } = await drip(app.url, '/api/messages', headers);
      assert.match(answer, /^HTTP\/1\.1 401 /);
      assert.match(answer, /"unauthorized"/);
      assert.ok(sent < MAX_BODY_BYTES, `the client sent ${sent} bytes before the answer`);
    });
  }
});
