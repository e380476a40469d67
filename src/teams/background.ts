import type { Logger } from '../log/logger';

/**
 * Work a turn starts but does not wait for (redrawing other cards), so the invoke answers fast. Tracked, so a stop
 * waits for it and tests can wait until it is done.
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(name: string, work: () => Promise<void>): void {
    const task = work().catch((error: unknown) => this.logger.error('background task failed', { task: name, error }))
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Resolves when everything started so far (and anything it started) has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
