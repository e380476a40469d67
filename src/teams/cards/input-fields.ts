/**
 * A card's inputs carry an action's fields under the card's own ids (the contract names both). One map from input id
 * to field translates what was typed into the action's fields, and anything by field (validation messages, the typed
 * values) back under the input that shows it.
 */
export type InputFieldMap<I extends string, F extends string> = Readonly<Record<I, F>>;

/** What was typed, by input id, as the fields those inputs carry. */
export function fieldsOfInputs<I extends string, F extends string>(
  map: InputFieldMap<I, F>, typed: Partial<Record<I, string>>,
): Partial<Record<F, string>> {
  const fields: Partial<Record<F, string>> = {};
  for (const id of Object.keys(map) as I[]) {
    const value = typed[id];
    if (value !== undefined) fields[map[id]] = value;
  }
  return fields;
}

/** Anything by field, under the input that shows that field. */
export function inputsOfFields<I extends string, F extends string>(
  map: InputFieldMap<I, F>, byField: Partial<Record<F, string>>,
): Partial<Record<I, string>> {
  const shown: Partial<Record<I, string>> = {};
  for (const id of Object.keys(map) as I[]) {
    const value = byField[map[id]];
    if (value !== undefined) shown[id] = value;
  }
  return shown;
}
