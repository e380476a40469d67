/** The serving process (src/index.ts) as `npm start` runs it, from source, for tests that need a real process. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export type ServingProcess = ChildProcess & { output: () => { stdout: string; stderr: string } };

/** Starts src/index.ts in an empty working directory with only `env` (and PATH, HOME); `preload` is `--require`d. */
export function startProcess(env: Record<string, string>, preload: string[] = []): ServingProcess {
  let stdout = '';
  let stderr = '';
  const args = ['--require', require.resolve('tsx/cjs'), ...preload.flatMap((file) => ['--require', file])];
  const child = spawn(process.execPath, [...args, path.join(ROOT, 'src/index.ts')], {
    cwd: fs.mkdtempSync(path.join(os.tmpdir(), 'esd-cwd-')),
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  return Object.assign(child, { output: () => ({ stdout, stderr }) });
}

/** The URL from the process's `esd-bot listening` line, once it is written (up to 30 s). */
export async function listeningUrl(child: ServingProcess): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const line = child.output().stdout.split('\n').find((l) => l.includes('esd-bot listening'));
    if (line) return (JSON.parse(line) as { url: string }).url;
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`did not start: ${child.output().stderr}`);
}
