/**
 * The Dockerfile, linted (dockerfile-utils, the validator behind the VS Code Docker language server) and read: no
 * image can be built here (Docker Hub is unreachable), so what the image does is checked in its text, and its build
 * commands are the README's production install, the same ones App Service runs (infra/azure.bicep).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { validate } from 'dockerfile-utils';
import { ROOT } from './deploy-files';

const DOCKERFILE = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

interface Instruction { keyword: string; args: string }

/** Instructions with their `\` continuations joined, comments dropped. */
function instructions(text: string): Instruction[] {
  const joined = text.replace(/\\\n/g, ' ').split('\n').map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  return joined.map((line) => {
    const space = line.indexOf(' ');
    return { keyword: line.slice(0, space).toUpperCase(), args: line.slice(space + 1).replace(/\s+/g, ' ').trim() };
  });
}

/** The instructions of each stage, by its `AS` name. */
function stages(): Map<string, Instruction[]> {
  const byName = new Map<string, Instruction[]>();
  let current: Instruction[] | undefined;
  for (const instruction of instructions(DOCKERFILE)) {
    if (instruction.keyword === 'FROM') {
      const name = / AS (\S+)$/i.exec(instruction.args)?.[1] ?? '';
      current = [];
      byName.set(name, current);
    }
    current?.push(instruction);
  }
  return byName;
}

function stage(name: string): Instruction[] {
  const found = stages().get(name);
  assert.ok(found, `the Dockerfile has a stage named ${name}`);
  return found;
}

/** `a && b && c` -> ['a', 'b', 'c'], npm commands only. */
function npmCommands(shell: string): string[] {
  return shell.split('&&').map((part) => part.trim()).filter((part) => part.startsWith('npm '));
}

function readmeProductionInstall(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /\*\*production install\*\*[\s\S]*?```sh\n([^\n]+)\n/.exec(readme)?.[1];
  assert.ok(block, 'the README shows the production install commands');
  return npmCommands(block);
}

describe('deploy: the Dockerfile', () => {
  it('passes the dockerfile-utils linter (which does flag a broken Dockerfile)', () => {
    const problems = validate(DOCKERFILE).map((problem) => {
      const message = typeof problem.message === 'string' ? problem.message : problem.message.value;
      return `${problem.range.start.line + 1}: ${message}`;
    });
    assert.deepEqual(problems, []);
    const broken = 'FROM node:20-bookworm-slim\nHEALTHCHECK --interval=soon CMD true\nCOPY\nRUNN npm ci\n';
    assert.ok(validate(broken).length >= 3, 'a bad duration, a COPY without arguments and an unknown instruction');
  });

  it('builds with the README\'s production install commands, the same App Service runs', () => {
    const readme = readmeProductionInstall();
    assert.deepEqual(readme, ['npm ci --include=dev', 'npm run build', 'npm prune --omit=dev']);
    const built = stage('build').filter((i) => i.keyword === 'RUN').flatMap((i) => npmCommands(i.args));
    assert.deepEqual(built, readme);
    const bicep = fs.readFileSync(path.join(ROOT, 'infra', 'azure.bicep'), 'utf8');
    const appService = /name: 'CUSTOM_BUILD_COMMAND', value: '([^']+)'/.exec(bicep)?.[1] ?? '';
    assert.deepEqual(npmCommands(appService), readme);
  });

  it('is multi-stage on a pinned Node 20 image; the run stage installs nothing and copies the pruned build', () => {
    const image = /^ARG NODE_IMAGE=(\S+)$/m.exec(DOCKERFILE)?.[1] ?? '';
    assert.match(image, /^node:20[\w.-]*-slim$/, 'Node 20, a named tag (not latest), slim');
    assert.deepEqual([...stages().keys()], ['build', 'run']);
    const run = stage('run');
    assert.deepEqual(run.filter((i) => i.keyword === 'RUN' && /\bnpm\b|apt-get/.test(i.args)), []);
    const copied = run.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    for (const what of ['/app/node_modules', '/app/dist', '/app/package.json', '/app/tab/public']) {
      assert.ok(copied.some((args) => args.startsWith(`--from=build ${what} `) || args.includes(` ${what} `)), what);
    }
    for (const install of stage('build').filter((i) => /apt-get install/.test(i.args))) {
      assert.match(install.args, /--no-install-recommends/);
      assert.match(install.args, /rm -rf \/var\/lib\/apt\/lists\/\*/);
    }
  });

  it('runs as a non-root user with NODE_ENV=production, the SQLite directory as a volume, node as PID 1', () => {
    const run = stage('run');
    const env = run.filter((i) => i.keyword === 'ENV').map((i) => i.args).join(' ');
    assert.match(env, /\bNODE_ENV=production\b/);
    const dataDir = /\bDATA_DIR=(\S+)/.exec(env)?.[1];
    assert.ok(dataDir, 'DATA_DIR is set');
    assert.ok(run.some((i) => i.keyword === 'VOLUME' && i.args.includes(`"${dataDir}"`)), `VOLUME ${dataDir}`);
    const keywords = run.map((i) => i.keyword);
    const user = run.find((i) => i.keyword === 'USER');
    assert.ok(user && !['root', '0'].includes(user.args), 'a USER that is not root');
    assert.ok(keywords.indexOf('USER') < keywords.indexOf('CMD'), 'USER before CMD');
    assert.equal(run.find((i) => i.keyword === 'CMD')?.args, '["node", "dist/index.js"]');
  });

  it('checks its health on /healthz with node (no curl in slim images)', () => {
    const check = stage('run').find((i) => i.keyword === 'HEALTHCHECK');
    assert.ok(check, 'a HEALTHCHECK');
    assert.match(check.args, /CMD \["node", "-e", "fetch\('http:\/\/127\.0\.0\.1:' \+ \(process\.env\.PORT \|\| 3978\) \+ '\/healthz'\)/);
    assert.doesNotMatch(check.args, /curl|wget/);
  });

  it('.dockerignore keeps out local state and secrets, and keeps what the build needs', () => {
    const ignored = fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    for (const entry of ['node_modules', 'dist', '.env', '.data', '.git', 'env/.env.*.user']) {
      assert.ok(ignored.includes(entry), `${entry} is ignored`);
    }
    for (const needed of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'tab', 'scripts']) {
      assert.ok(!ignored.includes(needed) && fs.existsSync(path.join(ROOT, needed)), `${needed} reaches the build`);
    }
  });
});
