/** The tab's files as the server serves them (issue 10): only named files, with a policy that lets Teams frame it. */
import assert from 'node:assert/strict';
import { startTestApp } from '../common/app';
import { openSqlite, type OpenedStore } from '../common/stores';

describe('GET /tab and its files', () => {
  let opened: OpenedStore;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  before(async () => {
    opened = await openSqlite();
    app = await startTestApp(opened.store);
  });
  after(async () => {
    await app.stop();
    await opened.cleanup();
  });

  it('serves the page with a content security policy that runs only its own scripts and lets Teams frame it', async () => {
    const res = await fetch(`${app.url}/tab`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const policy = res.headers.get('content-security-policy') ?? '';
    assert.match(policy, /script-src 'self'(;|$)/);
    assert.match(policy, /frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/);
    assert.match(await res.text(), /<script src="\/tab\/vendor\/teams.js"><\/script>/);
  });

  it('serves the Teams JavaScript client from the installed @microsoft/teams-js, and the stylesheet', async () => {
    const client = await fetch(`${app.url}/tab/vendor/teams.js`);
    assert.equal(client.status, 200);
    assert.match(await client.text(), /microsoftTeams/);
    assert.equal((await fetch(`${app.url}/tab/tab.css`)).headers.get('content-type'), 'text/css; charset=utf-8');
  });

  it('reads nothing but a plain module name under /tab/app/: other paths are 404', async () => {
    for (const name of ['..%2F..%2Fpackage.json', '%2E%2E', 'main.ts', 'Main.js', '.tsbuildinfo']) {
      const res = await fetch(`${app.url}/tab/app/${name}`);
      assert.equal(res.status, 404, name);
      assert.doesNotMatch(await res.text(), /"name": "esd-bot"/, name);
    }
  });
});
