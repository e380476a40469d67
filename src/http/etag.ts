/**
 * Entity tags on the wire (RFC 9110): the `ETag` header is always one quoted strong tag, whatever form the store
 * keeps (Cosmos' `_etag` is quoted already, SQLite's version is not). `If-Match` takes it back quoted or not, `W/`
 * tolerated; `*` (any current version) is the same as no condition.
 */
import { opaqueEtag } from '../services/customers';

export function etagHeader(storeEtag: string): string {
  return `"${opaqueEtag(storeEtag)}"`;
}

/** The version a write is conditional on, or undefined when the caller set no condition. */
export function ifMatchOf(header: string | undefined): string | undefined {
  const value = header?.trim();
  return value === undefined || value === '' || value === '*' ? undefined : value;
}
