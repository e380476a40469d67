/**
 * Issue 9, defect 7: what arrives on /api/messages that is not a Bot Framework activity, or carries a bad token,
 * gets a 4xx with the contract's error body (an unreachable Bot Framework metadata endpoint a 503), never a 500,
 * and changes nothing: no reply sent, no directory entry written.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { startApp } from '../../src/app';
import { memoryLogger } from '../../src/log/logger';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { LOCAL_BOT, postJson, startTestApp, teamsMessage, TEST_CONFIG } from '../common/app';
import { startRecordingConnector, type RecordingConnector } from '../common/recording-connector';

interface ErrorAnswer { status: number; code?: string; retryAfter: string | null }

async function answer(res: Response): Promise<ErrorAnswer> {
  const text = await res.text();
  const body = text ? (JSON.parse(text) as { error?: { code: string } }) : {};
  return { status: res.status, code: body.error?.code, retryAfter: res.headers.get('retry-after') };
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A port nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('/api/messages: malformed activities and bad tokens (issue 9, defect 7)', () => {
  describe('malformed activities get 400 validation, not 500', () => {
    let store: SqliteStore;
    let app: Awaited<ReturnType<typeof startTestApp>>;
    let connector: RecordingConnector;

    beforeEach(async () => {
      store = SqliteStore.open({ file: ':memory:' });
      app = await startTestApp(store);
      connector = await startRecordingConnector();
    });
    afterEach(async () => {
      await app.stop();
      await connector.stop();
    });

    const malformed: [string, (activity: Record<string, unknown>) => void][] = [
      ['no conversation', (a) => { delete a.conversation; }],
      ['conversation.id an object', (a) => { a.conversation = { id: { nested: true } }; }],
      ['conversation a string', (a) => { a.conversation = 'a:1'; }],
      ['from.aadObjectId a number', (a) => { a.from = { id: '29:x', aadObjectId: 42, name: 'X' }; }],
      ['from an array', (a) => { a.from = []; }],
      ['no serviceUrl', (a) => { delete a.serviceUrl; }],
      ['serviceUrl garbage', (a) => { a.serviceUrl = 'not a url at all'; }],
      ['serviceUrl a number', (a) => { a.serviceUrl = 12; }],
      ['serviceUrl not http(s)', (a) => { a.serviceUrl = 'file:///etc/passwd'; }],
    ];
    for (const [name, spoil] of malformed) {
      it(`defect 7: ${name} -> 400 validation, nothing sent, nothing stored`, async () => {
        const activity = teamsMessage(connector.serviceUrl, 'help') as unknown as Record<string, unknown>;
        spoil(activity);
        const got = await answer(await postJson(`${app.url}/api/messages`, activity));
        assert.deepEqual(got, { status: 400, code: 'validation', retryAfter: null });
        assert.deepEqual(await store.listPeople(), []);
        assert.equal(connector.requests.length, 0);
      });
    }

    it('a well-formed activity still gets its answer', async () => {
      const res = await postJson(`${app.url}/api/messages`, teamsMessage(connector.serviceUrl, 'help'));
      assert.ok(res.status === 200 || res.status === 201, `status ${res.status}`);
      await connector.waitFor(1);
    });
  });

  describe('in production (MicrosoftAppId set)', () => {
    const APP_ID = '11111111-2222-4333-8444-555555555555';
    let store: SqliteStore;
    let app: Awaited<ReturnType<typeof startApp>>;
    // The Bot Framework's OpenID metadata is fetched once per URL into a process-wide cache; the tests point the
    // channel's URL at a port nothing listens on (an unreachable endpoint), and put back what was there.
    const CHANNEL_METADATA = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { JwtTokenExtractor } = require('botframework-connector/lib/auth/jwtTokenExtractor') as {
      JwtTokenExtractor: { openIdMetadataCache: Map<string, unknown> };
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { OpenIdMetadata } = require('botframework-connector/lib/auth/openIdMetadata') as {
      OpenIdMetadata: new (url: string) => unknown;
    };
    let previous: unknown;

    beforeEach(async () => {
      previous = JwtTokenExtractor.openIdMetadataCache.get(CHANNEL_METADATA);
      JwtTokenExtractor.openIdMetadataCache.set(CHANNEL_METADATA, new OpenIdMetadata(`http://127.0.0.1:${await closedPort()}/openid`));
      store = SqliteStore.open({ file: ':memory:' });
      app = await startApp({
        config: { ...TEST_CONFIG, shutdownTimeoutMs: 1000, bot: { ...LOCAL_BOT, appId: APP_ID, appPassword: 'not-a-real-secret' } },
        store,
        logger: memoryLogger('error'),
      });
    });
    afterEach(async () => {
      await app.stop();
      if (previous === undefined) JwtTokenExtractor.openIdMetadataCache.delete(CHANNEL_METADATA);
      else JwtTokenExtractor.openIdMetadataCache.set(CHANNEL_METADATA, previous);
    });

    const post = (authorization: string): Promise<Response> =>
      postJson(`${app.url}/api/messages`, teamsMessage('https://smba.trafficmanager.net/emea/', 'help'), { authorization });
    const claims = { iss: 'https://api.botframework.com', aud: APP_ID, exp: Math.floor(Date.now() / 1000) + 3600 };

    it('defect 7: a JWT with alg none -> 401 unauthorized, not 500', async () => {
      const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
      assert.deepEqual(await answer(await post(`Bearer ${token}`)), { status: 401, code: 'unauthorized', retryAfter: null });
      assert.deepEqual(await store.listPeople(), []);
    });

    it('defect 7: a bearer that is not a JWT, or another scheme -> 401 unauthorized', async () => {
      for (const header of ['Bearer not-a-jwt', 'Bearer a.b.c', 'Basic dXNlcjpwYXNz', `Bearer ${base64url({ alg: 'HS256', kid: 'k' })}.${base64url(claims)}.c2ln`]) {
        assert.deepEqual(await answer(await post(header)), { status: 401, code: 'unauthorized', retryAfter: null }, header);
      }
    });

    it('defect 7: an unreachable Bot Framework metadata endpoint -> 503 with Retry-After, not 500', async () => {
      const token = `${base64url({ alg: 'RS256', kid: 'key-1', typ: 'JWT' })}.${base64url(claims)}.${Buffer.from('sig').toString('base64url')}`;
      const got = await answer(await post(`Bearer ${token}`));
      assert.equal(got.status, 503);
      assert.equal(got.code, 'unavailable');
      assert.match(got.retryAfter ?? '', /^\d+$/);
      assert.deepEqual(await store.listPeople(), []);
    });
  });
});
