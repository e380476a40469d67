/**
 * The simulated FMs: one loop per FM, each sending `adaptiveCard/action` invokes as Teams does (through
 * keep-alive fetch), one at a time, on its own workloads in round-robin order. Every action is valid: the loop keeps
 * the revision the last answer card carried, and every reschedule picks a date that differs from the current one.
 */
import { performance } from 'node:perf_hooks';
import { addDays } from '../../src/domain/dates';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import { postJson, teamsInvoke, teamsUser, type TeamsUser } from '../../test/common/activities';
import { TODAY } from '../../test/common/fixtures';
import { bannerOf, executeActions } from '../../test/teams/card-helpers';
import { fmActor, slotsOf, type Slot } from './actions-plan';
import type { Ready } from './protocol';

/** The banner of an applied action (esd-card.ts DONE; the floor answers "Noted"). */
const SUCCESS = /^(Rescheduled to|Noted|Recorded)/;
/** Every fifth action on a workload is "no answer yet", the others reschedule it. */
const NO_RESPONSE_EVERY = 5;
/** New dates run from two months ahead on, one day further each action: always valid, never the current one. */
const FIRST_NEW_DATE_IN_DAYS = 60;
const NEW_DATE_SPREAD = 900;

export interface FmLoop {
  user: TeamsUser;
  slots: Slot[];
  next: number;
}

export function fmLoops(fms: number): FmLoop[] {
  return Array.from({ length: fms }, (_, fm) => {
    const actor = fmActor(fm);
    return { user: teamsUser(actor.aadObjectId, actor.name), slots: slotsOf(fm), next: 0 };
  });
}

/** One phase's answers: latencies of all of them, and how many of each outcome. */
export interface PhaseResult {
  latencies: number[];
  seconds: number;
  /** `ok`, `unexpected card`, `HTTP <status>` or `no answer` -> count. */
  outcomes: Map<string, number>;
  /** The first banner that was not a success line, to show what went wrong. */
  firstUnexpected?: string;
}

function invokeOf(target: Ready, loop: FmLoop, slot: Slot): ReturnType<typeof teamsInvoke> {
  const key = { tenantId: slot.tenantId, workload: slot.workload, revision: slot.revision };
  const n = slot.actions;
  if (n % NO_RESPONSE_EVERY === NO_RESPONSE_EVERY - 1) {
    return teamsInvoke(target.serviceUrl, loop.user, 'noResponse', { ...key, note: `Voicemail left (bench #${n}).` });
  }
  const newDate = addDays(TODAY, FIRST_NEW_DATE_IN_DAYS + (n % NEW_DATE_SPREAD));
  return teamsInvoke(target.serviceUrl, loop.user, 'reschedule', { ...key, newDate, reason: `The customer moved the first call (bench #${n}).` });
}

/** The revision the answer card's actions carry (a string, as the template renders it). */
function revisionOf(card: AdaptiveCard): number | undefined {
  const data = executeActions(card).map((action) => action.data).find((d): d is Record<string, unknown> => typeof d === 'object' && d !== null);
  return data?.revision === undefined ? undefined : Number(data.revision);
}

/** The card an invoke answer carries (`{statusCode, type, value}`), if it is one. */
function cardOf(text: string): AdaptiveCard | undefined {
  try {
    const value = (JSON.parse(text) as { value?: unknown }).value;
    return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'AdaptiveCard' ? value as AdaptiveCard : undefined;
  } catch {
    return undefined;
  }
}

/** Sends the slot's next action; the latency runs until the whole answer has arrived (parsing it is not counted). */
async function act(target: Ready, loop: FmLoop, slot: Slot): Promise<{ ms: number; outcome: string; banner?: string }> {
  const body = invokeOf(target, loop, slot);
  slot.actions += 1;
  const started = performance.now();
  let status: number;
  let text: string;
  try {
    const res = await postJson(`${target.url}/api/messages`, body);
    status = res.status;
    text = await res.text();
  } catch {
    return { ms: performance.now() - started, outcome: 'no answer' };
  }
  const ms = performance.now() - started;
  const card = status === 200 ? cardOf(text) : undefined;
  if (!card) return { ms, outcome: `HTTP ${status}` };
  slot.revision = revisionOf(card) ?? slot.revision;
  const banner = bannerOf(card)?.text ?? '(no banner)';
  return SUCCESS.test(banner) ? { ms, outcome: 'ok' } : { ms, outcome: 'unexpected card', banner };
}

async function runLoop(target: Ready, loop: FmLoop, deadline: number, result: PhaseResult): Promise<void> {
  while (performance.now() < deadline) {
    const slot = loop.slots[loop.next % loop.slots.length];
    loop.next += 1;
    if (!slot) throw new Error('an FM without workloads');
    const { ms, outcome, banner } = await act(target, loop, slot);
    result.latencies.push(ms);
    result.outcomes.set(outcome, (result.outcomes.get(outcome) ?? 0) + 1);
    if (banner !== undefined) result.firstUnexpected ??= banner;
  }
}

/** All loops at once for `seconds`; the phase ends when the last answer in flight at the deadline has arrived. */
export async function runPhase(target: Ready, loops: FmLoop[], seconds: number): Promise<PhaseResult> {
  const result: PhaseResult = { latencies: [], seconds: 0, outcomes: new Map() };
  const started = performance.now();
  await Promise.all(loops.map((loop) => runLoop(target, loop, started + seconds * 1000, result)));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
