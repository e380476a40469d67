/** The admin's routes: the directory entry of a person, the cards sent or to send, and a reminder sweep on demand. */
import { personDocument } from '../representations';
import type { RouteInput, RouteResult } from '../route';
import type { PersonBody, PersonParams, ReminderQueryParams, ReminderRunBody } from '../schemas/requests';
import { sweepInstant } from '../../services/sweep-instant';
import type { ApiServices } from './deps';

export function adminHandlers(
  { people, reminders, reminderList, clock, production }:
  Pick<ApiServices, 'people' | 'reminders' | 'reminderList' | 'clock' | 'production'>,
) {
  return {
    async listReminders(
      this: void, { query }: RouteInput<unknown, ReminderQueryParams, unknown>,
    ): Promise<RouteResult> {
      return { status: 200, body: await reminderList.list(query) };
    },

    async listUnreachable(this: void): Promise<RouteResult> {
      return { status: 200, body: { items: await people.unreachable(clock.now()) } };
    },

    async putPerson(this: void, { body, params }: RouteInput<PersonBody, unknown, PersonParams>): Promise<RouteResult> {
      const { person, created } = await people.put(params.aadObjectId, body);
      return { status: created ? 201 : 200, body: personDocument(person) };
    },

    /**
     * Idempotent per `asOf`: the sweep claims each reminder's deterministic id before sending it. `asOf` is checked
     * (services/sweep-instant.ts); a future one outside production is a simulation, and the answer says so.
     */
    async runReminders(this: void, { body }: RouteInput<ReminderRunBody, unknown, unknown>): Promise<RouteResult> {
      const now = clock.now();
      const { asOf, simulated } = body.asOf !== undefined
        ? sweepInstant(body.asOf, now, production === true) : { asOf: now, simulated: false };
      const result = await reminders.run(asOf);
      return { status: 200, body: simulated ? { ...result, simulated } : result };
    },
  };
}
