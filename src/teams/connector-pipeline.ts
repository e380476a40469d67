/**
 * Puts the notifier in charge of retries and timeouts of one turn's ConnectorClient.
 *
 * Why: botbuilder's ConnectorClient (botbuilder-stdlib `ServiceClientContext` over @azure/core-client) builds the
 * default @azure/core-rest-pipeline pipeline, whose `defaultRetryPolicy` silently retries 429/503 (honouring
 * Retry-After), 5xx and network errors up to 3 times with real timers. Stacked under our own retries that would
 * multiply attempts (4 x 4 requests), bypass the rate limiter for the retried requests, and make waits untestable.
 * botbuilder offers no option to turn it off (ServiceClientContext passes no `retryOptions`), so we remove the
 * policy from the turn's own client (a new one is created per continueConversationAsync call, nothing is shared).
 * The client keeps its pipeline in a private `client` field: reached structurally and checked, so a botbuilder
 * upgrade that moves it degrades to "double retries" with a warning, never to a crash.
 */

interface PipelinePolicy {
  name: string;
  sendRequest(request: { timeout: number }, next: (request: { timeout: number }) => Promise<unknown>): Promise<unknown>;
}

interface Pipeline {
  removePolicy(options: { phase: 'Retry' }): unknown;
  addPolicy(policy: PipelinePolicy, options?: { afterPhase: 'Sign' }): void;
}

function isPipeline(value: unknown): value is Pipeline {
  return typeof value === 'object' && value !== null
    && typeof (value as Partial<Pipeline>).removePolicy === 'function'
    && typeof (value as Partial<Pipeline>).addPolicy === 'function';
}

function pipelineOf(connectorClient: unknown): Pipeline | undefined {
  if (typeof connectorClient !== 'object' || connectorClient === null || !('client' in connectorClient)) return undefined;
  const inner = connectorClient.client;
  if (typeof inner !== 'object' || inner === null || !('pipeline' in inner)) return undefined;
  return isPipeline(inner.pipeline) ? inner.pipeline : undefined;
}

/**
 * Removes the built-in retry policy and gives every request a timeout (core-rest-pipeline aborts it with an
 * AbortError). With `beforeSend`, every request waits for it after everything else the pipeline does (serializing,
 * signing: a token may be fetched first), just before it goes out: the rate limiter's stamp is then the time the
 * request really leaves, however long the work before it took. Returns false when the pipeline could not be found.
 */
export function takeOverRetries(
  connectorClient: unknown, timeoutMs: number, beforeSend?: () => Promise<void>,
): boolean {
  const pipeline = pipelineOf(connectorClient);
  if (!pipeline) return false;
  pipeline.removePolicy({ phase: 'Retry' });
  pipeline.addPolicy({
    name: 'esdRequestTimeout',
    sendRequest: (request, next) => {
      request.timeout = timeoutMs;
      return next(request);
    },
  });
  if (beforeSend) {
    pipeline.addPolicy({
      name: 'esdPacing',
      sendRequest: async (request, next) => {
        await beforeSend();
        return next(request);
      },
    }, { afterPhase: 'Sign' });
  }
  return true;
}
