/**
 * Plays Microsoft Graph and the Entra token endpoint for issue 13's tests: `POST /token` (client credentials) answers
 * a token, `POST /v1.0/users/{id}/teamwork/installedApps` answers 201 unless a test scripted other answers (403, 429
 * with Retry-After, …). Every request is recorded with its form or JSON body and Authorization header.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphRequest {
  method: string;
  path: string;
  authorization: string;
  body: Record<string, unknown>;
}

export interface GraphAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface FakeGraph {
  /** GRAPH_BASE_URL for the app (no trailing slash). */
  baseUrl: string;
  /** GRAPH_TOKEN_URL. */
  tokenUrl: string;
  requests: GraphRequest[];
  /** The install requests (not the token ones). */
  installs(): GraphRequest[];
  /** The next install requests are answered with these, in order, then 201 again. */
  answerNext(...answers: GraphAnswer[]): void;
  stop(): Promise<void>;
}

export const GRAPH_TOKEN = 'fake-graph-token';

function parse(text: string, type: string | undefined): Record<string, unknown> {
  if (!text) return {};
  if (type?.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  return JSON.parse(text) as Record<string, unknown>;
}

export async function startFakeGraph(): Promise<FakeGraph> {
  const requests: GraphRequest[] = [];
  const scripted: GraphAnswer[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = parse(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
      requests.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization ?? '', body });
      const answer: GraphAnswer = req.url === '/token'
        ? { status: 200, body: { token_type: 'Bearer', expires_in: 3599, access_token: GRAPH_TOKEN } }
        : scripted.shift() ?? { status: 201, body: { id: 'installation-1' } };
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1.0`,
    tokenUrl: `http://127.0.0.1:${port}/token`,
    requests,
    installs: () => requests.filter((r) => r.path !== '/token'),
    answerNext: (...answers) => { scripted.push(...answers); },
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
