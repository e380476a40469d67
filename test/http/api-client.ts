/**
 * The REST API through the real server (restify on 127.0.0.1:0, the real SQLite store in a temp folder, a fixed
 * clock): a small client that speaks JSON with a role's API key, and checks that bodies match the route schemas.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EntraConfig } from '../../src/config';
import type { Role } from '../../src/domain/types';
import type { ErrorBody } from '../../src/http/errors';
import type { JsonSchema } from '../../src/http/schemas/json-schema';
import { CUSTOMER, ERROR_BODY } from '../../src/http/schemas/responses';
import { compileCheck } from '../../src/http/validation';
import type { Clock } from '../../src/services/clock';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { bearer, startTestApp } from '../common/app';
import { actors, NOW, personFixture } from '../common/fixtures';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  /** The caller's role (its test API key); `null` sends no Authorization header. Default gateway. */
  as?: Role | null;
  body?: unknown;
  /** Sent as is instead of `body` as JSON. */
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export type Api = (method: string, url: string, options?: RequestOptions) => Promise<ApiResponse>;

export function apiClient(baseUrl: string): Api {
  return async (method, url, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    const role = options.as === undefined ? 'gateway' : options.as;
    if (role !== null) headers.authorization = bearer(role);
    const payload = options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
    if (payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    const res = await fetch(`${baseUrl}${url}`, { method, headers, body: payload });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) as unknown };
  };
}

/** Fails with ajv's details when `value` does not match `schema`. */
export function assertMatches(schema: JsonSchema, value: unknown, what = 'the body'): void {
  try {
    compileCheck(schema, 'body')(value);
  } catch (error) {
    assert.fail(`${what} does not match its schema: ${JSON.stringify((error as { details?: unknown }).details)}\n${JSON.stringify(value)}`);
  }
}

/** The contract's error body with this status and code; returns its details. */
export function assertError(res: ApiResponse, status: number, code: string): ErrorBody['error']['details'] {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}: ${JSON.stringify(res.body)}`);
  assertMatches(ERROR_BODY, res.body, 'the error body');
  const { error } = res.body as ErrorBody;
  assert.equal(error.code, code);
  return error.details;
}

export function detailPaths(res: ApiResponse): string[] {
  return (res.body as ErrorBody).error.details.map((d) => d.path).sort();
}

export interface CustomerBody {
  tenantId: string;
  etag: string;
  workloads: {
    workload: string; l1Status: string; engagementStartDate: string | null; datePrecision: string | null; state: string;
    history: {
      from: string | null; to: string | null; reason: string | null; source: string;
      by: { aadObjectId: string; role: string };
    }[];
  }[];
  statusNotes: { kind: string; text: string; workload: string | null }[];
  assignee: { type: string; name: string; aadObjectId?: string; partnerId?: string } | null;
}

/** A customer answer: the document schema, and the ETag header equal to the body's etag. */
export function assertCustomer(res: ApiResponse, status: number): CustomerBody {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assertMatches(CUSTOMER, res.body, 'the customer document');
  const body = res.body as CustomerBody;
  assert.match(res.headers.get('etag') ?? '', /^"[^"]+"$/, 'ETag is one quoted entity tag');
  assert.equal(body.etag, res.headers.get('etag'));
  return body;
}

export interface ApiHarness {
  url: string;
  api: Api;
  store: SqliteStore;
  app: Awaited<ReturnType<typeof startTestApp>>;
  stop(): Promise<void>;
}

/**
 * The app over a fresh SQLite store, with FMs Farah and Felix in the directory, at NOW (Tue 24 Nov 2026, 09:00Z);
 * with `entra`, Entra ID tokens are accepted too.
 */
export async function startApi(
  clock: Clock = { now: () => NOW }, entra: EntraConfig | null = null,
): Promise<ApiHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-api-'));
  const store = SqliteStore.open({ file: path.join(dir, 'esd.sqlite') });
  await store.putPerson(personFixture(actors.fm));
  await store.putPerson(personFixture(actors.fm2));
  const app = await startTestApp(store, clock, entra);
  return {
    url: app.url, api: apiClient(app.url), store, app,
    async stop() {
      await app.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The POST /api/customers body of docs/contract.md, for tenant `tenantId`. */
export function contosoBody(tenantId: string): Record<string, unknown> {
  return {
    tenantId,
    name: 'Contoso Ltd',
    assignee: { type: 'fm', aadObjectId: actors.fm.aadObjectId },
    workloads: [
      { workload: 'ExchangeOnline', l1Status: 'InProgress', engagementStartDate: '2026-12-01' },
      { workload: 'Intune', l1Status: 'InProgress', engagementStartMonth: '2027-02' },
      { workload: 'SharePointOnline', l1Status: 'Blocked' },
    ],
  };
}
