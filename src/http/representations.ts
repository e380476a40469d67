/** Stored records as the API shows them (docs/contract.md): what is internal stays out. */
import type { Customer, Person, StatusNote, Versioned } from '../domain/types';
import { etagHeader } from './etag';

export type CustomerDocument = Omit<Customer, 'statusNotes'> & { statusNotes: Omit<StatusNote, 'requestId'>[]; etag: string };
export type PersonDocument = Omit<Person, 'conversation'>;

/** The customer with its version; `etag` is the ETag header's value, so either can go back in If-Match. */
export function customerDocument({ value, etag }: Versioned<Customer>): CustomerDocument {
  // requestId only dedups retried Teams invokes.
  const statusNotes = value.statusNotes.map(({ requestId: _requestId, ...note }) => note);
  return { ...value, statusNotes, etag: etagHeader(etag) };
}

/** The conversation reference is the bot's business (it reaches the person's chat), never the API's. */
export function personDocument(person: Person): PersonDocument {
  const { conversation: _conversation, ...shown } = person;
  return shown;
}
