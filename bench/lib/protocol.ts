/**
 * How bench/actions.ts talks to its server child (bench/actions-server.ts): JSON lines on the child's stdout
 * (its log lines, one `ready` line, `report` answers) and one-word commands on its stdin. Plain stdio, so the child
 * also notices when the bench dies (stdin ends) and stops instead of lingering.
 */

export const TARGETS = ['floor', 'sqlite', 'cosmos'] as const;
export type TargetName = (typeof TARGETS)[number];

/** `mark` starts the measured phase (resets the server's meters); `report` asks for its figures since then. */
export type Command = 'mark' | 'report';

export interface Ready {
  url: string;
  /** The recording Bot Connector the invokes name as `serviceUrl`. */
  serviceUrl: string;
}

export interface StoreCallFigures {
  method: string;
  calls: number;
  totalMs: number;
  p99Ms: number;
  maxMs: number;
}

/** The server's side of the measured phase. */
export interface ServerReport {
  /** CPU of the whole process: every thread (SQLite's writer thread too). */
  cpuMs: number;
  /** Time the event loop (the thread serving requests) was busy, not waiting for I/O: wall time, so it grows when
   * the machine is busy too. */
  loopBusyMs: number;
  /** CPU of the thread serving requests alone (Linux), NaN where it cannot be read. */
  mainThreadCpuMs: number;
  wallMs: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** Wall time of each Store method (empty for the floor, which has no store work). */
  storeCalls: StoreCallFigures[];
}

export type ServerLine = { ready: Ready } | { report: ServerReport };

/** Our own lines start with these keys; every other line is the app's JSON log. */
export function parseServerLine(line: string): ServerLine | undefined {
  if (!line.startsWith('{"ready"') && !line.startsWith('{"report"')) return undefined;
  return JSON.parse(line) as ServerLine;
}

export function writeServerLine(line: ServerLine): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
