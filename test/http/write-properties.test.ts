/**
 * Property-based, through the real server: on every write route, arbitrary bodies (any JSON, mutations of a valid
 * body, text that is not JSON) never cause a 5xx, always answer 2xx or the contract's error body, and never leave a
 * partial write: after a refusal the stored record is exactly as before (same etag, same bytes), after a success it
 * is a complete, valid document (every date change has its dateChanged note, R6).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { L1_STATUSES, WORKLOADS, type Role } from '../../src/domain/types';
import { ERROR_CODES, type ErrorBody } from '../../src/http/errors';
import { customerDocument } from '../../src/http/representations';
import { CUSTOMER, ERROR_BODY, PERSON, SWEEP_RESULT } from '../../src/http/schemas/responses';
import type { JsonSchema } from '../../src/http/schemas/json-schema';
import type { Customer } from '../../src/domain/types';
import { actors, assertDateChangesMatchNotes, NOW, personFixture, tenantId } from '../common/fixtures';
import { assertMatches, contosoBody, startApi, type ApiHarness, type ApiResponse } from './api-client';
import { bodiesAround, reasonText, validEsd, validMonth, type SentBody } from './json-mutations';

const T1 = tenantId(1);
const OLIVIA = 'aad-olivia';
/** Where the bot would reach Olivia: a closed local port, so nothing leaves the machine. */
const OLIVIA_CHAT = { conversation: { id: 'a:olivia' }, serviceUrl: 'http://127.0.0.1:9/', channelId: 'msteams' };
const RUNS = 200;

/** R1 and R6 on a stored customer, beyond its schema. */
function assertComplete(customer: Customer, etag: string): void {
  assertMatches(CUSTOMER, customerDocument({ value: customer, etag }), 'the stored customer');
  assertDateChangesMatchNotes(customer);
  for (const w of customer.workloads) {
    if (w.l1Status === 'InProgress') {
      assert.ok(w.engagementStartDate && w.datePrecision, `${w.workload}: an InProgress workload has its date`);
      if (w.history.length > 0) assert.equal(w.history.at(-1)?.to, w.engagementStartDate, `${w.workload}: the history ends at the date`);
    } else {
      assert.ok(['notApplicable', 'completed'].includes(w.state), `${w.workload}: no active ESD outside InProgress (R1)`);
    }
  }
}

interface WriteRoute {
  method: string;
  url: string;
  as: Role;
  valid: fc.Arbitrary<Record<string, unknown>>;
  /** What the answer of a success must match. */
  answer: JsonSchema;
  /** The records this request could touch: their stored form before and after. */
  touched(body: unknown): Promise<string>;
  /** Checks the records after a success. */
  checkStored(body: unknown): Promise<void>;
}

describe('REST: arbitrary bodies on every write route (fast-check)', function () {
  this.timeout(120_000);
  let h: ApiHarness;

  before(async () => {
    // A clock that ticks a second per reading: each change gets its own instant, as in life, so a history entry
    // and its note pair up by time (assertDateChangesMatchNotes), never with another change's.
    let tick = NOW.getTime();
    h = await startApi({ now: () => new Date((tick += 1000)) });
    await h.store.putPerson(personFixture({ aadObjectId: OLIVIA, name: 'Olivia', role: 'fm' }, { conversation: OLIVIA_CHAT, reachable: false }));
    const created = await h.api('POST', '/api/customers', { body: contosoBody(T1) });
    assert.equal(created.status, 201);
  });
  after(async () => { await h.stop(); });

  const snapshot = async (tenant: string): Promise<string> =>
    JSON.stringify((await h.store.getCustomer(tenant)) ?? null);
  const tenantOf = (body: unknown): string | null => {
    const t = (body as { tenantId?: unknown } | null)?.tenantId;
    return typeof t === 'string' ? t.toLowerCase() : null;
  };
  const storedComplete = async (tenant: string): Promise<void> => {
    const stored = await h.store.getCustomer(tenant);
    assert.ok(stored, `${tenant} is stored`);
    assertComplete(stored.value, stored.etag);
  };
  const onT1: Pick<WriteRoute, 'touched' | 'checkStored'> = { touched: () => snapshot(T1), checkStored: () => storedComplete(T1) };

  const routes: WriteRoute[] = [
    {
      method: 'POST', url: '/api/customers', as: 'gateway', answer: CUSTOMER,
      valid: fc.integer({ min: 2, max: 1_000_000 }).map((n) => contosoBody(tenantId(n))),
      touched: async (body) => `${await snapshot(T1)}${tenantOf(body) ? await snapshot(tenantOf(body) as string) : ''}`,
      checkStored: (body) => storedComplete(tenantOf(body) as string),
    },
    {
      method: 'PUT', url: `/api/customers/${T1}/assignee`, as: 'gateway', answer: CUSTOMER, ...onT1,
      valid: fc.oneof(
        fc.constantFrom(actors.fm, actors.fm2).map((fm) => ({ type: 'fm', aadObjectId: fm.aadObjectId })),
        fc.record({ type: fc.constant('partner'), partnerId: fc.constantFrom('frp-1', 'frp-2'), name: fc.constant('Fabrikam') }),
      ),
    },
    {
      method: 'POST', url: `/api/customers/${T1}/workloads`, as: 'admin', answer: CUSTOMER, ...onT1,
      valid: fc.record({
        workload: fc.constantFrom(...WORKLOADS), l1Status: fc.constant('InProgress'), engagementStartMonth: validMonth,
        context: fc.constantFrom('serialDeployment', 'successReview'),
      }),
    },
    ...(['ExchangeOnline', 'SharePointOnline'] as const).map((workload): WriteRoute => ({
      method: 'PATCH', url: `/api/customers/${T1}/workloads/${workload}`, as: 'gateway', answer: CUSTOMER, ...onT1,
      // A new date, a new status (leaving InProgress, R1), or back to InProgress with a date: the state wanders.
      valid: fc.oneof(
        fc.record({ engagementStartDate: validEsd, reason: reasonText }),
        fc.record({ engagementStartMonth: validMonth, reason: reasonText }),
        fc.record({ l1Status: fc.constantFrom(...L1_STATUSES.filter((s) => s !== 'InProgress')), reason: reasonText }),
        fc.record({ l1Status: fc.constant('InProgress'), engagementStartDate: validEsd, reason: reasonText }),
      ),
    })),
    {
      method: 'PUT', url: `/api/people/${OLIVIA}`, as: 'admin', answer: PERSON,
      valid: fc.oneof(
        fc.record({ name: reasonText, email: fc.constant('olivia@contoso.example'), role: fc.constantFrom('fm', 'gateway', 'admin'), timeZone: fc.constantFrom('Asia/Tokyo', 'UTC', 'America/Lima') }),
        fc.record({ name: reasonText, email: fc.constant('olivia@contoso.example'), role: fc.constant('partner'), timeZone: fc.constant('Europe/Paris'), partnerId: fc.constant('frp-1') }),
      ),
      touched: async () => JSON.stringify(await h.store.getPerson(OLIVIA)),
      checkStored: async () => {
        const person = (await h.store.getPerson(OLIVIA))?.value;
        assert.deepEqual([person?.conversation, person?.reachable], [OLIVIA_CHAT, false], 'the bot\'s half of the entry is kept');
      },
    },
    {
      method: 'POST', url: '/api/reminders/run', as: 'admin', answer: SWEEP_RESULT,
      valid: fc.date({ noInvalidDate: true, min: new Date('2026-11-24T00:00:00Z'), max: new Date('2027-06-01T00:00:00Z') }).map((d) => ({ asOf: d.toISOString() })),
      touched: () => snapshot(T1), checkStored: async () => undefined,
    },
  ];

  async function send(route: WriteRoute, body: SentBody): Promise<ApiResponse> {
    return 'raw' in body ? h.api(route.method, route.url, { as: route.as, rawBody: body.raw }) : h.api(route.method, route.url, { as: route.as, body: body.json });
  }

  for (const route of routes) {
    it(`${route.method} ${route.url}: no 5xx, 2xx or the contract's error, never a partial write`, async () => {
      const statuses = new Map<number, number>();
      await fc.assert(fc.asyncProperty(bodiesAround(route.valid), async (body) => {
        const sent = 'json' in body ? body.json : undefined;
        const before = await route.touched(sent);
        const res = await send(route, body);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        assert.ok(res.status < 500, `${res.status}: ${JSON.stringify(res.body)}`);
        if (res.status >= 400) {
          assertMatches(ERROR_BODY, res.body, 'the error body');
          assert.ok(ERROR_CODES.includes((res.body as ErrorBody).error.code));
          assert.equal(await route.touched(sent), before, 'a refused request wrote nothing');
        } else {
          assert.ok(res.status >= 200 && res.status < 300);
          assertMatches(route.answer, res.body, 'the answer');
          await route.checkStored(sent);
        }
      }), { numRuns: RUNS });
      assert.ok([...statuses.keys()].some((s) => s < 300), `some bodies succeed: ${JSON.stringify([...statuses])}`);
      assert.ok([...statuses.keys()].some((s) => s === 400), `some are refused: ${JSON.stringify([...statuses])}`);
    });
  }
});
