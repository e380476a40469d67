import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../../src/app';
import { memoryLogger } from '../../src/log/logger';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { StoreError, type Store } from '../../src/store/store';
import { LOCAL_BOT, postJson, startTestApp, teamsMessage, TEST_CONFIG } from '../common/app';
import { startRecordingConnector, type RecordingConnector } from '../common/recording-connector';

describe('HTTP server (real restify + CloudAdapter on 127.0.0.1:0)', () => {
  let dir: string;
  let store: SqliteStore;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let connector: RecordingConnector;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-http-'));
    store = SqliteStore.open({ file: path.join(dir, 'esd.sqlite') });
    app = await startTestApp(store);
    connector = await startRecordingConnector();
  });

  afterEach(async () => {
    await app.stop();
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('GET /healthz answers 200 {"status":"ok"}', async () => {
    const res = await fetch(`${app.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('GET /readyz answers 200 while the store answers', async () => {
    const res = await fetch(`${app.url}/readyz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('an unknown route gets the contract error body with 404', async () => {
    const res = await fetch(`${app.url}/api/nothing-here`);
    assert.equal(res.status, 404);
    const body = (await res.json()) as { error: { code: string; message: string; details: unknown[] } };
    assert.equal(body.error.code, 'not_found');
    assert.deepEqual(body.error.details, []);
  });

  it('a message gets the help card, sent back through the Bot Connector (never silence)', async () => {
    const res = await postJson(`${app.url}/api/messages`, teamsMessage(connector.serviceUrl, 'what is this?'));
    assert.ok(res.status === 200 || res.status === 201, `status ${res.status}`);
    const [sent] = await connector.waitFor(1);
    assert.ok(sent);
    assert.equal(sent.method, 'POST');
    assert.match(sent.path, /^\/v3\/conversations\/a%3Apersonal-29%3Aaad-alice\/activities/);
    const attachments = sent.body.attachments as {
      contentType: string; content: { version: string; body: { type: string; facts?: { title: string }[] }[] };
    }[];
    assert.equal(attachments[0]?.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(attachments[0]?.content.version, '1.5');
    const facts = attachments[0]?.content.body.find((b) => b.type === 'FactSet')?.facts?.map((f) => f.title);
    // Someone the directory does not know yet: no Gateway command, and a notice saying why.
    assert.deepEqual(facts, ['help', 'upcoming', 'customer [name or tenant id]']);
  });

  it('a body that is not JSON gets 400 validation; one over 256 KB gets 413', async () => {
    const bad = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'validation');
    const big = await postJson(`${app.url}/api/messages`, { type: 'message', text: 'x'.repeat(300 * 1024) });
    assert.equal(big.status, 413);
    assert.equal(((await big.json()) as { error: { code: string } }).error.code, 'payload_too_large');
    assert.equal(connector.requests.length, 0, 'nothing reached the bot');
  });
});

describe('HTTP server: readiness, auth and stopping', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-http-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The real SQLite store, whose ping can be made to fail or to take a while. */
  function storeWithPing(ping: () => Promise<void>): Store {
    const store = SqliteStore.open({ file: path.join(dir, 'esd.sqlite') });
    return Object.assign(Object.create(store) as Store, { ping, close: () => store.close() });
  }

  it('GET /readyz answers 503 with the reason when the store does not answer', async () => {
    const app = await startTestApp(storeWithPing(async () => { throw new StoreError('unavailable', 'database offline'); }));
    try {
      const res = await fetch(`${app.url}/readyz`);
      assert.equal(res.status, 503);
      const body = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'unavailable');
      assert.match(body.error.message, /database offline/);
    } finally {
      await app.stop();
    }
  });

  describe('defect 6 (issue 9): /readyz on SQLite checks the database file is the one opened and readable', () => {
    const file = (): string => path.join(dir, 'esd.sqlite');
    async function readyAfter(harm: () => void): Promise<{ status: number; message?: string }> {
      const app = await startTestApp(SqliteStore.open({ file: file() }));
      try {
        assert.equal((await fetch(`${app.url}/readyz`)).status, 200);
        harm();
        const res = await fetch(`${app.url}/readyz`);
        const body = (await res.json()) as { error?: { code: string; message: string } };
        if (res.status === 503) assert.equal(body.error?.code, 'unavailable');
        return { status: res.status, message: body.error?.message };
      } finally {
        await app.stop();
      }
    }

    it('503 once the database file is deleted under the running process', async () => {
      const answer = await readyAfter(() => fs.rmSync(file()));
      assert.equal(answer.status, 503);
      assert.ok(!answer.message?.includes(dir), 'the anonymous answer does not name the file');
    });

    it('503 once the database file is replaced by another file', async () => {
      const answer = await readyAfter(() => {
        fs.renameSync(file(), `${file()}.old`);
        fs.copyFileSync(`${file()}.old`, file());
      });
      assert.equal(answer.status, 503);
    });

    it('503 once the database file is overwritten with garbage', async () => {
      const answer = await readyAfter(() => {
        const size = fs.statSync(file()).size;
        fs.writeFileSync(file(), Buffer.alloc(size, 0x5a));
      });
      assert.equal(answer.status, 503);
    });

    it('503 once the database file is truncated to nothing', async () => {
      const answer = await readyAfter(() => fs.truncateSync(file(), 0));
      assert.equal(answer.status, 503);
    });
  });

  it('stop lets an in-flight request finish, then closes the store', async () => {
    let closed = false;
    let release: () => void = () => undefined;
    let entered: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const pinged = new Promise<void>((resolve) => { entered = resolve; });
    const store = storeWithPing(() => { entered(); return gate; });
    const close = store.close.bind(store);
    store.close = async () => { closed = true; await close(); };
    const app = await startTestApp(store);
    const inFlight = fetch(`${app.url}/readyz`);
    await pinged; // the request is inside the server, waiting on the store
    const stopped = app.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(closed, false, 'the store stays open while a request is in flight');
    release();
    const res = await inFlight;
    assert.equal(res.status, 200);
    await stopped;
    assert.equal(closed, true);
    await assert.rejects(fetch(`${app.url}/healthz`), 'no longer accepting');
  });

  it('with MicrosoftAppId set, /api/messages without a Bot Framework token gets 401', async () => {
    const store = SqliteStore.open({ file: path.join(dir, 'esd.sqlite') });
    const app = await startApp({
      config: {
        ...TEST_CONFIG, shutdownTimeoutMs: 1000,
        bot: { ...LOCAL_BOT, appId: '11111111-2222-4333-8444-555555555555', appPassword: 'not-a-real-secret' },
      },
      store,
      logger: memoryLogger('error'),
    });
    try {
      const res = await postJson(`${app.url}/api/messages`, teamsMessage('http://127.0.0.1:9/', 'help'));
      assert.equal(res.status, 401);
    } finally {
      await app.stop();
    }
  });
});
