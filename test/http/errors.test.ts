/** Every refusal carries the contract's error body: media type, size, syntax, unknown routes, and failures of ours. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { StoreError, type Store } from '../../src/store/store';
import { bearer, startTestApp } from '../common/app';
import { NOW, tenantId } from '../common/fixtures';
import { apiClient, assertError, contosoBody, startApi, type ApiHarness } from './api-client';

const T1 = tenantId(1);

describe('REST: refusals and failures', () => {
  let h: ApiHarness;
  beforeEach(async () => { h = await startApi(); });
  afterEach(async () => { await h.stop(); });

  async function etag(): Promise<string | undefined> {
    return (await h.store.getCustomer(T1))?.etag;
  }

  it('415 for text/plain, a form or no content type on a write route; the customer stays as it was', async () => {
    await h.api('POST', '/api/customers', { body: contosoBody(T1) });
    const before = await etag();
    const url = `/api/customers/${T1}/workloads/ExchangeOnline`;
    const json = JSON.stringify({ engagementStartDate: '2026-12-08', reason: 'r' });
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
      assertError(await h.api('PATCH', url, { rawBody: json, contentType }), 415, 'unsupported_media_type');
    }
    const untyped = await fetch(`${h.url}${url}`, { method: 'PATCH', headers: { authorization: bearer('gateway') }, body: new Blob([json]) });
    assert.equal(untyped.status, 415);
    assert.equal(await etag(), before);
    const vendorJson = await h.api('PATCH', url, { rawBody: json, contentType: 'application/merge-patch+json; charset=utf-8' });
    assert.equal(vendorJson.status, 200, 'any application/*+json is JSON');
  });

  it('415 for a compressed body (its size could not be bounded before inflating)', async () => {
    const res = await fetch(`${h.url}/api/customers`, {
      method: 'POST', body: gzipSync(JSON.stringify(contosoBody(T1))),
      headers: { authorization: bearer('gateway'), 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    assert.equal(res.status, 415);
  });

  it('400 for a body that is not JSON, 413 for one over 256 KB (declared or chunked); nothing stored', async () => {
    const bad = await h.api('POST', '/api/customers', { rawBody: '{"tenantId":' });
    assertError(bad, 400, 'validation');
    const big = { ...contosoBody(T1), name: 'x'.repeat(300 * 1024) };
    assertError(await h.api('POST', '/api/customers', { body: big }), 413, 'payload_too_large');
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(8 * 1024)));
        controller.enqueue(new TextEncoder().encode(JSON.stringify(contosoBody(T1))));
        controller.close();
      },
    });
    const chunked = await fetch(`${h.url}/api/customers`, {
      method: 'POST', body: chunks, duplex: 'half',
      headers: { authorization: bearer('gateway'), 'content-type': 'application/json' },
    });
    assert.equal(chunked.status, 413);
    assert.equal(await etag(), undefined);
  });

  it('a stored document grown past the store\'s limit is a 413 payload_too_large, and nothing is written', async () => {
    await h.api('POST', '/api/customers', { body: contosoBody(T1) });
    const before = await etag();
    const original = h.store.replaceCustomer.bind(h.store);
    h.store.replaceCustomer = async () => { throw new StoreError('too_large', 'The document is larger than 2031616 bytes.'); };
    try {
      const res = await h.api('PATCH', `/api/customers/${T1}/workloads/ExchangeOnline`, { body: { engagementStartDate: '2026-12-08', reason: 'r' } });
      assertError(res, 413, 'payload_too_large');
    } finally {
      h.store.replaceCustomer = original;
    }
    assert.equal(await etag(), before);
  });

  it('404 for an unknown route, 405 for a known path with another method', async () => {
    assertError(await h.api('GET', '/api/nothing'), 404, 'not_found');
    assertError(await h.api('DELETE', `/api/customers/${T1}`), 405, 'method_not_allowed');
  });
});

describe('REST: failures of ours', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-api-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The real store, whose customer reads fail with `error`. */
  function failingStore(error: Error): Store {
    const store = SqliteStore.open({ file: path.join(dir, 'esd.sqlite') });
    return Object.assign(Object.create(store) as Store, {
      getCustomer: async () => { throw error; },
      close: () => store.close(),
    });
  }

  it('an unexpected error is a 500 internal without stack or detail, logged with its stack', async () => {
    const app = await startTestApp(failingStore(new Error('connection string Password=hunter2 at db.internal')), { now: () => NOW });
    try {
      const res = await apiClient(app.url)('GET', `/api/customers/${T1}`);
      assertError(res, 500, 'internal');
      const text = JSON.stringify(res.body);
      assert.doesNotMatch(text, /hunter2|db\.internal|at .*\.ts/);
      const logged = app.logger.lines.find((line) => line.includes('request failed'));
      assert.ok(logged, 'the failure is logged');
      assert.match(logged, /"stack":"Error: connection string/);
    } finally {
      await app.stop();
    }
  });

  it('an unavailable store is a 503 with Retry-After, its own words kept for the log', async () => {
    const app = await startTestApp(failingStore(new StoreError('unavailable', 'Cosmos DB: 503 at account-x', 2500)), { now: () => NOW });
    try {
      const res = await apiClient(app.url)('GET', `/api/customers/${T1}`);
      assertError(res, 503, 'unavailable');
      assert.equal(res.headers.get('retry-after'), '3');
      assert.doesNotMatch(JSON.stringify(res.body), /account-x/);
    } finally {
      await app.stop();
    }
  });
});
