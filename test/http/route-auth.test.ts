/**
 * No route is open by accident: the table is exactly docs/contract.md's, and every non-public route refuses a caller
 * without a valid token (401 + WWW-Authenticate) and every role it does not list (403), before reading the body.
 */
import assert from 'node:assert/strict';
import { ROLES, type Role } from '../../src/domain/types';
import { actingRole } from '../../src/http/access';
import { isPublic } from '../../src/http/route';
import { assertError, startApi, type ApiHarness } from './api-client';
import { routeTable, urlOf } from './route-table';

/** docs/contract.md's HTTP table: method and path → who. */
const CONTRACT: Record<string, 'public' | Role[]> = {
  'POST /api/messages': 'public',
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /api/openapi.json': 'public',
  'POST /api/customers': ['gateway', 'admin'],
  'GET /api/customers': ['gateway', 'admin'],
  'GET /api/suggestions': ['gateway', 'admin'],
  'GET /api/customers/{tenantId}': ['gateway', 'admin'],
  'PUT /api/customers/{tenantId}/assignee': ['gateway', 'admin'],
  'POST /api/customers/{tenantId}/workloads': ['gateway', 'admin', 'fm'],
  'PATCH /api/customers/{tenantId}/workloads/{workload}': ['gateway', 'admin'],
  'GET /api/engagements': ['gateway', 'admin'],
  'GET /api/load': ['gateway', 'admin'],
  'GET /api/customers/{tenantId}/timeline': ['gateway', 'admin'],
  'GET /api/reports/gaps': ['gateway', 'admin'],
  'PUT /api/people/{aadObjectId}': ['admin'],
  'GET /api/people': ['admin'],
  'GET /api/reminders': ['admin'],
  'POST /api/reminders/run': ['admin'],
};

const routes = routeTable();
const secured = routes.flatMap((r) => (isPublic(r) ? [] : [r]));

describe('REST: every route is guarded as the contract says', () => {
  let h: ApiHarness;
  before(async () => { h = await startApi(); });
  after(async () => { await h.stop(); });

  it('the route table is exactly the contract\'s, with its roles', () => {
    const table = Object.fromEntries(routes.map((r) => [`${r.method} ${r.path}`, isPublic(r) ? 'public' : [...r.roles]]));
    assert.deepEqual(table, CONTRACT);
  });

  for (const route of secured) {
    const name = `${route.method} ${route.path}`;
    const write = route.method !== 'GET';
    const body = write ? {} : undefined;

    it(`${name}: 401 without a token, with an unknown one, with another scheme`, async () => {
      const none = await h.api(route.method, urlOf(route), { as: null, body });
      assertError(none, 401, 'unauthorized');
      assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="esd-bot"');
      const unknown = await h.api(route.method, urlOf(route), { as: null, body, headers: { authorization: 'Bearer not-a-key-of-ours-0000' } });
      assertError(unknown, 401, 'unauthorized');
      assert.match(unknown.headers.get('www-authenticate') ?? '', /^Bearer .*error="invalid_token"/);
      assertError(await h.api(route.method, urlOf(route), { as: null, body, headers: { authorization: 'Basic Z2F0ZXdheTpzZWNyZXQ=' } }), 401, 'unauthorized');
    });

    it(`${name}: 403 for ${ROLES.filter((r) => !route.roles.includes(r)).join(', ')}; the allowed roles get past auth`, async () => {
      for (const role of ROLES) {
        const res = await h.api(route.method, urlOf(route), { as: role, body });
        if (route.roles.includes(role)) assert.ok(![401, 403].includes(res.status), `${role} was refused: ${JSON.stringify(res.body)}`);
        else assertError(res, 403, 'forbidden');
      }
    });

    if (write) {
      it(`${name}: refuses an anonymous caller before looking at the body`, async () => {
        assertError(await h.api(route.method, urlOf(route), { as: null, rawBody: 'x'.repeat(1000), contentType: 'text/plain' }), 401, 'unauthorized');
      });
    }
  }

  it('the public routes answer without a token', async () => {
    for (const route of routes.filter(isPublic)) {
      // The smallest activity the bot can answer: a conversation and a Bot Connector to answer through.
      const activity = { type: 'conversationUpdate', conversation: { id: 'a:1' }, serviceUrl: 'http://127.0.0.1:9/' };
      const res = await h.api(route.method, urlOf(route), { as: null, body: route.method === 'POST' ? activity : undefined });
      assert.ok(res.status < 400, `${route.method} ${route.path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  });

  it('the actor acts as admin when the principal may, else as the first allowed role it holds', () => {
    assert.equal(actingRole(['gateway', 'admin'], ['gateway', 'admin']), 'admin');
    assert.equal(actingRole(['gateway', 'admin'], ['fm', 'gateway']), 'gateway');
    assert.equal(actingRole(['admin'], ['gateway']), undefined);
  });
});
