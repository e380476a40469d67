/**
 * Installs the app for a person through Microsoft Graph (GRAPH_INSTALL=on, issue 13), as Company Communicator does:
 * `POST {GRAPH_BASE_URL}/users/{id}/teamwork/installedApps` with `teamsApp@odata.bind` naming the app in the org's
 * catalog (TEAMS_APP_CATALOG_ID). Needs the application permission TeamsAppInstallation.ReadWriteForUser.All,
 * consented by an admin (docs/deploy.md). The token is the bot's own: client credentials (MicrosoftAppId and
 * MicrosoftAppPassword) at GRAPH_TOKEN_URL, or the managed identity's with MicrosoftAppType=UserAssignedMSI.
 *
 * Throttled like every outbound call: a 429 holds every install until its Retry-After (Graph throttles the app, not
 * one user); 429, 5xx and network errors are retried, at most 4 requests. A 403 is logged once for the process, not
 * once per person: it means the permission is missing, which is the admin's to fix.
 */
import { ManagedIdentityCredential } from '@azure/identity';
import type { BotConfig, GraphInstallConfig } from '../config';
import type { Logger } from '../log/logger';
import type { AppInstaller, InstallOutcome } from '../services/reach';
import { backoffMs, parseRetryAfter, type RetryOptions } from './delivery-failure';

export interface GraphInstallerOptions extends RetryOptions {
  config: GraphInstallConfig;
  bot: BotConfig;
  logger: Logger;
}

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const REQUEST_TIMEOUT_MS = 20_000;
const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Token {
  value: string;
  expiresAt: number;
}

export class GraphInstaller implements AppInstaller {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly maxAttempts: number;
  private readonly maxRetryWaitMs: number;
  /** Every install waits until then: Graph answered 429 with this Retry-After. */
  private heldUntil = 0;
  private readonly warned = new Set<number>();
  private token: Token | undefined;

  constructor(private readonly options: GraphInstallerOptions) {
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.maxAttempts = options.maxAttempts ?? 4;
    this.maxRetryWaitMs = options.maxRetryWaitMs ?? 30_000;
  }

  /** `installed` (also when it already was: 409), `refused` (403/404: not for us to fix), `later` (try again). */
  async install(aadObjectId: string): Promise<InstallOutcome> {
    const { config } = this.options;
    const url = `${config.baseUrl}/users/${encodeURIComponent(aadObjectId)}/teamwork/installedApps`;
    const body = JSON.stringify({ 'teamsApp@odata.bind': `${config.baseUrl}/appCatalogs/teamsApps/${config.catalogId}` });
    for (let attempt = 1; ; attempt++) {
      const held = this.heldUntil - this.now();
      if (held > 0) await this.sleep(held);
      let status: number;
      let retryAfter: string | null = null;
      try {
        const response = await fetch(url, {
          method: 'POST', body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          headers: { authorization: `Bearer ${await this.accessToken()}`, 'content-type': 'application/json' },
        });
        status = response.status;
        retryAfter = response.headers.get('retry-after');
        await response.arrayBuffer(); // the body is not needed; reading it frees the connection
      } catch (error) {
        status = 0;
        this.options.logger.warn('Graph app install request failed', { aadObjectId, attempt, error });
      }
      if (status >= 200 && status < 300 || status === 409) return 'installed';
      if (status === 401 || status === 403 || status === 404) return this.refused(status);
      const retryable = status === 0 || status === 429 || status >= 500;
      if (!retryable || attempt >= this.maxAttempts) {
        this.options.logger.warn('Graph did not install the app; a later sweep tries again', { aadObjectId, status, attempt });
        return 'later';
      }
      const backoff = backoffMs(attempt, this.random, 1_000, this.maxRetryWaitMs);
      const wait = Math.min(parseRetryAfter(retryAfter ?? undefined, this.now()) ?? backoff, this.maxRetryWaitMs);
      if (status === 429) this.heldUntil = Math.max(this.heldUntil, this.now() + wait);
      else await this.sleep(wait);
    }
  }

  private refused(status: number): InstallOutcome {
    if (!this.warned.has(status)) {
      this.warned.add(status);
      this.options.logger.error(
        'Microsoft Graph refused to install the app: the bot\'s app needs the application permission '
        + 'TeamsAppInstallation.ReadWriteForUser.All with admin consent, and TEAMS_APP_CATALOG_ID must name the app in '
        + 'the org\'s catalog (docs/deploy.md). People it refuses are listed by GET /api/people?reachable=false.',
        { status },
      );
    }
    return 'refused';
  }

  /** A Graph token for the bot's app, kept until a minute before it expires. */
  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - 60_000 > this.now()) return this.token.value;
    const { bot, config } = this.options;
    if (bot.appType === 'UserAssignedMSI') {
      const token = await new ManagedIdentityCredential({ clientId: bot.appId }).getToken(GRAPH_SCOPE);
      this.token = { value: token.token, expiresAt: token.expiresOnTimestamp };
      return token.token;
    }
    const response = await fetch(config.tokenUrl, {
      method: 'POST', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials', client_id: bot.appId, client_secret: bot.appPassword, scope: GRAPH_SCOPE,
      }).toString(),
    });
    const answer = await response.json() as { access_token?: unknown; expires_in?: unknown };
    if (!response.ok || typeof answer.access_token !== 'string') {
      throw new Error(`the token endpoint answered ${response.status}`);
    }
    const seconds = typeof answer.expires_in === 'number' ? answer.expires_in : 3600;
    this.token = { value: answer.access_token, expiresAt: this.now() + seconds * 1000 };
    return this.token.value;
  }
}
