/** Reading the deployment files (env samples, Bicep) in tests: there is no toolkit, Bicep compiler or Azure here. */
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

/** `NAME=value` lines of an env file (comments and blank lines skipped), as the toolkit reads them. */
export function readEnvSample(relative: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const line of fs.readFileSync(path.join(ROOT, relative), 'utf8').split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match?.[1] !== undefined) entries[match[1]] = (match[2] ?? '').trim();
  }
  return entries;
}

/** A Bicep file's outputs (`output NAME type = …`): arm/deploy writes them to the environment file by name. */
export function bicepOutputs(bicep: string): string[] {
  return [...bicep.matchAll(/^output\s+([A-Za-z_][A-Za-z0-9_]*)\s/gm)].map((match) => match[1] ?? '');
}
