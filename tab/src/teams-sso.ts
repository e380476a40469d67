/**
 * Teams single sign-on: the Teams JavaScript client (served as /tab/vendor/teams.js, the UMD build of
 * @microsoft/teams-js, which defines `window.microsoftTeams`) hands the page an Entra ID token for the signed-in user,
 * and its context says the language the reader uses Teams in (`app.locale`, e.g. `zh-CN`; issue 11).
 * Outside Teams the client never initializes, and the page says to open it in Teams.
 */
interface TeamsClient {
  app: {
    initialize(): Promise<void>;
    /** Teams' context: of it the page reads only the client's language. */
    getContext(): Promise<{ app?: { locale?: string } }>;
  };
  authentication: { getAuthToken(): Promise<string> };
}

declare global {
  interface Window {
    microsoftTeams?: TeamsClient;
  }
}

/** `locale`: the Teams client's language, when Teams initialized and said it; else null. */
export type SignIn = { ok: true; token: string; locale: string | null }
  | { ok: false; reason: 'outsideTeams' | 'noToken'; locale: string | null };

/** The promise's value, or a rejection after `ms` (outside Teams the client's initialize never settles). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The Teams client's language, or null when its context does not say (the page then goes by the browser's). */
async function teamsLocale(teams: TeamsClient, timeoutMs: number): Promise<string | null> {
  try {
    const locale = (await within(teams.app.getContext(), timeoutMs)).app?.locale;
    return typeof locale === 'string' && locale !== '' ? locale : null;
  } catch {
    return null;
  }
}

export async function signIn(timeoutMs = 5000): Promise<SignIn> {
  const teams = window.microsoftTeams;
  if (!teams) return { ok: false, reason: 'outsideTeams', locale: null };
  try {
    await within(teams.app.initialize(), timeoutMs);
  } catch {
    return { ok: false, reason: 'outsideTeams', locale: null };
  }
  const locale = await teamsLocale(teams, timeoutMs);
  try {
    return { ok: true, token: await within(teams.authentication.getAuthToken(), timeoutMs), locale };
  } catch {
    return { ok: false, reason: 'noToken', locale };
  }
}
