/**
 * The Teams tab for leads and Gateway staff (`staticTabs` in the app manifest), served by this process at `/tab`:
 * its page and stylesheet (tab/public), its compiled script (dist/tab, built from tab/src with the server), and the
 * Teams JavaScript client (@microsoft/teams-js's UMD build). Only these named files are served; the data comes from
 * the REST API with the Teams single sign-on token, where each route checks the caller's role.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Next, Request, Response, Server } from 'restify';

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

/** `/tab`, `/tab/tab.css`, `/tab/vendor/teams.js` and `/tab/app/<module>.js` (a plain name: nothing else is read). */
export function mountTab(server: Server): void {
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
