/**
 * Plays a Teams user against the real app for protocol tests: messages, Action.Execute invokes (answered in the
 * HTTP response) and Action.Submit fallbacks; what the bot sends on its own arrives at the recording connector.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Person } from '../../src/domain/types';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { AdaptiveCard } from '../../src/teams/cards/render';
import { postJson, teamsInstall, teamsInvoke, teamsMessage, teamsSubmit, type TeamsUser } from '../common/activities';
import { startTestApp } from '../common/app';
import { NOW } from '../common/fixtures';
import { startRecordingConnector, type RecordedRequest, type RecordingConnector } from '../common/recording-connector';

export interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: AdaptiveCard & { code?: string; message?: string };
}

class TeamsClient {
  constructor(private readonly appUrl: string, private readonly connector: RecordingConnector) {}

  private async post(activity: unknown): Promise<Response> {
    const res = await postJson(`${this.appUrl}/api/messages`, activity);
    assert.ok(res.status < 500, `the bot answered ${res.status}`);
    return res;
  }

  async say(from: TeamsUser, text: string): Promise<void> {
    await this.post(teamsMessage(this.connector.serviceUrl, text, from));
  }

  /** Says `text` as `from` and gives the bot's reply (a card or a message). */
  async ask(from: TeamsUser, text: string): Promise<RecordedRequest> {
    const before = this.connector.requests.length;
    await this.say(from, text);
    const reply = (await this.connector.waitFor(before + 1))[before];
    assert.ok(reply, `a reply to "${text}"`);
    return reply;
  }

  /** Installs the bot for `from` (the bot keeps their conversation) and forgets the welcome help it sends. */
  async install(from: TeamsUser): Promise<void> {
    const before = this.connector.requests.length;
    await this.post(teamsInstall(this.connector.serviceUrl, from, 'add'));
    await this.connector.waitFor(before + 1);
    this.connector.requests.splice(before);
  }

  async invoke(
    from: TeamsUser, verb: string, data: Record<string, unknown>, options: { id?: string; replyToId?: string } = {},
  ): Promise<InvokeAnswer> {
    const res = await this.post(teamsInvoke(this.connector.serviceUrl, from, verb, data, options));
    const answer = (await res.json()) as InvokeAnswer;
    assert.equal(res.status, answer.statusCode, 'the HTTP status is the invoke response\'s statusCode');
    return answer;
  }

  async submit(from: TeamsUser, data: Record<string, unknown>, replyToId: string): Promise<void> {
    await this.post(teamsSubmit(this.connector.serviceUrl, from, data, replyToId));
  }
}

/** The card a recorded request carries. */
export function cardOf(request: RecordedRequest | undefined): AdaptiveCard {
  const attachments = request?.body.attachments as { content: AdaptiveCard }[] | undefined;
  assert.ok(attachments?.[0], `no card in ${request?.method} ${request?.path}`);
  return attachments[0].content;
}

/** The real app over a fresh SQLite file holding `people`, on the fixtures' clock, with a recording connector. */
export interface ProtocolEnv {
  store: SqliteStore;
  connector: RecordingConnector;
  app: Awaited<ReturnType<typeof startTestApp>>;
  teams: TeamsClient;
  /** Stops the app and the connector and removes the store. */
  stop(): Promise<void>;
}

/** `now` moves the app's clock (default: the fixtures' NOW). */
export async function startProtocolEnv(people: Person[], now: Date = NOW): Promise<ProtocolEnv> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-protocol-'));
  const store = SqliteStore.open({ file: path.join(dir, 'esd.sqlite') });
  for (const person of people) await store.putPerson(person);
  const connector = await startRecordingConnector();
  const app = await startTestApp(store, { now: () => now });
  return {
    store, connector, app, teams: new TeamsClient(app.url, connector),
    async stop() {
      await app.stop();
      await connector.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
