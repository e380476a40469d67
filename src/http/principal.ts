/**
 * Who is calling the REST API: the result of checking the `Authorization: Bearer <token>` header against the
 * API keys (`API_KEYS`) or a Microsoft Entra ID access token (`ENTRA_*`). Routes decide with `roles` alone.
 */
import type { Role } from '../domain/types';

export interface Principal {
  /** `apikey:<name>` for an API key; the token's `oid` (or `sub`) for Entra ID. */
  id: string;
  /** The key's name, or the token's `name` / `preferred_username` / `azp`. */
  name: string;
  /** An API key has exactly one role; a token the roles of its `roles` claim we know (possibly none). */
  roles: Role[];
  via: 'apiKey' | 'entra';
}

export type AuthResult =
  | { ok: true; principal: Principal }
  /** Always 401: no token, an unknown key, a bad signature, expired, wrong audience or issuer. */
  | { ok: false; message: string };

export interface Authenticator {
  authenticate(authorizationHeader: string | undefined): Promise<AuthResult>;
}
