/**
 * The admin's side of the directory (PUT /api/people/{aadObjectId}): who someone is, their role, time zone, weekly
 * capacity (P2) and locale.
 * The bot writes the other half (the conversation reference and whether the chat is reachable), so an admin's
 * write keeps it: read, merge, write with the etag, again on a conflict.
 */
import { isValidTimeZone } from '../domain/dates';
import { DomainError, throwIfInvalid, type ErrorDetail } from '../domain/errors';
import { directoryIdMessage, isDirectoryId, MAX_ID_LENGTH } from '../domain/ids';
import { MAX_NAME_LENGTH, readText } from '../domain/text';
import { isOneOf, LOCALES, ROLES, type Locale, type Person } from '../domain/types';
import type { Store } from '../store/store';
import type { Clock } from './clock';
import { retryOnConflict } from './optimistic-write';
import { unreachablePeople, type UnreachablePerson } from './reach';

export interface PersonInput {
  name?: unknown;
  email?: unknown;
  role?: unknown;
  timeZone?: unknown;
  partnerId?: unknown;
  weeklyCapacity?: unknown;
  locale?: unknown;
}

export interface PutPersonResult {
  person: Person;
  created: boolean;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+$/;

type Entry = Pick<Person, 'name' | 'email' | 'role' | 'timeZone' | 'partnerId' | 'weeklyCapacity' | 'locale'>;

/** P2: a weekly capacity above this is a typo, not a plan. */
export const MAX_WEEKLY_CAPACITY = 1000;

function isCapacity(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_WEEKLY_CAPACITY;
}

/** Absent or null: not set. */
function isUnset(value: unknown): boolean {
  return value === undefined || value === null;
}

/**
 * The admin's fields, validated: a role, a real time zone, a partner id for (and only for) partners (R9), and
 * optionally a weekly capacity (P2) and a locale; null or absent leaves those unset.
 */
function readPersonInput(input: PersonInput): Entry {
  const details: ErrorDetail[] = [];
  const name = readText(input.name, 'name', details, { required: true, max: MAX_NAME_LENGTH, singleLine: true });
  const email = typeof input.email === 'string' ? input.email.trim() : '';
  if (!EMAIL_RE.test(email) || email.length > 254) details.push({ path: 'email', message: 'email must be an email address.' });
  if (!isOneOf(ROLES, input.role)) details.push({ path: 'role', message: `role must be one of ${ROLES.join(', ')}.` });
  if (!isValidTimeZone(input.timeZone)) details.push({ path: 'timeZone', message: 'timeZone must be an IANA time zone such as Europe/Paris.' });
  const partnerId = readText(input.partnerId, 'partnerId', details, {
    required: input.role === 'partner', max: MAX_ID_LENGTH, singleLine: true,
  });
  if (partnerId !== null && input.role !== 'partner') details.push({ path: 'partnerId', message: 'partnerId is only for the role partner.' });
  else if (partnerId !== null && !isDirectoryId(partnerId)) details.push({ path: 'partnerId', message: directoryIdMessage('partnerId') });
  const { weeklyCapacity, locale } = input;
  if (!isUnset(weeklyCapacity) && !isCapacity(weeklyCapacity)) {
    details.push({
      path: 'weeklyCapacity', message: `weeklyCapacity must be a whole number from 0 to ${MAX_WEEKLY_CAPACITY}, or null when not set.`,
    });
  }
  if (!isUnset(locale) && !isOneOf(LOCALES, locale)) {
    details.push({ path: 'locale', message: `locale must be one of ${LOCALES.join(', ')}, or null when not set.` });
  }
  throwIfInvalid(details);
  return {
    name: name as string, email, role: input.role as Person['role'], timeZone: input.timeZone as string,
    ...(partnerId !== null ? { partnerId } : {}),
    ...(isCapacity(weeklyCapacity) ? { weeklyCapacity } : {}),
    ...(isUnset(locale) ? {} : { locale: locale as Locale }),
  };
}

export class PeopleAdmin {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  /** GET /api/people?reachable=false: who cannot be messaged, why, and their reminders waiting (issue 13). */
  unreachable(asOf: Date): Promise<UnreachablePerson[]> {
    return unreachablePeople(this.store, asOf);
  }

  /** Creates or replaces the directory entry, keeping the conversation reference and reachability the bot stored. */
  async put(aadObjectId: string, input: PersonInput): Promise<PutPersonResult> {
    if (!isDirectoryId(aadObjectId)) {
      throw new DomainError('validation', 'The request is not valid.', [
        { path: 'aadObjectId', message: directoryIdMessage('aadObjectId') },
      ]);
    }
    const entry = readPersonInput(input);
    // Someone (the bot recording a chat) may write in between: then merge again over what they wrote.
    return retryOnConflict(async () => {
      const current = await this.store.getPerson(aadObjectId);
      const person: Person = {
        aadObjectId,
        ...entry,
        conversation: current?.value.conversation ?? null,
        reachable: current?.value.reachable ?? true,
        ...(current?.value.unreachableReason ? { unreachableReason: current.value.unreachableReason } : {}),
        updatedAt: this.clock.now().toISOString(),
      };
      return { person: (await this.store.putPerson(person, current?.etag)).value, created: !current };
    });
  }
}
