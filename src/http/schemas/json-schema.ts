/**
 * The JSON Schema (2020-12, the dialect of OpenAPI 3.1) keywords our schemas use. One schema object serves both
 * request validation (ajv) and the OpenAPI document, so the two cannot drift.
 */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

export type JsonSchema = {
  type?: JsonType | readonly JsonType[];
  description?: string;
  examples?: readonly unknown[];
  default?: unknown;
  /** Still accepted, but replaced by another field (documentation only). */
  deprecated?: boolean;
  enum?: readonly unknown[];
  const?: unknown;
  format?: string;
  minLength?: number;
  maxLength?: number;
  /** Regular-expression source (Unicode mode), unanchored unless it says ^ and $. */
  pattern?: string;
  minimum?: number;
  maximum?: number;
  properties?: Readonly<Record<string, JsonSchema | boolean>>;
  required?: readonly string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  allOf?: readonly JsonSchema[];
  anyOf?: readonly JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  $ref?: string;
};

/**
 * A schema that describes values of type `T`: a value that passed validation against it is handed to a handler
 * as a `T`. The type is only a compile-time tag; the schema constant and its TypeScript type sit side by side.
 */
export type Schema<T> = JsonSchema & { readonly __describes?: T };

export function schema<T>(definition: JsonSchema): Schema<T> {
  return definition;
}
