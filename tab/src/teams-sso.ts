/**
 * Teams single sign-on: the Teams JavaScript client (served as /tab/vendor/teams.js, the UMD build of
 * @microsoft/teams-js, which defines `window.microsoftTeams`) hands the page an Entra ID token for the signed-in user.
 * Outside Teams the client never initializes, and the page says to open it in Teams.
 */
interface TeamsClient {
  app: { initialize(): Promise<void> };
  authentication: { getAuthToken(): Promise<string> };
}

declare global {
  interface Window {
    microsoftTeams?: TeamsClient;
  }
}

export type SignIn = { ok: true; token: string } | { ok: false; reason: 'outsideTeams' | 'noToken' };

/** The promise's value, or a rejection after `ms` (outside Teams the client's initialize never settles). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function signIn(timeoutMs = 5000): Promise<SignIn> {
  const teams = window.microsoftTeams;
  if (!teams) return { ok: false, reason: 'outsideTeams' };
  try {
    await within(teams.app.initialize(), timeoutMs);
  } catch {
    return { ok: false, reason: 'outsideTeams' };
  }
  try {
    return { ok: true, token: await within(teams.authentication.getAuthToken(), timeoutMs) };
  } catch {
    return { ok: false, reason: 'noToken' };
  }
}
