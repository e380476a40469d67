/** The serving process as `npm start` runs it: real config, real store on disk, real signals. */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listeningUrl, startProcess } from './common/serving-process';

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('the serving process (npm start)', function () {
  this.timeout(30_000);
  let dataDir: string;
  beforeEach(() => { dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-data-')); });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('serves /healthz with no Azure account and no .env, seeds the demo, and stops cleanly on SIGTERM', async () => {
    const child = startProcess({ PORT: '0', DATA_DIR: dataDir });
    const exited = exitOf(child);
    const url = await listeningUrl(child);
    const res = await fetch(`${url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
    assert.equal((await fetch(`${url}/readyz`)).status, 200);
    assert.match(child.output().stdout, /seeded demo people and customers/);
    assert.match(child.output().stderr, /LOCAL MODE/, 'local mode is announced loudly');
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.match(child.output().stdout, /"msg":"stopped"/);
    const files = fs.readdirSync(dataDir);
    assert.ok(files.includes('esd.sqlite'));
    assert.ok(!files.includes('esd.sqlite-wal'), 'the store was closed (WAL checkpointed and removed)');
  });

  it('a restart finds the data and does not seed the demo again', async () => {
    for (const expectSeed of [true, false]) {
      const child = startProcess({ PORT: '0', DATA_DIR: dataDir });
      const exited = exitOf(child);
      await listeningUrl(child);
      assert.equal(/seeded demo/.test(child.output().stdout), expectSeed);
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
  });

  for (const [name, env, variable] of [
    ['a bad PORT', { PORT: 'eighty' }, 'PORT'],
    ['a bad STORE', { STORE: 'postgres' }, 'STORE'],
    ['a missing Cosmos setting', { STORE: 'cosmos', COSMOS_ENDPOINT: 'https://x.documents.azure.com/', COSMOS_DATABASE: 'esd' }, 'COSMOS_KEY'],
    ['production without Bot Framework auth', { NODE_ENV: 'production', API_KEYS: `a:admin:${'s'.repeat(40)}` }, 'MicrosoftAppId'],
  ] as const) {
    it(`${name}: one clear line naming ${variable}, exit code 1`, async () => {
      const child = startProcess({ DATA_DIR: dataDir, ...env });
      assert.equal(await exitOf(child), 1);
      const lines = child.output().stderr.trim().split('\n');
      assert.equal(lines.length, 1, child.output().stderr);
      assert.match(lines[0] ?? '', new RegExp(`^config error: ${variable}: `));
    });
  }
});
