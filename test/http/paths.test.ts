/**
 * Issue 9, minor items on path values: a value over 100 characters is checked like any other (400 naming the field,
 * not a 404 as if no route matched), and a `;` in the path does not cut it short (`/api/customers/<uuid>;x` must not
 * answer that customer).
 */
import assert from 'node:assert/strict';
import { actors, tenantId } from '../common/fixtures';
import { assertError, contosoBody, detailPaths, startApi, type ApiHarness } from './api-client';

const T1 = tenantId(1);

describe('REST: path values (issue 9, minor items)', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await startApi();
    assert.equal((await h.api('POST', '/api/customers', { body: contosoBody(T1) })).status, 201);
  });
  afterEach(async () => { await h.stop(); });

  it('issue 9 minor: path values over 100 characters get 400 naming the field, not 404; nothing stored', async () => {
    const before = await h.store.listPeople();
    const person = await h.api('PUT', `/api/people/${'a'.repeat(101)}`, {
      as: 'admin', body: { name: 'Long Id', email: 'long@contoso.example', role: 'fm', timeZone: 'Europe/Paris' },
    });
    assertError(person, 400, 'validation');
    assert.deepEqual(detailPaths(person), ['aadObjectId']);
    assert.deepEqual(await h.store.listPeople(), before);

    const customer = await h.api('GET', `/api/customers/${T1}${'0'.repeat(400)}`);
    assertError(customer, 400, 'validation');
    assert.deepEqual(detailPaths(customer), ['tenantId']);

    const stored = await h.store.getCustomer(T1);
    const workload = await h.api('PATCH', `/api/customers/${T1}/workloads/${'Intune'.repeat(30)}`, {
      body: { l1Status: 'Blocked' },
    });
    assertError(workload, 400, 'validation');
    assert.deepEqual(detailPaths(workload), ['workload']);
    assert.equal((await h.store.getCustomer(T1))?.etag, stored?.etag);
  });

  it('issue 9 minor: GET /api/customers/<uuid>;x does not answer the customer (404), nor does a ; anywhere in a path '
    + 'reach a route; nothing is written', async () => {
    for (const url of [`/api/customers/${T1};x`, `/api/customers/${T1};`, `/api/customers/${T1};jsessionid=1?a=b`]) {
      assertError(await h.api('GET', url), 404, 'not_found');
    }
    const stored = await h.store.getCustomer(T1);
    const patch = await h.api('PATCH', `/api/customers/${T1};x/workloads/Intune`, { body: { l1Status: 'Blocked' } });
    assertError(patch, 404, 'not_found');
    assert.equal((await h.store.getCustomer(T1))?.etag, stored?.etag);
    const person = await h.api('PUT', `/api/people/${actors.fm.aadObjectId};x`, {
      as: 'admin', body: { name: 'Renamed', email: 'fm@contoso.example', role: 'fm', timeZone: 'Europe/Paris' },
    });
    assertError(person, 404, 'not_found');
    assert.equal((await h.store.getPerson(actors.fm.aadObjectId))?.value.name, actors.fm.name);
    assert.equal((await h.api('GET', `/api/customers/${T1}`)).status, 200, 'without the ; the customer is there');
  });
});
