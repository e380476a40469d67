/** The public routes of the process itself: liveness and readiness. */
import type { Logger } from '../../log/logger';
import type { Store } from '../../store/store';
import { errorBody } from '../errors';
import type { RouteResult } from '../route';

const READY_TIMEOUT_MS = 3000;

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function systemHandlers(store: Store, logger: Logger) {
  return {
    async health(this: void): Promise<RouteResult> {
      return { status: 200, body: { status: 'ok' } };
    },

    async ready(this: void): Promise<RouteResult> {
      try {
        await withTimeout(store.ping(), READY_TIMEOUT_MS, 'the store did not answer in time');
        return { status: 200, body: { status: 'ok' } };
      } catch (error) {
        logger.warn('not ready', { error, cause: (error as Error).cause });
        return { status: 503, body: errorBody('unavailable', `Not ready: ${(error as Error).message}`) };
      }
    },
  };
}
