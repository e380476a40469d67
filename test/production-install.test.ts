/**
 * A production install (`npm ci && npm run build && npm prune --omit=dev`) has no dev dependencies, so nothing the
 * compiled server or CLI loads may need one, and the commands it runs must be plain `node`.
 */
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Runtime imports only: `import type` is erased by the compiler. */
function runtimeImports(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /^\s*import\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm,
    /^\s*export\s+(?!type\s)[^'"]*?\sfrom\s+['"]([^'"]+)['"]/gm,
    /\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) if (match[1]) found.push(match[1]);
  }
  return found;
}

describe('production install (dev dependencies pruned)', () => {
  it('nothing under src/ loads a package that is not a runtime dependency', () => {
    const builtins = new Set(builtinModules);
    const problems: string[] = [];
    for (const file of sourceFiles(path.join(ROOT, 'src'))) {
      for (const specifier of runtimeImports(fs.readFileSync(file, 'utf8'))) {
        if (specifier.startsWith('.') || specifier.startsWith('node:') || builtins.has(specifier)) continue;
        const name = packageOf(specifier);
        if (!(name in pkg.dependencies)) problems.push(`${path.relative(ROOT, file)} imports ${specifier}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('the scanner sees a dev dependency when one is imported (so the check above can fail)', () => {
    const imports = runtimeImports("import { chromium } from 'playwright-core';\nimport type { X } from 'mocha';\n");
    assert.deepEqual(imports, ['playwright-core']);
    assert.ok('playwright-core' in pkg.devDependencies);
  });

  it('`npm start` and `npm run import` run compiled JavaScript with node, never tsx', () => {
    for (const script of ['prestart', 'start', 'preimport', 'import']) {
      assert.match(pkg.scripts[script] ?? '', /^node /, `${script}: ${pkg.scripts[script]}`);
    }
    assert.equal(pkg.scripts.import, 'node dist/cli/import-csv.js');
  });
});
