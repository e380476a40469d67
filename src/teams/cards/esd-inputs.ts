/**
 * The ESD card's inputs: their ids in esd.json (the contract's verbs table names them) and which field of a card
 * action each one carries. The card speaks in inputs, the service in the contract's fields; this is the translation.
 */
import type { ActionField, ActionInputs } from '../../services/card-actions';
import { fieldsOfInputs, inputsOfFields } from './input-fields';

export const CARD_INPUTS = ['newDate', 'newMonth', 'reason', 'note', 'startedOn'] as const;
export type CardInput = (typeof CARD_INPUTS)[number];
export type CardInputs = Partial<Record<CardInput, string>>;

const FIELD_OF_INPUT: Record<CardInput, ActionField> = {
  newDate: 'engagementStartDate', newMonth: 'engagementStartMonth', reason: 'reason', note: 'note', startedOn: 'startedOn',
};

/** What was typed into the card's inputs, as the action's fields. */
export function actionInputsOf(typed: CardInputs): ActionInputs {
  return fieldsOfInputs(FIELD_OF_INPUT, typed);
}

/** Anything by action field (validation messages, the typed values) by the card input that shows it. */
export function byCardInput(byField: Partial<Record<ActionField, string>>): CardInputs {
  return inputsOfFields(FIELD_OF_INPUT, byField);
}
