/**
 * The admin's side of the directory (PUT /api/people/{aadObjectId}): who someone is, their role and time zone.
 * The bot writes the other half (the conversation reference and whether the chat is reachable), so an admin's
 * write keeps it: read, merge, write with the etag, again on a conflict.
 */
import { isValidTimeZone } from '../domain/dates';
import { throwIfInvalid, type ErrorDetail } from '../domain/errors';
import { MAX_NAME_LENGTH, readText } from '../domain/text';
import { isOneOf, ROLES, type Person } from '../domain/types';
import type { Store } from '../store/store';
import type { Clock } from './clock';
import { retryOnConflict } from './optimistic-write';

export interface PersonInput {
  name?: unknown;
  email?: unknown;
  role?: unknown;
  timeZone?: unknown;
  partnerId?: unknown;
}

export interface PutPersonResult {
  person: Person;
  created: boolean;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+$/;

type Entry = Pick<Person, 'name' | 'email' | 'role' | 'timeZone' | 'partnerId'>;

/** The admin's fields, validated: a role, a real time zone, and a partner id for (and only for) partners (R9). */
function readPersonInput(input: PersonInput): Entry {
  const details: ErrorDetail[] = [];
  const name = readText(input.name, 'name', details, { required: true, max: MAX_NAME_LENGTH });
  const email = typeof input.email === 'string' ? input.email.trim() : '';
  if (!EMAIL_RE.test(email) || email.length > 254) details.push({ path: 'email', message: 'email must be an email address.' });
  if (!isOneOf(ROLES, input.role)) details.push({ path: 'role', message: `role must be one of ${ROLES.join(', ')}.` });
  if (!isValidTimeZone(input.timeZone)) details.push({ path: 'timeZone', message: 'timeZone must be an IANA time zone such as Europe/Paris.' });
  const partnerId = readText(input.partnerId, 'partnerId', details, { required: input.role === 'partner', max: 100 });
  if (partnerId !== null && input.role !== 'partner') details.push({ path: 'partnerId', message: 'partnerId is only for the role partner.' });
  throwIfInvalid(details);
  return {
    name: name as string, email, role: input.role as Person['role'], timeZone: input.timeZone as string,
    ...(partnerId !== null ? { partnerId } : {}),
  };
}

export class PeopleAdmin {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  /** Creates or replaces the directory entry, keeping the conversation reference and reachability the bot stored. */
  async put(aadObjectId: string, input: PersonInput): Promise<PutPersonResult> {
    const entry = readPersonInput(input);
    // Someone (the bot recording a chat) may write in between: then merge again over what they wrote.
    return retryOnConflict(async () => {
      const current = await this.store.getPerson(aadObjectId);
      const person: Person = {
        aadObjectId,
        ...entry,
        conversation: current?.value.conversation ?? null,
        reachable: current?.value.reachable ?? true,
        updatedAt: this.clock.now().toISOString(),
      };
      return { person: (await this.store.putPerson(person, current?.etag)).value, created: !current };
    });
  }
}
