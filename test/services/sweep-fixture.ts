/**
 * A reminder sweep over a store, for the tests that run several sweeps (and a crashing child process) against one
 * store: FMs with due reminders, and a sweep whose card sender is given (a recorder, a failing or a hanging one).
 */
import { CardActions } from '../../src/services/card-actions';
import type { CardSender, SendResult } from '../../src/services/card-sender';
import { Directory } from '../../src/services/directory';
import { ReminderSweep } from '../../src/services/reminders';
import type { Store } from '../../src/store/store';
import { reminderCard } from '../../src/teams/cards/esd-card';
import { reminderSummaryCard } from '../../src/teams/cards/reminder-summary-card';
import { memoryLogger } from '../../src/log/logger';
import type { Actor } from '../../src/domain/types';
import { conversationRef, customerFixture, fmAssignee, NOW, onDay, personFixture, tenantId } from '../common/fixtures';

/** The morning every seeded reminder is due: 09:00 UTC on their ESD, the FMs' time zone being UTC. */
export const DUE_AT = new Date('2026-11-24T09:00:00Z');

export function fmActor(i: number): Actor {
  return { aadObjectId: `aad-sweep-fm-${i}`, name: `Sweep FM ${i}`, role: 'fm' };
}

/** `fms` reachable FMs with `perFm` customers each, one workload each, all due at DUE_AT. Returns the tenant ids. */
export async function seedDue(store: Store, fms: number, perFm: number): Promise<string[]> {
  const tenants: string[] = [];
  for (let f = 0; f < fms; f++) {
    const actor = fmActor(f);
    await store.putPerson(personFixture(actor, { timeZone: 'UTC', conversation: conversationRef(actor) }));
    const customers = Array.from({ length: perFm }, (_, c) => {
      const n = 1000 + f * perFm + c;
      tenants.push(tenantId(n));
      return customerFixture({ n, name: `Due ${n}`, assignee: fmAssignee(actor), workloads: [onDay('Teams', '2026-11-24')] });
    });
    await store.createCustomers(customers);
  }
  return tenants;
}

/** A reminder sweep on `store` sending through `sender`, with the app's defaults. */
export function sweepWith(store: Store, sender: CardSender): ReminderSweep {
  const clock = { now: () => NOW };
  return new ReminderSweep({
    store, directory: new Directory(store, clock), cardActions: new CardActions(store, clock), sender,
    render: reminderCard, renderSummary: reminderSummaryCard, logger: memoryLogger('error'),
  });
}

/** The card's notification summary names the customer and workload: one key per reminder. */
export type Sent = { conversationId: string; summary: string };

/** Records every card it accepts; `fail` decides which sends fail (transiently) instead. */
export function recordingSender(fail: () => boolean = () => false): CardSender & { sent: Sent[] } {
  const sent: Sent[] = [];
  let next = 0;
  return {
    sent,
    async send(conversation, _card, summary): Promise<SendResult> {
      await new Promise((resolve) => setImmediate(resolve)); // let the other sweep interleave
      if (fail()) return { ok: false, final: false, status: 429, code: 'Throttled', message: 'slow down' };
      sent.push({ conversationId: String(conversation.conversation?.id), summary: summary ?? '' });
      next += 1;
      return { ok: true, activityId: `activity-${next}` };
    },
  };
}
