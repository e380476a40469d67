/**
 * Inside the server child: what the server spends during the measured phase. CPU and event-loop delay say whether
 * the one JS thread is the bottleneck; the store wrapper says how much of a request is store work. The wrapper
 * costs two `performance.now()` calls per store call (microseconds against milliseconds of request).
 */
import fs from 'node:fs';
import {
  monitorEventLoopDelay, performance, type EventLoopUtilization, type IntervalHistogram,
} from 'node:perf_hooks';
import type { ServerReport, StoreCallFigures } from './protocol';
import { quantile } from './stats';

function figures(method: string, samples: number[]): StoreCallFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    method, calls: sorted.length, totalMs: sorted.reduce((a, b) => a + b, 0),
    p99Ms: quantile(sorted, 0.99), maxMs: sorted.at(-1) ?? NaN,
  };
}

/**
 * CPU of this process's main thread (the event loop) alone: utime + stime of /proc/self/task/<pid>/stat, in clock
 * ticks of 10 ms (USER_HZ = 100 on Linux). NaN where there is no /proc.
 */
function mainThreadCpuMs(): number {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // from field 3 (state) on
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

export class ServerMeter {
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private calls = new Map<string, number[]>();
  private cpu = process.cpuUsage();
  private elu: EventLoopUtilization = performance.eventLoopUtilization();
  private mainCpu = mainThreadCpuMs();
  private wall = performance.now();

  constructor() {
    this.loop.enable();
  }

  /** The measured phase starts now: drops what the seeding and the warm-up left in the meters. */
  mark(): void {
    this.calls = new Map();
    this.loop.reset();
    this.cpu = process.cpuUsage();
    this.elu = performance.eventLoopUtilization();
    this.mainCpu = mainThreadCpuMs();
    this.wall = performance.now();
  }

  report(): ServerReport {
    const cpu = process.cpuUsage(this.cpu);
    const storeCalls = [...this.calls].map(([method, ms]) => figures(method, ms));
    return {
      cpuMs: (cpu.user + cpu.system) / 1000,
      loopBusyMs: performance.eventLoopUtilization(this.elu).active,
      mainThreadCpuMs: mainThreadCpuMs() - this.mainCpu,
      wallMs: performance.now() - this.wall,
      loopDelayP99Ms: this.loop.percentile(99) / 1e6,
      loopDelayMaxMs: this.loop.max / 1e6,
      storeCalls,
    };
  }

  /** The same object, with the wall time of every method call (sync or async) recorded under its name. */
  timed<T extends object>(target: T): T {
    const record = (method: string, started: number): void => {
      const list = this.calls.get(method) ?? [];
      list.push(performance.now() - started);
      this.calls.set(method, list);
    };
    return new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]): unknown => {
          const started = performance.now();
          const result: unknown = Reflect.apply(value, object, args);
          if (!(result instanceof Promise)) {
            record(String(property), started);
            return result;
          }
          return result.finally(() => record(String(property), started));
        };
      },
    });
  }
}
