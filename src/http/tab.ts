/**
 * The Teams tab for leads and Gateway staff (`staticTabs` in the app manifest), served by this process at `/tab`:
 * its page and stylesheet (tab/public), its compiled script (dist/tab, built from tab/src with the server), and the
 * Teams JavaScript client (@microsoft/teams-js's UMD build). Only these named files are served; the data comes from
 * the REST API with the Teams single sign-on token, where each route checks the caller's role. The page's words come
 * from the message catalogue (issue 11): `GET /tab/texts?locale=` gives every `tab.*` text in the reader's language.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Next, Request, Response, Server } from 'restify';
import type { Locale } from '../domain/types';
import { CATALOGUES } from '../teams/i18n/catalogue';
import { resolveLocale } from '../teams/i18n/locales';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT_DIR = path.join(ROOT, 'dist', 'tab');

/**
 * The page runs only its own files; Teams (and Microsoft 365 hosts of Teams apps) may frame it, nobody else.
 * `style-src` allows inline style attributes: the timeline sizes its gaps with one.
 */
const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
    + "img-src 'self'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com "
    + 'https://*.teams.cloud.microsoft https://*.office.com https://*.microsoft365.com https://*.cloud.microsoft',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
};

function teamsClientFile(): string {
  return require.resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js');
}

function serve(res: Response, file: string): void {
  let body: Buffer;
  try {
    body = fs.readFileSync(file);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
    res.end('Not found. The tab may not be built: run `npm run build`.');
    return;
  }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...SECURITY_HEADERS });
  res.end(body);
}

function tabTextsOf(locale: Locale): Record<string, string> {
  return Object.fromEntries(Object.entries(CATALOGUES[locale])
    .filter((entry): entry is [string, string] => entry[0].startsWith('tab.') && typeof entry[1] === 'string'));
}

/**
 * The tab's texts (`tab.*` keys) in one language: plain `{name}` arguments, which the page fills itself. A text the
 * language lacks is its en-US one, as `t()` does in production (test/teams/i18n.test.ts keeps both complete).
 */
function tabTexts(locale: Locale): Record<string, string> {
  return { ...tabTextsOf('en-US'), ...tabTextsOf(locale) };
}

/**
 * `GET /tab/texts?locale=zh-CN`: `{ locale, texts }` for the catalogue the requested locale resolves to (the Teams
 * client's, else the browser's), else `defaultLocale`. The same words for everyone, so no sign-in is needed.
 */
function serveTexts(req: Request, res: Response, defaultLocale: Locale): void {
  const requested = new URL(req.url ?? '/', 'http://tab.invalid').searchParams.get('locale');
  const locale = resolveLocale(requested, defaultLocale);
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8', 'Content-Language': locale, ...SECURITY_HEADERS,
  });
  res.end(JSON.stringify({ locale, texts: tabTexts(locale) }));
}

/**
 * `/tab`, `/tab/tab.css`, `/tab/vendor/teams.js`, `/tab/app/<module>.js` (a plain name: nothing else is read) and
 * `/tab/texts`; `defaultLocale` is DEFAULT_LOCALE, the language of a reader whose locale has no catalogue.
 */
export function mountTab(server: Server, defaultLocale: Locale = 'en-US'): void {
  const fixed: Record<string, () => string> = {
    '/tab': () => path.join(ROOT, 'tab', 'public', 'index.html'),
    '/tab/tab.css': () => path.join(ROOT, 'tab', 'public', 'tab.css'),
    '/tab/vendor/teams.js': teamsClientFile,
  };
  for (const [route, file] of Object.entries(fixed)) {
    server.get(route, (_req: Request, res: Response, next: Next) => {
      serve(res, file());
      next();
    });
  }
  server.get('/tab/texts', (req: Request, res: Response, next: Next) => {
    serveTexts(req, res, defaultLocale);
    next();
  });
  server.get('/tab/app/:module', (req: Request, res: Response, next: Next) => {
    const name: unknown = (req.params as Record<string, unknown>).module;
    if (typeof name !== 'string' || !/^[a-z][a-z-]*\.js$/.test(name)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end('Not found.');
    } else {
      serve(res, path.join(SCRIPT_DIR, name));
    }
    next();
  });
}
