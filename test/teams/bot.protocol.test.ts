/**
 * The FM's side through the real stack: restify + CloudAdapter + bot on 127.0.0.1:0 over a real SQLite file, with a
 * recording Bot Connector as `serviceUrl`. Invokes come back in the HTTP response; replies, proactive messages and
 * in-place updates arrive at the recorder.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Customer, Person } from '../../src/domain/types';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { postJson, teamsInstall, teamsInvoke, teamsMessage, teamsSubmit, teamsUser, type TeamsUser } from '../common/activities';
import { startTestApp } from '../common/app';
import {
  actors, assertDateChangesMatchNotes, customerFixture, NOW, onDay, partnerAssignee, personFixture, tenantId,
} from '../common/fixtures';
import { startRecordingConnector, type RecordedRequest, type RecordingConnector } from '../common/recording-connector';

const FM = teamsUser(actors.fm.aadObjectId, actors.fm.name);
const FM2 = teamsUser(actors.fm2.aadObjectId, actors.fm2.name);
const PARTNER = teamsUser('aad-partner-1', 'Pat Partner');
const STRANGER = teamsUser('aad-stranger', 'Sam Stranger');
const TENANT = tenantId(1);

interface CardJson {
  type: string;
  body: CardElement[];
  actions?: CardElement[];
}
interface CardElement {
  type: string;
  title?: string;
  verb?: string;
  text?: string;
  inlines?: { text: string }[];
  card?: CardJson;
  facts?: { title: string; value: string }[];
  items?: CardElement[];
  columns?: { items: CardElement[] }[];
  data?: Record<string, unknown>;
}
interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: CardJson & { code?: string; message?: string };
}

/** All the text a card shows, in order (TextBlocks and TextRuns, nested containers included). */
function cardText(card: CardJson): string {
  const walk = (elements: CardElement[] = []): string[] => elements.flatMap((e) => [
    ...(e.text ? [e.text] : []), ...(e.inlines ?? []).map((i) => i.text), ...(e.facts ?? []).map((f) => `${f.title}: ${f.value}`),
    ...walk(e.items),
    ...(e.columns ?? []).flatMap((c) => walk(c.items)),
  ]);
  return walk(card.body).join(' | ');
}

function actionTitles(card: CardJson): string[] {
  return (card.actions ?? []).map((a) => a.title ?? '');
}

function cardOf(request: RecordedRequest): CardJson {
  const attachments = request.body.attachments as { content: CardJson }[] | undefined;
  assert.ok(attachments?.[0], `no card in ${request.method} ${request.path}`);
  return attachments[0].content;
}

/** The data an action of the card carries, as Teams would send it back. */
function actionData(card: CardJson): Record<string, unknown> {
  const confirm = (card.actions ?? []).find((a) => a.verb === 'confirmStart')
    ?? (card.actions ?? []).flatMap((a) => a.card?.actions ?? []).find((a) => a.data);
  assert.ok(confirm?.data, 'the card has an action with data');
  const { verb: _verb, ...data } = confirm.data;
  return data;
}

describe('Teams protocol: the FM acts on ESD cards (real server, recording connector)', () => {
  let dir: string;
  let store: SqliteStore;
  let connector: RecordingConnector;
  let app: Awaited<ReturnType<typeof startTestApp>>;

  async function invoke(
    from: TeamsUser, verb: string, data: Record<string, unknown>, options: { id?: string; replyToId?: string } = {},
  ): Promise<InvokeAnswer> {
    const res = await postJson(`${app.url}/api/messages`, teamsInvoke(connector.serviceUrl, from, verb, data, options));
    const answer = (await res.json()) as InvokeAnswer;
    assert.equal(res.status, answer.statusCode, 'the HTTP status is the invoke response\'s statusCode');
    return answer;
  }

  async function say(from: TeamsUser, text: string, timeZone?: string): Promise<void> {
    const res = await postJson(`${app.url}/api/messages`, teamsMessage(connector.serviceUrl, text, from, timeZone));
    assert.equal(res.status, 200);
  }

  async function stored(): Promise<Customer> {
    const current = await store.getCustomer(TENANT);
    assert.ok(current);
    return current.value;
  }

  function key(revision = 1, workload = 'ExchangeOnline'): Record<string, unknown> {
    return { tenantId: TENANT, workload, revision };
  }

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esd-bot-'));
    store = SqliteStore.open({ file: path.join(dir, 'esd.sqlite') });
    const people: Person[] = [
      personFixture(actors.fm, { timeZone: 'Europe/London' }), personFixture(actors.fm2),
      personFixture({ aadObjectId: PARTNER.aadObjectId, name: PARTNER.name, role: 'partner' }, { partnerId: 'partner-contoso-services' }),
      personFixture(actors.gateway),
    ];
    for (const person of people) await store.putPerson(person);
    await store.createCustomer(customerFixture({
      n: 1, name: 'Contoso Ltd', workloads: [onDay('ExchangeOnline', '2026-11-24'), onDay('Teams', '2026-12-01')],
    }));
    await store.createCustomer(customerFixture({ n: 2, name: 'Fabrikam', assignee: partnerAssignee(), workloads: [onDay('OneDrive', '2026-11-30')] }));
    connector = await startRecordingConnector();
    app = await startTestApp(store, { now: () => NOW });
  });

  afterEach(async () => {
    await app.stop();
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('install: the conversation reference and time zone are kept (so cards can reach the FM later) and help is sent', async () => {
    const res = await postJson(`${app.url}/api/messages`, teamsInstall(connector.serviceUrl, FM, 'add', 'Asia/Tokyo'));
    assert.equal(res.status, 200);
    const [help] = await connector.waitFor(1);
    assert.match(cardText(cardOf(help!)), /FastTrack Engagement Start Date/);
    const person = (await store.getPerson(FM.aadObjectId))?.value;
    assert.equal(person?.timeZone, 'Asia/Tokyo');
    assert.equal(person?.role, 'fm', 'the directory role is kept');
    assert.equal((person?.conversation?.conversation as { id: string }).id, `a:personal-${FM.id}`);
    assert.equal(person?.conversation?.serviceUrl, connector.serviceUrl);
  });

  it('uninstall marks the person unreachable; their next message makes them reachable again', async () => {
    await postJson(`${app.url}/api/messages`, teamsInstall(connector.serviceUrl, FM, 'remove'));
    assert.equal((await store.getPerson(FM.aadObjectId))?.value.reachable, false);
    await say(FM, 'help');
    assert.equal((await store.getPerson(FM.aadObjectId))?.value.reachable, true);
  });

  it('someone unknown to the directory is remembered without a role and told so', async () => {
    await say(STRANGER, 'upcoming');
    const [reply] = await connector.waitFor(1);
    assert.match(String(reply?.body.text), /not in the FastTrack directory/);
    const person = (await store.getPerson(STRANGER.aadObjectId))?.value;
    assert.equal(person?.role, null);
  });

  it('unknown text gets the help card, never silence', async () => {
    await say(FM, 'what can you do?');
    const [reply] = await connector.waitFor(1);
    assert.match(cardText(cardOf(reply!)), /upcoming/);
  });

  it('`customer <name>` shows the workloads, dates and notes; a partner sees only its own customers (R9)', async () => {
    await say(FM, 'customer contoso');
    const [reply] = await connector.waitFor(1);
    const text = cardText(cardOf(reply!));
    assert.match(text, /Contoso Ltd/);
    assert.match(text, /Exchange Online.*Tue, 24 Nov 2026/);
    await say(PARTNER, 'customer contoso');
    const [, partnerReply] = await connector.waitFor(2);
    assert.match(String(partnerReply?.body.text), /No customer matches/);
  });

  it('confirmStart: started today in the FM\'s time zone (R3), answered with the refreshed card', async () => {
    const answer = await invoke(FM, 'confirmStart', key());
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(answer.value), /Recorded: communication with the customer started on Tue, 24 Nov 2026/);
    assert.deepEqual(actionTitles(answer.value), ['Deployment finished']);
    const w = (await stored()).workloads[0]!;
    assert.equal(w.state, 'started');
    assert.equal(w.startedOn, '2026-11-24');
  });

  it('reschedule: the date and its reason in one write (R6), history keeps who and from what (R10)', async () => {
    const answer = await invoke(FM, 'reschedule', { ...key(), newDate: '2026-12-08', reason: 'Customer asked to move the first call.' });
    assert.match(cardText(answer.value), /Rescheduled to Tue, 8 Dec 2026/);
    const customer = await stored();
    const w = customer.workloads[0]!;
    assert.equal(w.engagementStartDate, '2026-12-08');
    assert.deepEqual(w.history.at(-1), {
      at: NOW.toISOString(), by: { aadObjectId: FM.aadObjectId, name: actors.fm.name, role: 'fm' },
      from: '2026-11-24', to: '2026-12-08', precision: 'day', reason: 'Customer asked to move the first call.', source: 'card',
    });
    assert.equal(customer.statusNotes.at(-1)?.kind, 'dateChanged');
    assertDateChangesMatchNotes(customer);
  });

  it('reschedule to a month only stores its 1st with precision month (R7)', async () => {
    const answer = await invoke(FM, 'reschedule', { ...key(), newMonth: '2027-02', reason: 'Next wave after the pilot.' });
    assert.match(cardText(answer.value), /Rescheduled: now expected in February 2027\./);
    const w = (await stored()).workloads[0]!;
    assert.deepEqual([w.engagementStartDate, w.datePrecision], ['2027-02-01', 'month']);
  });

  it('noResponse keeps the date and asks again the next working day; customerInactive stops the reminders (R5)', async () => {
    const first = await invoke(FM, 'noResponse', { ...key(), note: 'Called twice, no answer.' });
    assert.match(cardText(first.value), /you will be asked again on Wed, 25 Nov 2026/);
    let w = (await stored()).workloads[0]!;
    assert.deepEqual([w.engagementStartDate, w.state, w.followUpOn], ['2026-11-24', 'awaitingCustomer', '2026-11-25']);
    await invoke(FM, 'customerInactive', { ...key(2), note: 'No answer for three weeks.' });
    w = (await stored()).workloads[0]!;
    assert.deepEqual([w.engagementStartDate, w.state], ['2026-11-24', 'inactive']);
    const due = await store.listRemindersDue({ dueOnOrBefore: '2027-12-31' });
    assert.ok(!due.items.some((r) => r.tenantId === TENANT && r.workload === 'ExchangeOnline'));
  });

  it('complete: a started deployment is completed today (P3)', async () => {
    await invoke(FM, 'confirmStart', key());
    const answer = await invoke(FM, 'complete', key(2));
    assert.match(cardText(answer.value), /deployment completed on Tue, 24 Nov 2026/);
    assert.equal((await stored()).workloads[0]?.completedOn, '2026-11-24');
  });

  it('a missing reason or a date that is not real comes back on the same card with the error next to the input; nothing stored', async () => {
    const before = await store.getCustomer(TENANT);
    const answer = await invoke(FM, 'reschedule', { ...key(), newDate: '2026-02-30' });
    const text = cardText(answer.value);
    assert.match(text, /Nothing was saved/);
    const reschedule = answer.value.actions?.find((a) => a.title === 'Reschedule')?.card;
    const inputs = (reschedule?.body ?? []).map((e) => `${e.type}:${e.text ?? ''}`);
    const dateError = inputs.findIndex((e) => e.startsWith('TextBlock:engagementStartDate must be a real date'));
    assert.equal(inputs[dateError - 1], 'Input.Date:', 'the date error sits right under the date input');
    assert.ok(inputs.some((e) => /A reason is required/.test(e)));
    assert.deepEqual(await store.getCustomer(TENANT), before);
  });

  it('a stale card changes nothing and answers the current card, saying what changed and who changed it', async () => {
    await invoke(FM, 'reschedule', { ...key(), newDate: '2026-12-08', reason: 'Moved by the customer.' });
    const before = await store.getCustomer(TENANT);
    const answer = await invoke(FM, 'confirmStart', key(1));
    assert.match(cardText(answer.value), /out of date, so nothing was changed.*Farah Manager \(FM\) recorded "Date changed" on 24 Nov 2026: Moved by the customer/);
    assert.deepEqual(await store.getCustomer(TENANT), before);
  });

  it('a change to another workload does not make the card stale', async () => {
    await invoke(FM, 'noResponse', { ...key(1, 'Teams'), note: 'Out of office.' });
    const answer = await invoke(FM, 'confirmStart', key(1));
    assert.match(cardText(answer.value), /Recorded: communication with the customer started/);
  });

  it('the same invoke delivered twice (Teams re-sends after 15 s) stores one change and one note', async () => {
    const data = { ...key(), newDate: '2026-12-08', reason: 'Customer asked.' };
    const first = await invoke(FM, 'reschedule', data, { id: 'invoke-1' });
    const again = await invoke(FM, 'reschedule', data, { id: 'invoke-1' });
    assert.match(cardText(first.value), /Rescheduled/);
    assert.match(cardText(again.value), /Already recorded/);
    const customer = await stored();
    assert.equal(customer.statusNotes.filter((n) => n.kind === 'dateChanged').length, 1);
    assert.equal(customer.workloads[0]?.history.length, 2);
  });

  it('a double click (two invokes, same card) stores one change and one note', async () => {
    const data = { ...key(), note: 'Voicemail left.' };
    const answers = await Promise.all([invoke(FM, 'noResponse', data), invoke(FM, 'noResponse', data)]);
    assert.deepEqual(answers.map((a) => /Noted|Already recorded/.test(cardText(a.value))), [true, true]);
    assert.equal((await stored()).statusNotes.filter((n) => n.kind === 'noResponse').length, 1);
  });

  it('the race: two devices reschedule one workload at once: one change, one conflict answer, nothing lost', async () => {
    const [a, b] = await Promise.all([
      invoke(FM, 'reschedule', { ...key(), newDate: '2026-12-08', reason: 'From the laptop.' }),
      invoke(FM, 'reschedule', { ...key(), newDate: '2026-12-15', reason: 'From the phone.' }),
    ]);
    const texts = [cardText(a.value), cardText(b.value)];
    assert.equal(texts.filter((t) => /Rescheduled to/.test(t)).length, 1, texts.join('\n'));
    assert.equal(texts.filter((t) => /out of date, so nothing was changed/.test(t)).length, 1, texts.join('\n'));
    const customer = await stored();
    assert.equal(customer.statusNotes.filter((n) => n.kind === 'dateChanged').length, 1);
    assertDateChangesMatchNotes(customer);
  });

  it('a partner (R9), another FM and someone unknown get a read-only card saying why; nothing stored', async () => {
    const before = await store.getCustomer(TENANT);
    for (const [who, why] of [
      [PARTNER, /Partners are not asked to update/], [FM2, /Only the FM assigned/], [STRANGER, /not in the FastTrack directory/],
    ] as const) {
      const answer = await invoke(who, 'confirmStart', key());
      assert.match(cardText(answer.value), why);
      assert.deepEqual(actionTitles(answer.value), [], 'read-only: no actions');
    }
    assert.deepEqual(await store.getCustomer(TENANT), before);
  });

  it('malformed action data gets a 400 error answer; an unknown customer a 404', async () => {
    const bad = await invoke(FM, 'confirmStart', { workload: 'ExchangeOnline' });
    assert.deepEqual([bad.statusCode, bad.type, bad.value.code], [400, 'application/vnd.microsoft.error', 'BadRequest']);
    const gone = await invoke(FM, 'confirmStart', { ...key(), tenantId: tenantId(99) });
    assert.deepEqual([gone.statusCode, gone.value.code], [404, 'NotFound']);
  });

  /** The FM installs the bot and the sweep sends today's reminder: a card of ExchangeOnline in the chat, recorded. */
  async function reminderInChat(): Promise<RecordedRequest> {
    await postJson(`${app.url}/api/messages`, teamsInstall(connector.serviceUrl, FM, 'add', 'Europe/London'));
    await connector.waitFor(1); // the help card
    assert.equal((await app.runReminders(NOW)).sent, 1);
    const [, reminder] = await connector.waitFor(2);
    connector.requests.length = 0;
    assert.ok(reminder);
    return reminder;
  }

  it('after a change, the older card of that workload is updated in place (updateActivity)', async () => {
    const olderCard = cardOf(await reminderInChat());
    const [older] = await store.listSentCardsForWorkload(TENANT, 'ExchangeOnline');
    assert.ok(older?.activityId);
    // The FM acts on another card of the same workload (e.g. one opened from `upcoming`, activity "list-card").
    await invoke(FM, 'reschedule', { ...actionData(olderCard), newDate: '2026-12-08', reason: 'Customer asked.' }, { replyToId: 'list-card' });
    await app.idle();
    const updates = connector.requests.filter((r) => r.method === 'PUT');
    assert.equal(updates.length, 1);
    assert.equal(updates[0]?.path, `/v3/conversations/${encodeURIComponent(`a:personal-${FM.id}`)}/activities/${older.activityId}`);
    assert.match(cardText(cardOf(updates[0])), /Tue, 8 Dec 2026/);
  });

  it('the card answered by the invoke is not updated again, and other workloads\' cards are left alone', async () => {
    await reminderInChat();
    const [shown] = await store.listSentCardsForWorkload(TENANT, 'ExchangeOnline');
    await invoke(FM, 'confirmStart', key(), { replyToId: shown!.activityId! });
    await app.idle();
    assert.equal(connector.requests.filter((r) => r.method === 'PUT').length, 0);
  });

  it('the Action.Submit fallback (a message with the action data) applies the action and redraws its card', async () => {
    const res = await postJson(`${app.url}/api/messages`, teamsSubmit(connector.serviceUrl, FM,
      { verb: 'reschedule', ...key(), newDate: '2026-12-09', reason: 'Fallback client.' }, 'card-message-1'));
    assert.equal(res.status, 200);
    const [update] = await connector.waitFor(1);
    assert.equal(update?.method, 'PUT');
    assert.match(String(update?.path), /\/activities\/card-message-1$/);
    assert.match(cardText(cardOf(update)), /Rescheduled to Wed, 9 Dec 2026/);
    assert.equal((await stored()).workloads[0]?.engagementStartDate, '2026-12-09');
  });

  it('the Action.Submit fallback says why when there is no card: malformed data, a refresh, an unknown customer', async () => {
    const before = await store.getCustomer(TENANT);
    for (const [data, text] of [
      [{ verb: 'confirmStart', workload: 'ExchangeOnline' }, /does not say which customer and workload/],
      [{ verb: 'refresh', ...key() }, /^Nothing to do\.$/],
      [{ verb: 'confirmStart', ...key(), tenantId: tenantId(99) }, /There is no customer/],
    ] as const) {
      connector.requests.length = 0;
      await postJson(`${app.url}/api/messages`, teamsSubmit(connector.serviceUrl, FM, data, 'card-message-1'));
      const [reply] = await connector.waitFor(1);
      assert.equal(reply?.method, 'POST', 'a reply, not an update of the card');
      assert.match(String(reply?.body.text), text);
    }
    assert.deepEqual(await store.getCustomer(TENANT), before);
  });
});
