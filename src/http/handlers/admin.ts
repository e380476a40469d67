/** The admin's routes: the directory entry of a person, and a reminder sweep on demand. */
import { personDocument } from '../representations';
import type { RouteInput, RouteResult } from '../route';
import type { PersonBody, PersonParams, ReminderRunBody } from '../schemas/requests';
import type { ApiServices } from './deps';

export function adminHandlers({ people, reminders, clock }: Pick<ApiServices, 'people' | 'reminders' | 'clock'>) {
  return {
    async putPerson(this: void, { body, params }: RouteInput<PersonBody, unknown, PersonParams>): Promise<RouteResult> {
      const { person, created } = await people.put(params.aadObjectId, body);
      return { status: created ? 201 : 200, body: personDocument(person) };
    },

    /** Idempotent per `asOf`: the sweep claims each reminder's deterministic id before sending it. */
    async runReminders(this: void, { body }: RouteInput<ReminderRunBody, unknown, unknown>): Promise<RouteResult> {
      const asOf = body.asOf !== undefined ? new Date(body.asOf) : clock.now();
      return { status: 200, body: await reminders.run(asOf) };
    },
  };
}
