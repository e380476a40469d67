/**
 * The Gateway queue card and the heads-up card (P1, P2): valid Adaptive Cards 1.5 in every state, under 28 KB at
 * their largest, user text only in TextRuns (never evaluated), month estimates in words, FMs in suggestion order.
 */
import assert from 'node:assert/strict';
import { WORKLOADS, type Customer } from '../../src/domain/types';
import type { AssignOutcome, QueuedCustomer, QueueView } from '../../src/services/gateway-queue';
import type { Suggestion } from '../../src/services/suggestions';
import { queueEntry } from '../../src/store/queue-entries';
import type { BannerStyle } from '../../src/teams/cards/esd-card';
import {
  ASSIGN_VERB, assignBanner, assigneeInputId, fmChoiceTitle, FM_CHOICES, HEADS_UP_FM_CHOICES, headsUpCard,
  QUEUE_CARD_CUSTOMERS, queueCard, SHOW_QUEUE_VERB,
} from '../../src/teams/cards/queue-card';
import { actors, customerFixture, inMonth, onDay, tenantId, withoutEsd } from '../common/fixtures';
import {
  actionLines, allStrings, assertValidCard, bannerOf, cardBytes, executeActions, longText, nodesOfType, placedStrings,
} from './card-helpers';
import { refusal } from '../common/refusals';

const MAX_CARD_BYTES = 28 * 1024;
const TODAY = '2026-11-24';
/** A Cosmos DB etag, the longest a store gives. */
const COSMOS_ETAG = '"00000000-0000-0000-1a2b-3c4d5e6f0000"';

function fms(count: number, name = (i: number) => `FM ${i}`): Suggestion[] {
  return Array.from({ length: count }, (_, i) => ({
    aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: name(i), starting: i % 3, inFlight: 100 + i,
    capacity: i % 2 ? null : 1000,
  }));
}

function queued(customer: Customer, suggestions: Suggestion[], etag = '3'): QueuedCustomer {
  const entry = queueEntry(customer, etag);
  const first = entry.firstEsd ? { date: entry.firstEsd, precision: customer.workloads.find((w) => w.engagementStartDate === entry.firstEsd)?.datePrecision ?? 'day' } : null;
  return { entry, first, suggestedFor: entry.firstEsd ?? TODAY, suggestions };
}

function view(customers: QueuedCustomer[], continuationToken?: string): QueueView {
  return { customers, today: TODAY, ...(continuationToken ? { continuationToken } : {}) };
}

/** Every workload of the catalogue, on day and month estimates: the longest workloads line. */
function everyWorkload(n: number, name: string): Customer {
  return customerFixture({
    n, name, assignee: null,
    workloads: WORKLOADS.map((w, i) => (i % 2 ? inMonth(w, '2027-02') : onDay(w, `2026-12-${String(i + 1).padStart(2, '0')}`))),
  });
}

describe('Teams cards: the Gateway queue and the heads-up (P1, P2)', () => {
  it('the queue card at its largest (10 waiting customers with long names and every workload, 30 FMs with long names, a long banner) is valid and under 28 KB', () => {
    const longNames = fms(30, (i) => `${longText(200, 'Bartholomew Featherstonehaugh-Cholmondeley ')}${i}`);
    const customers = Array.from({ length: 10 }, (_, i) => queued(everyWorkload(i + 1, longText(200, 'Contoso "Ünïcode" 株式会社 Holdings ')), longNames, COSMOS_ETAG));
    const card = queueCard({ view: view(customers, 'x'.repeat(200)), banner: { text: longText(400), style: 'good' } });
    assertValidCard(card);
    assert.ok(cardBytes(card) < MAX_CARD_BYTES, `${cardBytes(card)} bytes`);
    assert.equal(nodesOfType(card, 'Input.ChoiceSet').length, QUEUE_CARD_CUSTOMERS, 'at most five customers on one card');
    for (const input of nodesOfType(card, 'Input.ChoiceSet')) {
      assert.equal((input.choices as unknown[]).length, FM_CHOICES, 'the least loaded FMs');
      assert.equal(input.label, `FM (the ${FM_CHOICES} least loaded of 30)`);
    }
  });

  it('the heads-up card at its largest (every workload, 100 FMs with long names) is valid and under 28 KB', () => {
    const customer = queued(everyWorkload(1, longText(200, 'Contoso Holdings ')), fms(100, (i) => `${longText(200, 'Maximiliana Wolfeschlegelsteinhausen ')}${i}`), COSMOS_ETAG);
    const { card, summary } = headsUpCard(customer, TODAY);
    assertValidCard(card);
    assert.ok(cardBytes(card) < MAX_CARD_BYTES, `${cardBytes(card)} bytes`);
    assert.equal((nodesOfType(card, 'Input.ChoiceSet')[0]?.choices as unknown[]).length, HEADS_UP_FM_CHOICES);
    assert.ok(summary.startsWith('No FM yet: Contoso Holdings'), summary);
  });

  it('P2: each customer\'s FMs in suggestion order, labelled with their load; the assign action carries the customer and its version', () => {
    const suggestions = [
      { aadObjectId: 'aad-felix', name: 'Felix Manager', starting: 0, inFlight: 2, capacity: 3 },
      { aadObjectId: 'aad-farah', name: 'Farah Manager', starting: 2, inFlight: 5, capacity: null },
    ];
    const customer = queued(customerFixture({ n: 1, name: 'Contoso Ltd', assignee: null, workloads: [onDay('Teams', '2026-11-26')] }), suggestions);
    const card = queueCard({ view: view([customer]) });
    assertValidCard(card);
    const [input] = nodesOfType(card, 'Input.ChoiceSet');
    assert.equal(input?.id, assigneeInputId(tenantId(1)));
    assert.equal(input?.isRequired, true);
    assert.deepEqual(input?.choices, [
      { title: 'Felix Manager — 0 starting that fortnight, 2 in flight, capacity 3 a week', value: 'aad-felix' },
      { title: 'Farah Manager — 2 starting that fortnight, 5 in flight', value: 'aad-farah' },
    ]);
    const [assign] = executeActions(card).filter((a) => a.verb === ASSIGN_VERB);
    assert.deepEqual(assign?.data, { verb: ASSIGN_VERB, tenantId: tenantId(1), etag: '3' });
    assert.deepEqual((assign?.fallback as { data: unknown }).data, assign?.data, 'the Action.Submit fallback carries the same');
    assert.deepEqual(actionLines(card), ['Refresh → showQueue']);
    assert.equal(fmChoiceTitle({ ...suggestions[1] as Suggestion, starting: 1, inFlight: 1 }), 'Farah Manager — 1 starting that fortnight, 1 in flight');
  });

  it('R7: a month estimate reads "expected in February 2027"; a passed date says so; no date says how FMs are ordered', () => {
    const month = queued(customerFixture({ n: 1, assignee: null, workloads: [inMonth('Intune', '2027-02')] }), fms(2));
    const passed = queued(customerFixture({ n: 2, assignee: null, workloads: [onDay('Teams', TODAY)] }), fms(2));
    const none = queued(customerFixture({ n: 3, assignee: null, workloads: [withoutEsd('Teams', 'Blocked')] }), fms(2));
    const card = queueCard({ view: { ...view([month, passed, none]), today: '2026-11-25' } });
    const texts = nodesOfType(card, 'TextBlock').map((b) => String(b.text));
    assert.ok(texts.includes('First Engagement Start Date: expected in February 2027'), texts.join('\n'));
    assert.ok(texts.includes('First Engagement Start Date: Tue, 24 Nov 2026 (already passed)'), texts.join('\n'));
    assert.ok(texts.includes('No Engagement Start Date yet: the FMs are ordered by their load from today.'));
    assert.ok(allStrings(card).some((s) => s.includes('Microsoft Intune: expected in February 2027')));
    assert.ok(!allStrings(card).some((s) => /\(R\d+\)|month only/.test(s)), 'no rule ids, no "month only"');
  });

  it('an empty queue says so; more than a page offers "Show more" with the page\'s token', () => {
    const empty = queueCard({ view: view([]) });
    assertValidCard(empty);
    assert.ok(allStrings(empty).includes('No customer is waiting for an FM: nothing to assign.'));
    assert.deepEqual(actionLines(empty), ['Refresh → showQueue']);
    const more = queueCard({ view: view([queued(customerFixture({ n: 1, assignee: null }), fms(1))], 'next-page') });
    assertValidCard(more);
    assert.deepEqual(actionLines(more), ['Show more → showQueue', 'Refresh → showQueue']);
    assert.deepEqual(executeActions(more).find((a) => a.title === 'Show more')?.data, { verb: SHOW_QUEUE_VERB, continuationToken: 'next-page' });
  });

  it('user text (customer and FM names) is only in TextRuns and choice titles, never Markdown, Teams functions broken up', () => {
    const name = 'Contoso {{DATE(2026-12-01T00:00:00Z, SHORT)}} <b>bold</b> **not bold**';
    const customer = queued(customerFixture({ n: 1, name, assignee: null }), fms(1, () => 'Eve {{TIME(x)}} [link](https://x)'));
    const card = queueCard({ view: view([customer]), banner: { text: `${name} is now assigned`, style: 'good' } });
    assertValidCard(card);
    const placed = placedStrings(card).filter((p) => p.text.includes('Contoso') || p.text.includes('Eve'));
    assert.deepEqual([...new Set(placed.map((p) => p.where))].sort(), ['TextRun.text', 'choice.title'].sort());
    assert.ok(placed.every((p) => !p.text.includes('{{')), 'no {{ left for Teams to expand');
    assert.ok(placed.some((p) => p.text.includes('<b>bold</b> **not bold**')), 'markup in data stays text');
  });

  const outcomes: [string, AssignOutcome, BannerStyle, string][] = [
    ['assigned', { status: 'assigned', customer: customerFixture({ name: 'Contoso Ltd' }), fmName: 'Alice Fm', reachable: true }, 'good',
      'Contoso Ltd is now assigned to Alice Fm, who has been sent its cards.'],
    ['repeat', { status: 'repeat', customer: customerFixture({ name: 'Contoso Ltd' }), fmName: 'Alice Fm' }, 'accent',
      'Already recorded: Contoso Ltd is assigned to Alice Fm.'],
    ['stale, assigned by someone', {
      status: 'stale', customer: customerFixture({ name: 'Contoso Ltd' }),
      assignment: { at: '2026-11-24T09:00:00.000Z', by: actors.admin, workload: null, kind: 'note', text: 'Assigned to FM Farah Manager.' },
    }, 'warning', 'Nothing was changed: Contoso Ltd was assigned to Farah Manager by Ada Admin (Admin) on 24 Nov 2026, after this list was drawn.'],
    ['stale, still waiting', { status: 'stale', customer: customerFixture({ name: 'Contoso Ltd', assignee: null }), assignment: undefined }, 'warning',
      'Nothing was changed: Contoso Ltd changed since this list was drawn. Here is the queue as it is now: assign it again.'],
    ['invalid', { status: 'invalid', reason: refusal('Pick an FM first.') }, 'attention', 'Nothing was changed: Pick an FM first.'],
  ];
  for (const [what, outcome, style, text] of outcomes) {
    it(`P1: the answer to an assignment (${what}) is the queue card with its banner, valid`, () => {
      assert.deepEqual(assignBanner(outcome), { style, text });
      const waiting = queued(customerFixture({ n: 2, assignee: null }), fms(3));
      const card = queueCard({ view: view([waiting]), banner: assignBanner(outcome) });
      assertValidCard(card);
      assert.deepEqual(bannerOf(card), { style, text });
    });
  }

  it('the heads-up names the customer and its date, warns, and carries the same assign action; a month estimate reads as one', () => {
    const day = headsUpCard(queued(customerFixture({ n: 1, name: 'Contoso Ltd', assignee: null, workloads: [onDay('Teams', '2026-11-26')] }), fms(2)), TODAY);
    assertValidCard(day.card);
    assert.deepEqual(bannerOf(day.card), {
      style: 'warning', text: 'Contoso Ltd has no FM yet and is expected to start on Thu, 26 Nov 2026: assign an FM so the customer does not wait.',
    });
    assert.deepEqual(actionLines(day.card), ['Open the whole queue → showQueue']);
    assert.equal(executeActions(day.card).filter((a) => a.verb === ASSIGN_VERB).length, 1);
    const month = headsUpCard(queued(customerFixture({ n: 1, name: 'Contoso Ltd', assignee: null, workloads: [inMonth('Teams', '2026-12')] }), fms(2)), TODAY);
    assert.equal(bannerOf(month.card)?.text, 'Contoso Ltd has no FM yet and is expected to start in December 2026: assign an FM so the customer does not wait.');
    assert.equal(month.summary, 'No FM yet: Contoso Ltd, expected to start in December 2026');
  });
});
