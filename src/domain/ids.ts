/** Identifiers shared by the domain, the configuration, the cards and the build scripts. */
import { english, phrase, type Phrase } from './phrases';

/**
 * A GUID in its usual 8-4-4-4-12 hex form, either case, as regular-expression source (an Adaptive Card input's
 * `regex` takes source text, so the pattern carries both cases rather than relying on a flag).
 */
export const GUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const GUID = new RegExp(GUID_PATTERN);

/** Microsoft 365 tenant ids, Entra object and app ids are GUIDs. */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

/** Directory ids (Entra object ids, API key principals) and partner ids: opaque, at most 100 characters. */
export const MAX_ID_LENGTH = 100;

/**
 * What a directory or partner id may hold, as regular-expression source (JSON Schema `pattern`): anything but the
 * characters a Cosmos DB document id cannot hold (/, \, #, ?) and control characters. Both stores refuse the same ids,
 * so data moves from one to the other.
 */
export const DIRECTORY_ID_PATTERN = '^[^/\\\\#?\\u0000-\\u001F\\u007F]+$';

const DIRECTORY_ID = new RegExp(DIRECTORY_ID_PATTERN, 'u');

/** What a refused directory or partner id is told; `label` names it (a phrase, or the field's name). */
export function directoryIdPhrase(label: string | Phrase): Phrase {
  return phrase('customer.id.invalid', { label, max: MAX_ID_LENGTH });
}

/** directoryIdPhrase in English: the REST API's message. */
export function directoryIdMessage(label: string): string {
  return english(directoryIdPhrase(label));
}

/** A directory id (aadObjectId) or partner id that every store can hold as a key. */
export function isDirectoryId(value: unknown): value is string {
  return typeof value === 'string' && DIRECTORY_ID.test(value) && [...value].length <= MAX_ID_LENGTH;
}
