/**
 * The Graph installer (issue 13) against a local fake Graph: Retry-After is honoured on 429 (every install waits, not
 * only the throttled one), 409 means already installed, retries stop after 4 requests, and the token is reused.
 * Waits go through an injected sleep on a virtual clock: the test reads how long the installer waited.
 */
import assert from 'node:assert/strict';
import { memoryLogger } from '../../src/log/logger';
import { GraphInstaller } from '../../src/teams/graph-installer';
import { LOCAL_BOT } from '../common/app';
import { startFakeGraph, type FakeGraph } from '../common/fake-graph';

describe('GraphInstaller (GRAPH_INSTALL=on) against a fake Graph', () => {
  let graph: FakeGraph;
  let clock: number;
  let waits: number[];

  function installer(): GraphInstaller {
    return new GraphInstaller({
      config: { catalogId: 'catalog-app-1', baseUrl: graph.baseUrl, tokenUrl: graph.tokenUrl },
      bot: { ...LOCAL_BOT, appId: 'bot-app', appPassword: 'bot-secret' }, logger: memoryLogger('warn'),
      now: () => clock, random: () => 0.5,
      sleep: (ms) => { waits.push(ms); clock += ms; return Promise.resolve(); },
    });
  }

  beforeEach(async () => {
    graph = await startFakeGraph();
    clock = 1_000_000;
    waits = [];
  });

  afterEach(() => graph.stop());

  it('a 429 with Retry-After is honoured before the next request, for every install', async () => {
    graph.answerNext({ status: 429, headers: { 'Retry-After': '7' }, body: { error: { code: 'TooManyRequests' } } });
    const graphInstaller = installer();
    assert.equal(await graphInstaller.install('aad-fm-1'), 'installed');
    assert.deepEqual(waits, [7000]);
    assert.equal(graph.installs().length, 2);
    graph.answerNext({ status: 429, headers: { 'Retry-After': '3' } });
    const [first, second] = await Promise.all([graphInstaller.install('aad-fm-2'), graphInstaller.install('aad-fm-3')]);
    assert.deepEqual([first, second], ['installed', 'installed']);
    assert.ok(waits.slice(1).includes(3000), `the throttled install waited its Retry-After (${waits.join(', ')})`);
    assert.equal(graph.requests.filter((r) => r.path === '/token').length, 1, 'the token is reused');
    assert.equal(graph.requests[0]?.body.client_id, 'bot-app');
    assert.equal(graph.requests[0]?.body.client_secret, 'bot-secret');
  });

  it('409 (already installed) counts as installed; 404 is refused; 503 four times is left for later', async () => {
    graph.answerNext({ status: 409, body: { error: { code: 'Conflict' } } });
    assert.equal(await installer().install('aad-fm-1'), 'installed');
    graph.answerNext({ status: 404, body: { error: { code: 'NotFound' } } });
    assert.equal(await installer().install('aad-fm-2'), 'refused');
    const down = { status: 503 };
    graph.answerNext(down, down, down, down);
    assert.equal(await installer().install('aad-fm-3'), 'later');
    assert.equal(graph.installs().length, 2 + 4);
    assert.equal(waits.length, 3, 'a backoff between the four requests, none after the last');
  });
});
