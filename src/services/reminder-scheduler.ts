/**
 * Runs the reminder sweep every few minutes in-process. Any number of instances may run it: a lease in the store
 * lets one sweep at a time, and the deterministic reminder ids make even an overlapping sweep send nothing twice.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';
import type { Clock } from './clock';
import type { ReminderSweep, SweepResult } from './reminders';

const SWEEP_LEASE = 'reminder-sweep';

export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepResult | null> | undefined;
  private readonly owner = `instance-${randomUUID()}`;

  constructor(
    private readonly deps: { sweep: ReminderSweep; store: Store; clock: Clock; logger: Logger },
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
    await this.deps.store.releaseLease(SWEEP_LEASE, this.owner);
  }
}
