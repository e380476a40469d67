/**
 * A loopback Microsoft Entra ID for tests: a JWKS endpoint on 127.0.0.1:0 that counts what it is asked, and RS256
 * access tokens signed with its key for the app's configured tenant and audience.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { EntraConfig } from '../../src/config';

export interface JwksServer {
  uri: string;
  requests: number;
  stop(): Promise<void>;
}

export async function startJwksServer(jwk: JWK): Promise<JwksServer> {
  const state = { requests: 0 };
  const server = http.createServer((_req, res) => {
    state.requests += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    uri: `http://127.0.0.1:${port}/keys`,
    get requests() { return state.requests; },
    stop: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}

export interface TestEntra {
  /** The app's ENTRA_* settings for this issuer. */
  config: EntraConfig;
  /** A valid access token (an hour from `now`) with these claims, e.g. `{ oid, name, roles: ['fm'] }`. */
  token(claims: JWTPayload): Promise<string>;
  stop(): Promise<void>;
}

const TENANT = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const KID = 'test-entra-key';

/** An Entra tenant whose tokens the app accepts, as of `now` (the app's clock is not the token checker's). */
export async function startTestEntra(now: Date = new Date()): Promise<TestEntra> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwks = await startJwksServer({ ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' });
  const config: EntraConfig = {
    tenantId: TENANT, audience: 'api://esd-bot', issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`, jwksUri: jwks.uri,
  };
  const seconds = Math.floor(now.getTime() / 1000);
  return {
    config,
    token: (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
      .setIssuer(config.issuer).setAudience(config.audience).setIssuedAt(seconds - 60).setExpirationTime(seconds + 3600)
      .sign(privateKey),
    stop: () => jwks.stop(),
  };
}
