import { StoreError } from './store';

/**
 * Azure Cosmos DB refuses items over 2 MB; both stores refuse the same size so behaviour does not depend on the
 * store. A customer reaching it has thousands of notes: an operator archives notes before more can be added.
 */
const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024 - 64 * 1024;

/** Serialises a document, refusing one that a store could not hold. */
export function serialise(value: unknown): string {
  const json = JSON.stringify(value);
  if (Buffer.byteLength(json, 'utf8') > MAX_DOCUMENT_BYTES) {
    throw new StoreError('too_large', `The document is larger than ${MAX_DOCUMENT_BYTES} bytes.`);
  }
  return json;
}
