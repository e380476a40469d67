/**
 * What the app asks of telemetry. Types only: the implementation (azure-monitor.ts, which loads OpenTelemetry and
 * @azure/monitor-opentelemetry) is imported by the composition root only when APPLICATIONINSIGHTS_CONNECTION_STRING
 * is set, so without it nothing of it is loaded.
 */
import type { TurnContext } from 'botbuilder';
import type { LogFields } from '../log/logger';
import type { Sweep } from '../services/reminder-scheduler';
import type { Store } from '../store/store';

export interface Telemetry {
  /** The store with a span around each call (Cosmos DB's own HTTP calls nest under it). */
  traceStore(store: Store): Store;
  /** Runs each bot turn in a span and counts card actions by verb and outcome (changes `bot.run` in place). */
  traceTurns(bot: { run(context: TurnContext): Promise<void> }): void;
  /** The sweep in a span, timed, its reminders counted by outcome. */
  traceSweep(sweep: Sweep): Sweep;
  /** `trace_id` and `span_id` of the active span, for log lines; empty outside a span. */
  logFields: () => LogFields;
  /** Flushes what is buffered and stops exporting. */
  shutdown(): Promise<void>;
}
