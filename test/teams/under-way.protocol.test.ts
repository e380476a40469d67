/**
 * R2 through the real stack: a customer entered over REST with an engagement already under way (`startedOn`) is
 * never prompted about it: no welcome card for it when the customer is assigned, and no reminder from the sweep
 * (POST /api/reminders/run) on any day, while the same customer's workload with an ESD still gets both.
 */
import assert from 'node:assert/strict';
import { addDays } from '../../src/domain/dates';
import { teamsUser } from '../common/activities';
import { actors, personFixture, tenantId } from '../common/fixtures';
import type { RecordedRequest } from '../common/recording-connector';
import { apiClient, assertCustomer, type Api } from '../http/api-client';
import { textRuns } from './card-helpers';
import { cardOf, startProtocolEnv, type ProtocolEnv } from './teams-client';

const FM = teamsUser(actors.fm.aadObjectId, actors.fm.name);
const CONTOSO = tenantId(1);

/** The customer and workload a sent card is about (its summary ends "<customer> · <workload label>"). */
function aboutOf(request: RecordedRequest): string {
  return /[^:]*$/.exec(String(request.body.summary))?.[0].trim() ?? '';
}

describe('Teams protocol: engagements already under way are never prompted (R2; REST, sweep, recording connector)', () => {
  let env: ProtocolEnv;
  let api: Api;

  beforeEach(async () => {
    env = await startProtocolEnv([personFixture(actors.fm, { timeZone: 'Europe/London' }), personFixture(actors.admin)]);
    api = apiClient(env.app.url);
    await env.teams.install(FM);
  });

  afterEach(() => env.stop());

  it('R2: no welcome card and no reminder on any day for the under-way workload; the one with an ESD gets both', async () => {
    const created = await api('POST', '/api/customers', {
      body: {
        tenantId: CONTOSO, name: 'Contoso Ltd', assignee: { type: 'fm', aadObjectId: actors.fm.aadObjectId },
        workloads: [
          { workload: 'Teams', l1Status: 'InProgress', startedOn: '2026-11-24' },
          { workload: 'ExchangeOnline', l1Status: 'InProgress', engagementStartDate: '2026-11-26' },
        ],
      },
    });
    assertCustomer(created, 201);
    // Under-way workloads of a partner's (R9) and an unassigned customer: nobody to prompt either.
    for (const [n, assignee] of [[2, { type: 'partner', partnerId: 'frp-1', name: 'Fabrikam Services' }], [3, undefined]] as const) {
      assertCustomer(await api('POST', '/api/customers', {
        body: { tenantId: tenantId(n), name: `Customer ${n}`, assignee, workloads: [{ workload: 'Teams', l1Status: 'InProgress', startedOn: '2026-10-01' }] },
      }), 201);
    }
    await env.app.idle();
    const welcomes = env.connector.requests.filter((r) => r.method === 'POST');
    assert.deepEqual(welcomes.map(aboutOf), ['Contoso Ltd · Exchange Online'], 'one welcome card: for the workload with an ESD');
    assert.match(textRuns(cardOf(welcomes[0]))[0] ?? '', /was assigned to you/);

    // Every morning (09:30 in London) for six weeks.
    const sweeps: { due: number; sent: number }[] = [];
    for (let day = '2026-11-24'; day <= '2027-01-04'; day = addDays(day, 1)) {
      const res = await api('POST', '/api/reminders/run', { as: 'admin', body: { asOf: `${day}T09:30:00Z` } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      sweeps.push(res.body as { due: number; sent: number });
    }
    await env.app.idle();
    const sent = env.connector.requests.filter((r) => r.method === 'POST').slice(welcomes.length);
    // The other workload's reminder on its ESD, then its two follow-ups, since nobody answered it.
    assert.deepEqual(sent.map(aboutOf), Array(3).fill('Contoso Ltd · Exchange Online'), 'only the workload with an ESD');
    assert.equal(sweeps.reduce((n, s) => n + s.sent, 0), 3);
    assert.deepEqual(await env.store.listSentCardsForWorkload(CONTOSO, 'Teams'), [], 'nothing was ever claimed for it');
    for (const n of [2, 3]) assert.deepEqual(await env.store.listSentCardsForWorkload(tenantId(n), 'Teams'), []);
    const teams = (await env.store.getCustomer(CONTOSO))?.value.workloads.find((w) => w.workload === 'Teams');
    assert.deepEqual([teams?.state, teams?.startedOn, teams?.revision], ['started', '2026-11-24', 1], 'and it was never changed');
  });
});
