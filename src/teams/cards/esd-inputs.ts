/**
 * The ESD card's inputs: their ids in esd.json (the contract's verbs table names them) and which field of a card
 * action each one carries. The card speaks in inputs, the service in the contract's fields; this is the translation.
 */
import type { ActionField, ActionInputs } from '../../services/card-actions';

export const CARD_INPUTS = ['newDate', 'newMonth', 'reason', 'note', 'startedOn'] as const;
export type CardInput = (typeof CARD_INPUTS)[number];
export type CardInputs = Partial<Record<CardInput, string>>;

const FIELD_OF_INPUT: Record<CardInput, ActionField> = {
  newDate: 'engagementStartDate', newMonth: 'engagementStartMonth', reason: 'reason', note: 'note', startedOn: 'startedOn',
};

/** What was typed into the card's inputs, as the action's fields. */
export function actionInputsOf(typed: CardInputs): ActionInputs {
  const inputs: ActionInputs = {};
  for (const id of CARD_INPUTS) {
    const value = typed[id];
    if (value !== undefined) inputs[FIELD_OF_INPUT[id]] = value;
  }
  return inputs;
}

/** Anything by action field (validation messages, the typed values) by the card input that shows it. */
export function byCardInput(byField: Partial<Record<ActionField, string>>): CardInputs {
  const shown: CardInputs = {};
  for (const id of CARD_INPUTS) {
    const value = byField[FIELD_OF_INPUT[id]];
    if (value !== undefined) shown[id] = value;
  }
  return shown;
}
