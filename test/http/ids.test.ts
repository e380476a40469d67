/**
 * Issue 9, defect 5: ids validated against what each store can hold. A Cosmos DB document id cannot hold `/`, `\`,
 * `#` or `?` (the directory's entries are keyed by their object id), so a directory id or a partner id with one of
 * them is refused with 400 and a clear message, on both stores alike, and nothing is stored.
 */
import assert from 'node:assert/strict';
import { teamsUser } from '../common/activities';
import { postJson, startTestApp, teamsMessage } from '../common/app';
import { actors, customerFixture, personFixture, tenantId } from '../common/fixtures';
import { storeKinds, type OpenedStore } from '../common/stores';
import { apiClient, assertError, contosoBody, detailPaths, type Api, type ApiResponse } from './api-client';

const T1 = tenantId(1);
const BAD_IDS = ['aad/olivia', 'aad\\olivia', 'aad#olivia', 'aad?olivia', 'aad\u0000olivia'];
const ENTRY = { name: 'Olivia Newfm', email: 'olivia@contoso.example', role: 'fm', timeZone: 'Europe/London' };

/** The first detail's message of a 400. */
function message(res: ApiResponse): string {
  return (res.body as { error: { details: { message: string }[] } }).error.details[0]?.message ?? '';
}

for (const kind of storeKinds) {
  describe(`ids a store can hold (${kind.name}): defect 5 of issue 9, 400 never 500`, function () {
    this.timeout(30_000);
    let opened: OpenedStore;
    let app: Awaited<ReturnType<typeof startTestApp>>;
    let api: Api;

    beforeEach(async () => {
      opened = await kind.open();
      await opened.store.putPerson(personFixture(actors.fm));
      app = await startTestApp(opened.store);
      api = apiClient(app.url);
    });
    afterEach(async () => {
      await app.stop();
      await opened.cleanup();
    });

    it('defect 5: PUT /api/people/{aadObjectId} with /, \\, #, ? or a control character in the id: 400 at '
      + 'aadObjectId, nothing stored', async () => {
      const before = await opened.store.listPeople();
      for (const id of BAD_IDS) {
        const res = await api('PUT', `/api/people/${encodeURIComponent(id)}`, { as: 'admin', body: ENTRY });
        assertError(res, 400, 'validation');
        assert.deepEqual(detailPaths(res), ['aadObjectId'], JSON.stringify(id));
        assert.match(message(res), /aadObjectId must not contain \/, \\, #, \? or control characters/);
      }
      assert.deepEqual(await opened.store.listPeople(), before);
    });

    it('defect 5: a partnerId with / or # in the directory: 400 at partnerId, nothing stored', async () => {
      for (const partnerId of ['frp/9', 'frp#9']) {
        const res = await api('PUT', '/api/people/aad-olivia', { as: 'admin', body: { ...ENTRY, role: 'partner', partnerId } });
        assertError(res, 400, 'validation');
        assert.deepEqual(detailPaths(res), ['partnerId']);
      }
      assert.equal(await opened.store.getPerson('aad-olivia'), undefined);
    });

    it('defect 5: an assignee whose aadObjectId or partnerId has ? or \\: 400 at that field; no customer created, '
      + 'an existing one unchanged', async () => {
      const fm = await api('POST', '/api/customers', { body: { ...contosoBody(T1), assignee: { type: 'fm', aadObjectId: 'aad?fm' } } });
      assert.deepEqual(detailPaths(fm), ['assignee/aadObjectId']);
      assert.match(message(fm), /must not contain/);
      const partner = await api('POST', '/api/customers', {
        body: { ...contosoBody(T1), assignee: { type: 'partner', partnerId: 'frp\\9', name: 'Fabrikam Partners' } },
      });
      assert.deepEqual(detailPaths(partner), ['assignee/partnerId']);
      assertError(await api('GET', `/api/customers/${T1}`), 404, 'not_found');

      const stored = await opened.store.createCustomer(customerFixture({ assignee: null }));
      const assign = await api('PUT', `/api/customers/${T1}/assignee`, { body: { type: 'fm', aadObjectId: 'aad/fm' } });
      assertError(assign, 400, 'validation');
      assert.deepEqual(detailPaths(assign), ['aadObjectId']);
      assert.deepEqual((await opened.store.getCustomer(T1))?.value, stored.value);
    });

    it('defect 5: a Teams activity whose from.aadObjectId has / or ?: 400 at from.aadObjectId, nobody stored',
      async () => {
        const before = await opened.store.listPeople();
        for (const id of ['aad/mallory', 'aad?mallory']) {
          const res = await postJson(`${app.url}/api/messages`, teamsMessage('http://127.0.0.1:9/', 'help', teamsUser(id, 'M')));
          assert.equal(res.status, 400);
          const body = await res.json() as { error: { details: { path: string; message: string }[] } };
          assert.deepEqual(body.error.details.map((d) => d.path), ['from.aadObjectId']);
          assert.match(body.error.details[0]?.message ?? '', /must not contain/);
        }
        assert.deepEqual(await opened.store.listPeople(), before);
      });

    it('defect 5: ordinary directory ids (GUIDs, apikey-style names) are still accepted', async () => {
      for (const id of ['3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'aad-olivia.smith_2']) {
        const res = await api('PUT', `/api/people/${id}`, { as: 'admin', body: ENTRY });
        assert.equal(res.status, 201, JSON.stringify(res.body));
      }
    });
  });
}
