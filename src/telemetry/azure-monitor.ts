/**
 * Telemetry through OpenTelemetry to Application Insights (@azure/monitor-opentelemetry). Loaded only when
 * APPLICATIONINSIGHTS_CONNECTION_STRING is set (src/index.ts imports it dynamically, before the app, so the HTTP
 * instrumentation sees the server's module load).
 * Traces: incoming and outgoing HTTP (the distro's HTTP instrumentation), Azure SDK calls (Cosmos DB), each bot
 * turn, each store call, each reminder sweep. Metrics: card actions by verb and outcome, reminders by outcome,
 * sweep duration, 429 answers to outgoing requests (Teams' rate limits) by host.
 */
import { ClientRequest, IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import { metrics, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { HttpInstrumentationConfig } from '@opentelemetry/instrumentation-http';
import { INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import type { LogFields } from '../log/logger';
import type { Sweep } from '../services/reminder-scheduler';
import type { SweepResult } from '../services/reminders';
import type { Store } from '../store/store';
import type { Telemetry } from './telemetry';

const NAME = 'esd-bot';

/** Hosts whose 429s are not Teams' (the store's and sign-in's own throttling is retried by their SDKs). */
const NOT_TEAMS = /(\.documents\.azure\.com|login\.microsoftonline\.com)$/i;

/** A verb as a metric label: a word, else `other` (the label set stays small whatever a request carries). */
export function verbLabel(verb: unknown): string {
  return typeof verb === 'string' && /^[a-z][A-Za-z]{0,31}$/.test(verb) ? verb : 'other';
}

/** The outcome of an Action.Execute from its invoke response: `ok`, or the error code the bot answered. */
export function invokeOutcome(response: unknown): string {
  const body = (response as { value?: { body?: { statusCode?: unknown; value?: { code?: unknown } } } } | undefined)
    ?.value?.body;
  if (body?.statusCode === 200) return 'ok';
  const code = body?.value?.code;
  return typeof code === 'string' && /^[A-Za-z]{1,32}$/.test(code) ? code : 'error';
}

export function startTelemetry(settings: { connectionString: string }): Telemetry {
  // The service name becomes Application Insights' cloud role name; an operator's OTEL_SERVICE_NAME wins.
  process.env['OTEL_SERVICE_NAME'] ??= NAME;
  const http: HttpInstrumentationConfig = { enabled: true, applyCustomAttributesOnSpan: countThrottled };
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString: settings.connectionString },
    // Live Metrics keeps a connection open to its own endpoint; the portal's metrics and traces suffice here.
    enableLiveMetrics: false,
    instrumentationOptions: {
      http,
      azureSdk: { enabled: true },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
    },
  });
  const tracer = trace.getTracer(NAME);
  const meter = metrics.getMeter(NAME);
  const cardActions = meter.createCounter('esd.card_actions', { description: 'Card actions by verb and outcome.' });
  const reminders = meter.createCounter('esd.reminders', { description: 'Reminder cards per sweep by outcome.' });
  const sweepDuration = meter.createHistogram('esd.sweep.duration', { description: 'Reminder sweep.', unit: 'ms' });
  const throttled = meter.createCounter('esd.teams.throttled', { description: '429 answers from Teams, by host.' });

  function countThrottled(_span: Span, request: ClientRequest | IncomingMessage, response: unknown): void {
    if (!(request instanceof ClientRequest) || !(response instanceof IncomingMessage)) return;
    if (response.statusCode !== 429 || NOT_TEAMS.test(request.host)) return;
    throttled.add(1, { host: request.host });
  }

  function failed(span: Span, error: unknown): void {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }

  /** Runs `work` in an active span; an exception marks the span failed and is rethrown. */
  function inSpan<T>(name: string, work: (span: Span) => Promise<T>): Promise<T> {
    return tracer.startActiveSpan(name, async (span) => {
      try {
        return await work(span);
      } catch (error) {
        failed(span, error);
        throw error;
      } finally {
        span.end();
      }
    });
  }

  /** Calls a store method inside its span (so the SDK's own spans nest under it); the span ends when it settles. */
  function storeCall(name: string, call: () => unknown): unknown {
    return tracer.startActiveSpan(name, (span) => {
      let result: unknown;
      try {
        result = call();
      } catch (error) {
        failed(span, error);
        span.end();
        throw error;
      }
      if (!(result instanceof Promise)) {
        span.end();
        return result;
      }
      return result.then(
        (value: unknown) => { span.end(); return value; },
        (error: unknown) => { failed(span, error); span.end(); throw error; },
      );
    });
  }

  function recordCardAction(context: TurnContext): void {
    const { type, name } = context.activity;
    const value: unknown = context.activity.value;
    if (type === 'invoke' && name === 'adaptiveCard/action') {
      const verb = verbLabel((value as { action?: { verb?: unknown } } | undefined)?.action?.verb);
      cardActions.add(1, { verb, outcome: invokeOutcome(context.turnState.get(INVOKE_RESPONSE_KEY)) });
    } else if (type === 'message' && typeof value === 'object' && value !== null && 'verb' in value) {
      // The Action.Submit fallback: its answer is a message, so only that it was answered is known here.
      cardActions.add(1, { verb: verbLabel(value.verb), outcome: 'submitted' });
    }
  }

  return {
    traceStore(store: Store): Store {
      return new Proxy(store, {
        get(target, property) {
          // Read from the store itself (not the proxy), so its private fields and getters work as usual.
          const member: unknown = Reflect.get(target, property);
          if (typeof member !== 'function' || typeof property !== 'string') return member;
          return (...args: unknown[]): unknown => storeCall(`store ${property}`, () => Reflect.apply(member, target, args));
        },
      });
    },

    traceTurns(bot): void {
      const run = bot.run.bind(bot);
      bot.run = (context: TurnContext) => {
        const { type, name } = context.activity;
        return inSpan(`bot turn ${type}${name ? ` ${name}` : ''}`, async (span) => {
          span.setAttribute('esd.activity.type', type);
          await run(context);
          recordCardAction(context);
        });
      };
    },

    traceSweep(sweep: Sweep): Sweep {
      return {
        run: (asOf) => inSpan('reminder sweep', async (span) => {
          const started = performance.now();
          const result: SweepResult = await sweep.run(asOf);
          sweepDuration.record(performance.now() - started);
          for (const outcome of ['due', 'sent', 'skipped', 'failed'] as const) {
            reminders.add(result[outcome], { outcome });
            span.setAttribute(`esd.reminders.${outcome}`, result[outcome]);
          }
          return result;
        }),
      };
    },

    logFields: (): LogFields => {
      const context = trace.getActiveSpan()?.spanContext();
      return context && trace.isSpanContextValid(context) ? { trace_id: context.traceId, span_id: context.spanId } : {};
    },

    shutdown: () => shutdownAzureMonitor(),
  };
}
