/** The REST API as the tab calls it: the Teams token as the bearer, and each refusal in words the page can show. */

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** What a person reads when the API refuses: what went wrong and what to do. */
function refusal(status: number, path: string): string {
  if (status === 401) return 'Your Teams sign-in was not accepted. Close the tab and open it again; if it keeps failing, ask your admin to check the app\'s single sign-on.';
  if (status === 403) return 'This tab is for Gateway staff and admins. Ask an admin to give you the Gateway role.';
  if (status === 404 && path.includes('/timeline')) return 'No customer has that tenant id. Check it and try again.';
  if (status === 400) return 'That is not a valid tenant id: paste the customer\'s tenant id (a GUID).';
  return 'The ESD service did not answer. Try again in a minute.';
}

export async function getJson<T>(path: string, token: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'The ESD service cannot be reached. Check your connection and try again.');
  }
  if (!response.ok) throw new ApiError(response.status, refusal(response.status, path));
  return await response.json() as T;
}
