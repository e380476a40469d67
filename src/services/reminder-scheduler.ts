/**
 * Runs the reminder sweep (and with it the Gateway's heads-ups) every few minutes in-process. Any number of instances
 * may run it: a lease in the store lets one sweep at a time, and the deterministic card ids make even an overlapping
 * sweep send nothing twice.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';
import type { Clock } from './clock';
import type { SweepResult } from './reminders';

const SWEEP_LEASE = 'reminder-sweep';

/** What a tick runs: the reminder sweep (R3, R5) and the Gateway's heads-ups (P1), as one. */
export interface Sweep {
  run(asOf: Date): Promise<SweepResult>;
}

/** The sweeps one after the other, as one sweep whose result adds theirs up. */
export function sweepsInTurn(...sweeps: Sweep[]): Sweep {
  return {
    async run(asOf) {
      const total: SweepResult = { due: 0, sent: 0, skipped: 0, failed: 0 };
      for (const sweep of sweeps) {
        const result = await sweep.run(asOf);
        for (const key of Object.keys(total) as (keyof SweepResult)[]) total[key] += result[key];
      }
      return total;
    },
  };
}

export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepResult | null> | undefined;
  private readonly owner = `instance-${randomUUID()}`;

  constructor(
    private readonly deps: { sweep: Sweep; store: Store; clock: Clock; logger: Logger },
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => { void this.tick(); }, this.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  /** One sweep if this instance holds (or takes) the lease; null when another instance holds it. */
  async tick(): Promise<SweepResult | null> {
    if (this.running) return this.running; // a slow sweep is not overlapped by this instance's next tick
    this.running = this.sweepUnderLease().finally(() => { this.running = undefined; });
    return this.running;
  }

  private async sweepUnderLease(): Promise<SweepResult | null> {
    try {
      const now = this.deps.clock.now();
      const lease = await this.deps.store.acquireLease(SWEEP_LEASE, this.owner, this.intervalMs * 2, now);
      if (!lease) return null;
      return await this.deps.sweep.run(now);
    } catch (error) {
      this.deps.logger.error('reminder sweep failed', { error });
      return null;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    try {
      await this.deps.store.releaseLease(SWEEP_LEASE, this.owner);
    } catch (error) {
      // The lease runs out on its own; a store that is down must not keep the process from closing the rest.
      this.deps.logger.warn('sweep lease not given back', { error });
    }
  }
}
