/** The `load` card (P2): valid Adaptive Card 1.5 with its chart's fallback, under 28 KB at its largest page. */
import assert from 'node:assert/strict';
import type { FmLoad } from '../../src/services/load-report';
import type { TeamLoadView } from '../../src/services/team-load';
import { LOAD_CARD_FMS, LOAD_CARD_WEEKS, loadCard, weeksOverCapacity } from '../../src/teams/cards/load-card';
import { assertValidCard, cardBytes, nodesOfType, textBlocks } from './card-helpers';

const MONDAYS = ['2026-11-23', '2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28', '2027-01-04', '2027-01-11'];

function fm(i: number, overrides: Partial<FmLoad> = {}): FmLoad {
  return {
    aadObjectId: `aad-fm-${i}`, name: `${'{{'.repeat(3)}${'W'.repeat(194)}${i}`,
    starting: Array.from({ length: LOAD_CARD_WEEKS }, () => 999),
    estimated: Array.from({ length: LOAD_CARD_WEEKS }, () => 999),
    inFlight: 99999, capacity: 1, ...overrides,
  };
}

function view(fms: FmLoad[], overrides: Partial<TeamLoadView> = {}): TeamLoadView {
  return {
    today: '2026-11-24', weekStarts: MONDAYS, weeks: [], fms, page: 1, pages: 1, total: fms.length, own: undefined,
    ...overrides,
  };
}

describe('load card (P2)', () => {
  it('the largest page: 6 FMs with 200-character names, every week above capacity, the viewer among them: valid and under 28 KB', () => {
    const fms = Array.from({ length: LOAD_CARD_FMS }, (_, i) => fm(i));
    const card = loadCard(view(fms, { page: 2, pages: 40, total: 240, own: fms[0] }));
    assertValidCard(card);
    assert.ok(cardBytes(card) < 28 * 1024, `${cardBytes(card)} bytes`);
    const [chart] = nodesOfType(card, 'Chart.VerticalBar.Grouped');
    assert.equal((chart?.fallback as { type?: string } | undefined)?.type, 'Table', 'clients without charts draw the table');
    assert.ok(textBlocks(card).every((b) => !String(b.text).includes('{{')), 'names cannot be read as template text');
  });

  it('no FM in the directory: no chart, a sentence saying so', () => {
    const card = loadCard(view([]));
    assertValidCard(card);
    assert.deepEqual(nodesOfType(card, 'Chart.VerticalBar.Grouped'), []);
    assert.equal(textBlocks(card)[1]?.text, 'No FM is in the directory yet: there is no load to show.');
  });

  it('above capacity means more starts than the weekly capacity; no capacity set, never above', () => {
    assert.deepEqual(weeksOverCapacity(fm(1, { starting: [2, 1, 3, 0, 0, 0, 0, 0], capacity: 1 })), [0, 2]);
    assert.deepEqual(weeksOverCapacity(fm(1, { capacity: null })), []);
    assert.deepEqual(weeksOverCapacity(fm(1, { starting: [1, 0, 0, 0, 0, 0, 0, 0], capacity: 0 })), [0]);
  });
});
