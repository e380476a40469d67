/**
 * `npm run playground`: the bot as `npm start` runs it (embedded store, demo data, local mode) plus the Teams chat UI
 * of Microsoft 365 Agents Playground, where you chat with it as the demo FM Alice. Ctrl-C stops both.
 * PORT sets the bot's port (3978), PLAYGROUND_PORT the UI's (56150).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { DEMO_PEOPLE } from '../src/services/demo-data';
import {
  DEFAULT_PLAYGROUND_PORT, playgroundLog, startPlayground, stopChild, waitForHttp, writePlaygroundConfig,
  type RunningPlayground,
} from './playground-lib';

const ROOT = path.resolve(__dirname, '..');
const CURRENT_USER = 'Alice Fm';
/** Gitignored; the playground writes its log to devTools/ here. */
const PLAYGROUND_DIR = path.join(ROOT, '.data', 'playground');
const START_TIMEOUT_MS = 60_000;

/** Starts src/index.ts the way `npm start` serves it, echoing its log, and resolves with its URL once it is healthy. */
async function startBot(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(ROOT, 'src', 'index.ts')], {
    cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let url: string | undefined;
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      // The listening line carries the real URL (PORT may be 0 or come from .env).
      if (!url && line.includes('esd-bot listening')) url = (JSON.parse(line) as { url: string }).url;
    }
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!url) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the bot exited (${child.exitCode ?? child.signalCode})`);
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`the bot did not start within ${START_TIMEOUT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await waitForHttp(`${url}/healthz`, START_TIMEOUT_MS, () => child.exitCode === null && child.signalCode === null);
  return { child, url };
}

async function main(): Promise<void> {
  const bot = await startBot();
  writePlaygroundConfig(PLAYGROUND_DIR, DEMO_PEOPLE, CURRENT_USER);
  let playground: RunningPlayground;
  try {
    playground = await startPlayground({
      botEndpoint: `${bot.url}/api/messages`,
      cwd: PLAYGROUND_DIR,
      port: Number(process.env.PLAYGROUND_PORT ?? DEFAULT_PLAYGROUND_PORT),
      timeoutMs: START_TIMEOUT_MS,
    });
  } catch (error) {
    await stopChild(bot.child);
    throw error;
  }
  process.stdout.write(`\nTeams client (Microsoft 365 Agents Playground): open ${playground.url}\n`
    + `  chatting as ${CURRENT_USER}; try "help" or "upcoming". Ctrl-C stops the bot and the playground.\n\n`);

  let stopping = false;
  const stop = async (code: number): Promise<never> => {
    stopping = true;
    await Promise.all([playground.stop(), stopChild(bot.child)]);
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));
  const onUnexpectedExit = (name: string, detail: () => string) => (): void => {
    // Ctrl-C reaches the children too (same process group): give our own signal handler the first word.
    setTimeout(() => {
      if (stopping) return;
      process.stderr.write(`${name} exited unexpectedly${detail()}\n`);
      void stop(1);
    }, 200);
  };
  bot.child.once('exit', onUnexpectedExit('the bot', () => ''));
  playground.child.once('exit', onUnexpectedExit('the playground', () => `; its log:\n${playgroundLog(PLAYGROUND_DIR)}`));
}

main().catch((error: unknown) => {
  process.stderr.write(`playground failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
