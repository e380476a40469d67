import assert from 'node:assert/strict';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { hashSecret, type EntraConfig } from '../../src/config';
import { createAuthenticator } from '../../src/http/auth';
import type { AuthResult, Authenticator, Principal } from '../../src/http/principal';
import { memoryLogger } from '../../src/log/logger';
import { startJwksServer, type JwksServer } from '../common/entra';

const TENANT = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const AUDIENCE = 'api://esd-bot';
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const KID = 'test-key-1';
const OID = '11111111-2222-3333-4444-555555555555';
const SECRET = 'gateway-secret-of-at-least-32-chars';
const NOW = new Date('2026-11-30T10:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

async function sign(key: CryptoKey, claims: JWTPayload, overrides: { aud?: string; iss?: string; exp?: number } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
    .setIssuer(overrides.iss ?? ISSUER)
    .setAudience(overrides.aud ?? AUDIENCE)
    .setSubject('pairwise-subject')
    .setIssuedAt(nowSeconds - 60)
    .setNotBefore(nowSeconds - 300)
    .setExpirationTime(overrides.exp ?? nowSeconds + 3600)
    .sign(key);
}

function principalOf(result: AuthResult): Principal {
  if (!result.ok) assert.fail(`expected a principal, got "${result.message}"`);
  return result.principal;
}

function refusalOf(result: AuthResult): string {
  if (result.ok) assert.fail(`expected a refusal, got ${result.principal.id}`);
  return result.message;
}

describe('HTTP authenticator (API keys + Entra ID tokens against a loopback JWKS)', () => {
  let privateKey: CryptoKey;
  let otherPrivateKey: CryptoKey;
  let jwks: JwksServer;
  let entra: EntraConfig;
  let logger: ReturnType<typeof memoryLogger>;
  let auth: Authenticator;

  before(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    otherPrivateKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
    jwks = await startJwksServer(jwk);
    entra = { tenantId: TENANT, audience: AUDIENCE, issuer: ISSUER, jwksUri: jwks.uri };
  });

  after(async () => {
    await jwks.stop();
  });

  beforeEach(() => {
    logger = memoryLogger();
    auth = createAuthenticator({
      apiKeys: [
        { name: 'gw', role: 'gateway', hash: hashSecret(SECRET) },
        { name: 'ops', role: 'admin', hash: hashSecret('admin-secret-of-at-least-32-chars') },
      ],
      entra,
      logger,
      now: () => NOW,
    });
  });

  describe('Entra ID tokens', () => {
    it('a valid token with roles ["Gateway"] gives roles ["gateway"], id = oid, name = name', async () => {
      const token = await sign(privateKey, { oid: OID, name: 'Gale Gateway', roles: ['Gateway'] });
      const principal = principalOf(await auth.authenticate(`Bearer ${token}`));
      assert.deepEqual(principal, { id: OID, name: 'Gale Gateway', roles: ['gateway'], via: 'entra' });
    });

    it('without oid the id is sub; the name falls back to preferred_username, then azp, then the id', async () => {
      const withUpn = await sign(privateKey, { preferred_username: 'gale@contoso.com' });
      assert.deepEqual(principalOf(await auth.authenticate(`Bearer ${withUpn}`)).name, 'gale@contoso.com');
      const withAzp = await sign(privateKey, { azp: 'client-app' });
      const principal = principalOf(await auth.authenticate(`Bearer ${withAzp}`));
      assert.equal(principal.id, 'pairwise-subject');
      assert.equal(principal.name, 'client-app');
      const bare = await sign(privateKey, {});
      assert.equal(principalOf(await auth.authenticate(`Bearer ${bare}`)).name, 'pairwise-subject');
    });

    it('a token without a roles claim is authenticated with roles [] (routes answer 403)', async () => {
      const token = await sign(privateKey, { oid: OID });
      assert.deepEqual(principalOf(await auth.authenticate(`Bearer ${token}`)).roles, []);
    });

    it('unknown roles are ignored, known ones kept once each in any case', async () => {
      const token = await sign(privateKey, { oid: OID, roles: ['ESD.Gateway', 'Reader', 'ADMIN', 'admin', 'fm'] });
      assert.deepEqual(principalOf(await auth.authenticate(`Bearer ${token}`)).roles, ['fm', 'admin']);
    });

    it('an expired token is refused, saying it expired', async () => {
      const token = await sign(privateKey, { oid: OID, roles: ['Gateway'] }, { exp: nowSeconds - 120 });
      assert.match(refusalOf(await auth.authenticate(`Bearer ${token}`)), /expired/);
      assert.match(logger.lines.at(-1) ?? '', /"reason":"expired".*"oid":"11111111-/);
    });

    it('a token expired by less than the clock tolerance still passes', async () => {
      const token = await sign(privateKey, { oid: OID }, { exp: nowSeconds - 10 });
      assert.equal((await auth.authenticate(`Bearer ${token}`)).ok, true);
    });

    it('a token for another audience is refused, saying so', async () => {
      const token = await sign(privateKey, { oid: OID }, { aud: 'api://someone-else' });
      assert.match(refusalOf(await auth.authenticate(`Bearer ${token}`)), /audience/);
    });

    it('a token from another issuer is refused, saying so', async () => {
      const token = await sign(privateKey, { oid: OID }, { iss: 'https://login.microsoftonline.com/other/v2.0' });
      assert.match(refusalOf(await auth.authenticate(`Bearer ${token}`)), /issuer/);
    });

    it('a token signed by another key under the same kid is refused for its signature', async () => {
      const token = await sign(otherPrivateKey, { oid: 'forged-oid', roles: ['admin'] });
      assert.match(refusalOf(await auth.authenticate(`Bearer ${token}`)), /signature/);
      // The forged token's claims are not trusted, so not logged.
      assert.doesNotMatch(logger.lines.join('\n'), /forged-oid/);
    });

    it('a token with another algorithm is refused', async () => {
      const hs = await new SignJWT({ oid: OID }).setProtectedHeader({ alg: 'HS256', kid: KID })
        .setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime(nowSeconds + 3600)
        .sign(new Uint8Array(32).fill(7));
      assert.match(refusalOf(await auth.authenticate(`Bearer ${hs}`)), /RS256/);
    });

    it('a token with no exp is refused (it would never expire)', async () => {
      const token = await new SignJWT({ oid: OID }).setProtectedHeader({ alg: 'RS256', kid: KID })
        .setIssuer(ISSUER).setAudience(AUDIENCE).sign(privateKey);
      assert.equal((await auth.authenticate(`Bearer ${token}`)).ok, false);
    });

    it('a JWT-shaped token that does not decode is refused as malformed', async () => {
      assert.match(refusalOf(await auth.authenticate('Bearer abc.def.ghi')), /malformed/);
    });

    it('unreachable signing keys refuse the token and log an error for the operator', async () => {
      const closed = await startJwksServer({});
      await closed.stop();
      const down = createAuthenticator({
        apiKeys: [], entra: { ...entra, jwksUri: closed.uri }, logger, now: () => NOW,
      });
      const token = await sign(privateKey, { oid: OID });
      assert.match(refusalOf(await down.authenticate(`Bearer ${token}`)), /signing keys/);
      assert.match(logger.lines.at(-1) ?? '', /"level":"error".*"reason":"keysUnavailable"/);
    });
  });

  describe('malformed headers', () => {
    for (const [label, header, expected] of [
      ['a missing header', undefined, /missing/],
      ['an empty header', '', /missing/],
      ['the Basic scheme', 'Basic Z3c6c2VjcmV0', /Bearer <token>/],
      ['an empty bearer', 'Bearer ', /empty/],
      ['a bearer with two tokens', `Bearer ${SECRET} ${SECRET}`, /Bearer <token>/],
      ['a random string', 'nonsense', /Bearer <token>/],
      ['a random bearer', 'Bearer 0123456789abcdef', /API key/],
    ] as const) {
      it(`${label} is refused`, async () => {
        assert.match(refusalOf(await auth.authenticate(header)), expected);
        assert.match(logger.lines.at(-1) ?? '', /"level":"warn"/);
      });
    }
  });

  describe('API keys', () => {
    it('the right secret gives the key\'s principal, scheme in any case', async () => {
      const expected = { id: 'apikey:gw', name: 'gw', roles: ['gateway'], via: 'apiKey' };
      assert.deepEqual(principalOf(await auth.authenticate(`Bearer ${SECRET}`)), expected);
      assert.deepEqual(principalOf(await auth.authenticate(`bearer  ${SECRET} `)), expected);
      assert.equal(principalOf(await auth.authenticate('Bearer admin-secret-of-at-least-32-chars')).id, 'apikey:ops');
    });

    for (const [label, token] of [
      ['a wrong secret', 'not-the-secret-at-all-but-long-enough'],
      ['a prefix of the right secret', SECRET.slice(0, -1)],
      ['the right secret plus a character', `${SECRET}x`],
    ] as const) {
      it(`${label} is refused`, async () => {
        assert.match(refusalOf(await auth.authenticate(`Bearer ${token}`)), /API key/);
      });
    }

    it('with entra: null a JWT is just an unknown API key', async () => {
      const keysOnly = createAuthenticator({ apiKeys: [], entra: null, logger });
      const token = await sign(privateKey, { oid: OID, roles: ['admin'] });
      assert.match(refusalOf(await keysOnly.authenticate(`Bearer ${token}`)), /API key/);
    });
  });

  it('the JWKS endpoint is fetched only once a JWT is presented, then cached', async () => {
    const pair = await generateKeyPair('RS256');
    const server = await startJwksServer({ ...(await exportJWK(pair.publicKey)), kid: KID });
    try {
      const fresh = createAuthenticator({
        apiKeys: [{ name: 'gw', role: 'gateway', hash: hashSecret(SECRET) }],
        entra: { ...entra, jwksUri: server.uri },
        logger,
        now: () => NOW,
      });
      await fresh.authenticate(`Bearer ${SECRET}`);
      await fresh.authenticate('Bearer wrong-secret-that-is-long-enough');
      await fresh.authenticate(undefined);
      assert.equal(server.requests, 0);
      const token = await sign(pair.privateKey, { oid: OID });
      assert.equal((await fresh.authenticate(`Bearer ${token}`)).ok, true);
      assert.equal((await fresh.authenticate(`Bearer ${token}`)).ok, true);
      assert.equal(server.requests, 1);
    } finally {
      await server.stop();
    }
  });

  it('minor item of issue 9: a flood of refused tokens writes one warn line per reason per minute, the rest at debug', async () => {
    let now = NOW;
    const flood = createAuthenticator({
      apiKeys: [{ name: 'gw', role: 'gateway', hash: hashSecret(SECRET) }], entra: null, logger, now: () => now,
    });
    const warnLines = (): string[] => logger.lines.filter((l) => /"level":"(warn|error)"/.test(l));
    for (let i = 0; i < 100; i++) {
      refusalOf(await flood.authenticate(`Bearer not-a-key-${i}`));
      refusalOf(await flood.authenticate(undefined));
    }
    assert.equal(warnLines().length, 2, 'one line for the unknown keys, one for the missing header');
    assert.match(warnLines()[0] ?? '', /"reason":"unknownKey"/);
    assert.match(warnLines()[1] ?? '', /"reason":"missing"/);
    assert.equal(logger.lines.filter((l) => /"level":"debug".*"reason":"unknownKey"/.test(l)).length, 99,
      'the others are still there at debug');
    now = new Date(NOW.getTime() + 59_000);
    refusalOf(await flood.authenticate('Bearer still-not-a-key'));
    assert.equal(warnLines().length, 2, 'within the minute: no new warn line');
    now = new Date(NOW.getTime() + 61_000);
    refusalOf(await flood.authenticate('Bearer again-not-a-key'));
    assert.equal(warnLines().length, 3, 'a minute later: one more, counting the ones left out');
    assert.match(warnLines()[2] ?? '', /"reason":"unknownKey".*"refusedSinceLastLine":100/);
    assert.ok(principalOf(await flood.authenticate(`Bearer ${SECRET}`)), 'a good key still passes');
  });

  it('no log line or message contains a token or an API secret', async () => {
    const expired = await sign(privateKey, { oid: OID }, { exp: nowSeconds - 3600 });
    const forged = await sign(otherPrivateKey, { oid: OID });
    const wrongAudience = await sign(privateKey, { oid: OID }, { aud: 'api://other' });
    const presented = [expired, forged, wrongAudience, `${SECRET}x`, SECRET.slice(0, -1), 'abc.def.ghi'];
    const messages: string[] = [];
    for (const token of [...presented, SECRET]) {
      const result = await auth.authenticate(`Bearer ${token}`);
      if (!result.ok) messages.push(result.message);
    }
    assert.equal(logger.lines.length, presented.length);
    const written = [...logger.lines, ...messages].join('\n');
    for (const secret of [...presented, SECRET]) {
      assert.equal(written.includes(secret), false, 'a token or secret leaked into a log line or message');
    }
    // Nor any part of a JWT (the signature alone is a secret-ish value worth keeping out).
    for (const part of [expired, forged, wrongAudience].flatMap((t) => t.split('.'))) {
      assert.equal(written.includes(part), false);
    }
  });
});
