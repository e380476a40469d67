/**
 * The bench's handle on a server child (bench/actions-server.ts): started with tsx's require hook so it runs the
 * TypeScript sources, ready once it prints its address, stopped with SIGTERM (SIGKILL if it hangs). Every started
 * child is tracked, so `stopAllServers` leaves none behind whatever failed.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseServerLine, type Command, type Ready, type ServerReport, type TargetName } from './protocol';

const SERVER_FILE = path.join(__dirname, '..', 'actions-server.ts');
/** Seeding 1,000 customers into the Cosmos test server takes a while on a busy machine. */
const READY_TIMEOUT_MS = 180_000;
const REPORT_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 15_000;

/** The app's log lines of warn and error level since the last `mark`. */
export interface ServerLogs {
  warnings: number;
  errors: number;
  lastProblem: string;
}

const live = new Set<ServerProcess>();

/** Timers that do not keep the bench alive once everything else is done. */
function timeout(ms: number, message: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms).unref());
}

function after<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(resolve, ms, value).unref());
}

export class ServerProcess {
  logs: ServerLogs = { warnings: 0, errors: 0, lastProblem: '' };
  private readonly child: ChildProcessByStdio<Writable, Readable, null>;
  private readonly exited: Promise<never>;
  private waiting: { ready?: (ready: Ready) => void; report?: (report: ServerReport) => void } = {};

  private constructor(readonly target: TargetName, fms: number, profileDir?: string) {
    // DEP0111: restify's spdy -> http-deceiver touches process.binding('http_parser') on load; noise, not news.
    const node = ['--disable-warning=DEP0111', '--require', require.resolve('tsx/cjs'),
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${target}.cpuprofile`] : [])];
    this.child = spawn(process.execPath, [...node, SERVER_FILE, target, String(fms)], { stdio: ['pipe', 'pipe', 'inherit'] });
    // Rejects when the child exits: raced against every answer awaited from it; the catch keeps an exit nobody
    // awaits from being an unhandled rejection.
    this.exited = new Promise((_, reject) => this.child.once('exit', (code, signal) => {
      live.delete(this);
      reject(new Error(`the ${target} server exited (${signal ?? code})`));
    }));
    this.exited.catch(() => undefined);
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => this.read(line));
  }

  /** `profileDir`: the child writes a V8 CPU profile (`<target>.cpuprofile`) there when it exits. */
  static async start(
    target: TargetName, fms: number, profileDir?: string,
  ): Promise<{ server: ServerProcess; address: Ready }> {
    const server = new ServerProcess(target, fms, profileDir);
    live.add(server);
    const ready = new Promise<Ready>((resolve) => { server.waiting.ready = resolve; });
    const address = await Promise.race([ready, server.exited, timeout(READY_TIMEOUT_MS, `the ${target} server did not start`)]);
    return { server, address };
  }

  /** The measured phase starts: the server resets its meters, the log counts start again. */
  mark(): void {
    this.send('mark');
    this.logs = { warnings: 0, errors: 0, lastProblem: '' };
  }

  report(): Promise<ServerReport> {
    const answer = new Promise<ServerReport>((resolve) => { this.waiting.report = resolve; });
    this.send('report');
    return Promise.race([answer, this.exited, timeout(REPORT_TIMEOUT_MS, `the ${this.target} server did not report`)]);
  }

  async stop(): Promise<void> {
    if (!live.has(this)) return;
    const gone = this.exited.catch(() => undefined);
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([gone.then(() => true), after(STOP_TIMEOUT_MS, false)]);
    if (!stopped) {
      this.child.kill('SIGKILL');
      await gone;
    }
  }

  private send(command: Command): void {
    this.child.stdin.write(`${command}\n`);
  }

  private read(line: string): void {
    const parsed = parseServerLine(line);
    if (parsed && 'ready' in parsed) this.waiting.ready?.(parsed.ready);
    else if (parsed) this.waiting.report?.(parsed.report);
    else {
      const level = /"level":"(warn|error)"/.exec(line)?.[1];
      if (!level) return;
      if (level === 'error') this.logs.errors += 1;
      else this.logs.warnings += 1;
      this.logs.lastProblem = line;
    }
  }
}

/** Stops every server child still running (after an error, or on Ctrl-C). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...live].map((server) => server.stop()));
}
