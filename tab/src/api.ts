/** The REST API as the tab calls it: the Teams token as the bearer, and each refusal in words the page can show. */
import { text } from './texts.js';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** What a person reads when the API refuses: what went wrong and what to do, in their language. */
function refusal(status: number, path: string): string {
  if (status === 401) return text('tab.api.unauthorized');
  if (status === 403) return text('tab.api.forbidden');
  if (status === 404 && path.includes('/timeline')) return text('tab.api.noCustomer');
  if (status === 400) return text('tab.api.badTenantId');
  return text('tab.api.unavailable');
}

export async function getJson<T>(path: string, token: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  } catch {
    throw new ApiError(0, text('tab.api.unreachable'));
  }
  if (!response.ok) throw new ApiError(response.status, refusal(response.status, path));
  return await response.json() as T;
}
