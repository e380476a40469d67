/**
 * The REST API's authenticator (contract in ./principal.ts): a bearer token is either one of the configured API keys
 * or, when the ENTRA_* settings are given, a Microsoft Entra ID access token verified against the tenant's JWKS.
 * Neither a token nor a secret ever reaches a log line or a message.
 */
import { timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { hashSecret, type ApiKey, type EntraConfig } from '../config';
import { cleanText, firstCharacters, MAX_NAME_LENGTH } from '../domain/text';
import { API_KEY_ACTOR_PREFIX, ROLES, type Role } from '../domain/types';
import type { Logger } from '../log/logger';
import type { AuthResult, Authenticator, Principal } from './principal';

export interface AuthenticatorOptions {
  apiKeys: ApiKey[];
  entra: EntraConfig | null;
  logger: Logger;
  /** For tests of expiry; passed to jose as `currentDate`. */
  now?: () => Date;
}

/**
 * A refused token writes a warn line (an error for unavailable signing keys) at most once per reason in this
 * interval, with how many of that reason were refused since its last line; the others go to debug, so a flood of
 * bad tokens cannot flood the log.
 */
export const REFUSAL_LOG_INTERVAL_MS = 60_000;

/**
 * Entra already back-dates `nbf` by five minutes, so the tolerance only stretches `exp`. Hosts synced by NTP drift
 * by well under a second; 30 s absorbs a badly synced dev machine or a slow request without meaningfully extending
 * a 60–90 minute token.
 */
const CLOCK_TOLERANCE_SECONDS = 30;

/** Why a request was refused: logged as is, and turned into the 401 message below. */
export type RefusalReason =
  | 'missing' | 'scheme' | 'empty' | 'unknownKey' | 'malformed' | 'expired' | 'notYetValid' | 'audience'
  | 'issuer' | 'claims' | 'algorithm' | 'signature' | 'noSubject' | 'keysUnavailable';

const MESSAGES: Record<RefusalReason, string> = {
  missing: 'Authorization header missing: send "Authorization: Bearer <token>".',
  scheme: 'Authorization must be "Bearer <token>".',
  empty: 'The bearer token is empty.',
  unknownKey: 'The bearer token is not a valid API key.',
  malformed: 'The access token is malformed.',
  expired: 'The access token has expired.',
  notYetValid: 'The access token is not valid yet.',
  audience: 'The access token was issued for another audience.',
  issuer: 'The access token has the wrong issuer.',
  claims: 'The access token has a missing or invalid claim.',
  algorithm: 'The access token must be signed with RS256.',
  signature: 'The access token signature does not verify.',
  noSubject: 'The access token names no subject (oid or sub).',
  keysUnavailable: 'The access token could not be checked: the token signing keys are unavailable.',
};

// RFC 7235: the scheme is case-insensitive; the token is one run of non-space characters.
const BEARER_RE = /^bearer(?:\s+(\S*))?\s*$/i;
const JWT_RE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const { apiKeys, entra, logger } = options;
  const now = options.now ?? (() => new Date());
  // One key set for the process: jose caches the keys and refetches at most once per cooldown (30 s) on an unknown
  // `kid`, and only ever from this URL (it does not follow redirects nor the token's own `jku`).
  const verifyJwt = entra ? jwtVerifier(entra, now) : null;

  const lastLine = new Map<RefusalReason, { at: number; since: number }>();
  const refuse = (reason: RefusalReason, fields: Record<string, unknown> = {}): AuthResult => {
    const at = now().getTime();
    const last = lastLine.get(reason);
    if (last && at - last.at < REFUSAL_LOG_INTERVAL_MS && at >= last.at) {
      last.since += 1;
      logger.debug('api authentication refused', { reason, ...fields });
    } else {
      const level = reason === 'keysUnavailable' ? 'error' : 'warn';
      logger[level]('api authentication refused', { reason, ...fields, ...(last ? { refusedSinceLastLine: last.since } : {}) });
      lastLine.set(reason, { at, since: 0 });
    }
    return { ok: false, message: MESSAGES[reason] };
  };

  return {
    async authenticate(header) {
      if (header === undefined || header.trim() === '') return refuse('missing');
      const match = BEARER_RE.exec(header.trim());
      if (!match) return refuse('scheme');
      const token = match[1] ?? '';
      if (token === '') return refuse('empty');

      const key = findApiKey(apiKeys, token);
      if (key) return { ok: true, principal: apiKeyPrincipal(key) };
      // Without Entra settings a JWT is just another unknown key.
      if (!verifyJwt || !JWT_RE.test(token)) return refuse('unknownKey');
      return verifyJwt(token, refuse);
    },
  };
}

/**
 * Compares the token's hash with every key's, never stopping at a match, so the time taken says nothing about which
 * key matched or how many there are. Hashes are SHA-256, so the lengths always agree.
 */
function findApiKey(apiKeys: readonly ApiKey[], token: string): ApiKey | undefined {
  const presented = hashSecret(token);
  let found: ApiKey | undefined;
  for (const key of apiKeys) {
    const equal = key.hash.length === presented.length && timingSafeEqual(key.hash, presented);
    if (equal && !found) found = key;
  }
  return found;
}

function apiKeyPrincipal(key: ApiKey): Principal {
  return { id: `${API_KEY_ACTOR_PREFIX}${key.name}`, name: key.name, roles: [key.role], via: 'apiKey' };
}

type Refuse = (reason: RefusalReason, fields?: Record<string, unknown>) => AuthResult;

function jwtVerifier(entra: EntraConfig, now: () => Date) {
  const keys = createRemoteJWKSet(new URL(entra.jwksUri));
  return async (token: string, refuse: Refuse): Promise<AuthResult> => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: entra.issuer,
        audience: entra.audience,
        algorithms: ['RS256'],
        // Without `exp` a token would never expire; Entra always sets it.
        requiredClaims: ['exp'],
        currentDate: now(),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      return refuseVerification(error, refuse);
    }
    const principal = entraPrincipal(payload);
    return principal ? { ok: true, principal } : refuse('noSubject', { via: 'entra' });
  };
}

function refuseVerification(error: unknown, refuse: Refuse): AuthResult {
  const reason = verificationReason(error);
  const fields: Record<string, unknown> = { via: 'entra' };
  // Claim errors come after the signature checked out, so the oid is genuine; otherwise it could be anything.
  if (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired) {
    const oid = error.payload['oid'];
    if (typeof oid === 'string') fields['oid'] = oid;
    fields['claim'] = error.claim;
  }
  // jose's and fetch's messages carry neither the token nor a secret; the operator needs them to fix the JWKS URI.
  if (reason === 'keysUnavailable') fields['error'] = error instanceof Error ? error.message : String(error);
  return refuse(reason, fields);
}

function verificationReason(error: unknown): RefusalReason {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    const byClaim: Record<string, RefusalReason> = { aud: 'audience', iss: 'issuer', nbf: 'notYetValid' };
    return byClaim[error.claim] ?? 'claims';
  }
  if (!(error instanceof errors.JOSEError)) return 'keysUnavailable'; // fetch failed: DNS, refused, TLS
  switch (error.code) {
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'signature';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'algorithm';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return 'malformed';
    default:
      return 'keysUnavailable'; // ERR_JWKS_TIMEOUT, ERR_JWKS_INVALID, a non-200 or non-JSON JWKS response
  }
}

/** `null` when the token names no subject; roles we do not know are ignored (routes then answer 403). */
function entraPrincipal(payload: JWTPayload): Principal | null {
  const id = stringClaim(payload, 'oid') ?? stringClaim(payload, 'sub');
  if (!id) return null;
  const shown = stringClaim(payload, 'name') ?? stringClaim(payload, 'preferred_username') ?? stringClaim(payload, 'azp');
  const name = firstCharacters(cleanText(shown ?? '', true), MAX_NAME_LENGTH) || id;
  return { id, name, roles: mapRoles(payload['roles']), via: 'entra' };
}

/** App roles map by exact name, case-insensitively (`Gateway` → `gateway`); anything else is ignored. */
function mapRoles(claim: unknown): Role[] {
  if (!Array.isArray(claim)) return [];
  const wanted = new Set(claim.filter((r): r is string => typeof r === 'string').map((r) => r.toLowerCase()));
  return ROLES.filter((role) => wanted.has(role));
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
