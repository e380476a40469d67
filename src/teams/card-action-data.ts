/**
 * Reads the `data` of an Action.Execute (or its Action.Submit fallback) into a card action, refusing malformed
 * data.
 */
import { ENGAGEMENT_VERBS } from '../domain/engagement';
import type { ActionInputs, CardAction } from '../services/card-actions';
import { actionInputsOf, CARD_INPUTS, type CardInputs } from './cards/esd-inputs';
import { isOneOf } from '../domain/types';

const REFRESH_VERB = 'refresh';

export type ParsedAction =
  | { ok: true; kind: 'refresh'; tenantId: string; workload: string }
  | { ok: true; kind: 'act'; action: CardAction }
  | { ok: false; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

export function parseCardAction(verb: unknown, data: unknown, requestId: string | undefined): ParsedAction {
  if (!isRecord(data)) return { ok: false, message: 'The action carries no data.' };
  const tenantId = data.tenantId;
  const workload = data.workload;
  if (typeof tenantId !== 'string' || typeof workload !== 'string' || tenantId === '' || workload === '') {
    return { ok: false, message: 'The action does not say which customer and workload it is for.' };
  }
  if (verb === REFRESH_VERB) return { ok: true, kind: 'refresh', tenantId, workload };
  if (!isOneOf(ENGAGEMENT_VERBS, verb)) return { ok: false, message: `Unknown action "${String(verb).slice(0, 40)}".` };
  const revision = typeof data.revision === 'string' ? Number(data.revision) : data.revision;
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 1) {
    return { ok: false, message: 'The action does not say which version of the card it came from.' };
  }
  return { ok: true, kind: 'act', action: { verb, tenantId, workload, revision, inputs: readInputs(data), requestId } };
}
