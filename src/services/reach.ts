/**
 * Reaching people who never opened the bot (issue 13): a person with no stored chat, whose Entra object id is known,
 * gets a 1:1 chat created through the Bot Connector in the FMs' tenant (TEAMS_TENANT_ID, else the bot's own
 * MicrosoftAppTenantId: the FMs are people of the organisation that runs the bot, not of the customers), stored in
 * the directory, so the reminder, welcome card, heads-up or digest goes out instead of waiting. Teams refuses that
 * chat when the app is not installed for the person: they are marked unreachable (`neverInstalled`) until an
 * install (an admin's app setup policy, or Graph) or a message tells the bot their chat.
 */
import { todayIn } from '../domain/dates';
import type { Person, Role, UnreachableReason } from '../domain/types';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';
import type { CardSender } from './card-sender';
import type { Directory } from './directory';

/** `installed` (or already was), `refused` (Graph said no: 403/404), `later` (throttled or down: try again). */
export type InstallOutcome = 'installed' | 'refused' | 'later';

/** Installs the app for a person (GRAPH_INSTALL=on: src/teams/graph-installer.ts). */
export interface AppInstaller {
  install(aadObjectId: string): Promise<InstallOutcome>;
}

/** Whether a card can go to the person now: a stored chat that Teams has not refused. */
export function canMessage(person: Person | undefined): person is Person {
  return Boolean(person?.conversation) && person?.reachable === true;
}

/** Someone the bot cannot message, why, and how many of their reminders wait. */
export interface UnreachablePerson {
  aadObjectId: string;
  name: string;
  email: string;
  role: Role | null;
  reason: UnreachableReason;
  remindersWaiting: number;
}

/**
 * Everyone the bot cannot message, by name: a chat refused or removed (their reason), or none stored yet (never
 * opened the bot: `neverInstalled`), with the reminders due for them (R3, R5: due by UTC's today and not answered).
 * Reads the directory (the organisation's people: hundreds, not the workloads) and, only when someone is
 * unreachable, the due reminders: the same read one reminder sweep makes.
 */
export async function unreachablePeople(store: Store, asOf: Date): Promise<UnreachablePerson[]> {
  const people = (await store.listPeople()).filter((person): boolean => !canMessage(person));
  if (people.length === 0) return [];
  const waiting = new Map<string, number>();
  let continuationToken: string | undefined;
  do {
    const page = await store.listRemindersDue({ dueOnOrBefore: todayIn('UTC', asOf), limit: 500, continuationToken });
    for (const row of page.items) {
      if (row.assignee?.type === 'fm') waiting.set(row.assignee.aadObjectId, (waiting.get(row.assignee.aadObjectId) ?? 0) + 1);
    }
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return people
    .map((person): UnreachablePerson => ({
      aadObjectId: person.aadObjectId, name: person.name, email: person.email, role: person.role,
      reason: person.unreachableReason ?? 'neverInstalled', remindersWaiting: waiting.get(person.aadObjectId) ?? 0,
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.aadObjectId.localeCompare(b.aadObjectId));
}

export class Reach {
  /** One chat creation per person at a time: a sweep checks many rows of one FM at once. */
  private readonly opening = new Map<string, Promise<Person>>();

  constructor(
    private readonly deps: {
      directory: Directory; sender: CardSender; logger: Logger; tenantId: string | null; installer?: AppInstaller;
    },
  ) {}

  /**
   * The person as they can be messaged: as stored, or with the chat created now. Someone refused before (blocked,
   * uninstalled, Graph refused) is not tried again here: their chat comes back when they install or talk; someone
   * Teams refused a chat (`neverInstalled`) is tried again only when the app can be installed for them (Graph on).
   */
  async reach(person: Person): Promise<Person> {
    const { sender, tenantId, installer } = this.deps;
    const retry = person.reachable || (person.unreachableReason === 'neverInstalled' && installer !== undefined);
    if (person.conversation || !retry || !tenantId || !sender.openConversation) return person;
    let opening = this.opening.get(person.aadObjectId);
    if (!opening) {
      opening = this.open(person, tenantId).finally(() => this.opening.delete(person.aadObjectId));
      this.opening.set(person.aadObjectId, opening);
    }
    return opening;
  }

  private async open(person: Person, tenantId: string): Promise<Person> {
    const { directory, sender, logger, installer } = this.deps;
    const openChat = (sender.openConversation as NonNullable<CardSender['openConversation']>).bind(sender);
    let opened = await openChat(person.aadObjectId, tenantId);
    if (!opened.ok && opened.final && installer) {
      // Teams will not open a chat with someone who does not have the app: install it for them, then ask again.
      const installed = await installer.install(person.aadObjectId);
      if (installed === 'refused') return this.unreachable(person, 'graphRefused');
      if (installed === 'later') return person; // throttled or down: the next sweep tries again
      opened = await openChat(person.aadObjectId, tenantId);
    }
    if (opened.ok) {
      logger.info('chat created for a person who never opened the bot', { aadObjectId: person.aadObjectId });
      return (await directory.recordConversation(person.aadObjectId, opened.conversation)) ?? person;
    }
    if (!opened.final) return person; // Teams said "later": the next sweep tries again
    logger.warn('chat refused: the app is not installed for the person', {
      aadObjectId: person.aadObjectId, status: opened.status, code: opened.code,
    });
    return this.unreachable(person, 'neverInstalled');
  }

  private async unreachable(person: Person, reason: UnreachableReason): Promise<Person> {
    await this.deps.directory.markUnreachable(person.aadObjectId, reason);
    return { ...person, reachable: false, unreachableReason: reason };
  }
}
