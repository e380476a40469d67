/**
 * Who may call a secured route: the bearer token goes through the Authenticator (401 without a valid one), then
 * the principal needs one of the route's roles (403 otherwise). Nothing reaches a handler before both.
 */
import type { Role } from '../domain/types';
import { HttpError } from './errors';
import type { Authenticator } from './principal';
import type { Caller } from './route';

/** The role recorded as the actor's: admin when it may act as admin, else the first of the route's it holds. */
export function actingRole(allowed: readonly Role[], held: readonly Role[]): Role | undefined {
  const granted = allowed.filter((role) => held.includes(role));
  return granted.includes('admin') ? 'admin' : granted[0];
}

export async function authorize(
  authenticator: Authenticator, authorization: string | undefined, allowed: readonly Role[],
): Promise<Caller> {
  const result = await authenticator.authenticate(authorization);
  if (!result.ok) {
    // RFC 6750: a challenge always; `invalid_token` only when a token was presented.
    const challenge = authorization?.trim() ? 'Bearer realm="esd-bot", error="invalid_token"' : 'Bearer realm="esd-bot"';
    throw new HttpError('unauthorized', result.message, [], { 'WWW-Authenticate': challenge });
  }
  const { principal } = result;
  const role = actingRole(allowed, principal.roles);
  if (!role) throw new HttpError('forbidden', `This needs the role ${allowed.join(' or ')}.`);
  return { principal, actor: { aadObjectId: principal.id, name: principal.name, role } };
}
