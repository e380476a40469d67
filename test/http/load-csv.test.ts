/** GET /api/load with `Accept: text/csv` (P2): the same report as a spreadsheet reads it, parsed back by csv-parse. */
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import type { Role } from '../../src/domain/types';
import { bearer } from '../common/app';
import { actors, customerFixture, fmAssignee, inMonth, onDay, personFixture } from '../common/fixtures';
import { assertError, startApi, type ApiHarness } from './api-client';

describe('REST: GET /api/load as CSV', () => {
  let h: ApiHarness;
  beforeEach(async () => { h = await startApi(); });
  afterEach(async () => { await h.stop(); });

  async function get(path: string, accept: string, role: Role = 'gateway'): Promise<Response> {
    return fetch(`${h.url}${path}`, { headers: { authorization: bearer(role), accept } });
  }

  it('P2/R7: a row per FM, a column per ISO week (starts, then estimates), header row, UTF-8, RFC 4180 quoting, names starting with =, +, -, @ made inert', async () => {
    const tricky = { aadObjectId: 'aad-fm-3', name: '=HYPERLINK("http://x.example","Smith, Jo")', role: 'fm' } as const;
    await h.store.putPerson(personFixture(tricky, { weeklyCapacity: 4 }));
    await h.store.putPerson(personFixture({ aadObjectId: 'aad-fm-4', name: '王芳', role: 'fm' }));
    for (const [n, name] of [[5, '+Plus'], [6, '-Minus'], [7, '@At']] as const) {
      await h.store.putPerson(personFixture({ aadObjectId: `aad-fm-${n}`, name, role: 'fm' }));
    }
    await h.store.createCustomer(customerFixture({
      n: 1, assignee: fmAssignee(tricky), workloads: [onDay('Teams', '2026-12-29'), inMonth('Intune', '2027-01')],
    }));
    await h.store.createCustomer(customerFixture({ n: 2, workloads: [onDay('Teams', '2027-01-04')] }));

    const res = await get('/api/load?from=2026-12-30&weeks=2', 'text/csv');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="load-2026-W53.csv"');
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte order mark');
    const text = bytes.toString('utf8');
    assert.ok(text.endsWith('\r\n') && !/[^\r]\n/.test(text), 'every line ends with CRLF');
    const rows: string[][] = parse(text, { bom: true });
    assert.deepEqual(rows, [
      ['name', 'aadObjectId', 'capacity', 'inFlight', '2026-W53', '2027-W01', '2026-W53 estimated', '2027-W01 estimated'],
      ['\'-Minus', 'aad-fm-6', '', '0', '0', '0', '0', '0'],
      ['\'@At', 'aad-fm-7', '', '0', '0', '0', '0', '0'],
      ['\'+Plus', 'aad-fm-5', '', '0', '0', '0', '0', '0'],
      ['\'=HYPERLINK("http://x.example","Smith, Jo")', 'aad-fm-3', '4', '0', '2', '0', '1', '0'],
      [actors.fm.name, actors.fm.aadObjectId, '', '0', '0', '1', '0', '0'],
      [actors.fm2.name, actors.fm2.aadObjectId, '', '0', '0', '0', '0', '0'],
      ['王芳', 'aad-fm-4', '', '0', '0', '0', '0', '0'],
    ]);

    const accept = 'application/json, text/csv;q=0.5';
    const json = await h.api('GET', '/api/load?from=2026-12-30&weeks=2', { headers: { accept } });
    const fms = (json.body as { fms: { name: string; starting: number[] }[] }).fms;
    const fromCsv = rows.slice(1).map((r) => [r[0]?.replace(/^'/, ''), Number(r[4]), Number(r[5])]);
    assert.deepEqual(fms.map((fm) => [fm.name, ...fm.starting]), fromCsv,
      'the CSV holds the JSON report\'s FMs, in its order, with the names as stored');
    const openApi = await h.api('GET', '/api/openapi.json');
    type Paths = Record<string, { get: { responses: Record<string, { content: object }> } }>;
    const content = (openApi.body as { paths: Paths }).paths['/api/load']?.get.responses['200']?.content;
    assert.deepEqual(Object.keys(content ?? {}), ['application/json', 'text/csv'], 'the OpenAPI document offers both');
  });

  it('refusals stay the contract\'s JSON error body with Accept: text/csv: 400 naming the field, 403 for an FM, 401 without a token', async () => {
    const bad = await get('/api/load?weeks=0', 'text/csv');
    assert.equal(bad.status, 400);
    assertError({ status: bad.status, headers: bad.headers, body: await bad.json() }, 400, 'validation');
    const fm = await get('/api/load', 'text/csv', 'fm');
    assertError({ status: fm.status, headers: fm.headers, body: await fm.json() }, 403, 'forbidden');
    const anonymous = await fetch(`${h.url}/api/load`, { headers: { accept: 'text/csv' } });
    assertError({ status: anonymous.status, headers: anonymous.headers, body: await anonymous.json() }, 401, 'unauthorized');
  });
});
