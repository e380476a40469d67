/**
 * The people directory as the bot sees it: who is talking (their role decides what they may do) and where their
 * chat is (the conversation reference that lets cards reach them later).
 */
import { isValidTimeZone } from '../domain/dates';
import { cleanText, firstCharacters, MAX_NAME_LENGTH } from '../domain/text';
import type { Actor, ConversationRef, Locale, Person, Role, UnreachableReason } from '../domain/types';
import type { Store } from '../store/store';
import type { Clock } from './clock';
import { retryOnConflict } from './optimistic-write';

export interface TeamsContact {
  aadObjectId: string;
  name: string;
  conversation: ConversationRef;
  /** From the `clientInfo` entity; null when the client did not say. */
  timeZone: string | null;
  /**
   * The client's language as a catalogue (issue 11): kept, so proactive cards are in it. Null: the client's language
   * has no catalogue (the entry's locale is cleared: its cards follow DEFAULT_LOCALE, as its replies do); absent:
   * the client did not say (the entry keeps its locale).
   */
  locale?: Locale | null;
}

export const DEFAULT_TIME_ZONE = 'UTC';

/** The actor a person acts as, or null while no admin has given them a role. */
export function actorOf(person: Person | undefined): Actor | null {
  return person?.role ? { aadObjectId: person.aadObjectId, name: person.name, role: person.role } : null;
}

export function timeZoneOf(person: Person | undefined): string {
  return person && isValidTimeZone(person.timeZone) ? person.timeZone : DEFAULT_TIME_ZONE;
}

/** Equal as JSON, whatever the order of their keys (a stored entry's order is the store's). */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortedKeys(a)) === JSON.stringify(sortedKeys(b));
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, entry]) => [key, sortedKeys(entry)]));
}

export class Directory {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  async get(aadObjectId: string): Promise<Person | undefined> {
    return (await this.store.getPerson(aadObjectId))?.value;
  }

  /** Everyone with `role`, by name (the Gateway form's list of FMs). */
  async withRole(role: Role): Promise<Person[]> {
    return (await this.store.listPeople(role))
      .sort((a, b) => a.name.localeCompare(b.name) || a.aadObjectId.localeCompare(b.aadObjectId));
  }

  /**
   * Keeps the person's conversation reference and time zone current, creating a role-less entry for someone the
   * directory does not know yet. Writes only when something changed, so a busy chat costs no writes.
   */
  async recordContact(contact: TeamsContact): Promise<Person> {
    const timeZone = isValidTimeZone(contact.timeZone) ? contact.timeZone : null;
    return retryOnConflict(async () => {
      const current = await this.store.getPerson(contact.aadObjectId);
      const at = this.clock.now().toISOString();
      if (!current) {
        const person: Person = {
          aadObjectId: contact.aadObjectId, name: firstCharacters(cleanText(contact.name, true), MAX_NAME_LENGTH), email: '',
          role: null,
          timeZone: timeZone ?? DEFAULT_TIME_ZONE, conversation: contact.conversation, reachable: true, updatedAt: at,
          ...(contact.locale ? { locale: contact.locale } : {}),
        };
        return this.write(person, undefined);
      }
      const { unreachableReason: _cleared, locale: kept, ...person } = current.value;
      const locale = contact.locale === undefined ? kept : contact.locale ?? undefined;
      const next: Person = {
        ...person, conversation: contact.conversation, reachable: true, timeZone: timeZone ?? person.timeZone,
        ...(locale ? { locale } : {}),
      };
      if (sameJson(next, current.value)) return current.value;
      return this.write({ ...next, updatedAt: at }, current.etag);
    });
  }

  /**
   * After an uninstall, a final delivery failure or a refused chat: no more cards until the person talks to the bot
   * again (or installs it), and why.
   */
  async markUnreachable(aadObjectId: string, reason: UnreachableReason): Promise<void> {
    await retryOnConflict(async () => {
      const current = await this.store.getPerson(aadObjectId);
      if (!current || (!current.value.reachable && current.value.unreachableReason === reason)) return;
      await this.write({
        ...current.value, reachable: false, unreachableReason: reason, updatedAt: this.clock.now().toISOString(),
      }, current.etag);
    });
  }

  /** A chat the bot created for the person (issue 13): stored, so their next cards go straight to it. */
  async recordConversation(aadObjectId: string, conversation: ConversationRef): Promise<Person | undefined> {
    return retryOnConflict(async () => {
      const current = await this.store.getPerson(aadObjectId);
      if (!current) return undefined;
      const { unreachableReason: _cleared, ...person } = current.value;
      const at = this.clock.now().toISOString();
      return this.write({ ...person, conversation, reachable: true, updatedAt: at }, current.etag);
    });
  }

  private async write(person: Person, etag: string | undefined): Promise<Person> {
    return (await this.store.putPerson(person, etag)).value;
  }
}
