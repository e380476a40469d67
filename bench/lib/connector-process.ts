/**
 * The Bot Connector of bench/sweep.ts, in a child process of its own (as Teams is remote: its parsing, recording
 * and memory stay out of the measured app). It is the tests' recording connector (test/common/recording-connector.ts)
 * with Teams' per-tenant limit and a seeded random throttle; it keeps of each request only what the bench counts.
 *
 * Protocol (IPC): the child sends `{ serviceUrl }` once listening; the parent sends `'report'` and gets
 * `{ requests: ConnectorRequest[] }`, then `'stop'`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { startRecordingConnector } from '../../test/common/recording-connector';

export interface ConnectorSettings {
  /** Requests per tenant per window before the connector answers 429 (Teams: 50 per 1 s). */
  limit: number;
  windowMs: number;
  /** Share of requests answered 429 at random. */
  throttle: number;
  seed: number;
}

export interface ConnectorRequest {
  method: string;
  /** Arrival, by the connector's Date.now. */
  at: number;
  status: number;
  refusedBy?: 'script' | 'limit' | 'random';
  tenantId: string;
  /** Which reminder a card is about: `<customer tenant>.<workload>` from the card's action data, '' if none. */
  card: string;
}

/** The first object in the card that names both a customer tenant and a workload (its action data). */
export function cardKey(value: unknown, depth = 0): string {
  if (typeof value !== 'object' || value === null || depth > 12) return '';
  const record = value as Record<string, unknown>;
  if (typeof record.tenantId === 'string' && typeof record.workload === 'string') {
    return `${record.tenantId}.${record.workload}`;
  }
  for (const child of Object.values(record)) {
    const key = cardKey(child, depth + 1);
    if (key) return key;
  }
  return '';
}

function summarize(body: Record<string, unknown>): Record<string, unknown> {
  return { card: cardKey(body.attachments) };
}

async function child(settings: ConnectorSettings): Promise<void> {
  const connector = await startRecordingConnector({
    tenantLimit: { limit: settings.limit, windowMs: settings.windowMs },
    throttle: { fraction: settings.throttle, seed: settings.seed },
    summarize,
  });
  process.on('message', (message) => {
    if (message === 'report') {
      const requests = connector.requests.map((q): ConnectorRequest => ({
        method: q.method, at: q.at, status: q.status, tenantId: q.tenantId, card: String(q.body.card),
        ...(q.refusedBy ? { refusedBy: q.refusedBy } : {}),
      }));
      process.send?.({ requests });
    } else if (message === 'stop') {
      void connector.stop().then(() => process.exit(0));
    }
  });
  process.send?.({ serviceUrl: connector.serviceUrl });
}

/** The parent's handle on the child. */
export class ConnectorProcess {
  private constructor(private readonly process: ChildProcess, readonly serviceUrl: string) {}

  static start(settings: ConnectorSettings): Promise<ConnectorProcess> {
    const process = fork(__filename, [JSON.stringify(settings)], {
      execArgv: ['--require', require.resolve('tsx/cjs')], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      process.once('exit', (code) => reject(new Error(`the connector exited (${code})`)));
      process.once('message', (message) => resolve(new ConnectorProcess(process, (message as { serviceUrl: string }).serviceUrl)));
    });
  }

  report(): Promise<ConnectorRequest[]> {
    return new Promise((resolve) => {
      this.process.once('message', (message) => resolve((message as { requests: ConnectorRequest[] }).requests));
      this.process.send('report');
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.process.once('exit', () => resolve());
      this.process.send('stop');
    });
  }
}

if (require.main === module) {
  void child(JSON.parse(process.argv[2] ?? '{}') as ConnectorSettings);
}
