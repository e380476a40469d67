/** Identifiers shared by the domain, the configuration, the cards and the build scripts. */

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
