/**
 * Helpers for the card tests: the `adaptivecards` SDK (3.0.6) as the validator of what Teams renders, one walk over
 * a card's JSON that knows which Adaptive Card object every node is, and customers in every workload state built
 * through the domain (never hand-written documents).
 */
import assert from 'node:assert/strict';
import * as AC from 'adaptivecards/dist/adaptivecards.js';
import { findWorkload } from '../../src/domain/customer';
import {
  changeDate, changeL1Status, completeDeployment, confirmStart, markCustomerInactive, recordNoResponse,
} from '../../src/domain/engagement';
import type { Actor, Customer, Person, WorkloadState } from '../../src/domain/types';
import { CardActions, type CardState } from '../../src/services/card-actions';
import { customerView, type CustomerView } from '../../src/services/customer-views';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import { actors, ctx, customerFixture, fmAssignee, inMonth, NOW, onDay, personFixture } from '../common/fixtures';

// ---------------------------------------------------------------------------------------------------------------
// The adaptivecards SDK: its `lib/` entry does not load in Node, the bundle does; the bundle
// has the same API, and adaptivecards-bundle.d.ts gives it the package's own types.
const V1_5 = AC.Versions.v1_5;

/** What a JSON node is in the Adaptive Card object model, decided by where it stands. */
export type NodeKind =
  | 'card' | 'element' | 'action' | 'column' | 'inline' | 'fact' | 'choice' | 'refresh' | 'tableRow' | 'tableCell';

/** Keys holding child objects (the SDK parses them itself, so they are not in its property schemas). */
const CHILD_KINDS: Record<string, NodeKind> = {
  body: 'element', items: 'element', actions: 'action', columns: 'column', inlines: 'inline', facts: 'fact',
  choices: 'choice', refresh: 'refresh', action: 'action', card: 'card', selectAction: 'action',
  rows: 'tableRow', cells: 'tableCell',
};
/** Which of those each object may hold; `fallback` is allowed on every element and action. */
const STRUCTURAL: Record<string, string[]> = {
  AdaptiveCard: ['body', 'actions'], Container: ['items'], Column: ['items'], ColumnSet: ['columns'],
  RichTextBlock: ['inlines'], 'Action.ShowCard': ['card'], ActionSet: ['actions'],
  Table: ['rows'], TableRow: ['cells'], TableCell: ['items'],
};

/**
 * Teams' chart elements (msteams-docs "Charts in Adaptive Cards"), which the SDK does not know: each with the
 * properties Teams documents for it. A card may use one only with a `fallback` (clients without charts draw that).
 */
const AXIS_CHART = ['title', 'xAxisTitle', 'yAxisTitle', 'colorSet', 'data', 'showBarValues', 'yMin', 'yMax'];
const CHART_ELEMENTS: Record<string, string[]> = {
  'Chart.VerticalBar.Grouped': [...AXIS_CHART, 'stacked'],
  'Chart.HorizontalBar.Stacked': ['title', 'xAxisTitle', 'yAxisTitle', 'colorSet', 'data'],
};
const ELEMENT_COMMON = ['type', 'id', 'isVisible', 'separator', 'spacing', 'height', 'horizontalAlignment', 'requires',
  'fallback', 'targetWidth', 'grid.area', 'lang'];

export interface CardNode {
  kind: NodeKind;
  /** The object's `type`, or its kind for untyped ones (facts, choices, refresh). */
  type: string;
  node: Record<string, unknown>;
  /** JSON path, for messages. */
  path: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object of the card (not `data` payloads), depth first in document order. */
function cardNodes(card: unknown): CardNode[] {
  const out: CardNode[] = [];
  const visit = (value: unknown, kind: NodeKind, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, kind, `${path}[${i}]`));
      return;
    }
    if (!isRecord(value)) return;
    out.push({ kind, type: typeof value.type === 'string' ? value.type : kind, node: value, path });
    for (const [key, child] of Object.entries(value)) {
      const childKind = key === 'fallback' ? kind : CHILD_KINDS[key];
      if (childKind) visit(child, childKind, `${path}.${key}`);
    }
  };
  visit(card, 'card', '$');
  return out;
}

function schemaOf(kind: NodeKind, type: string): AC.SerializableObject | undefined {
  switch (kind) {
    case 'card': return new AC.AdaptiveCard();
    case 'element': return AC.GlobalRegistry.elements.createInstance(type, V1_5);
    case 'action': return AC.GlobalRegistry.actions.createInstance(type, V1_5);
    case 'column': return new AC.Column();
    case 'inline': return type === 'TextRun' ? new AC.TextRun() : undefined;
    case 'fact': return new AC.Fact();
    case 'choice': return new AC.Choice();
    case 'refresh': return new AC.RefreshDefinition();
    case 'tableRow': return new AC.TableRow();
    case 'tableCell': return new AC.TableCell();
  }
}

/** Properties that no Adaptive Card 1.5 object of that type has (left-over `$when`/`$data` included). */
function unknownProperties(card: unknown): string[] {
  const problems: string[] = [];
  for (const { kind, type, node, path } of cardNodes(card)) {
    const chart = kind === 'element' ? CHART_ELEMENTS[type] : undefined;
    if (chart) {
      if (!isRecord(node.fallback)) problems.push(`${path}: ${type} needs a fallback for clients without charts`);
      const known = new Set([...ELEMENT_COMMON, ...chart]);
      for (const key of Object.keys(node)) if (!known.has(key)) problems.push(`${path}: ${type} has no property "${key}"`);
      continue;
    }
    const schema = schemaOf(kind, type);
    if (!schema) {
      problems.push(`${path}: unknown ${kind} type "${type}"`);
      continue;
    }
    const known = new Set(STRUCTURAL[type] ?? []);
    if (kind === 'element' || kind === 'action') known.add('fallback');
    const properties = schema.getSchema();
    for (let i = 0; i < properties.getCount(); i++) {
      const property = properties.getItemAt(i);
      if (AC.isVersionLessOrEqual(property.targetVersion, V1_5)) known.add(property.name);
    }
    for (const key of Object.keys(node)) {
      if (!known.has(key)) problems.push(`${path}: ${type} has no property "${key}" in Adaptive Cards 1.5`);
    }
  }
  return problems;
}

/** Everything the SDK (and the 1.5 property schemas) finds wrong with a card; empty for a valid one. */
function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(card) || card.type !== 'AdaptiveCard' || card.version !== '1.5') {
    problems.push('not an AdaptiveCard of version 1.5');
  }
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(V1_5);
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    // A Teams chart is unknown to the SDK, which then parses its fallback (checked by unknownProperties).
    const chart = Object.keys(CHART_ELEMENTS).some((type) => e.message.includes(`"${type}"`));
    if (!(chart && e.event === AC.ValidationEvent.UnknownElementType)) problems.push(`parse: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of parsed.validateProperties().validationEvents) {
    problems.push(`validate: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  return [...problems, ...unknownProperties(card), ...nullsIn(card, '$')];
}

/** A property left null (e.g. by a `$when` on an object): the card schema allows none. */
function nullsIn(value: unknown, path: string): string[] {
  if (value === null) return [`${path} is null`];
  if (Array.isArray(value)) return value.flatMap((item, i) => nullsIn(item, `${path}[${i}]`));
  if (isRecord(value)) return Object.entries(value).flatMap(([key, item]) => nullsIn(item, `${path}.${key}`));
  return [];
}

/** The SDK parses the card without events, validation finds nothing, and no template expression is left. */
export function assertValidCard(card: AdaptiveCard): void {
  assert.deepEqual(cardProblems(card), []);
  const leftovers = allStrings(card).filter((s) => s.includes('${'));
  assert.deepEqual(leftovers, [], 'an unexpanded template expression is left in the card');
}

/** Every string anywhere in the JSON (keys excluded). */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (isRecord(value)) return Object.values(value).flatMap(allStrings);
  return [];
}

/** The size Teams counts: the JSON in UTF-16. */
export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf16le');
}

/** The card's structure: kind and type of every object, in order (texts and values left out). */
export function cardShape(card: AdaptiveCard): string[] {
  return cardNodes(card).map((n) => `${n.kind}:${n.type}`);
}

export function nodesOfType(card: AdaptiveCard, type: string): Record<string, unknown>[] {
  return cardNodes(card).filter((n) => n.type === type).map((n) => n.node);
}

export function textRuns(card: AdaptiveCard): string[] {
  return nodesOfType(card, 'TextRun').map((n) => String(n.text));
}

export function textBlocks(card: AdaptiveCard): Record<string, unknown>[] {
  return nodesOfType(card, 'TextBlock');
}

/** Each `Input.*` by id; fails when an id is missing or repeated. */
export function inputById(card: AdaptiveCard, id: string): Record<string, unknown> {
  const found = cardNodes(card).filter((n) => n.type.startsWith('Input.') && n.node.id === id);
  assert.equal(found.length, 1, `expected one input "${id}", found ${found.length}`);
  return (found[0] as CardNode).node;
}

/** The element right after an input in its container (where the card shows that input's error), if any. */
export function elementAfterInput(card: AdaptiveCard, id: string): Record<string, unknown> | undefined {
  const input = inputById(card, id);
  const container = cardNodes(card).map((n) => n.node.body ?? n.node.items)
    .find((list): list is unknown[] => Array.isArray(list) && list.includes(input));
  assert.ok(container, `no container holds input "${id}"`);
  const next = container[container.indexOf(input) + 1];
  return isRecord(next) ? next : undefined;
}

/** The error TextBlock under an input (the next element, in Attention colour), or undefined. */
export function errorUnder(card: AdaptiveCard, id: string): string | undefined {
  const next = elementAfterInput(card, id);
  return next?.type === 'TextBlock' && next.color === 'Attention' ? String(next.text) : undefined;
}

function describeActions(actions: unknown): string[] {
  if (!Array.isArray(actions)) return [];
  return actions.filter(isRecord).map((a) => {
    if (a.type === 'Action.Execute') return `${String(a.title)} → ${String(a.verb)}`;
    if (a.type === 'Action.ShowCard' && isRecord(a.card)) {
      const inner = (Array.isArray(a.card.actions) ? a.card.actions : []).filter(isRecord)
        .map((i) => (i.type === 'Action.Execute' ? String(i.verb) : `${String(i.type)}?`));
      return `${String(a.title)} ▸ ${inner.join(', ')}`;
    }
    return `${String(a.type)} "${String(a.title)}"`;
  });
}

/**
 * The card's actions as one line each: `Title → verb` for an Action.Execute, `Title ▸ verb, verb` for a ShowCard
 * and the Action.Execute verbs inside it.
 */
export function actionLines(card: AdaptiveCard): string[] {
  return describeActions(card.actions);
}

/** Every Action.Execute a person can press (the refresh action excluded). */
export function executeActions(card: AdaptiveCard): Record<string, unknown>[] {
  return cardNodes(card).filter((n) => n.kind === 'action' && n.type === 'Action.Execute' && !n.path.startsWith('$.refresh'))
    .map((n) => n.node);
}

/** The rows of a list card (each a ColumnSet): its text runs joined, and the data of its action, if any. */
export function listRows(card: AdaptiveCard): { text: string; open: Record<string, unknown> | undefined }[] {
  return nodesOfType(card, 'ColumnSet').map((set) => ({
    text: textRuns(set as AdaptiveCard).join(''),
    open: executeActions(set as AdaptiveCard)[0]?.data as Record<string, unknown> | undefined,
  }));
}

/** Every Action.Execute carries its verb, the card key, and an Action.Submit fallback with the same data. */
export function assertExecuteActionsCarry(
  card: AdaptiveCard, key: { tenantId: string; workload: string; revision: number; from?: string },
): void {
  for (const action of executeActions(card)) {
    const verb = action.verb;
    assert.ok(typeof verb === 'string' && verb !== '', `Action.Execute "${String(action.title)}" has no verb`);
    const data = { verb, ...key };
    assert.deepEqual(action.data, data, `data of ${verb}`);
    assert.ok(isRecord(action.fallback), `${verb} has no fallback`);
    assert.equal(action.fallback.type, 'Action.Submit', `${verb}: fallback type`);
    assert.deepEqual(action.fallback.data, data, `${verb}: fallback data`);
    assert.equal(action.fallback.title, action.title, `${verb}: fallback title`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Customers and viewers.

/** The user texts a customer is built with. */
export interface Texts {
  customerName: string;
  /** The display names of the FM and the Gateway person. */
  personName: string;
  /** Every reason and note typed. */
  note: string;
}

export const PLAIN: Texts = {
  customerName: 'Contoso Ltd', personName: 'Farah Manager', note: 'Emailed and called the customer.',
};

export const TEAMS = 'Teams';

export interface Journey {
  customer: Customer;
  /** The FM (named per `texts`) who acted. */
  fm: Actor;
}

/**
 * A customer whose Teams workload is in `state`, reached through the domain transitions as an FM would, so it
 * carries the history and notes of the way there. Intune stays an R7 month estimate. `extraNotes` adds that many
 * further "no response" notes on the way (a long-running engagement).
 */
export function customerIn(state: WorkloadState, texts: Texts = PLAIN, extraNotes = 0): Journey {
  const fm: Actor = { ...actors.fm, name: texts.personName };
  const gateway: Actor = { ...actors.gateway, name: texts.personName };
  let step = 0;
  const by = (actor: Actor) => ctx(actor, ++step);
  let c = customerFixture({
    name: texts.customerName, assignee: fmAssignee(fm), context: ctx(gateway),
    workloads: [onDay(TEAMS, '2026-11-24'), inMonth('Intune', '2027-02')],
  });
  c = changeDate(c, TEAMS, { engagementStartDate: '2026-12-01', reason: texts.note }, by(fm), 'card');
  for (let i = 0; i < extraNotes; i++) c = recordNoResponse(c, TEAMS, texts.note, by(fm));
  if (state === 'scheduled') return { customer: c, fm };
  if (state === 'notApplicable') {
    return { customer: changeL1Status(c, TEAMS, { l1Status: 'Blocked', reason: texts.note }, by(gateway), 'api'), fm };
  }
  c = recordNoResponse(c, TEAMS, texts.note, by(fm));
  if (state === 'awaitingCustomer') return { customer: c, fm };
  if (state === 'inactive') return { customer: markCustomerInactive(c, TEAMS, texts.note, by(fm)), fm };
  c = confirmStart(c, TEAMS, by(fm));
  if (state === 'started') return { customer: c, fm };
  return { customer: completeDeployment(c, TEAMS, texts.note, by(fm)), fm };
}

const partnerActor: Actor = { aadObjectId: 'aad-partner-1', name: 'Pat Partner', role: 'partner' };

/** The people who look at a card: the assigned FM (who may act) and the ones who may only read. */
export function viewers(fm: Actor): Record<'fm' | 'partner' | 'otherFm' | 'unknown', Person> {
  return {
    fm: personFixture(fm),
    partner: personFixture(partnerActor, { partnerId: 'partner-contoso-services' }),
    otherFm: personFixture(actors.fm2),
    unknown: personFixture(actors.fm, { aadObjectId: 'aad-new-1', role: null }),
  };
}

// stateFor is pure (it never reads the store); the service needs one to be built.
const cardActions = new CardActions(SqliteStore.open({ file: ':memory:' }), { now: () => NOW });

/** The card state of the customer's Teams workload for `viewer`, as the service draws it. */
export function viewOf(customer: Customer, viewer: Person | undefined, workload = TEAMS): CardState {
  return cardActions.stateFor(viewer, customer, findWorkload(customer, workload));
}

/** `count` characters of prose as an FM writes it: sentences, quotes and line breaks (which JSON escapes). */
export function longText(count: number, seed = 'The customer asked to move the first call; see the "thread" from Monday.\n'): string {
  return seed.repeat(Math.ceil(count / seed.length)).slice(0, count);
}

/** The longest texts the domain allows: names of 200 characters, reasons and notes of 2,000. */
export const LONG: Texts = {
  customerName: longText(200, 'Contoso "Global" Holdings '), personName: longText(200, 'Farah "Fa" Manager '), note: longText(2000),
};
/** What Teams accepts for one card (the JSON in UTF-16). */
export const MAX_CARD_BYTES = 28 * 1024;

/** The banner (first body element, a styled Container) saying what happened, or undefined. */
export function bannerOf(card: AdaptiveCard): { style: string; text: string } | undefined {
  const first: unknown = Array.isArray(card.body) ? card.body[0] : undefined;
  if (!isRecord(first) || first.type !== 'Container' || typeof first.style !== 'string') return undefined;
  return { style: first.style, text: textRuns(first as AdaptiveCard).join('') };
}

/** Rows of ColumnSets: the texts of each column (TextBlocks and TextRuns), one array per ColumnSet. */
export function columnRows(card: AdaptiveCard): string[][] {
  return nodesOfType(card, 'ColumnSet').map((set) => (Array.isArray(set.columns) ? set.columns : [])
    .map((column) => cardNodes(column).filter((n) => n.type === 'TextBlock' || n.type === 'TextRun')
      .map((n) => String(n.node.text)).join('')));
}

/** The ESD card's facts (label → value). */
export function factsOf(card: AdaptiveCard): Record<string, string> {
  return Object.fromEntries(columnRows(card).filter((row) => row.length === 2) as [string, string][]);
}

/** Every string property of every card object, with where it stands (`TextRun.text`, `Input.Text.value`...). */
export function placedStrings(card: AdaptiveCard): { where: string; text: string }[] {
  return cardNodes(card).flatMap(({ type, node }) => Object.entries(node)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([key, text]) => ({ where: `${type}.${key}`, text })));
}

/** The customer card's view of `customer` for `viewer` (default: the fixtures' assigned FM), drawn at NOW. */
export function customerViewOf(
  customer: Customer, viewer: Person | undefined = personFixture(actors.fm), etag = '1',
): CustomerView {
  return customerView(viewer, { value: customer, etag }, NOW);
}
