/**
 * Telemetry end to end: the serving process (src/index.ts, as `npm start` runs it) with an Application Insights
 * connection string whose ingestion endpoint is a local HTTP sink. An HTTP request, a card action and a reminder
 * sweep must arrive there as spans and metrics, log lines must carry the trace id, and no socket may leave the
 * machine (a preloaded hook reports every connection the process opens).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { invokeOutcome, verbLabel } from '../../src/telemetry/azure-monitor';
import { postJson, teamsInvoke, teamsMessage, teamsUser } from '../common/activities';
import { listeningUrl, startProcess, type ServingProcess } from '../common/serving-process';
import { ROOT } from './deploy-files';

interface Envelope {
  name: string;
  tags?: Record<string, string>;
  data?: { baseType?: string; baseData?: Record<string, unknown> & { properties?: Record<string, unknown> } };
}

/** A self-signed certificate for 127.0.0.1 (test only, valid until 2126): the exporter speaks HTTPS only. */
const SINK_CERT = path.join(ROOT, 'test', 'fixtures', 'telemetry-sink.cert.pem');
const SINK_KEY = path.join(ROOT, 'test', 'fixtures', 'telemetry-sink.key.pem');
/** Reports (and refuses) the process's outbound connections and, at exit, the telemetry modules it loaded. */
const PRELOAD = [path.join(__dirname, 'record-outbound.ts')];

/**
 * Application Insights' ingestion endpoint, on 127.0.0.1: keeps every envelope posted to /v2.1/track. Under /teams/
 * it plays a Bot Connector that is over Teams' rate limit: every request gets 429.
 */
async function startSink(): Promise<{ url: string; envelopes: Envelope[]; close: () => Promise<void> }> {
  const envelopes: Envelope[] = [];
  const tls = { cert: fs.readFileSync(SINK_CERT), key: fs.readFileSync(SINK_KEY) };
  const server = https.createServer(tls, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url?.startsWith('/teams/')) {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'slow down' } }));
        return;
      }
      const raw = Buffer.concat(chunks);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      const received = req.url?.startsWith('/v2.1/track') && text.trim().startsWith('[')
        ? JSON.parse(text) as Envelope[]
        : [];
      envelopes.push(...received);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: received.length, itemsAccepted: received.length, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/`, envelopes,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const ADMIN_SECRET = 'telemetry-test-admin-secret';

/** How many OpenTelemetry / Azure Monitor modules the process had loaded when it exited (record-outbound.ts). */
function telemetryModules(child: ServingProcess): number {
  const line = child.output().stderr.split('\n').find((l) => l.startsWith('TELEMETRY_MODULES '));
  assert.ok(line, 'the process reported its modules as it exited');
  return Number(line.slice('TELEMETRY_MODULES '.length));
}

describe('deploy: telemetry to Application Insights (a local sink)', function () {
  this.timeout(60_000);

  it('spans for an HTTP request, a card action and a sweep; metrics incl. 429s from Teams; trace ids in logs; nothing leaves',
    async () => {
      const sink = await startSink();
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-data-'));
      const child = startProcess({
        PORT: '0', DATA_DIR: dataDir, DEMO_DATA: '1', REMINDER_SWEEP_MINUTES: '0', LOG_LEVEL: 'debug',
        API_KEYS: `ops:admin:${ADMIN_SECRET}`,
        APPLICATIONINSIGHTS_CONNECTION_STRING:
          `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=${sink.url};LiveEndpoint=${sink.url}`,
        // The SDK's own usage reports (statsbeat goes to a fixed Microsoft endpoint): off in this test.
        APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true', APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        APPLICATIONINSIGHTS_SDKSTATS_DISABLED: 'true',
        // Every trace kept: the distro's default samples at most 5 traces a second, more than this test sends.
        OTEL_TRACES_SAMPLER: 'always_on',
        // The process trusts the sink's certificate (the exporter turns any http:// endpoint into https://).
        NODE_EXTRA_CA_CERTS: SINK_CERT,
      }, PRELOAD);
      try {
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        const url = await listeningUrl(child);

        assert.equal((await fetch(`${url}/healthz`)).status, 200);
        const invoke = teamsInvoke('http://127.0.0.1:9/', teamsUser('aad-nobody', 'Nobody'), 'confirmStart', {
          tenantId: 'no-such-tenant', workload: 'Exchange', revision: 1,
        });
        // No such customer: the bot answers the action with its NotFound error, a turn like any other.
        const answer = await postJson(`${url}/api/messages`, invoke);
        assert.equal(answer.status, 404);
        // The bot answers a message through the Bot Connector, which is over its limit here.
        await (await postJson(`${url}/api/messages`, teamsMessage(`${sink.url}teams/`, 'help'))).text();
        const run = await fetch(`${url}/api/reminders/run`, {
          method: 'POST', headers: { authorization: `Bearer ${ADMIN_SECRET}`, 'content-type': 'application/json' },
          body: '{}',
        });
        assert.ok(run.status < 300, `the sweep ran (${run.status})`);
        // A refused API key is logged (warn) while its request is being served.
        const refused = await fetch(`${url}/api/customers?assignee=none`, {
          headers: { authorization: 'Bearer not-a-key-anyone-has-here' },
        });
        assert.equal(refused.status, 401);
        await Promise.all([answer.text(), run.text(), refused.text()]);

        child.kill('SIGTERM');
        assert.equal(await exited, 0, child.output().stderr);
        assert.notEqual(telemetryModules(child), 0, 'OpenTelemetry was loaded');

        const requests = sink.envelopes.filter((e) => e.data?.baseType === 'RequestData');
        const requestNames = requests.map((e) => String(e.data?.baseData?.['name']));
        assert.ok(requestNames.includes('GET /healthz'), `a request span for GET /healthz (got ${requestNames.join(', ')})`);
        const messages = requests.find((e) => e.data?.baseData?.['name'] === 'POST /api/messages');
        assert.ok(messages, 'a request span for POST /api/messages');
        const operation = messages.tags?.['ai.operation.id'];
        const inProc = sink.envelopes.filter((e) => e.data?.baseType === 'RemoteDependencyData');
        const turn = inProc.find((e) => e.data?.baseData?.['name'] === 'bot turn invoke adaptiveCard/action');
        assert.ok(turn, `a span for the bot turn (got ${inProc.map((e) => String(e.data?.baseData?.['name'])).join(', ')})`);
        assert.equal(turn.tags?.['ai.operation.id'], operation, 'the turn belongs to the POST /api/messages trace');
        assert.ok(inProc.some((e) => String(e.data?.baseData?.['name']).startsWith('store ')
          && e.tags?.['ai.operation.id'] === operation), 'the turn\'s store calls are spans of the same trace');
        assert.ok(inProc.some((e) => e.data?.baseData?.['name'] === 'reminder sweep'), 'a span for the sweep');

        const metricNames = sink.envelopes.filter((e) => e.data?.baseType === 'MetricData')
          .flatMap((e) => (e.data?.baseData?.['metrics'] as Array<{ name: string }> | undefined ?? []).map((m) => m.name));
        for (const name of ['esd.card_actions', 'esd.reminders', 'esd.sweep.duration', 'esd.teams.throttled']) {
          assert.ok(metricNames.includes(name), `metric ${name} (got ${[...new Set(metricNames)].join(', ')})`);
        }
        const cardAction = sink.envelopes.find((e) => (e.data?.baseData?.['metrics'] as Array<{ name: string }> | undefined)
          ?.some((m) => m.name === 'esd.card_actions'));
        assert.equal(cardAction?.data?.baseData?.properties?.['verb'], 'confirmStart');
        assert.equal(cardAction?.data?.baseData?.properties?.['outcome'], 'NotFound');
        const throttled = sink.envelopes.find((e) => (e.data?.baseData?.['metrics'] as Array<{ name: string }> | undefined)
          ?.some((m) => m.name === 'esd.teams.throttled'));
        assert.equal(throttled?.data?.baseData?.properties?.['host'], '127.0.0.1', 'the 429s are counted by host');

        const unauthorized = requests.find((e) => String(e.data?.baseData?.['responseCode']) === '401');
        assert.ok(unauthorized, 'a request span for the refused request');
        const lines = (child.output().stdout + child.output().stderr).split('\n').filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as { msg: string; trace_id?: string; span_id?: string });
        const traced = lines.filter((line) => line.trace_id === unauthorized.tags?.['ai.operation.id']);
        assert.ok(traced.length > 0, 'the warning about the refused key carries its request\'s trace id');
        assert.match(traced[0]?.span_id ?? '', /^[0-9a-f]{16}$/);
        const started = lines.find((line) => line.msg === 'esd-bot listening');
        assert.equal(started?.trace_id, undefined, 'a line outside any request has no trace id');

        // The hook refuses any other destination, so nothing left; what was attempted is listed. The distro always asks
        // the Azure VM metadata service (link-local 169.254.169.254, answered only on an Azure VM) where it runs;
        // @azure/monitor-opentelemetry 1.17 has no switch for it. Anything else would be a leak.
        const outbound = child.output().stderr.split('\n').filter((line) => line.startsWith('OUTBOUND '))
          .map((line) => JSON.parse(line.slice('OUTBOUND '.length)) as { host?: string; path?: string });
        assert.ok(outbound.some((o) => o.host === '127.0.0.1'), 'the hook saw the exporter connect to the sink');
        assert.deepEqual(outbound.filter((o) => o.path === undefined
          && !['127.0.0.1', 'localhost', '::1', '169.254.169.254'].includes(o.host ?? '')), [],
        'no connection beyond this machine');
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
        await sink.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });

  it('without APPLICATIONINSIGHTS_CONNECTION_STRING no telemetry module is loaded, and nothing connects out', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-data-'));
    const child = startProcess({ PORT: '0', DATA_DIR: dataDir }, PRELOAD);
    try {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      const url = await listeningUrl(child);
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
      child.kill('SIGTERM');
      assert.equal(await exited, 0, child.output().stderr);
      assert.equal(telemetryModules(child), 0);
      assert.doesNotMatch(child.output().stderr, /OUTBOUND/);
      assert.doesNotMatch(child.output().stdout, /trace_id/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('labels stay few: a verb that is not a plain word is `other`; an invoke answer is `ok` or its error code', () => {
    assert.equal(verbLabel('confirmStart'), 'confirmStart');
    assert.equal(verbLabel('x'.repeat(40)), 'other');
    assert.equal(verbLabel('<script>'), 'other');
    assert.equal(verbLabel(undefined), 'other');
    assert.equal(invokeOutcome({ value: { status: 200, body: { statusCode: 200, value: {} } } }), 'ok');
    assert.equal(invokeOutcome({ value: { body: { statusCode: 403, value: { code: 'Forbidden' } } } }), 'Forbidden');
    assert.equal(invokeOutcome({ value: { body: { statusCode: 500, value: { code: 'no such code!' } } } }), 'error');
    assert.equal(invokeOutcome(undefined), 'error');
  });
});
