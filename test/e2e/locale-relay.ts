/**
 * A Teams client in another language, for the browser tests. Agents Playground 0.2.x has no language setting: its
 * server writes `locale: "en-US"` into every activity it sends the bot, both the activity's `locale` and the
 * `clientInfo` entity's (hard-coded in its bundled dist/index.js; its config file has no such field). This relay
 * sits between the playground and the bot's /api/messages and rewrites exactly those two fields to `locale`, so the
 * bot sees what a Teams client set to that language sends. Everything else is untouched: the UI and how it renders
 * the cards, the invoke answers (passed back as they came) and the bot's replies (they go straight to the
 * playground's connector, not through here).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocaleRelay {
  /** Where the playground should send activities, e.g. `http://127.0.0.1:40123/api/messages`. */
  url: string;
  /** How many activities it rewrote: a test can tell the relay was really in the path. */
  rewritten(): number;
  stop(): Promise<void>;
}

/** The activity with its `locale` and its clientInfo entities' `locale` set to `locale`; anything else as it was. */
export function withLocale(body: string, locale: string): string | undefined {
  let activity: unknown;
  try {
    activity = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof activity !== 'object' || activity === null || !('type' in activity)) return undefined;
  const entities = (activity as { entities?: unknown }).entities;
  return JSON.stringify({
    ...activity,
    locale,
    ...(Array.isArray(entities)
      ? {
        entities: entities.map((entity: unknown) => (typeof entity === 'object' && entity !== null
          && (entity as { type?: unknown }).type === 'clientInfo' ? { ...entity, locale } : entity)),
      }
      : {}),
  });
}

/** Headers passed on to the bot: what the Bot Framework adapter reads (auth is off in the tests, but kept). */
const FORWARDED = ['content-type', 'authorization'];

export async function startLocaleRelay(botEndpoint: string, locale: string): Promise<LocaleRelay> {
  let count = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        try {
          const original = Buffer.concat(chunks).toString('utf8');
          const rewritten = req.method === 'POST' ? withLocale(original, locale) : undefined;
          if (rewritten !== undefined) count += 1;
          const headers: Record<string, string> = {};
          for (const name of FORWARDED) {
            const value = req.headers[name];
            if (typeof value === 'string') headers[name] = value;
          }
          const answer = await fetch(botEndpoint, {
            method: req.method ?? 'POST', headers,
            ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: rewritten ?? original }),
          });
          const text = await answer.text();
          const type = answer.headers.get('content-type');
          res.writeHead(answer.status, type ? { 'content-type': type } : {});
          res.end(text);
        } catch (error) {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(`locale relay: ${error instanceof Error ? error.message : String(error)}`);
        }
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    rewritten: () => count,
    stop: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}
