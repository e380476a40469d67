/**
 * Reads the `data` of an Action.Execute (or its Action.Submit fallback) into a card action, refusing malformed
 * data.
 */
import { ENGAGEMENT_VERBS } from '../domain/engagement';
import type { ActionInputs, CardAction } from '../services/card-actions';
import { CARD_ORIGINS, type CardOrigin } from './cards/esd-card';
import { actionInputsOf, CARD_INPUTS, type CardInputs } from './cards/esd-inputs';
import { isOneOf } from '../domain/types';
import { isRecord } from '../lib/is-record';
import type { MessageKey } from './i18n/catalogue';

/**
 * Verbs that change nothing: `refresh` (Universal Actions) redraws an ESD card, `open` answers a workload's ESD card
 * in place of the list it was opened from (`from` names that list), `back` answers that list again (`to`).
 */
const VIEW_VERBS = ['refresh', 'open', 'back'] as const;

/** Which workload, and the list its card was opened from, if any. */
export interface CardAt {
  tenantId: string;
  workload: string;
  from?: CardOrigin;
}

export type ParsedAction =
  | ({ ok: true; kind: 'refresh' | 'open' } & CardAt)
  | ({ ok: true; kind: 'back'; to: CardOrigin } & CardAt)
  | { ok: true; kind: 'act'; action: CardAction; from?: CardOrigin }
  | { ok: false; problem: ActionProblem };

/** Why action data is refused: a catalogue text (common.json), said in the reader's language. */
export interface ActionProblem {
  key: MessageKey;
  values?: Record<string, string>;
}

function refused(key: MessageKey, values?: Record<string, string>): ParsedAction {
  return { ok: false, problem: values ? { key, values } : { key } };
}


/** Inputs arrive merged into `data`; only the contract's input ids are read, as text, into the action's fields. */
function readInputs(data: Record<string, unknown>): ActionInputs {
  const typed: CardInputs = {};
  for (const id of CARD_INPUTS) {
    const value = data[id];
    if (typeof value === 'string' && value !== '') typed[id] = value;
  }
  return actionInputsOf(typed);
}

/** The view verbs: `open` needs its origin, `back` where to go back to; `refresh` keeps an origin it was given. */
function parseViewAction(verb: (typeof VIEW_VERBS)[number], data: Record<string, unknown>, at: CardAt): ParsedAction {
  if (verb === 'back') {
    return isOneOf(CARD_ORIGINS, data.to) ? { ok: true, kind: 'back', to: data.to, ...at }
      : refused('common.action.noBackTarget');
  }
  if (verb === 'open' && at.from === undefined) return refused('common.action.noOrigin');
  return { ok: true, kind: verb, ...at };
}

export function parseCardAction(verb: unknown, data: unknown, requestId: string | undefined): ParsedAction {
  if (!isRecord(data)) return refused('common.action.noData');
  const tenantId = data.tenantId;
  const workload = data.workload;
  if (typeof tenantId !== 'string' || typeof workload !== 'string' || tenantId === '' || workload === '') {
    return refused('common.action.noWorkload');
  }
  const from = isOneOf(CARD_ORIGINS, data.from) ? data.from : undefined;
  const at: CardAt = { tenantId, workload, ...(from ? { from } : {}) };
  if (isOneOf(VIEW_VERBS, verb)) return parseViewAction(verb, data, at);
  if (!isOneOf(ENGAGEMENT_VERBS, verb)) return refused('common.action.unknown', { verb: String(verb).slice(0, 40) });
  const revision = typeof data.revision === 'string' ? Number(data.revision) : data.revision;
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 1) {
    return refused('common.action.noRevision');
  }
  const action: CardAction = { verb, tenantId, workload, revision, inputs: readInputs(data), requestId };
  return { ok: true, kind: 'act', action, ...(from ? { from } : {}) };
}
