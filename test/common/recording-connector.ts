/**
 * Plays Teams' Bot Connector service for protocol-level tests: the bot's `serviceUrl` points here, and every
 * activity the bot sends (replies, proactive messages, updates) is recorded. A test can script failures
 * (429 with Retry-After, 403, 404, 503) for the next requests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
  /** When the request arrived, by the connector's clock (a test's virtual clock when one is given). */
  at: number;
}

export interface ScriptedFailure {
  /** The HTTP status; ignored when `drop` is set. */
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A network failure instead of an answer: `reset` destroys the socket, `hang` never answers. */
  drop?: 'reset' | 'hang';
}

export interface RecordingConnectorOptions {
  /** Stamps recorded requests; defaults to Date.now. */
  now?: () => number;
}

export interface RecordingConnector {
  serviceUrl: string;
  requests: RecordedRequest[];
  /** The next requests are answered with these, in order, before normal answers resume. */
  failNext(...failures: ScriptedFailure[]): void;
  /** Resolves once at least `count` requests were recorded (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  stop(): Promise<void>;
}

export async function startRecordingConnector(options: RecordingConnectorOptions = {}): Promise<RecordingConnector> {
  const now = options.now ?? Date.now;
  const requests: RecordedRequest[] = [];
  const failures: ScriptedFailure[] = [];
  const waiters: (() => void)[] = [];
  let nextId = 1;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      requests.push({ method: req.method ?? '', path: req.url ?? '', body, at: now() });
      waiters.splice(0).forEach((wake) => wake());
      const failure = failures.shift();
      if (failure?.drop === 'reset') { req.socket.destroy(); return; }
      if (failure?.drop === 'hang') return; // stop() closes the connection
      const status = failure?.status ?? 200;
      const answer = failure ? failure.body ?? { error: { code: 'Scripted', message: 'scripted failure' } }
        : req.url === '/v3/conversations' ? { id: `conversation-${nextId++}` } : { id: `activity-${nextId++}` };
      res.writeHead(status, { 'content-type': 'application/json', ...failure?.headers });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    requests,
    failNext: (...next) => { failures.push(...next); },
    waitFor: (count, timeoutMs = 5000) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`connector saw ${requests.length} of ${count} requests`)), timeoutMs);
      const check = (): void => {
        if (requests.length >= count) { clearTimeout(timer); resolve(requests); } else waiters.push(check);
      };
      check();
    }),
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
