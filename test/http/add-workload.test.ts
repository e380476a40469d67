/**
 * POST /api/customers/{tenantId}/workloads: who may add a workload (R7, R8, R9). The Gateway and admins may, and the
 * customer's assigned FM with their own Entra ID token (its `oid` is the FM); another FM, a partner, and an API key
 * with the role fm (it names no person) get 403, and nothing is stored. The body's `source` (and its older name
 * `context`), and the optional note.
 */
import assert from 'node:assert/strict';
import type { ErrorBody } from '../../src/http/errors';
import { actors, tenantId } from '../common/fixtures';
import { startTestEntra, type TestEntra } from '../common/entra';
import {
  assertCustomer, assertError, contosoBody, detailPaths, startApi,
  type ApiHarness, type ApiResponse, type RequestOptions,
} from './api-client';

const T1 = tenantId(1);
const WORKLOADS_URL = `/api/customers/${T1}/workloads`;
const TEAMS = { workload: 'Teams', l1Status: 'InProgress', engagementStartDate: '2027-01-11' };

function messageOf(res: ApiResponse): string {
  return (res.body as ErrorBody).error.message;
}

describe('REST: POST /api/customers/{tenantId}/workloads, who may add (R7, R8, R9)', () => {
  let entra: TestEntra;
  let h: ApiHarness;

  before(async () => { entra = await startTestEntra(); });
  after(async () => { await entra.stop(); });

  beforeEach(async () => {
    h = await startApi(undefined, entra.config);
    assertCustomer(await h.api('POST', '/api/customers', { body: contosoBody(T1) }), 201); // assigned to Farah (fm)
  });
  afterEach(async () => { await h.stop(); });

  /** A request with an Entra ID token for `oid` holding `roles`. */
  async function asEntra(oid: string, roles: string[], name = 'Someone'): Promise<RequestOptions> {
    return { as: null, headers: { authorization: `Bearer ${await entra.token({ oid, name, roles })}` } };
  }

  async function storedEtag(): Promise<string | undefined> {
    return (await h.store.getCustomer(T1))?.etag;
  }

  it('R7/R8: the assigned FM with their Entra token: 201, the workload with its source, history by the FM, the note', async () => {
    const fm = await asEntra(actors.fm.aadObjectId, ['fm'], actors.fm.name);
    const body = { ...TEAMS, source: 'successReview', note: 'Announced at the review.' };
    const customer = assertCustomer(await h.api('POST', WORKLOADS_URL, { ...fm, body }), 201);
    const teams = customer.workloads.find((w) => w.workload === 'Teams');
    assert.deepEqual([teams?.engagementStartDate, teams?.datePrecision, teams?.state], ['2027-01-11', 'day', 'scheduled']);
    assert.deepEqual(teams?.history.map((e) => [e.source, e.by.aadObjectId, e.by.role]), [['successReview', actors.fm.aadObjectId, 'fm']]);
    assert.match(customer.statusNotes.at(-1)?.text ?? '', /Announced at the review\.$/);
  });

  it('R7/R8: another FM\'s token: 403 saying who can; a customer with no FM: 403 for any FM; nothing stored', async () => {
    const before = await storedEtag();
    const other = await asEntra(actors.fm2.aadObjectId, ['fm'], actors.fm2.name);
    const res = await h.api('POST', WORKLOADS_URL, { ...other, body: TEAMS });
    assertError(res, 403, 'forbidden');
    assert.match(messageOf(res), /^Only its FM \(Farah Manager\), the Gateway team or an admin can add a workload to Contoso Ltd/);
    // Refused before the version is compared: a stale If-Match changes nothing about the answer.
    assertError(await h.api('POST', WORKLOADS_URL, { ...other, body: TEAMS, headers: { ...other.headers, 'if-match': '"0"' } }), 403, 'forbidden');
    assert.equal(await storedEtag(), before);

    const unassigned = { ...contosoBody(tenantId(2)), assignee: undefined };
    assertCustomer(await h.api('POST', '/api/customers', { body: unassigned }), 201);
    const mine = await asEntra(actors.fm.aadObjectId, ['fm']);
    const refused = await h.api('POST', `/api/customers/${tenantId(2)}/workloads`, { ...mine, body: TEAMS });
    assertError(refused, 403, 'forbidden');
    assert.match(messageOf(refused), /^Only the Gateway team or an admin/);
  });

  it('R9: a partner is refused, with an API key or an Entra token; nothing stored', async () => {
    const before = await storedEtag();
    assertError(await h.api('POST', WORKLOADS_URL, { as: 'partner', body: TEAMS }), 403, 'forbidden');
    const partner = await asEntra('aad-partner-1', ['partner']);
    assertError(await h.api('POST', WORKLOADS_URL, { ...partner, body: TEAMS }), 403, 'forbidden');
    assert.equal(await storedEtag(), before);
  });

  it('an API key with the role fm names no FM: 403 saying to use an Entra token; nothing stored', async () => {
    const before = await storedEtag();
    const res = await h.api('POST', WORKLOADS_URL, { as: 'fm', body: TEAMS });
    assertError(res, 403, 'forbidden');
    assert.match(messageOf(res), /own Microsoft Entra ID token/);
    assert.equal(await storedEtag(), before);
  });

  it('the Gateway, an admin, and an FM token that also holds gateway keep adding to any customer', async () => {
    assertCustomer(await h.api('POST', WORKLOADS_URL, { as: 'gateway', body: TEAMS }), 201);
    assertCustomer(await h.api('POST', WORKLOADS_URL, { as: 'admin', body: { ...TEAMS, workload: 'Viva' } }), 201);
    const both = await asEntra(actors.fm2.aadObjectId, ['fm', 'gateway']);
    const customer = assertCustomer(await h.api('POST', WORKLOADS_URL, { ...both, body: { ...TEAMS, workload: 'Copilot' } }), 201);
    assert.equal(customer.workloads.find((w) => w.workload === 'Copilot')?.history[0]?.by.role, 'gateway');
  });

  it('the assigned FM: a workload the customer has is 409; a bad date is 400; nothing stored', async () => {
    const before = await storedEtag();
    const fm = await asEntra(actors.fm.aadObjectId, ['fm']);
    assertError(await h.api('POST', WORKLOADS_URL, { ...fm, body: { ...TEAMS, workload: 'Intune' } }), 409, 'conflict');
    const bad = await h.api('POST', WORKLOADS_URL, { ...fm, body: { ...TEAMS, engagementStartDate: '2026-11-23' } });
    assert.deepEqual(detailPaths(bad), ['engagementStartDate']);
    assert.equal(await storedEtag(), before);
  });

  it('source, or its older name context (kept for existing clients); both with different values is 400', async () => {
    const viaContext = assertCustomer(await h.api('POST', WORKLOADS_URL, { body: { ...TEAMS, context: 'successReview' } }), 201);
    assert.equal(viaContext.workloads.find((w) => w.workload === 'Teams')?.history[0]?.source, 'successReview');
    const both = assertCustomer(await h.api('POST', WORKLOADS_URL, {
      body: { ...TEAMS, workload: 'Viva', source: 'successReview', context: 'successReview' },
    }), 201);
    assert.equal(both.workloads.find((w) => w.workload === 'Viva')?.history[0]?.source, 'successReview');
    const byDefault = assertCustomer(await h.api('POST', WORKLOADS_URL, { body: { ...TEAMS, workload: 'Copilot' } }), 201);
    assert.equal(byDefault.workloads.find((w) => w.workload === 'Copilot')?.history[0]?.source, 'serialDeployment');
    const before = await storedEtag();
    const clash = await h.api('POST', WORKLOADS_URL, {
      body: { ...TEAMS, workload: 'Defender', source: 'successReview', context: 'serialDeployment' },
    });
    assertError(clash, 400, 'validation');
    assert.deepEqual(detailPaths(clash), ['context']);
    assert.deepEqual(detailPaths(await h.api('POST', WORKLOADS_URL, { body: { ...TEAMS, workload: 'Defender', source: 'whim' } })), ['source']);
    assert.equal(await storedEtag(), before);
  });
});
