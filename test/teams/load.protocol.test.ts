/**
 * The `load` command in Teams (P2) through the real stack (restify + CloudAdapter + bot on 127.0.0.1:0, real SQLite,
 * recording connector): the next 8 weeks per FM as a grouped bar chart with a table for clients without charts, FMs
 * above their weekly capacity said in words, who may see it, and paging with "Show more".
 */
import assert from 'node:assert/strict';
import { SHOW_LOAD_VERB } from '../../src/teams/cards/load-card';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import { teamsUser, type TeamsUser } from '../common/activities';
import { actors, customerFixture, fmAssignee, inMonth, onDay, partnerAssignee, personFixture } from '../common/fixtures';
import { assertValidCard, cardBytes, executeActions, nodesOfType, textBlocks, textRuns } from './card-helpers';
import { cardOf, startProtocolEnv, type ProtocolEnv } from './teams-client';

const GATEWAY = teamsUser(actors.gateway.aadObjectId, actors.gateway.name);
const ADMIN = teamsUser(actors.admin.aadObjectId, actors.admin.name);
const FARAH = teamsUser(actors.fm.aadObjectId, actors.fm.name);
const PARTNER = teamsUser('aad-partner-1', 'Pat Partner');
const STRANGER = teamsUser('aad-stranger', 'Sam Stranger');

/** The Mondays of the 8 weeks from Tue 24 Nov 2026, as the card labels them. */
const WEEKS = ['23 Nov', '30 Nov', '7 Dec', '14 Dec', '21 Dec', '28 Dec', '4 Jan', '11 Jan'];
/** The table heads the same weeks with their ISO numbers: 2026 has 53 weeks, so 28 Dec is W53 and 4 Jan 2027 W1. */
const TABLE_WEEKS = ['W48 · 23 Nov', 'W49 · 30 Nov', 'W50 · 7 Dec', 'W51 · 14 Dec', 'W52 · 21 Dec', 'W53 · 28 Dec', 'W1 · 4 Jan', 'W2 · 11 Jan'];

function chartOf(card: AdaptiveCard): Record<string, unknown> {
  const [chart] = nodesOfType(card, 'Chart.VerticalBar.Grouped');
  assert.ok(chart, 'a grouped bar chart');
  return chart;
}

/** The chart's series: legend, then the value of each week. */
function series(card: AdaptiveCard): (string | number)[][] {
  const data = chartOf(card).data as { legend: string; values: { x: string; y: number }[] }[];
  for (const s of data) assert.deepEqual(s.values.map((v) => v.x), WEEKS);
  return data.map((s) => [s.legend, ...s.values.map((v) => v.y)]);
}

/** The fallback table as text, row by row. */
function tableOf(card: AdaptiveCard): string[][] {
  const table = chartOf(card).fallback as { type: string; rows: { cells: { items: { text: string }[] }[] }[] };
  assert.equal(table.type, 'Table');
  return table.rows.map((row) => row.cells.map((cell) => cell.items.map((item) => item.text).join(' ')));
}

/** The FMs' names in the card's order (each FM's line starts with it, in bold). */
function names(card: AdaptiveCard): string[] {
  return nodesOfType(card, 'TextRun').filter((run) => run.weight === 'Bolder').map((run) => String(run.text));
}

describe('Teams protocol: the `load` command (P2)', () => {
  let env: ProtocolEnv;

  async function loadCardFor(who: TeamsUser): Promise<AdaptiveCard> {
    const card = cardOf(await env.teams.ask(who, 'load'));
    assertValidCard(card);
    assert.ok(cardBytes(card) < 28 * 1024);
    return card;
  }

  beforeEach(async () => {
    env = await startProtocolEnv([
      personFixture(actors.gateway, { timeZone: 'Europe/London' }),
      personFixture(actors.admin, { timeZone: 'Europe/London' }),
      personFixture(actors.fm, { timeZone: 'Europe/London', weeklyCapacity: 1 }),
      personFixture(actors.fm2, { timeZone: 'Europe/London' }),
      personFixture({ aadObjectId: PARTNER.aadObjectId, name: PARTNER.name, role: 'partner' }, { partnerId: 'frp-1' }),
    ]);
    // NOW is Tue 24 Nov 2026 in London: the weeks of 23 Nov to 11 Jan. Farah: two starts in her first week (capacity
    // 1) and a January estimate (R7: the week of Fri 1 Jan, 28 Dec); Felix: one on 8 Dec; a partner's: nobody's.
    assert.deepEqual(await env.store.createCustomers([
      customerFixture({ n: 1, name: 'Contoso Ltd', workloads: [onDay('Teams', '2026-11-26'), onDay('Intune', '2026-11-27'), inMonth('Viva', '2027-01')] }),
      customerFixture({ n: 2, name: 'Fabrikam Inc', assignee: fmAssignee(actors.fm2), workloads: [onDay('Teams', '2026-12-08')] }),
      customerFixture({ n: 3, name: 'Adventure Works', assignee: partnerAssignee(), workloads: [onDay('Teams', '2026-11-25')] }),
    ]), [true, true, true]);
  });

  afterEach(async () => {
    await env.app.idle();
    await env.stop();
  });

  it('P2/R7: Gateway staff get the next 8 weeks per FM as a grouped bar chart, a table for clients without charts, and the weeks above capacity in words', async () => {
    const card = await loadCardFor(GATEWAY);
    assert.deepEqual(series(card), [
      ['Farah Manager', 2, 0, 0, 0, 0, 1, 0, 0],
      ['Felix Manager', 0, 0, 1, 0, 0, 0, 0, 0],
    ]);
    assert.deepEqual(tableOf(card), [
      ['FM', ...TABLE_WEEKS],
      ['Farah Manager', '2 (over)', '0', '0', '0', '0', '1', '0', '0'],
      ['Felix Manager', '0', '0', '1', '0', '0', '0', '0', '0'],
    ]);
    assert.deepEqual(names(card), ['Farah Manager', 'Felix Manager']);
    const texts = textBlocks(card).map((b) => String(b.text));
    assert.ok(texts.includes('3 starting in the next 8 weeks (1 only expected that month) · 0 in flight · capacity 1 a week'));
    assert.ok(texts.includes('1 starting in the next 8 weeks · 0 in flight · no weekly capacity set'));
    const over = textBlocks(card).filter((b) => b.color === 'Attention');
    assert.deepEqual(over.map((b) => [b.text, b.weight]), [['Above capacity in the week of 23 Nov (2 starting).', 'Bolder']]);
    assert.ok(texts[1]?.startsWith('All 2 FMs.'), texts[1]);
    assert.deepEqual(executeActions(card).map((a) => [a.title, a.verb, a.data]), [['Refresh', SHOW_LOAD_VERB, { verb: SHOW_LOAD_VERB, page: 1 }]]);
  });

  it('P2: admins get it; an FM gets the whole team with their own row marked and their load on top; the help card lists `load` for them, not for partners', async () => {
    assert.deepEqual(names(await loadCardFor(ADMIN)), ['Farah Manager', 'Felix Manager']);
    const own = await loadCardFor(FARAH);
    assert.deepEqual(names(own), ['Farah Manager (you)', 'Felix Manager']);
    assert.equal(textBlocks(own)[2]?.text, 'Your load: 3 starting in the next 8 weeks (1 only expected that month) · 0 in flight · '
      + 'capacity 1 a week. You are above your capacity in 1 week.');
    const commandsOf = async (who: TeamsUser): Promise<string[]> =>
      nodesOfType(cardOf(await env.teams.ask(who, 'help')), 'FactSet').flatMap((f) => (f.facts as { title: string }[]).map((x) => x.title));
    for (const who of [GATEWAY, ADMIN, FARAH]) assert.ok((await commandsOf(who)).includes('load'));
    assert.ok(!(await commandsOf(PARTNER)).includes('load'));
  });

  it('P2: a partner and someone the directory does not know get a plain refusal saying what to do, never the card; their showLoad is 403', async () => {
    for (const [who, why] of [[PARTNER, /for FastTrack staff.*"upcoming"/], [STRANGER, /not in the FastTrack directory yet: ask an admin/]] as const) {
      const reply = await env.teams.ask(who, 'load');
      assert.match(String(reply.body.text), why);
      assert.equal(reply.body.attachments, undefined, 'no card');
      const refused = await env.teams.invoke(who, SHOW_LOAD_VERB, { verb: SHOW_LOAD_VERB, page: 1 });
      assert.equal(refused.statusCode, 403);
    }
  });

  it('P2: a team larger than a card: 6 FMs a page by name, "Show more" answers the next page in place, then the way back; a bad page is a 400', async () => {
    for (let i = 1; i <= 8; i++) {
      await env.store.putPerson(personFixture({ aadObjectId: `aad-fm-x${i}`, name: `Zed ${'z'.repeat(195)}${i}`, role: 'fm' }, { weeklyCapacity: 2 }));
    }
    const first = await loadCardFor(GATEWAY);
    assert.equal(series(first).length, 6);
    assert.deepEqual(names(first).slice(0, 2), ['Farah Manager', 'Felix Manager']);
    assert.ok(textBlocks(first)[1]?.text?.toString().startsWith('FMs 1–6 of 10, by name.'));
    assert.ok(textBlocks(first).some((b) => b.text === '4 more FMs: Show more lists the next ones.'));
    const more = executeActions(first).find((a) => a.title === 'Show more');
    assert.deepEqual(more?.data, { verb: SHOW_LOAD_VERB, page: 2 });
    const answer = await env.teams.invoke(GATEWAY, SHOW_LOAD_VERB, more?.data);
    assert.equal(answer.statusCode, 200);
    assertValidCard(answer.value);
    assert.ok(cardBytes(answer.value) < 28 * 1024, `${cardBytes(answer.value)} bytes`);
    assert.equal(series(answer.value).length, 4);
    assert.ok(textBlocks(answer.value)[1]?.text?.toString().startsWith('FMs 7–10 of 10, by name.'));
    assert.deepEqual(executeActions(answer.value).map((a) => [a.title, a.data]), [
      ['Back to the first FMs', { verb: SHOW_LOAD_VERB, page: 1 }], ['Refresh', { verb: SHOW_LOAD_VERB, page: 2 }],
    ]);
    const past = await env.teams.invoke(GATEWAY, SHOW_LOAD_VERB, { verb: SHOW_LOAD_VERB, page: 9 });
    assert.ok(textBlocks(past.value)[1]?.text?.toString().startsWith('FMs 7–10 of 10'), 'a page past the end shows the last');
    for (const page of ['2', 0, 1.5, null]) {
      const bad = await env.teams.invoke(GATEWAY, SHOW_LOAD_VERB, { verb: SHOW_LOAD_VERB, page });
      assert.equal(bad.statusCode, 400, String(page));
    }
    assert.deepEqual(textRuns(first).filter((t) => t.includes('${')), []);
  });
});
