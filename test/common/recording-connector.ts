/**
 * Plays Teams' Bot Connector service for protocol-level tests: the bot's `serviceUrl` points here, and every
 * activity the bot sends (replies, proactive messages, updates) is recorded. A test can script failures
 * (429 with Retry-After, 403, 404, 503) for the next requests. Like Teams under load it can also enforce a
 * per-tenant limit (a 429 for any request over `limit` in a sliding window) and throttle a share of requests at
 * random (seeded, so a run can be repeated); bench/sweep.ts measures the reminder sweep against both.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
  /** When the request arrived, by the connector's clock (a test's virtual clock when one is given). */
  at: number;
  /** The HTTP status it was answered with (0 when the connection was reset or left hanging). */
  status: number;
  /** Why it was refused, when it was: a scripted failure, the tenant limit, or the random throttle. */
  refusedBy?: 'script' | 'limit' | 'random';
  /** The tenant it counted against (the activity's conversation tenant), '' when it names none. */
  tenantId: string;
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
  /**
   * Teams' per-tenant limit: a request that would make more than `limit` requests of its tenant (answered or
   * refused, all count) in a window of `windowMs` gets `429` with `Retry-After: 1`.
   */
  tenantLimit?: { limit: number; windowMs: number };
  /** Answers this share (0 to 1) of the requests with `429` and `Retry-After: 1`, picked at random from `seed`. */
  throttle?: { fraction: number; seed: number };
  /** Keeps only what `summarize` returns of each body (e.g. the card's workload) instead of the whole body. */
  summarize?: (body: Record<string, unknown>) => Record<string, unknown>;
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

/**
 * What Teams answers `POST /v3/conversations` for a user who does not have the app installed (the 1:1 chat cannot be
 * created): 403 `BotNotInConversationRoster`, as reported to Company Communicator (its issue #744).
 */
export const APP_NOT_INSTALLED: ScriptedFailure = {
  status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } },
};

/** A small seeded generator (mulberry32): the same seed gives the same throttled requests. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function field(source: unknown, name: string): unknown {
  return typeof source === 'object' && source !== null ? (source as Record<string, unknown>)[name] : undefined;
}

/** The tenant a Bot Connector request is for: the activity's conversation, else its channelData (Teams sends both). */
function tenantOf(body: Record<string, unknown>): string {
  const id = field(body.conversation, 'tenantId') ?? field(field(body.channelData, 'tenant'), 'id') ?? body.tenantId;
  return typeof id === 'string' ? id : '';
}

/** A 429 as Teams sends it when it throttles: retry after a second. */
function throttled(message: string): ScriptedFailure {
  return { status: 429, headers: { 'Retry-After': '1' }, body: { error: { code: 'Throttled', message } } };
}

/** Arrival times per tenant in the last window: whether one more fits the limit (every arrival counts). */
function tenantWindow(
  { limit, windowMs }: { limit: number; windowMs: number },
): (tenantId: string, at: number) => boolean {
  const arrivals = new Map<string, number[]>();
  return (tenantId, at) => {
    const recent = arrivals.get(tenantId) ?? [];
    arrivals.set(tenantId, recent);
    let old = 0;
    while (old < recent.length && (recent[old] as number) <= at - windowMs) old++;
    recent.splice(0, old);
    recent.push(at);
    return recent.length <= limit;
  };
}

export async function startRecordingConnector(options: RecordingConnectorOptions = {}): Promise<RecordingConnector> {
  const now = options.now ?? Date.now;
  const requests: RecordedRequest[] = [];
  const failures: ScriptedFailure[] = [];
  const waiters: (() => void)[] = [];
  const withinLimit = options.tenantLimit ? tenantWindow(options.tenantLimit) : () => true;
  const random = seededRandom(options.throttle?.seed ?? 1);
  let nextId = 1;
  /** The scripted failure, the limit's or the throttle's 429, or nothing for a normal answer. */
  const refusal = (tenantId: string, at: number): [RecordedRequest['refusedBy'], ScriptedFailure] | undefined => {
    const over = !withinLimit(tenantId, at); // every arrival counts, whatever its answer
    const unlucky = options.throttle !== undefined && random() < options.throttle.fraction;
    const scripted = failures.shift();
    if (scripted) return ['script', scripted];
    if (over) return ['limit', throttled('over the tenant limit')];
    if (unlucky) return ['random', throttled('try later')];
    return undefined;
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      const at = now();
      const tenantId = tenantOf(parsed);
      const [refusedBy, failure] = refusal(tenantId, at) ?? [];
      const status = failure?.drop ? 0 : failure?.status ?? 200;
      const body = options.summarize ? options.summarize(parsed) : parsed;
      requests.push({
        method: req.method ?? '', path: req.url ?? '', body, at, status, tenantId, ...(refusedBy ? { refusedBy } : {}),
      });
      waiters.splice(0).forEach((wake) => wake());
      if (failure?.drop === 'reset') { req.socket.destroy(); return; }
      if (failure?.drop === 'hang') return; // stop() closes the connection
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
