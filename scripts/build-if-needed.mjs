// Runs before `npm start` and `npm run import`. In a development install it compiles src/ into dist/ (incremental:
// a no-op when nothing changed). In a production install (dev dependencies pruned, so no TypeScript) it uses the
// dist/ built before the prune, and says so plainly when there is none. Plain JavaScript: it must run without tsx.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function typescriptCompiler() {
  try {
    return require.resolve('typescript/bin/tsc');
  } catch {
    return null; // a production install: dev dependencies were pruned
  }
}

const tsc = typescriptCompiler();
if (tsc) {
  // The server, then the Teams tab's browser script (tab/tsconfig.json: DOM types, ES modules).
  for (const project of ['tsconfig.build.json', path.join('tab', 'tsconfig.json')]) {
    const build = spawnSync(process.execPath, [tsc, '-p', path.join(root, project)], { stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  process.exit(0);
}
if (!fs.existsSync(path.join(root, 'dist', 'index.js'))) {
  process.stderr.write('esd-bot is not built and TypeScript is not installed: run `npm ci && npm run build` first '
    + '(then `npm prune --omit=dev` if you want a production install).\n');
  process.exit(1);
}
